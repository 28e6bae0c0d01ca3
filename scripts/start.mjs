#!/usr/bin/env node
// `npm start`: the one command. On a fresh clone it installs dependencies and builds, then hands
// over to scripts/platform.ts, which runs the database, web, realtime and judge until Ctrl-C.
// Plain Node with built-ins only, because nothing else is installed yet when it first runs.
//
// Flags: --fresh       wipe the embedded database and start from a newly seeded one
//        --skip-build  use the existing build (tests build once beforehand)
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', NEXT_TELEMETRY_DISABLED: '1' };

function run(cmd, cmdArgs) {
  console.log(`› ${cmd} ${cmdArgs.join(' ')}`);
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env });
  if (r.status !== 0) {
    console.error(`✗ ${cmd} ${cmdArgs.join(' ')} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status ?? 1);
  }
}

if (!fs.existsSync(path.join(root, 'node_modules/.package-lock.json'))) run('npm', ['ci']);
if (!args.includes('--skip-build')) run('npx', ['turbo', 'run', 'build', '--output-logs=errors-only']);

const tsx = path.join(root, 'node_modules/.bin/tsx');
const child = spawn(tsx, [path.join(root, 'scripts/platform.ts'), ...args], { cwd: root, stdio: 'inherit', env });
// The platform handles Ctrl-C itself (the terminal signals the whole process group); a SIGTERM
// sent to this process alone must reach it too.
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
