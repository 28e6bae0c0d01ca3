import { createNotifier, type Notifier } from '@roguelearn/db/notify';
import { getDatabaseUrl } from './db';
import { log } from './log';

// One LISTEN connection per process, shared by every live subscription; cached on globalThis
// like the Prisma client because dev reloads re-evaluate modules. It connects on first subscribe.
const cache = globalThis as typeof globalThis & { __roguelearnNotifier?: Promise<Notifier> };

/** The process-wide notifier for tRPC subscriptions (live submission progress). */
export function getNotifier(): Promise<Notifier> {
  cache.__roguelearnNotifier ??= getDatabaseUrl()
    .then((url) => createNotifier(url, (err) => log.warn('listen connection error', { err })))
    .catch((err) => {
      cache.__roguelearnNotifier = undefined;
      throw err;
    });
  return cache.__roguelearnNotifier;
}
