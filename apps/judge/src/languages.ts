// Languages are data: what file the source goes in, how to compile and run it, default limits,
// and where the toolchain comes from. Two runtimes provide toolchains:
//  - "host": one registry-free image holding only the harness, with the host's /usr mounted
//    read-only (how this works on machines that cannot pull images);
//  - "images": one ordinary image per language built from images/*.Dockerfile (production).
import fs from 'node:fs';

export type Runtime = 'host' | 'images';

export interface Language {
  id: string;
  name: string;
  sourceFile: string;
  /** Shell commands run in /box; `{mem_mb}` is replaced with the memory limit in MiB. */
  compile?: string;
  run: string;
  /** Multiplies the problem's time limit: JIT and interpreter start-up are not the solver's fault. */
  timeFactor: number;
  /** Extra memory the runtime itself needs on top of the problem's limit (KiB). */
  memoryOverheadKb: number;
  /** Image used by the "images" runtime. */
  image: string;
  /** Host paths the "host" runtime needs (the first must exist for the language to be available). */
  hostPaths: string[];
  /** Shown to users, e.g. "Python 3.11". Filled in by probing the toolchain at start. */
  version?: string;
  versionCommand: string;
}

const JAVA_HOME = '/usr/lib/jvm/java-17-openjdk-amd64';

export const languages: Language[] = [
  {
    id: 'python3',
    name: 'Python 3',
    sourceFile: 'main.py',
    // Syntax errors become CE before any test runs, as for compiled languages.
    compile: `/usr/bin/python3 -c "import py_compile; py_compile.compile('main.py', doraise=True)"`,
    run: 'exec /usr/bin/python3 -B main.py',
    timeFactor: 1,
    memoryOverheadKb: 0,
    image: 'roguelearn/judge-python3:1',
    hostPaths: ['/usr/bin/python3'],
    versionCommand: '/usr/bin/python3 --version',
  },
  {
    id: 'javascript',
    name: 'JavaScript (Node.js)',
    sourceFile: 'main.js',
    compile: '/usr/bin/node --check main.js',
    run: 'exec /usr/bin/node --max-old-space-size={mem_mb} --stack-size=65500 main.js',
    timeFactor: 1,
    memoryOverheadKb: 32 * 1024,
    image: 'roguelearn/judge-node:1',
    hostPaths: ['/usr/bin/node'],
    versionCommand: '/usr/bin/node --version',
  },
  {
    id: 'typescript',
    name: 'TypeScript (esbuild → Node.js)',
    sourceFile: 'main.ts',
    compile: '/opt/rl/esbuild main.ts --outfile=main.js --format=cjs --platform=node --target=node20 --log-level=error',
    run: 'exec /usr/bin/node --max-old-space-size={mem_mb} --stack-size=65500 main.js',
    timeFactor: 1,
    memoryOverheadKb: 32 * 1024,
    image: 'roguelearn/judge-node:1',
    hostPaths: ['/usr/bin/node'],
    versionCommand: '/usr/bin/node --version',
  },
  {
    id: 'c',
    name: 'C (GCC, C17)',
    sourceFile: 'main.c',
    compile: '/usr/bin/gcc -O2 -std=c17 -pipe -o main main.c -lm',
    run: 'exec ./main',
    timeFactor: 1,
    memoryOverheadKb: 0,
    image: 'roguelearn/judge-gcc:1',
    hostPaths: ['/usr/bin/gcc'],
    versionCommand: '/usr/bin/gcc -dumpfullversion',
  },
  {
    id: 'cpp',
    name: 'C++ (G++, C++17)',
    sourceFile: 'main.cpp',
    compile: '/usr/bin/g++ -O2 -std=c++17 -pipe -o main main.cpp',
    run: 'exec ./main',
    timeFactor: 1,
    memoryOverheadKb: 0,
    image: 'roguelearn/judge-gcc:1',
    hostPaths: ['/usr/bin/g++'],
    versionCommand: '/usr/bin/g++ -dumpfullversion',
  },
  {
    id: 'java',
    name: 'Java 17',
    sourceFile: 'Main.java',
    compile: `${JAVA_HOME}/bin/javac -J-Xmx384m -J-XX:+UseSerialGC -J-XX:TieredStopAtLevel=1 -encoding UTF-8 -d . Main.java`,
    run: `exec ${JAVA_HOME}/bin/java -Xmx{mem_mb}m -Xss64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData -cp . Main`,
    timeFactor: 2,
    memoryOverheadKb: 64 * 1024,
    image: 'roguelearn/judge-java:1',
    hostPaths: [`${JAVA_HOME}/bin/java`, '/etc/java-17-openjdk'],
    versionCommand: `${JAVA_HOME}/bin/java -version 2>&1 | head -n 1`,
  },
];

export function languageById(id: string): Language | undefined {
  return languages.find((l) => l.id === id);
}

/** Host directories mounted read-only into "host" runtime containers. */
export function hostMounts(): string[] {
  const dirs = ['/usr', '/lib', '/lib64', '/bin', '/etc/java-17-openjdk', '/etc/alternatives'];
  return dirs.filter((d) => fs.existsSync(d)).map((d) => `${d}:${d}:ro`);
}
