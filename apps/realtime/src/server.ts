import type http from 'node:http';
import { createOpsServer, createRegistry, type Logger, promClient } from '@roguelearn/service';
import { setupWSConnection } from '@y/websocket-server/utils';
import { WebSocketServer } from 'ws';
import { verifyRoomToken } from './token';

/** Close codes a client can act on (4000–4999 are application-defined). */
export const CLOSE = { unauthorized: 4401, forbidden: 4403 } as const;

export interface RealtimeOptions {
  secret: Uint8Array;
  log: Logger;
}

/**
 * The y-websocket server: standard sync + awareness protocol, so a stock `y-websocket` client
 * works unchanged. The room is the URL path; the token comes as `?token=`.
 */
export function createRealtimeServer(opts: RealtimeOptions): { server: http.Server; close(): Promise<void> } {
  const registry = createRegistry('realtime');
  const connections = new promClient.Gauge({
    name: 'realtime_connections',
    help: 'Open WebSocket connections',
    registers: [registry],
  });
  const refused = new promClient.Counter({
    name: 'realtime_refused_total',
    help: 'Upgrades refused',
    labelNames: ['reason'],
    registers: [registry],
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  const server = createOpsServer({
    registry,
    log: opts.log,
    health: () => ({ connections: wss.clients.size }),
  });

  server.on('upgrade', async (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const room = decodeURIComponent(url.pathname.slice(1));
    const token = url.searchParams.get('token');
    const claims = room && token ? await verifyRoomToken(opts.secret, token, room) : null;
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (!claims) {
        refused.inc({ reason: 'token' });
        opts.log.warn('refused connection', { room, reason: token ? 'invalid token' : 'missing token' });
        ws.close(CLOSE.unauthorized, 'invalid or missing room token');
        return;
      }
      connections.inc();
      ws.on('close', () => connections.dec());
      setupWSConnection(ws, req, { docName: room, gc: true });
      opts.log.info('joined room', { room, userId: claims.userId, permission: claims.permission });
    });
  });

  return {
    server,
    close: () =>
      new Promise<void>((resolve) => {
        for (const ws of wss.clients) ws.close(1001, 'server shutting down');
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections?.();
      }),
  };
}
