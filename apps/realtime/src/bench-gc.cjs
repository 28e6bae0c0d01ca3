// Preloaded into both servers by the benchmark (with --expose-gc): SIGUSR2 runs a full garbage
// collection, so memory is compared on live data rather than on when each heap last shrank, and
// writes process.memoryUsage() to BENCH_MEMORY_FILE.
const fs = require('node:fs');

process.on('SIGUSR2', () => {
  globalThis.gc?.();
  if (process.env.BENCH_MEMORY_FILE)
    fs.writeFileSync(process.env.BENCH_MEMORY_FILE, JSON.stringify(process.memoryUsage()));
});
