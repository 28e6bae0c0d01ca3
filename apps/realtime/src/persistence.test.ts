// The PostgreSQL persistence on its own, against a real database.
import { createPgPool, type PgPool } from '@roguelearn/db/pg';
import { createTestDatabase, type TestDatabase } from '@roguelearn/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgPersistence } from './persistence';

let t: TestDatabase;
let pool: PgPool;

beforeAll(async () => {
  t = await createTestDatabase();
  pool = createPgPool(t.url, 4);
});

afterAll(async () => {
  await pool.end();
  await t.drop();
});

/** The pool, counting the statements that append to the update log. */
function countingAppends(): { pool: PgPool; appends: () => number } {
  let n = 0;
  const counted = new Proxy(pool, {
    get(target, prop, receiver) {
      if (prop !== 'query') return Reflect.get(target, prop, receiver);
      return (config: { name?: string }, ...rest: unknown[]) => {
        if (config?.name === 'collab-append') n++;
        return (target.query as (...args: unknown[]) => unknown)(config, ...rest);
      };
    },
  });
  return { pool: counted, appends: () => n };
}

const bytes = (s: string) => new TextEncoder().encode(s);

describe('PostgreSQL persistence', () => {
  it('creates a document on first load with the kind its room name implies, and loads it again', async () => {
    const p = createPgPersistence(pool);
    const first = await p.load('scratch-persist-new');
    expect(first).toMatchObject({ kind: 'SCRATCH', snapshot: null, snapshotSeq: 0n, updates: [] });
    const [again, concurrent] = await Promise.all([p.load('scratch-persist-new'), p.load('scratch-persist-new')]);
    expect(again.documentId).toBe(first.documentId);
    expect(concurrent.documentId).toBe(first.documentId);
  });

  it('commits appends from many rooms together, at most one statement per commit interval, each room in order', async () => {
    const { pool: counted, appends } = countingAppends();
    const p = createPgPersistence(counted, { commitIntervalMs: 100 });
    const docs = await Promise.all([0, 1, 2, 3, 4].map((i) => p.load(`scratch-persist-group-${i}`)));
    const started = performance.now();
    const results: Promise<bigint>[][] = docs.map(() => []);
    for (let round = 0; round < 20; round++) {
      docs.forEach((d, i) => {
        results[i].push(p.append(d.documentId, [{ update: bytes(`${i}:${round}`), userId: null }]));
      });
      await new Promise((r) => setTimeout(r, 10));
    }
    const seqs = await Promise.all(results.map((r) => Promise.all(r)));
    const elapsed = performance.now() - started;
    // 100 appends over ~200 ms: one statement at once, then at most one per 100 ms.
    expect(appends()).toBeLessThanOrEqual(Math.ceil(elapsed / 100) + 1);
    expect(appends()).toBeGreaterThanOrEqual(2);
    for (const [i, d] of docs.entries()) {
      // Each append resolves with a seq covering it; a room's seqs never go backwards.
      expect(seqs[i]).toEqual([...seqs[i]].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      const loaded = await p.load(`scratch-persist-group-${i}`);
      expect(loaded.documentId).toBe(d.documentId);
      expect(loaded.updates.map((u) => new TextDecoder().decode(u.update))).toEqual(
        Array.from({ length: 20 }, (_, round) => `${i}:${round}`),
      );
      expect(loaded.updates.at(-1)?.seq).toBe(seqs[i].at(-1));
    }
  });

  it('compacts: the snapshot covers the log up to a seq, which is dropped unless kept, and never goes back', async () => {
    const p = createPgPersistence(pool, { commitIntervalMs: 0 });
    const doc = await p.load('scratch-persist-compact');
    const s1 = await p.append(doc.documentId, [{ update: bytes('a'), userId: null }]);
    const s2 = await p.append(doc.documentId, [{ update: bytes('b'), userId: null }]);
    await p.compact(doc.documentId, bytes('state-a'), s1, false);
    let loaded = await p.load('scratch-persist-compact');
    expect(loaded.snapshotSeq).toBe(s1);
    expect(Buffer.from(loaded.snapshot ?? []).toString()).toBe('state-a');
    expect(loaded.updates.map((u) => u.seq)).toEqual([s2]);
    expect(await t.db.collabUpdate.count({ where: { documentId: doc.documentId } })).toBe(2);

    await p.compact(doc.documentId, bytes('state-ab'), s2, true);
    // An older snapshot arriving late changes nothing.
    await p.compact(doc.documentId, bytes('state-a'), s1, true);
    loaded = await p.load('scratch-persist-compact');
    expect(loaded.snapshotSeq).toBe(s2);
    expect(Buffer.from(loaded.snapshot ?? []).toString()).toBe('state-ab');
    expect(loaded.updates).toEqual([]);
    expect(await t.db.collabUpdate.count({ where: { documentId: doc.documentId } })).toBe(0);
  });
});
