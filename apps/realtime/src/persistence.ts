// Room documents in PostgreSQL: CollabDocument holds the compacted Yjs state (`snapshot`, covering
// every update up to `snapshotSeq`), CollabUpdate the log of accepted updates. A room's state is the
// snapshot plus the updates after snapshotSeq; compaction writes a new snapshot and (unless the
// room's kind keeps its log for replay) deletes the updates it covers, in one transaction.
import type { PgPool } from '@roguelearn/db/pg';
import { parseRoom, type RoomKind } from '@roguelearn/db/room-token';

export interface LoadedDocument {
  documentId: string;
  kind: RoomKind;
  snapshot: Uint8Array | null;
  snapshotSeq: bigint;
  /** Updates after snapshotSeq, in seq order. */
  updates: { seq: bigint; update: Uint8Array }[];
}

export interface AppendRow {
  update: Uint8Array;
  userId: string | null;
}

export interface Persistence {
  /** The room's document, created (with the kind its name implies) if no row names it yet. */
  load(room: string): Promise<LoadedDocument>;
  /** Appends updates in order in one statement; resolves with the last seq once committed. */
  append(documentId: string, rows: AppendRow[]): Promise<bigint>;
  /** Stores `state` as the snapshot covering seq ≤ uptoSeq; deletes those updates when `dropLog`. */
  compact(documentId: string, state: Uint8Array, uptoSeq: bigint, dropLog: boolean): Promise<void>;
}

/** The same bytes as a Buffer (what node-postgres sends as bytea), without copying. */
const asBuffer = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const APPEND_SQL = `
  INSERT INTO "CollabUpdate" ("documentId", "update", "userId")
  SELECT * FROM unnest($1::uuid[], $2::bytea[], $3::uuid[])
  RETURNING "seq", "documentId"::text AS "documentId"`;

/** Rows per INSERT: bounds one statement's size (parameters are three arrays, not per row). */
const MAX_ROWS_PER_INSERT = 5000;
const isForeignKeyError = (err: unknown) => (err as { code?: string })?.code === '23503';

/**
 * Group commit: appends from every room that arrive while an INSERT is in flight, or within
 * `intervalMs` of the previous one's start, go out together in the next one, so the server makes at
 * most one commit per interval instead of one per edit (2000 edits/s over 100 rooms would otherwise
 * be a statement every few hundred microseconds, each costing this process and PostgreSQL far more
 * CPU than the rows it carries, on the cores that relay the edits). One statement is in flight at a
 * time, so each document's updates commit in seq order. An idle queue starts its statement on the
 * next turn of the event loop at the earliest: the edits that arrived in the same read from the
 * network go out together, and their broadcasts are not queued behind it.
 */
function groupCommit(pool: PgPool, intervalMs: number): Persistence['append'] {
  interface Request {
    documentId: string;
    rows: AppendRow[];
    resolve(seq: bigint): void;
    reject(err: unknown): void;
  }
  const queue: Request[] = [];
  let running = false;
  let lastStart = Number.NEGATIVE_INFINITY;

  // node-postgres and a prepared statement rather than Prisma: this runs for every edit, and one
  // array per column keeps the statement the same whatever the number of rows.
  const insert = async (requests: Request[], withAuthors: boolean) => {
    const documentIds: string[] = [];
    const updates: Buffer[] = [];
    const userIds: (string | null)[] = [];
    for (const r of requests) {
      for (const row of r.rows) {
        documentIds.push(r.documentId);
        updates.push(asBuffer(row.update));
        userIds.push(withAuthors && row.userId && UUID.test(row.userId) ? row.userId : null);
      }
    }
    const { rows: inserted } = await pool.query<{ seq: string; documentId: string }>({
      name: 'collab-append',
      text: APPEND_SQL,
      values: [documentIds, updates, userIds],
    });
    const last = new Map<string, bigint>();
    for (const row of inserted) {
      const seq = BigInt(row.seq);
      if (seq > (last.get(row.documentId) ?? 0n)) last.set(row.documentId, seq);
    }
    for (const r of requests) r.resolve(last.get(r.documentId) ?? 0n);
  };

  const drain = async () => {
    while (queue.length) {
      const wait = lastStart + intervalMs - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      lastStart = performance.now();
      const batch: Request[] = [];
      let rows = 0;
      while (queue.length && (rows === 0 || rows + queue[0].rows.length <= MAX_ROWS_PER_INSERT)) {
        const r = queue.shift() as Request;
        batch.push(r);
        rows += r.rows.length;
      }
      try {
        await insert(batch, true);
      } catch (err) {
        if (!isForeignKeyError(err)) {
          for (const r of batch) r.reject(err);
          continue;
        }
        // A token can outlive its user (account deleted meanwhile): keep the edits, drop the
        // author, and only for the request that named the missing user.
        for (const r of batch) {
          try {
            await insert([r], true);
          } catch (e) {
            if (isForeignKeyError(e)) await insert([r], false).catch(r.reject);
            else r.reject(e);
          }
        }
      }
    }
    running = false;
  };

  return (documentId, rows) =>
    new Promise<bigint>((resolve, reject) => {
      queue.push({ documentId, rows, resolve, reject });
      if (!running) {
        running = true;
        setImmediate(drain);
      }
    });
}

/**
 * At most 50 statements a second whatever the number of rooms, and still well under the time anyone
 * would notice "Saving…" (acknowledgements are held to one per 100 ms while someone types anyway).
 */
export const DEFAULT_COMMIT_INTERVAL_MS = 20;

const CREATE_SQL = `
  INSERT INTO "CollabDocument" ("id", "room", "kind", "updatedAt")
  VALUES (gen_random_uuid(), $1, $2::"DocumentKind", now())
  ON CONFLICT ("room") DO NOTHING`;
const DOCUMENT_SQL = `
  SELECT "id"::text AS "id", "kind"::text AS "kind", "snapshot", "snapshotSeq"::text AS "snapshotSeq"
  FROM "CollabDocument" WHERE "room" = $1`;
// int8 comes back as text (node-postgres keeps 64 bits exact that way); aliased apart, since
// ORDER BY would otherwise sort by the text.
const UPDATES_SQL = `
  SELECT "seq"::text AS "at", "update" FROM "CollabUpdate"
  WHERE "documentId" = $1 AND "seq" > $2 ORDER BY "seq"`;
// One statement, so one transaction; a data-modifying CTE runs whether or not it is read.
// Monotonic: a snapshot never replaces a newer one.
const COMPACT_SQL = `
  WITH "snap" AS (
    UPDATE "CollabDocument" SET "snapshot" = $2, "snapshotSeq" = $3, "updatedAt" = now()
    WHERE "id" = $1 AND "snapshotSeq" <= $3
  )
  DELETE FROM "CollabUpdate" WHERE $4 AND "documentId" = $1 AND "seq" <= $3`;

/**
 * Room documents through node-postgres alone (no ORM in this process: its per-query CPU and
 * garbage showed in the latency of every room on the server). Appends (every edit) are group
 * commits, at most one every `commitIntervalMs`.
 */
export function createPgPersistence(pool: PgPool, { commitIntervalMs = DEFAULT_COMMIT_INTERVAL_MS } = {}): Persistence {
  return {
    async load(room) {
      // Created here (with the kind its name implies) if neither the web app nor another replica
      // has yet; a concurrent creation wins quietly.
      await pool.query({ name: 'collab-create', text: CREATE_SQL, values: [room, parseRoom(room).kind] });
      const client = await pool.connect();
      try {
        // One REPEATABLE READ snapshot: a compaction committing between the two reads can't hide
        // the updates it deleted.
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        const {
          rows: [doc],
        } = await client.query<{ id: string; kind: RoomKind; snapshot: Buffer | null; snapshotSeq: string }>({
          name: 'collab-document',
          text: DOCUMENT_SQL,
          values: [room],
        });
        if (!doc) throw new Error(`document row for room ${room} disappeared`);
        const { rows: updates } = await client.query<{ at: string; update: Buffer }>({
          name: 'collab-updates',
          text: UPDATES_SQL,
          values: [doc.id, doc.snapshotSeq],
        });
        await client.query('COMMIT');
        return {
          documentId: doc.id,
          kind: doc.kind,
          snapshot: doc.snapshot,
          snapshotSeq: BigInt(doc.snapshotSeq),
          updates: updates.map((u) => ({ seq: BigInt(u.at), update: u.update })),
        };
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },

    append: groupCommit(pool, commitIntervalMs),

    async compact(documentId, state, uptoSeq, dropLog) {
      await pool.query({
        name: 'collab-compact',
        text: COMPACT_SQL,
        values: [documentId, asBuffer(state), uptoSeq.toString(), dropLog],
      });
    },
  };
}
