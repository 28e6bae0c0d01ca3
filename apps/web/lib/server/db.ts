import { createPrisma, type Db } from '@roguelearn/db';
import { resolveDatabaseUrl } from '@roguelearn/db/embedded';
import { onShutdown } from '@roguelearn/service';
import { log } from './log';

// Dev reloads re-evaluate modules, so the one client per process is cached on globalThis.
const cache = globalThis as typeof globalThis & { __roguelearnDb?: Promise<Db>; __roguelearnDbUrl?: string };

async function connect(): Promise<Db> {
  const { url, stop } = await resolveDatabaseUrl((m) => log.debug('embedded postgres', { m }));
  cache.__roguelearnDbUrl = url;
  const db = createPrisma(url);
  // Only a cluster this process started is ours to stop; a shared one belongs to its starter.
  if (stop) {
    onShutdown(log, async () => {
      await db.$disconnect();
      await stop();
    });
  }
  return db;
}

/** The process-wide Prisma client, connected on first use. A failed attempt is retried next call. */
export function getDb(): Promise<Db> {
  cache.__roguelearnDb ??= connect().catch((err) => {
    cache.__roguelearnDb = undefined;
    throw err;
  });
  return cache.__roguelearnDb;
}

/** The URL the process-wide client connected to (for LISTEN connections beside it). */
export async function getDatabaseUrl(): Promise<string> {
  await getDb();
  return cache.__roguelearnDbUrl as string;
}
