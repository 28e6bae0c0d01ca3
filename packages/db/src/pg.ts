// A plain node-postgres pool beside Prisma, for a hot path where Prisma's per-query cost shows:
// the realtime server appends every edit to the update log through it.
import pg from 'pg';

export type PgPool = pg.Pool;

export function createPgPool(connectionString: string, max = 2): PgPool {
  const pool = new pg.Pool({ connectionString, max });
  // An idle connection the server dropped (restart, failover) is replaced on the next query; the
  // queries that fail reject by themselves. Unhandled, this event would end the process.
  pool.on('error', () => {});
  return pool;
}
