import type { Logger } from './log';

/**
 * Runs `cleanup` once on SIGINT/SIGTERM, then exits. A later signal, or cleanup outlasting
 * `timeoutMs`, exits at once: an operator pressing Ctrl-C twice means it. Signals within the
 * first two seconds are the same request arriving twice (Ctrl-C reaches the whole process group
 * and the supervisor forwards it too), so they are ignored.
 */
export function onShutdown(log: Logger, cleanup: () => Promise<void>, timeoutMs = 15_000): void {
  let stoppingSince = 0;
  const handler = (signal: NodeJS.Signals) => {
    if (stoppingSince) {
      if (Date.now() - stoppingSince < 2000) return;
      log.warn('second signal, exiting now', { signal });
      process.exit(1);
    }
    stoppingSince = Date.now();
    log.info('shutting down', { signal });
    const timer = setTimeout(() => {
      log.error('shutdown timed out', { timeoutMs });
      process.exit(1);
    }, timeoutMs);
    timer.unref();
    cleanup().then(
      () => {
        log.info('stopped');
        process.exit(0);
      },
      (err) => {
        log.error('shutdown failed', { err });
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}
