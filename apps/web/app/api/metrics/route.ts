import { metrics } from '@/lib/server/metrics';

export async function GET() {
  return new Response(await metrics.registry.metrics(), {
    headers: { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' },
  });
}
