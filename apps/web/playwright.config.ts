import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, devices } from '@playwright/test';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const port = Number(process.env.E2E_PORT ?? 3100);

export default defineConfig({
  testDir: './e2e',
  // One worker: the tests share one server and one database on a two-core machine.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [
    ['list'],
    // scripts/test.mjs sums this JSON report with the unit tests' results.
    ...(process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['json'] as const] : []),
    ...(process.env.CI ? [['html', { open: 'never' }] as const] : []),
  ],
  use: {
    ...devices['Desktop Chrome'],
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    // Expects a prior `next build`; the platform migrates and seeds a fresh database itself.
    command: 'node ../../scripts/start.mjs --fresh --skip-build',
    env: {
      // Every port derives from E2E_PORT, so several suites can run side by side.
      ROGUELEARN_DATA_DIR: path.join(repoRoot, `.data/e2e-${port}`),
      WEB_PORT: String(port),
      REALTIME_PORT: String(port + 1),
      JUDGE_PORT: String(port + 2),
      WORKERS_PORT: String(port + 3),
      EMBEDDED_PG_PORT: String(port + 51239),
    },
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    // Lets the platform stop its services and the embedded database cleanly.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 30_000 },
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
