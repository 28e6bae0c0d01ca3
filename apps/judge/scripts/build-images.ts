// Builds the sandbox images. Default: the registry-free "host" image (FROM scratch + harness +
// esbuild; toolchains mounted from the host). With --images: the per-language production images
// from images/*.Dockerfile, which need a registry to pull their base images.
// usage: npm run images -w @roguelearn/judge [-- --images]
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectDocker } from '../src/docker';
import { ensureHostImage } from '../src/images';

const judgeDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const docker = connectDocker();
console.log(`host runtime image: ${await ensureHostImage(docker, console.log)}`);
if (process.argv.includes('--images')) {
  const images: [string, string][] = [
    ['python3.Dockerfile', 'roguelearn/judge-python3:1'],
    ['node.Dockerfile', 'roguelearn/judge-node:1'],
    ['gcc.Dockerfile', 'roguelearn/judge-gcc:1'],
    ['java.Dockerfile', 'roguelearn/judge-java:1'],
  ];
  for (const [file, tag] of images) {
    console.log(`building ${tag}`);
    execFileSync('docker', ['build', '-f', path.join('images', file), '-t', tag, '.'], {
      cwd: judgeDir,
      stdio: 'inherit',
    });
  }
}
