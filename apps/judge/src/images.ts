// Sandbox images without a registry. The "host" runtime image is built FROM scratch and holds
// only the statically linked harness and esbuild (for TypeScript); toolchains come from the host's
// read-only /usr. The tag carries a hash of its contents, so a changed harness means a new image.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type Docker from 'dockerode';

const sandboxDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../sandbox');
export const harnessSource = path.join(sandboxDir, 'harness.c');

function esbuildBinary(): string {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve(`@esbuild/linux-${os.arch() === 'arm64' ? 'arm64' : 'x64'}/package.json`);
  return path.join(path.dirname(pkg), 'bin/esbuild');
}

export function hostImageTag(): string {
  const h = crypto
    .createHash('sha256')
    .update(fs.readFileSync(harnessSource))
    .update(fs.readFileSync(path.join(sandboxDir, 'Dockerfile.host')));
  return `roguelearn/sandbox-host:${h.digest('hex').slice(0, 12)}`;
}

async function imageExists(docker: Docker, tag: string): Promise<boolean> {
  try {
    await docker.getImage(tag).inspect();
    return true;
  } catch {
    return false;
  }
}

/** Builds the host-runtime image unless it exists; returns its tag. */
export async function ensureHostImage(docker: Docker, log: (m: string) => void = () => {}): Promise<string> {
  const tag = hostImageTag();
  if (await imageExists(docker, tag)) return tag;
  const ctx = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-sandbox-'));
  try {
    log(`building ${tag}`);
    execFileSync('gcc', ['-O2', '-static', '-o', path.join(ctx, 'harness'), harnessSource, '-lm'], { stdio: 'pipe' });
    fs.copyFileSync(esbuildBinary(), path.join(ctx, 'esbuild'));
    fs.chmodSync(path.join(ctx, 'esbuild'), 0o755);
    fs.copyFileSync(path.join(sandboxDir, 'Dockerfile.host'), path.join(ctx, 'Dockerfile'));
    const stream = await docker.buildImage(
      { context: ctx, src: ['Dockerfile', 'harness', 'esbuild'] },
      { t: tag, rm: true },
    );
    await new Promise<void>((resolve, reject) =>
      docker.modem.followProgress(stream, (err, out) => {
        const failed = (out as { error?: string }[] | undefined)?.find((o) => o.error);
        if (err || failed) reject(err ?? new Error(failed?.error));
        else resolve();
      }),
    );
    return tag;
  } finally {
    fs.rmSync(ctx, { recursive: true, force: true });
  }
}
