// One LISTEN connection per process, shared by every in-process subscriber. PostgreSQL fans
// NOTIFY out to every replica, so live updates work across web replicas and judge workers.
import pg from 'pg';

export type Listener = (payload: string) => void;

export interface Notifier {
  subscribe(channel: string, fn: Listener): () => void;
  close(): Promise<void>;
}

export function createNotifier(connectionString: string, onError: (err: Error) => void = () => {}): Notifier {
  const listeners = new Map<string, Set<Listener>>();
  let client: pg.Client | null = null;
  let connecting: Promise<pg.Client> | null = null;
  let closed = false;

  function connect(): Promise<pg.Client> {
    connecting ??= (async () => {
      const c = new pg.Client({ connectionString });
      c.on('notification', (msg) => {
        for (const fn of listeners.get(msg.channel) ?? []) fn(msg.payload ?? '');
      });
      c.on('error', (err) => {
        onError(err);
        // Reconnect and re-LISTEN: a dropped connection must not silence live updates.
        client = null;
        connecting = null;
        if (!closed && listeners.size) setTimeout(() => void connect().catch(onError), 1000);
      });
      await c.connect();
      for (const channel of listeners.keys()) await c.query(`LISTEN "${channel}"`);
      client = c;
      return c;
    })();
    return connecting;
  }

  return {
    subscribe(channel, fn) {
      let set = listeners.get(channel);
      if (!set) {
        set = new Set();
        listeners.set(channel, set);
        void connect()
          .then((c) => (client === c ? c.query(`LISTEN "${channel}"`) : undefined))
          .catch(onError);
      }
      set.add(fn);
      return () => {
        set.delete(fn);
      };
    },
    async close() {
      closed = true;
      const c = client ?? (connecting ? await connecting.catch(() => null) : null);
      await c?.end().catch(() => {});
    },
  };
}
