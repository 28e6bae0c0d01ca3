#!/usr/bin/env node
// `npm test`: every test, in the order that fails fastest. Unit and integration tests (vitest,
// on a real embedded PostgreSQL) per workspace, then the browser journeys (Playwright + Chromium)
// against the whole platform. Ends with one plain "N passed, N failed" line summing both.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = path.join(root, '.data/test-results');
fs.rmSync(resultsDir, { recursive: true, force: true });
fs.mkdirSync(resultsDir, { recursive: true });
const env = {
  ...process.env,
  TURBO_TELEMETRY_DISABLED: '1',
  NEXT_TELEMETRY_DISABLED: '1',
  ROGUELEARN_TEST_RESULTS: resultsDir,
};

function step(title, cmd, args, opts = {}) {
  console.log(`\n━━ ${title}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...env, ...opts.env } });
  return r.status === 0;
}

const ok = { build: false, unit: false, e2e: false };
ok.build = step('build', 'npx', ['turbo', 'run', 'build', '--output-logs=errors-only']);
if (ok.build) {
  ok.unit = step('unit and integration tests', 'npx', [
    'turbo',
    'run',
    'test',
    '--concurrency=1',
    '--output-logs=full',
  ]);
  ok.e2e = step('browser journeys', 'npm', ['run', 'e2e', '-w', '@roguelearn/web'], {
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: path.join(resultsDir, 'playwright.json') },
  });
}

// Sum vitest's and Playwright's JSON reports.
let passed = 0;
let failed = 0;
for (const file of fs.readdirSync(resultsDir)) {
  const report = JSON.parse(fs.readFileSync(path.join(resultsDir, file), 'utf8'));
  if (report.stats) {
    passed += report.stats.expected ?? 0;
    failed += (report.stats.unexpected ?? 0) + (report.stats.flaky ?? 0);
  } else {
    passed += report.numPassedTests ?? 0;
    failed += report.numFailedTests ?? 0;
  }
}
// A failed test fails the run even if a step's exit code missed it, and vice versa.
const allOk = ok.build && ok.unit && ok.e2e && failed === 0;
if (!allOk && failed === 0) failed = 1; // a step failed before reporting any test
console.log(
  `\nsteps: build ${ok.build ? 'ok' : 'FAILED'}, unit ${ok.unit ? 'ok' : 'FAILED'}, e2e ${ok.e2e ? 'ok' : 'FAILED'}`,
);
console.log(`${passed} passed, ${failed} failed`);
process.exit(allOk ? 0 : 1);
