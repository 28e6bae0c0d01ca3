import { afterAll, describe, expect, it } from 'vitest';
import { createOpsServer, createRegistry, listen } from './http';
import { createLogger } from './log';

describe('ops server', () => {
  const lines: string[] = [];
  const log = createLogger('test', {}, (l) => lines.push(l));
  let healthy = true;
  const registry = createRegistry('test');
  const server = createOpsServer({
    registry,
    log,
    health: () => {
      if (!healthy) throw new Error('database unreachable');
      return { db: 'up' };
    },
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('reports health, failing with 503 when a check throws', async () => {
    const port = await listen(server, 0, '127.0.0.1');
    const ok = await fetch(`http://127.0.0.1:${port}/health`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: 'ok', db: 'up' });
    healthy = false;
    const bad = await fetch(`http://127.0.0.1:${port}/health`);
    expect(bad.status).toBe(503);
    expect(await bad.json()).toMatchObject({ status: 'error', error: 'database unreachable' });
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toContain('process_cpu_user_seconds_total{service="test"}');
  });

  it('writes one JSON object per log line with the service name', () => {
    log.child({ worker: 2 }).warn('slow job', { ms: 1200 });
    const entry = JSON.parse(lines.at(-1) ?? '{}');
    expect(entry).toMatchObject({ level: 'warn', service: 'test', worker: 2, msg: 'slow job', ms: 1200 });
  });
});
