import http from 'node:http';
import client from 'prom-client';
import type { Logger } from './log';

export type HealthCheck = () => Promise<Record<string, unknown>> | Record<string, unknown>;
export type RouteHandler = (req: http.IncomingMessage, res: http.ServerResponse) => boolean | Promise<boolean>;

/**
 * A service's operational endpoints: `/health` (200 when every check passes, 503 otherwise)
 * and Prometheus `/metrics`. Extra routes run first and return true when they handled a request.
 */
export function createOpsServer(opts: {
  registry: client.Registry;
  health: HealthCheck;
  log: Logger;
  routes?: RouteHandler[];
}): http.Server {
  return http.createServer(async (req, res) => {
    try {
      for (const route of opts.routes ?? []) if (await route(req, res)) return;
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname === '/health') {
        let body: Record<string, unknown>;
        let ok = true;
        try {
          body = { status: 'ok', ...(await opts.health()) };
        } catch (err) {
          ok = false;
          body = { status: 'error', error: err instanceof Error ? err.message : String(err) };
        }
        res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
        return;
      }
      if (url.pathname === '/metrics') {
        res.writeHead(200, { 'content-type': opts.registry.contentType });
        res.end(await opts.registry.metrics());
        return;
      }
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'not found' }));
    } catch (err) {
      opts.log.error('request failed', { err, path: req.url });
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'internal error' }));
    }
  });
}

export function createRegistry(service: string): client.Registry {
  const registry = new client.Registry();
  registry.setDefaultLabels({ service });
  client.collectDefaultMetrics({ register: registry });
  return registry;
}

export function listen(server: http.Server, port: number, host = '0.0.0.0'): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as { port: number }).port));
  });
}
