import { createRegistry, promClient } from '@roguelearn/service';

function createMetrics() {
  const registry = createRegistry('web');
  return {
    registry,
    trpcCalls: new promClient.Counter({
      name: 'roguelearn_trpc_calls_total',
      help: 'tRPC procedure calls, by procedure path',
      labelNames: ['path'] as const,
      registers: [registry],
    }),
    trpcErrors: new promClient.Counter({
      name: 'roguelearn_trpc_errors_total',
      help: 'tRPC procedure calls that failed, by procedure path and error code',
      labelNames: ['path', 'code'] as const,
      registers: [registry],
    }),
    trpcRequestSeconds: new promClient.Histogram({
      name: 'roguelearn_trpc_request_duration_seconds',
      help: 'Duration of tRPC HTTP requests (a batch counts once)',
      labelNames: ['method'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
  };
}

// Registering default metrics twice throws, and dev reloads re-evaluate this module.
const cache = globalThis as typeof globalThis & { __roguelearnMetrics?: ReturnType<typeof createMetrics> };
cache.__roguelearnMetrics ??= createMetrics();
export const metrics = cache.__roguelearnMetrics;
