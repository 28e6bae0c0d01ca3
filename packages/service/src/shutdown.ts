import type { Logger } from './log';

/**
 * Runs `cleanup` once on SIGINT/SIGTERM, then exits. A second signal, or cleanup outlasting
 * `timeoutMs`, exits at once: an operator pressing Ctrl-C twice means it.
 */
export function onShutdown(log: Logger, cleanup: () => Promise<void>, timeoutMs = 15_000): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn('second signal, exiting now', { signal });
      process.exit(1);
    }
    stopping = true;
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
