// The realtime server: the standard y-websocket protocol (sync + awareness), so a stock
// `y-websocket` client works unchanged. The room is the URL path; the signed room token comes as
// `?token=` and is checked on upgrade, before any message; `?acks=1` opts in to saved messages.
// Documents live in PostgreSQL (see room.ts for when an edit is shown, saved and acknowledged).
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { type RoomClaims, verifyRoomToken } from '@roguelearn/db/room-token';
import { createOpsServer, createRegistry, type Logger, promClient } from '@roguelearn/service';
import { type WebSocket, WebSocketServer } from 'ws';
import { DEFAULT_LIMITS, type Limits, TokenBucket } from './limits';
import type { Persistence } from './persistence';
import { CLOSE, MSG_AWARENESS, MSG_RELAY, MSG_SYNC, SYNC_STEP1, SYNC_STEP2, SYNC_UPDATE } from './protocol';
import { BadMessageError, type Conn, Room, type RoomHost } from './room';

export { CLOSE } from './protocol';

export interface RealtimeOptions {
  secret: Uint8Array;
  log: Logger;
  persistence: Persistence;
  limits?: Partial<Limits>;
  /**
   * Kinds whose update log survives compaction. Replay reads the log, so pair sessions keep it
   * (loading still starts from the snapshot); other documents keep only the snapshot.
   */
  keepLog?: (kind: string) => boolean;
}

export interface RealtimeServer {
  server: http.Server;
  /** Flushes every room (commit pending updates, snapshot), then closes every connection. */
  close(): Promise<void>;
  stats(): { rooms: number; connections: number; loading: number; unpersisted: number };
}

interface ServerConn extends Conn {
  ws: WebSocket;
  room: Room | null;
  inbox: [Uint8Array, number][];
  bucket: TokenBucket;
  bytes: TokenBucket;
  alive: boolean;
  closed: boolean;
}

class RoomsFullError extends Error {}

function messageKind(data: Uint8Array): string {
  if (data[0] === MSG_SYNC) {
    if (data[1] === SYNC_STEP1) return 'sync_step1';
    if (data[1] === SYNC_STEP2) return 'sync_step2';
    if (data[1] === SYNC_UPDATE) return 'sync_update';
  }
  if (data[0] === MSG_RELAY) return 'relay';
  return data[0] === MSG_AWARENESS ? 'awareness' : 'other';
}

export function createRealtimeServer(opts: RealtimeOptions): RealtimeServer {
  const limits: Limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const { log } = opts;
  const keepLog = opts.keepLog ?? ((kind: string) => kind === 'PAIR_SESSION');
  const rooms = new Map<string, Room>();
  const loading = new Map<string, Promise<Room>>();
  const evicting = new Map<string, Promise<void>>();
  const conns = new Set<ServerConn>();
  let closing = false;

  // ── metrics ──
  const registry = createRegistry('realtime');
  const connectionsGauge = new promClient.Gauge({
    name: 'realtime_connections',
    help: 'Open WebSocket connections',
    registers: [registry],
  });
  new promClient.Gauge({
    name: 'realtime_rooms',
    help: 'Rooms held in memory',
    registers: [registry],
    collect() {
      this.set(rooms.size);
    },
  });
  new promClient.Gauge({
    name: 'realtime_unpersisted_updates',
    help: 'Updates applied but not yet committed to the log (not yet acknowledged to their authors)',
    registers: [registry],
    collect() {
      let n = 0;
      for (const r of rooms.values()) n += r.unpersisted;
      this.set(n);
    },
  });
  // Counted in plain numbers and handed to prom-client when scraped: a labelled inc() on every
  // message was a visible share of the server's CPU per edit.
  const messagesIn = new Map<string, number>();
  let messagesOut = 0;
  const reported = new Map<string, number>();
  new promClient.Counter({
    name: 'realtime_messages_total',
    help: 'WebSocket messages received (in) and sent (out)',
    labelNames: ['direction', 'type'],
    registers: [registry],
    collect() {
      const report = (direction: string, type: string, total: number) => {
        const key = `${direction} ${type}`;
        const delta = total - (reported.get(key) ?? 0);
        reported.set(key, total);
        this.inc({ direction, type }, delta);
      };
      for (const [type, n] of messagesIn) report('in', type, n);
      report('out', 'any', messagesOut);
    },
  });
  const refused = new promClient.Counter({
    name: 'realtime_refused_total',
    help: 'Connections refused or closed, and messages dropped, by reason',
    labelNames: ['reason'],
    registers: [registry],
  });
  const lag = new promClient.Histogram({
    name: 'realtime_persistence_lag_seconds',
    help: 'From receiving an update to its commit in the update log',
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const roomLoad = new promClient.Histogram({
    name: 'realtime_room_load_seconds',
    help: 'Loading a room document from PostgreSQL',
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
    registers: [registry],
  });
  const evictions = new promClient.Counter({
    name: 'realtime_room_evictions_total',
    help: 'Rooms flushed and dropped from memory',
    registers: [registry],
  });

  const stats = () => {
    let unpersisted = 0;
    for (const r of rooms.values()) unpersisted += r.unpersisted;
    return { rooms: rooms.size, connections: conns.size, loading: loading.size, unpersisted };
  };

  const server = createOpsServer({ registry, log, health: stats });
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes });

  // ── connections ──
  function close(conn: ServerConn, code: number, reason: string) {
    if (conn.closed) return;
    conn.closed = true;
    conn.room?.leave(conn);
    conn.ws.close(code, reason);
  }

  const host: RoomHost = {
    persistence: opts.persistence,
    log,
    send(c, message) {
      const conn = c as ServerConn;
      if (conn.closed || conn.ws.readyState !== conn.ws.OPEN) return;
      if (conn.ws.bufferedAmount > limits.maxBufferedBytes) {
        refused.inc({ reason: 'slow_consumer' });
        close(conn, CLOSE.slowConsumer, 'reading too slowly');
        return;
      }
      conn.ws.send(message);
      messagesOut++;
    },
    fail(room, err) {
      log.error('room storage failed; closing its connections', { room: room.name, err });
      for (const c of [...room.conns.keys()]) {
        refused.inc({ reason: 'storage' });
        close(c as ServerConn, CLOSE.storageUnavailable, 'storage unavailable');
      }
      if (rooms.get(room.name) === room) rooms.delete(room.name);
      room.destroy();
    },
    observeLag: (s) => lag.observe(s),
    countDropped: (reason) => refused.inc({ reason }),
    ackIntervalMs: limits.ackIntervalMs,
    compaction: {
      debounceMs: limits.compactDebounceMs,
      maxWaitMs: limits.compactMaxWaitMs,
      everyUpdates: limits.compactEveryUpdates,
      keepLog,
    },
  };

  // ── rooms ──
  function evict(room: Room): Promise<void> {
    const existing = evicting.get(room.name);
    if (existing) return existing;
    room.frozen = true;
    const p = room
      .flush()
      .catch((err) => log.warn('flush before eviction failed; the update log still has every edit', { err }))
      .then(() => {
        if (rooms.get(room.name) === room) rooms.delete(room.name);
        room.destroy();
        evictions.inc();
        log.debug('evicted room', { room: room.name });
      })
      .finally(() => evicting.delete(room.name));
    evicting.set(room.name, p);
    return p;
  }

  async function acquire(name: string): Promise<Room> {
    for (;;) {
      const ev = evicting.get(name);
      if (ev) {
        await ev;
        continue;
      }
      const live = rooms.get(name);
      if (live) return live;
      const pending = loading.get(name);
      if (pending) return pending;
      if (rooms.size + loading.size >= limits.maxRooms) {
        let victim: Room | null = null;
        for (const r of rooms.values()) {
          if (r.conns.size === 0 && !evicting.has(r.name) && (!victim || r.lastActive < victim.lastActive)) victim = r;
        }
        if (!victim) {
          // Space is being made already: wait for it rather than refuse.
          if (evicting.size) await Promise.race(evicting.values());
          else throw new RoomsFullError();
        } else await evict(victim);
        continue;
      }
      const started = performance.now();
      const room = new Room(name, host);
      const p = room
        .load()
        .then(
          () => {
            rooms.set(name, room);
            roomLoad.observe((performance.now() - started) / 1000);
            return room;
          },
          (err) => {
            room.destroy();
            throw err;
          },
        )
        .finally(() => loading.delete(name));
      loading.set(name, p);
      return p;
    }
  }

  function dispatch(conn: ServerConn, data: Uint8Array, receivedAt: number) {
    if (conn.closed || !conn.room) return;
    conn.receivedAt = receivedAt;
    try {
      conn.room.handle(conn, data);
    } catch (err) {
      refused.inc({ reason: 'bad_message' });
      log.warn('closing a connection that sent a malformed message', {
        room: conn.room.name,
        userId: conn.userId,
        err: err instanceof BadMessageError ? err.message : err,
      });
      close(conn, CLOSE.badMessage, 'malformed message');
    }
  }

  function accept(ws: WebSocket, claims: RoomClaims, acks: boolean) {
    const conn: ServerConn = {
      userId: claims.userId,
      name: claims.name,
      readOnly: claims.permission !== 'write',
      writeUntil: claims.writeUntil ?? Number.POSITIVE_INFINITY,
      receivedAt: 0,
      deniedNotified: false,
      acks,
      acked: 0,
      ackMarks: [],
      ackBlocked: false,
      lastAckAt: Number.NEGATIVE_INFINITY,
      ackTimer: null,
      ws,
      room: null,
      inbox: [],
      bucket: new TokenBucket(limits.messagesPerSecond, limits.messageBurst),
      bytes: new TokenBucket(limits.bytesPerSecond, limits.byteBurst),
      alive: true,
      closed: false,
    };
    conns.add(conn);
    connectionsGauge.inc();
    ws.on('message', (raw: Buffer | ArrayBuffer | Buffer[]) => {
      if (conn.closed) return;
      const receivedAt = performance.now();
      const data = Array.isArray(raw)
        ? new Uint8Array(Buffer.concat(raw))
        : raw instanceof ArrayBuffer
          ? new Uint8Array(raw)
          : raw;
      if (!conn.bucket.take() || !conn.bytes.take(data.byteLength)) {
        refused.inc({ reason: 'rate' });
        close(conn, CLOSE.rateLimited, 'too many messages');
        return;
      }
      const kind = messageKind(data);
      messagesIn.set(kind, (messagesIn.get(kind) ?? 0) + 1);
      if (conn.room) dispatch(conn, data, receivedAt);
      else conn.inbox.push([data, receivedAt]);
    });
    ws.on('pong', () => {
      conn.alive = true;
    });
    ws.on('error', (err: Error & { code?: string }) => {
      if (err.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
        refused.inc({ reason: 'size' });
        log.warn('closing a connection that sent an oversized message', { room: claims.room, userId: claims.userId });
      } else {
        log.debug('connection error', { room: claims.room, err });
      }
      // `ws` closes the socket itself (1009 for an oversized message).
      conn.closed = true;
      conn.room?.leave(conn);
    });
    ws.on('close', () => {
      conn.closed = true;
      conns.delete(conn);
      connectionsGauge.dec();
      conn.room?.leave(conn);
    });

    void (async () => {
      let room: Room;
      try {
        // An eviction may start between acquiring a room and joining it: then acquire again.
        do room = await acquire(claims.room);
        while (room.frozen || room.failed || rooms.get(claims.room) !== room);
      } catch (err) {
        if (err instanceof RoomsFullError) {
          refused.inc({ reason: 'rooms_full' });
          close(conn, CLOSE.roomsFull, 'server full, try again later');
        } else {
          refused.inc({ reason: 'storage' });
          log.error('loading a room failed', { room: claims.room, err });
          close(conn, CLOSE.storageUnavailable, 'storage unavailable');
        }
        return;
      }
      if (conn.closed) return;
      if (closing) {
        close(conn, CLOSE.goingAway, 'server shutting down');
        return;
      }
      conn.room = room;
      room.join(conn);
      log.info('joined room', { room: room.name, userId: conn.userId, permission: claims.permission });
      for (const [data, at] of conn.inbox.splice(0)) dispatch(conn, data, at);
    })();
  }

  server.on('upgrade', async (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const room = decodeURIComponent(url.pathname.slice(1));
      const token = url.searchParams.get('token');
      const claims = room && token ? await verifyRoomToken(opts.secret, token, room) : null;
      wss.handleUpgrade(req, socket, head, (ws) => {
        // Refused after the handshake, not with an HTTP status: browsers only expose close codes.
        if (!claims) {
          refused.inc({ reason: 'token' });
          log.warn('refused connection', { room, reason: token ? 'invalid token' : 'missing token' });
          ws.close(CLOSE.unauthorized, 'invalid or missing room token');
          return;
        }
        if (closing) {
          refused.inc({ reason: 'shutting_down' });
          ws.close(CLOSE.goingAway, 'server shutting down');
          return;
        }
        accept(ws, claims, url.searchParams.get('acks') === '1');
      });
    } catch (err) {
      log.error('upgrade failed', { err });
      socket.destroy();
    }
  });

  // ── housekeeping ──
  const pinger = setInterval(() => {
    for (const conn of conns) {
      if (!conn.alive) {
        conn.closed = true;
        conn.room?.leave(conn);
        conn.ws.terminate();
        continue;
      }
      conn.alive = false;
      try {
        conn.ws.ping();
      } catch {}
    }
  }, limits.pingIntervalMs);
  pinger.unref();
  const sweeper = setInterval(() => {
    const idleBefore = Date.now() - limits.idleRoomMs;
    for (const room of rooms.values()) {
      if (room.conns.size === 0 && room.lastActive < idleBefore) void evict(room);
    }
  }, limits.sweepIntervalMs);
  sweeper.unref();

  return {
    server,
    stats,
    async close() {
      if (closing) return;
      closing = true;
      clearInterval(pinger);
      clearInterval(sweeper);
      await Promise.allSettled([...loading.values()]);
      await Promise.allSettled([...evicting.values()]);
      // Freeze first: edits arriving from now on stay unacknowledged and are re-sent by their
      // authors to the next server; everything already applied is committed and snapshotted.
      for (const room of rooms.values()) room.frozen = true;
      const results = await Promise.allSettled([...rooms.values()].map((r) => r.flush()));
      const failed = results.filter((r) => r.status === 'rejected').length;
      log.info('flushed rooms', { rooms: rooms.size, failed });
      for (const conn of conns) close(conn, CLOSE.goingAway, 'server shutting down');
      for (const room of rooms.values()) room.destroy();
      rooms.clear();
      await new Promise<void>((resolve) => {
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections?.();
      });
    },
  };
}
