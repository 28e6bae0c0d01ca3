import { getDb } from '@/lib/server/db';
import { log } from '@/lib/server/log';

const TIMEOUT_MS = 3000;

/** 200 when the database answers `SELECT 1` in time, 503 otherwise: load balancers act on the status. */
export async function GET() {
  const headers = { 'cache-control': 'no-store' };
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`database did not answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
    });
    const db = await Promise.race([getDb(), timeout]);
    await Promise.race([db.$queryRaw`SELECT 1`, timeout]);
    return Response.json({ status: 'ok', db: 'up' }, { headers });
  } catch (err) {
    log.warn('health check failed', { err });
    return Response.json({ status: 'error', db: 'down' }, { status: 503, headers });
  } finally {
    clearTimeout(timer);
  }
}
