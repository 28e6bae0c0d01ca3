// Room documents in PostgreSQL: CollabDocument holds the compacted Yjs state (`snapshot`, covering
// every update up to `snapshotSeq`), CollabUpdate the log of accepted updates. A room's state is the
// snapshot plus the updates after snapshotSeq; compaction writes a new snapshot and (unless the
// room's kind keeps its log for replay) deletes the updates it covers, in one transaction.
import type { Db } from '@roguelearn/db';
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Prisma's Bytes is a Uint8Array over a plain ArrayBuffer. */
const bytes = (u: Uint8Array) => new Uint8Array(u);
const APPEND_SQL = `
  INSERT INTO "CollabUpdate" ("documentId", "update", "userId")
  SELECT * FROM unnest($1::uuid[], $2::bytea[], $3::uuid[])
  RETURNING "seq", "documentId"::text AS "documentId"`;

/** Rows per INSERT: bounds one statement's size (parameters are three arrays, not per row). */
const MAX_ROWS_PER_INSERT = 5000;
const isForeignKeyError = (err: unknown) =>
  /foreign key|P2003|23503/i.test(`${(err as Error)?.message} ${(err as { code?: string })?.code}`);

/**
 * Group commit: appends from every room that arrive while an INSERT is in flight go out together
 * in the next one, so the server makes one commit per round trip instead of one per edit (2000
 * edits/s over 100 rooms is a handful of statements per millisecond otherwise). One statement is in
 * flight at a time, so each document's updates commit in seq order. An idle queue starts its
 * statement on the next turn of the event loop rather than at once: the edits that arrived in the
 * same read from the network go out together, and their broadcasts are not queued behind it.
 */
function groupCommit(pool: PgPool): Persistence['append'] {
  interface Request {
    documentId: string;
    rows: AppendRow[];
    resolve(seq: bigint): void;
    reject(err: unknown): void;
  }
  const queue: Request[] = [];
  let running = false;

  // node-postgres and a prepared statement rather than Prisma: this runs for every edit, and one
  // array per column keeps the statement the same whatever the number of rows.
  const insert = async (requests: Request[], withAuthors: boolean) => {
    const documentIds: string[] = [];
    const updates: Buffer[] = [];
    const userIds: (string | null)[] = [];
    for (const r of requests) {
      for (const row of r.rows) {
        documentIds.push(r.documentId);
        updates.push(Buffer.from(row.update.buffer, row.update.byteOffset, row.update.byteLength));
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

/** Loads and compacts through Prisma; appends (every edit) through `pool`. */
export function createPgPersistence(db: Db, pool: PgPool): Persistence {
  return {
    async load(room) {
      const select = { id: true, kind: true, snapshot: true, snapshotSeq: true } as const;
      if (!(await db.collabDocument.findUnique({ where: { room }, select: { id: true } }))) {
        try {
          await db.collabDocument.create({ data: { room, kind: parseRoom(room).kind }, select: { id: true } });
        } catch (err) {
          // Created concurrently (by the web app, or another replica): use that row.
          if ((err as { code?: string }).code !== 'P2002') throw err;
        }
      }
      // One REPEATABLE READ snapshot: a compaction committing between the two reads can't hide
      // the updates it deleted.
      return db.$transaction(
        async (tx) => {
          const doc = await tx.collabDocument.findUniqueOrThrow({ where: { room }, select });
          const updates = await tx.collabUpdate.findMany({
            where: { documentId: doc.id, seq: { gt: doc.snapshotSeq } },
            orderBy: { seq: 'asc' },
            select: { seq: true, update: true },
          });
          return {
            documentId: doc.id,
            kind: doc.kind,
            snapshot: doc.snapshot,
            snapshotSeq: doc.snapshotSeq,
            updates,
          };
        },
        { isolationLevel: 'RepeatableRead' },
      );
    },

    append: groupCommit(pool),

    async compact(documentId, state, uptoSeq, dropLog) {
      await db.$transaction([
        // Monotonic: a snapshot never replaces a newer one.
        db.collabDocument.updateMany({
          where: { id: documentId, snapshotSeq: { lte: uptoSeq } },
          data: { snapshot: bytes(state), snapshotSeq: uptoSeq },
        }),
        ...(dropLog ? [db.collabUpdate.deleteMany({ where: { documentId, seq: { lte: uptoSeq } } })] : []),
      ]);
    },
  };
}
