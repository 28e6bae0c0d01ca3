import { appRouter, createContext } from '@roguelearn/api';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { getAuthConfig } from '@/lib/server/caller';
import { getDb } from '@/lib/server/db';
import { log } from '@/lib/server/log';
import { metrics } from '@/lib/server/metrics';

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
      createContext: async ({ req, resHeaders }) =>
        createContext({ db: await getDb(), config: getAuthConfig(), headers: req.headers, resHeaders }),
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
