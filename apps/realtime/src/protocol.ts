// The y-websocket wire protocol (what a stock `y-websocket` client speaks), and our close codes.
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';

export const MSG_SYNC = 0;
export const MSG_AWARENESS = 1;
export const MSG_AUTH = 2;
export const MSG_QUERY_AWARENESS = 3;
/**
 * Ours, beside the standard types: a client sends `[100, varUint8Array payload]` and every other
 * connection in the room receives `[100, varString senderUserId, varUint8Array payload]`, the
 * sender's id taken from its token. For ephemeral room traffic that isn't document state (call
 * signalling, "new chat message" pings). A stock client ignores it unless it registers
 * `provider.messageHandlers[100]`; it sends one with `provider.ws.send(...)`.
 */
export const MSG_RELAY = 100;
/**
 * Ours: `[101, varUint count]` tells a connection that the first `count` document messages it sent
 * on this socket (sync step 2 replies and updates, in order) have committed to PostgreSQL: the
 * durability acknowledgement. Sent only to connections that asked for it with `?acks=1`, at most
 * once per commit.
 */
export const MSG_SAVED = 101;
export const SYNC_STEP1 = syncProtocol.messageYjsSyncStep1;
export const SYNC_STEP2 = syncProtocol.messageYjsSyncStep2;
export const SYNC_UPDATE = syncProtocol.messageYjsUpdate;

/**
 * Every close code the server sends, and what a client should do about it. The stock y-websocket
 * client treats 4400–4499 as permanent (it stops reconnecting and emits `closed`) and everything
 * else as transient (it reconnects with backoff).
 */
export const CLOSE = {
  /** Server shutting down (after flushing every room). Transient: reconnect. */
  goingAway: 1001,
  /** A message over `maxMessageBytes` (sent by `ws` itself). Only that connection is closed. */
  messageTooBig: 1009,
  /** Not the y-websocket protocol, or an update Yjs cannot apply. Permanent. */
  badMessage: 4400,
  /** Missing, expired, forged or other-room token; sent right after the upgrade, before any message. Permanent: fetch a new token. */
  unauthorized: 4401,
  /** Reserved: a valid token whose access was withdrawn. Permanent. */
  forbidden: 4403,
  /** Over the per-connection message or byte rate (token buckets). Permanent for the stock client: reconnect deliberately after a pause. */
  rateLimited: 4429,
  /** The room's document could not be loaded or its updates could not be saved. Transient: unsaved edits are re-sent on reconnect. */
  storageUnavailable: 4500,
  /** The server already holds `maxRooms` rooms and none is idle. Transient. */
  roomsFull: 4503,
  /** The client reads too slowly (send buffer over the limit). Transient. */
  slowConsumer: 4504,
} as const;
export type CloseCode = (typeof CLOSE)[keyof typeof CLOSE];

export function syncStep1Message(sv: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MSG_SYNC);
  encoding.writeVarUint(e, SYNC_STEP1);
  encoding.writeVarUint8Array(e, sv);
  return encoding.toUint8Array(e);
}

export function syncStep2Message(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MSG_SYNC);
  encoding.writeVarUint(e, SYNC_STEP2);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

export function updateMessage(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MSG_SYNC);
  syncProtocol.writeUpdate(e, update);
  return encoding.toUint8Array(e);
}

export function awarenessMessage(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MSG_AWARENESS);
  encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(e);
}

export function relayMessage(fromUserId: string, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MSG_RELAY);
  encoding.writeVarString(e, fromUserId);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

export function savedMessage(count: number): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MSG_SAVED);
  encoding.writeVarUint(e, count);
  return encoding.toUint8Array(e);
}

/** y-protocols/auth "permission denied": the stock client logs the reason once. */
export function permissionDeniedMessage(reason: string): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MSG_AUTH);
  encoding.writeVarUint(e, 0);
  encoding.writeVarString(e, reason);
  return encoding.toUint8Array(e);
}
