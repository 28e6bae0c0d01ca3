/** Limits of the realtime server; every one can be set from the environment in main.ts. */
export interface Limits {
  /** Largest message accepted; a bigger one closes that connection with 1009. */
  maxMessageBytes: number;
  /** Sustained messages per second per connection (token bucket refill) … */
  messagesPerSecond: number;
  /** … and the burst on top (bucket size). Over it: close 4429. */
  messageBurst: number;
  /** The same for bytes: sustained bytes per second per connection, and the burst. */
  bytesPerSecond: number;
  byteBurst: number;
  /** Rooms held in memory; at the limit an idle room is evicted (flushed, then dropped) to make space. */
  maxRooms: number;
  /** A room without connections for this long is evicted. */
  idleRoomMs: number;
  sweepIntervalMs: number;
  /** A client whose unsent data exceeds this is closed (4504) instead of buffering without bound. */
  maxBufferedBytes: number;
  /** Ping every connection this often; one missing pong and it is terminated. */
  pingIntervalMs: number;
  /** Snapshot a room this long after its last edit … */
  compactDebounceMs: number;
  /** … or at the latest this long after the first edit since the last snapshot … */
  compactMaxWaitMs: number;
  /** … or after this many updates, whichever comes first. */
  compactEveryUpdates: number;
  /** Saved messages (acks) to one connection at most this often; each covers all before it. */
  ackIntervalMs: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxMessageBytes: 1024 * 1024,
  // Fast typing with cursor awareness is ~30 messages/s; a paste is one message.
  messagesPerSecond: 100,
  messageBurst: 500,
  bytesPerSecond: 1024 * 1024,
  byteBurst: 4 * 1024 * 1024,
  maxRooms: 5000,
  idleRoomMs: 60_000,
  sweepIntervalMs: 10_000,
  maxBufferedBytes: 16 * 1024 * 1024,
  pingIntervalMs: 30_000,
  compactDebounceMs: 2000,
  compactMaxWaitMs: 30_000,
  compactEveryUpdates: 500,
  ackIntervalMs: 100,
};

/** A token bucket: `take()` is false once the connection is over its rate. */
export class TokenBucket {
  private tokens: number;
  private last = performance.now();

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
  ) {
    this.tokens = burst;
  }

  take(n = 1): boolean {
    const now = performance.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < n) return false;
    this.tokens -= n;
    return true;
  }
}
