// One room: the shared Y.Doc, awareness, the connections, and the path every edit takes to
// PostgreSQL.
//
// Durability contract: an update is acknowledged when the server sends its author the saved
// message (MSG_SAVED, only to connections that opted in with `?acks=1`), and that happens only
// after the update has committed to CollabUpdate, so a crash or restart loses no acknowledged
// update. A write client's update is applied to the room's doc; Yjs's `update` event yields exactly
// what changed (nothing for duplicates, nothing yet for updates still waiting on missing
// dependencies). That effective update is broadcast to the other connections at once, for latency,
// and queued for the group commit (fsync-durable). So peers may see an edit before it is durable:
// if the process dies in between, the edit is still in the docs of its author and of every peer
// that saw it, and the stock client re-sends whatever the server lacks on reconnect (its reply to
// our sync step 1), so it comes back as soon as any of them reconnects. That is y-websocket with
// y-leveldb's guarantee, plus explicit acks. Snapshots are taken only at a moment when everything
// applied has committed, so a snapshot never holds an edit the log lacks.
import type { Logger } from '@roguelearn/service';
import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Persistence } from './persistence';
import {
  awarenessMessage,
  MSG_AUTH,
  MSG_AWARENESS,
  MSG_QUERY_AWARENESS,
  MSG_RELAY,
  MSG_SYNC,
  permissionDeniedMessage,
  relayMessage,
  SYNC_STEP1,
  SYNC_STEP2,
  SYNC_UPDATE,
  savedMessage,
  syncStep1Message,
  syncStep2Message,
  updateMessage,
} from './protocol';

/** A client connection as the room sees it. */
export interface Conn {
  readonly userId: string;
  readonly name: string;
  readonly readOnly: boolean;
  /** Edits after this time (epoch ms) are dropped as if read-only; Infinity when unlimited. */
  readonly writeUntil: number;
  /** performance.now() when the message being handled arrived (for the persistence-lag metric). */
  receivedAt: number;
  /** Told once that its edits are dropped. */
  deniedNotified: boolean;
  /** Opted in to saved messages (`?acks=1`); a stock client without a handler logs unknown types. */
  readonly acks: boolean;
  /** Document messages (sync step 2 and updates) of this connection that the last ack covered. */
  acked: number;
  /**
   * For each later document message, in order: the room's applied count once it was handled; it is
   * durable once that many updates have committed.
   */
  ackMarks: number[];
  /** One of its updates waits in Yjs for missing dependencies, outside the log: no more acks. */
  ackBlocked: boolean;
  /** performance.now() of its last saved message, and the timer of the next one when held back. */
  lastAckAt: number;
  ackTimer: NodeJS.Timeout | null;
}

export interface RoomHost {
  persistence: Persistence;
  log: Logger;
  send(conn: Conn, message: Uint8Array): void;
  /** Storage failed for good: close the room's connections and forget the room. */
  fail(room: Room, err: unknown): void;
  observeLag(seconds: number): void;
  countDropped(reason: 'read_only'): void;
  /** Saved messages to one connection at most this often (they are cumulative). */
  ackIntervalMs: number;
  compaction: { debounceMs: number; maxWaitMs: number; everyUpdates: number; keepLog(kind: string): boolean };
}

export class BadMessageError extends Error {}

interface Pending {
  update: Uint8Array;
  origin: Conn;
  receivedAt: number;
}

const LOAD = Symbol('load');
const APPEND_RETRIES = [100, 500, 2000];

export class Room {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  /** Each connection with the awareness client ids it controls. */
  readonly conns = new Map<Conn, Set<number>>();
  documentId = '';
  kind = 'SCRATCH';
  lastActive = Date.now();
  /** No more edits are accepted (shutting down or evicting); they stay unacknowledged. */
  frozen = false;
  failed = false;
  private destroyed = false;

  private pending: Pending[] = [];
  private flushing: Promise<void> | null = null;
  /** Effective updates applied to the doc / committed to the log, counted since load. */
  private applied = 0;
  private persisted = 0;
  /** Connections with document messages not yet acknowledged. */
  private awaitingAck = new Set<Conn>();
  /** Run the next time every applied update has committed (or the room failed). */
  private atCommitted: (() => void)[] = [];
  /** Highest committed seq, and the seq the stored snapshot covers. */
  private lastSeq = 0n;
  private snapshotSeq = 0n;
  private sinceSnapshot = 0;
  private dirtySince = 0;
  private lastCommitAt = 0;
  private compactTimer: NodeJS.Timeout | null = null;
  private compacting: Promise<void> | null = null;

  constructor(
    readonly name: string,
    private readonly host: RoomHost,
  ) {
    this.awareness.setLocalState(null);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === LOAD || this.failed) return;
      const conn = origin as Conn;
      // Shown first, saved after: the author's ack, not a peer's view, is what promises durability.
      const message = updateMessage(update);
      for (const c of this.conns.keys()) if (c !== conn) this.host.send(c, message);
      this.pending.push({ update, origin: conn, receivedAt: conn.receivedAt });
      this.applied++;
      this.flushing ??= this.flushLoop();
    });
    this.awareness.on(
      'update',
      ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
        const controlled = this.conns.get(origin as Conn);
        if (controlled) {
          for (const id of added) controlled.add(id);
          for (const id of removed) controlled.delete(id);
        }
        const message = awarenessMessage(this.awareness, [...added, ...updated, ...removed]);
        for (const c of this.conns.keys()) if (c !== origin) this.host.send(c, message);
      },
    );
  }

  /** Loads the stored document: the snapshot, then the updates after it. */
  async load(): Promise<void> {
    const stored = await this.host.persistence.load(this.name);
    this.documentId = stored.documentId;
    this.kind = stored.kind;
    this.snapshotSeq = stored.snapshotSeq;
    this.lastSeq = stored.updates.at(-1)?.seq ?? stored.snapshotSeq;
    this.sinceSnapshot = stored.updates.length;
    const apply = (u: Uint8Array, what: string) => {
      try {
        Y.applyUpdate(this.doc, u, LOAD);
      } catch (err) {
        this.host.log.error('skipping an unreadable stored update', { room: this.name, what, err });
      }
    };
    if (stored.snapshot) apply(stored.snapshot, 'snapshot');
    for (const u of stored.updates) apply(u.update, `update ${u.seq}`);
    if (this.sinceSnapshot >= this.host.compaction.everyUpdates) this.scheduleCompaction();
  }

  /** Starts the protocol with a new connection: our sync step 1 and who else is here. */
  join(conn: Conn): void {
    this.conns.set(conn, new Set());
    this.lastActive = Date.now();
    this.host.send(conn, syncStep1Message(Y.encodeStateVector(this.doc)));
    const states = [...this.awareness.getStates().keys()];
    if (states.length) this.host.send(conn, awarenessMessage(this.awareness, states));
  }

  leave(conn: Conn): void {
    const controlled = this.conns.get(conn);
    if (!controlled) return;
    this.conns.delete(conn);
    this.awaitingAck.delete(conn);
    if (conn.ackTimer) clearTimeout(conn.ackTimer);
    conn.ackTimer = null;
    this.lastActive = Date.now();
    awarenessProtocol.removeAwarenessStates(this.awareness, [...controlled], null);
    // Last one out: compact now rather than when the debounce fires.
    if (this.conns.size === 0 && !this.failed) void this.compact().catch(() => {});
  }

  /** Handles one y-websocket message. Throws BadMessageError (or Yjs's error) on garbage. */
  handle(conn: Conn, data: Uint8Array): void {
    this.lastActive = Date.now();
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MSG_SYNC: {
        const step = decoding.readVarUint(decoder);
        if (step === SYNC_STEP1) {
          this.host.send(conn, syncStep2Message(Y.encodeStateAsUpdate(this.doc, decoding.readVarUint8Array(decoder))));
        } else if (step === SYNC_STEP2 || step === SYNC_UPDATE) {
          const update = decoding.readVarUint8Array(decoder);
          const closed = !conn.readOnly && Date.now() >= conn.writeUntil;
          if (conn.readOnly || closed) {
            // An empty update (no structs, no deletions) is two zero bytes: the usual step-2 reply.
            if (update.length > 2) {
              this.host.countDropped('read_only');
              if (!conn.deniedNotified) {
                conn.deniedNotified = true;
                this.host.send(
                  conn,
                  permissionDeniedMessage(
                    closed ? 'read-only: this room is closed for editing' : 'read-only: your edits are not saved',
                  ),
                );
              }
            }
            return;
          }
          if (this.frozen || this.failed) return;
          const { pendingStructs, pendingDs } = this.doc.store;
          Y.applyUpdate(this.doc, update, conn);
          if (conn.acks) this.noteForAck(conn, pendingStructs, pendingDs);
        } else {
          throw new BadMessageError(`unknown sync message ${step}`);
        }
        return;
      }
      case MSG_AWARENESS:
        awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), conn);
        return;
      case MSG_QUERY_AWARENESS:
        this.host.send(conn, awarenessMessage(this.awareness, [...this.awareness.getStates().keys()]));
        return;
      case MSG_AUTH:
        return;
      case MSG_RELAY: {
        const message = relayMessage(conn.userId, decoding.readVarUint8Array(decoder));
        for (const c of this.conns.keys()) if (c !== conn) this.host.send(c, message);
        return;
      }
      default:
        throw new BadMessageError(`unknown message type ${type}`);
    }
  }

  /** Updates applied but not yet committed. */
  get unpersisted(): number {
    return this.applied - this.persisted;
  }

  /**
   * Marks a document message of `conn` to be acknowledged once everything applied so far (its own
   * effective update included) has committed. An update Yjs keeps pending for missing dependencies
   * is not in the log, and acks are cumulative, so that connection gets none after its earlier
   * messages'. A stock client never sends one: it sends its updates in causal order.
   */
  private noteForAck(conn: Conn, pendingStructsBefore: unknown, pendingDsBefore: unknown): void {
    const { pendingStructs, pendingDs } = this.doc.store;
    if ((pendingStructs && pendingStructs !== pendingStructsBefore) || (pendingDs && pendingDs !== pendingDsBefore)) {
      conn.ackBlocked = true;
    }
    if (conn.ackBlocked) return;
    conn.ackMarks.push(this.applied);
    if (this.persisted >= this.applied) this.ack(conn);
    else this.awaitingAck.add(conn);
  }

  /**
   * Sends `conn` one saved message covering its messages that have committed; true once none wait.
   * Someone typing fast would get one per commit, each a socket write as costly as relaying an
   * edit, so within `ackIntervalMs` of the last one the next is held back and covers everything
   * committed by then (`now` forces it out, as on shutdown).
   */
  private ack(conn: Conn, now = false): boolean {
    const marks = conn.ackMarks;
    let n = 0;
    while (n < marks.length && marks[n] <= this.persisted) n++;
    if (!n) return marks.length === 0;
    const wait = conn.lastAckAt + this.host.ackIntervalMs - performance.now();
    if (wait > 0 && !now) {
      conn.ackTimer ??= setTimeout(() => {
        conn.ackTimer = null;
        if (this.conns.has(conn) && this.ack(conn)) this.awaitingAck.delete(conn);
      }, wait);
      return false;
    }
    if (conn.ackTimer) clearTimeout(conn.ackTimer);
    conn.ackTimer = null;
    marks.splice(0, n);
    conn.acked += n;
    conn.lastAckAt = performance.now();
    this.host.send(conn, savedMessage(conn.acked));
    return marks.length === 0;
  }

  private async flushLoop(): Promise<void> {
    try {
      while (this.pending.length && !this.failed) {
        const batch = this.pending.splice(0, 1000);
        const seq = await this.appendWithRetry(batch);
        if (seq === null) return;
        const now = performance.now();
        for (const p of batch) this.host.observeLag((now - p.receivedAt) / 1000);
        if (seq > this.lastSeq) this.lastSeq = seq;
        this.persisted += batch.length;
        this.sinceSnapshot += batch.length;
        for (const c of this.awaitingAck) if (this.ack(c)) this.awaitingAck.delete(c);
        if (this.persisted >= this.applied) for (const run of this.atCommitted.splice(0)) run();
        this.scheduleCompaction();
      }
    } finally {
      this.flushing = null;
    }
  }

  private async appendWithRetry(batch: Pending[]): Promise<bigint | null> {
    const rows = batch.map((p) => ({ update: p.update, userId: p.origin.userId }));
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.host.persistence.append(this.documentId, rows);
      } catch (err) {
        if (attempt >= APPEND_RETRIES.length) {
          this.failed = true;
          for (const run of this.atCommitted.splice(0)) run();
          this.host.fail(this, err);
          return null;
        }
        this.host.log.warn('saving updates failed, retrying', { room: this.name, attempt, err });
        await new Promise((r) => setTimeout(r, APPEND_RETRIES[attempt]));
      }
    }
  }

  /**
   * Debounced compaction, forced after `everyUpdates` updates or `maxWaitMs` of steady editing.
   * Called after every commit, so it only notes the time; the one timer checks, when it fires,
   * whether the debounce has really run out and waits the rest if not.
   */
  private scheduleCompaction(): void {
    const now = Date.now();
    this.lastCommitAt = now;
    if (!this.dirtySince) this.dirtySince = now;
    if (this.sinceSnapshot >= this.host.compaction.everyUpdates) this.armCompaction(0);
    else if (!this.compactTimer) this.armCompaction(this.compactionDue(now));
  }

  private compactionDue(now: number): number {
    const { debounceMs, maxWaitMs } = this.host.compaction;
    return Math.max(0, Math.min(this.lastCommitAt + debounceMs, this.dirtySince + maxWaitMs) - now);
  }

  private armCompaction(ms: number): void {
    if (this.compactTimer) clearTimeout(this.compactTimer);
    this.compactTimer = setTimeout(() => {
      this.compactTimer = null;
      const due = this.sinceSnapshot >= this.host.compaction.everyUpdates ? 0 : this.compactionDue(Date.now());
      if (due > 0) this.armCompaction(due);
      else void this.compact().catch(() => {});
    }, ms);
    this.compactTimer.unref();
  }

  /**
   * Writes the committed state as the snapshot covering every committed update, and drops those
   * updates from the log unless the room's kind keeps it for replay. The state is taken at a moment
   * when every applied update has committed, so a snapshot never holds an edit the log lacks (a
   * replay from the log must end at the same document).
   */
  compact(): Promise<void> {
    if (this.compacting) return this.compacting.catch(() => {}).then(() => this.compact());
    if (this.lastSeq <= this.snapshotSeq || this.failed) return Promise.resolve();
    this.compacting = this.runCompaction().finally(() => {
      this.compacting = null;
    });
    return this.compacting;
  }

  private async runCompaction(): Promise<void> {
    const taken = await new Promise<{ state: Uint8Array; upto: bigint; count: number } | null>((resolve) => {
      // Synchronously at the committed point: no update can be applied in between.
      const take = () =>
        resolve(
          this.failed
            ? null
            : { state: Y.encodeStateAsUpdate(this.doc), upto: this.lastSeq, count: this.sinceSnapshot },
        );
      if (this.persisted >= this.applied) take();
      else this.atCommitted.push(take);
    });
    if (!taken || taken.upto <= this.snapshotSeq) return;
    try {
      await this.host.persistence.compact(
        this.documentId,
        taken.state,
        taken.upto,
        !this.host.compaction.keepLog(this.kind),
      );
    } catch (err) {
      this.host.log.warn('compaction failed; the update log still has everything', { room: this.name, err });
      throw err;
    }
    this.snapshotSeq = taken.upto;
    this.sinceSnapshot -= taken.count;
    if (this.lastSeq === taken.upto) this.dirtySince = 0;
  }

  /** Commits every applied update and acknowledges it, then compacts. Used on eviction and shutdown. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.failed) return;
    for (const c of this.awaitingAck) if (this.ack(c, true)) this.awaitingAck.delete(c);
    if (this.compactTimer) clearTimeout(this.compactTimer);
    this.compactTimer = null;
    await this.compact();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    if (this.compactTimer) clearTimeout(this.compactTimer);
    for (const c of this.conns.keys()) if (c.ackTimer) clearTimeout(c.ackTimer);
    this.awareness.destroy();
    this.doc.destroy();
  }
}
