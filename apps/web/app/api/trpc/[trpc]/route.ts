import { appRouter, createContext } from '@roguelearn/api';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { getAuthConfig } from '@/lib/server/caller';
import { getDb } from '@/lib/server/db';
import { log } from '@/lib/server/log';
import { metrics } from '@/lib/server/metrics';
import { getNotifier } from '@/lib/server/notifier';

/**
 * EventSource (subscriptions over SSE) cannot send headers, so a Supabase bearer token arrives
 * as a connection parameter instead; a real Authorization header always wins.
 */
function authHeaders(req: Request, connectionParams: Record<string, string | undefined> | null): Headers {
  const bearer = connectionParams?.authorization;
  if (!bearer || req.headers.has('authorization') || !/^Bearer\s+\S+$/i.test(bearer)) return req.headers;
  const headers = new Headers(req.headers);
  headers.set('authorization', bearer);
  return headers;
}

// Clients choose the path: unknown ones share a label so they cannot blow up metric cardinality.
const metricPath = (path: string | undefined) =>
  path && Object.hasOwn(appRouter._def.procedures, path) ? path : 'unknown';

async function handler(req: Request) {
  const done = metrics.trpcRequestSeconds.startTimer({ method: req.method });
  try {
    return await fetchRequestHandler({
      endpoint: '/api/trpc',
      req,
      router: appRouter,
      // Connecting inside createContext lets a database outage surface as a formatted tRPC error.
      // The notifier wakes subscriptions when the judge reports progress (PostgreSQL NOTIFY).
      createContext: async ({ req, resHeaders, info }) =>
        createContext({
          db: await getDb(),
          config: getAuthConfig(),
          headers: authHeaders(req, info.connectionParams),
          resHeaders,
          notifier: await getNotifier(),
        }),
      responseMeta({ paths }) {
        for (const path of paths ?? []) metrics.trpcCalls.inc({ path: metricPath(path) });
        return {};
      },
      onError({ path, error }) {
        metrics.trpcErrors.inc({ path: metricPath(path), code: error.code });
        if (error.code === 'INTERNAL_SERVER_ERROR') log.error('tRPC call failed', { path, err: error.cause ?? error });
      },
    });
  } finally {
    done();
  }
}

export { handler as GET, handler as POST };
