// Every case runs in the real sandbox (Docker, the real harness, the host's toolchains).
import fs from 'node:fs';
import os from 'node:os';
import { beforeAll, describe, expect, it } from 'vitest';
import { connectDocker } from './docker';
import { ensureHostImage } from './images';
import { languageById } from './languages';
import { CONTAINER_LABEL, runInSandbox, type SandboxEvent, type SandboxJob, type SandboxOptions } from './sandbox';

const docker = connectDocker();
let opts: SandboxOptions;

beforeAll(async () => {
  const hostImage = await ensureHostImage(docker);
  opts = {
    docker,
    runtime: 'host',
    hostImage,
    owner: { host: os.hostname(), pid: process.pid, worker: 'sandbox-test' },
    compileCpuMs: 5000,
    compileWallMs: 8000,
  };
}, 180_000);

type Compile = Extract<SandboxEvent, { type: 'compile' }>;
type Test = Extract<SandboxEvent, { type: 'test' }>;

async function judge(
  language: string,
  source: string,
  tests: { input: string; expected: string }[] = [{ input: '2 3\n', expected: '5\n' }],
  extra: Partial<SandboxJob> = {},
) {
  const events: SandboxEvent[] = [];
  const lang = languageById(language);
  if (!lang) throw new Error(language);
  await runInSandbox(
    opts,
    {
      language: lang,
      source,
      tests: tests.map((t, i) => ({ id: String(i), ...t })),
      cpuMs: 1000,
      memoryKb: 128 * 1024,
      checker: { kind: 'tokens' },
      stopOnFail: false,
      ...extra,
    },
    (e) => {
      events.push(e);
    },
  );
  return {
    compile: events.find((e): e is Compile => e.type === 'compile'),
    tests: events.filter((e): e is Test => e.type === 'test'),
    verdicts: events.filter((e): e is Test => e.type === 'test').map((e) => e.verdict),
  };
}

const sumPrograms: Record<
  string,
  { ok: string; wrong: string; crash: string; syntax: string; spin: string; hog: string }
> = {
  python3: {
    ok: 'a, b = map(int, input().split())\nprint(a + b)\n',
    wrong: 'a, b = map(int, input().split())\nprint(a - b)\n',
    crash: 'raise SystemExit(3)\n',
    syntax: 'def f(:\n  pass\n',
    spin: 'while True:\n    pass\n',
    hog: 'x = bytearray(600 * 1024 * 1024)\nfor i in range(0, len(x), 4096):\n    x[i] = 1\nprint(len(x))\n',
  },
  javascript: {
    ok: 'const [a, b] = require("fs").readFileSync(0, "utf8").trim().split(/\\s+/).map(Number);\nconsole.log(a + b);\n',
    wrong: 'console.log(0);\n',
    crash: 'null.x;\n',
    syntax: 'function (\n',
    spin: 'for (;;) {}\n',
    hog: 'const a = []; for (;;) a.push(new Array(1e6).fill(1));\n',
  },
  typescript: {
    ok: 'const [a, b]: number[] = require("fs").readFileSync(0, "utf8").trim().split(/\\s+/).map(Number);\nconsole.log(a + b);\n',
    wrong: 'console.log(1 as number);\n',
    crash: 'process.exit(2);\n',
    syntax: 'const x: = ;\n',
    spin: 'while (true) {}\n',
    hog: 'const a: number[][] = []; for (;;) a.push(new Array(1e6).fill(1));\n',
  },
  c: {
    ok: '#include <stdio.h>\nint main(void){long a,b;scanf("%ld %ld",&a,&b);printf("%ld\\n",a+b);return 0;}\n',
    wrong: '#include <stdio.h>\nint main(void){puts("4");return 0;}\n',
    crash: '#include <stdlib.h>\nint main(void){int *p=0;*p=1;return 0;}\n',
    syntax: 'int main( {\n',
    spin: 'int main(void){volatile unsigned long x=0;for(;;)x++;}\n',
    // volatile: otherwise the optimiser may drop stores it can prove are never read.
    hog: '#include <stdlib.h>\nint main(void){size_t n=1u<<30;volatile char*p=malloc(n);for(size_t i=0;i<n;i+=4096)p[i]=1;return p[4096]-1;}\n',
  },
  cpp: {
    ok: '#include <iostream>\nint main(){long a,b;std::cin>>a>>b;std::cout<<a+b<<"\\n";}\n',
    wrong: '#include <iostream>\nint main(){std::cout<<"42\\n";}\n',
    crash: '#include <vector>\nint main(){std::vector<int> v;return v.at(3);}\n',
    syntax: 'int main() { return }\n',
    spin: 'int main(){volatile unsigned long x=0;for(;;)x++;}\n',
    hog: '#include <vector>\nint main(){std::vector<char> v(1u<<30, 1);return v[7];}\n',
  },
  java: {
    ok: 'import java.util.*;\npublic class Main { public static void main(String[] a) { Scanner s = new Scanner(System.in); System.out.println(s.nextLong() + s.nextLong()); } }\n',
    wrong: 'public class Main { public static void main(String[] a) { System.out.println(7); } }\n',
    crash: 'public class Main { public static void main(String[] a) { throw new RuntimeException("boom"); } }\n',
    syntax: 'public class Main { void }\n',
    spin: 'public class Main { public static void main(String[] a) { long x = 0; while (true) x++; } }\n',
    hog: 'import java.util.*;\npublic class Main { public static void main(String[] a) { List<long[]> l = new ArrayList<>(); while (true) l.add(new long[1 << 20]); } }\n',
  },
};

describe.each(Object.keys(sumPrograms))('%s', (language) => {
  const p = sumPrograms[language];
  it('AC, WA, RE, CE, TLE and MLE from small programs', async () => {
    expect(
      (
        await judge(language, p.ok, [
          { input: '2 3\n', expected: '5\n' },
          { input: '-7 7\n', expected: '0\n' },
        ])
      ).verdicts,
    ).toEqual(['AC', 'AC']);
    expect((await judge(language, p.wrong)).verdicts).toEqual(['WA']);
    expect((await judge(language, p.crash)).verdicts).toEqual(['RE']);
    const ce = await judge(language, p.syntax);
    expect(ce.compile?.ok).toBe(false);
    expect(ce.compile?.output.length).toBeGreaterThan(0);
    expect(ce.tests).toEqual([]);
    expect((await judge(language, p.spin)).verdicts).toEqual(['TLE']);
    // Java reports a heap overflow as an exception; either way the verdict is about memory.
    expect((await judge(language, p.hog, undefined, { cpuMs: 4000 })).verdicts[0]).toMatch(
      language === 'java' ? /MLE|RE/ : /MLE/,
    );
  });
});

describe('checkers and limits', () => {
  it('exact ignores only trailing whitespace; tokens ignore layout; float allows tolerance', async () => {
    const py = (out: string) => `print(${JSON.stringify(out)})`;
    expect(
      (await judge('python3', py('1 2'), [{ input: '', expected: '1 2\n\n' }], { checker: { kind: 'exact' } }))
        .verdicts,
    ).toEqual(['AC']);
    expect(
      (await judge('python3', py('1  2'), [{ input: '', expected: '1 2\n' }], { checker: { kind: 'exact' } })).verdicts,
    ).toEqual(['WA']);
    expect(
      (await judge('python3', py('1\n2'), [{ input: '', expected: '1 2\n' }], { checker: { kind: 'tokens' } }))
        .verdicts,
    ).toEqual(['AC']);
    expect(
      (
        await judge('python3', py('3.1415927'), [{ input: '', expected: '3.14159265\n' }], {
          checker: { kind: 'float', tolerance: 1e-6 },
        })
      ).verdicts,
    ).toEqual(['AC']);
    expect(
      (
        await judge('python3', py('3.1416'), [{ input: '', expected: '3.14159265\n' }], {
          checker: { kind: 'float', tolerance: 1e-6 },
        })
      ).verdicts,
    ).toEqual(['WA']);
  });

  it('runs a custom checker program (any answer that sums to the target)', async () => {
    const checker = [
      'import sys',
      'inp, exp, out = (open(p).read().split() for p in sys.argv[1:4])',
      'sys.exit(0 if len(out) == 2 and int(out[0]) + int(out[1]) == int(inp[0]) else 1)',
    ].join('\n');
    const job = { checker: { kind: 'custom' as const, python: checker } };
    expect(
      (await judge('python3', 'n = int(input())\nprint(1, n - 1)', [{ input: '10\n', expected: '5 5\n' }], job))
        .verdicts,
    ).toEqual(['AC']);
    expect(
      (await judge('python3', 'n = int(input())\nprint(1, n)', [{ input: '10\n', expected: '5 5\n' }], job)).verdicts,
    ).toEqual(['WA']);
  });

  it('stops at the first failure when asked (contest pretests) and runs all tests otherwise', async () => {
    const tests = [
      { input: '1 1\n', expected: '2\n' },
      { input: '1 1\n', expected: '3\n' },
      { input: '2 2\n', expected: '4\n' },
    ];
    const src = sumPrograms.python3.ok;
    expect((await judge('python3', src, tests, { stopOnFail: true })).verdicts).toEqual(['AC', 'WA', 'SKIPPED']);
    expect((await judge('python3', src, tests, { stopOnFail: false })).verdicts).toEqual(['AC', 'WA', 'AC']);
  });

  it('reports time and peak memory per test', async () => {
    const r = await judge('python3', 'x = bytearray(50 * 1024 * 1024)\nprint(5)', [{ input: '', expected: '5\n' }]);
    expect(r.verdicts).toEqual(['AC']);
    expect(r.tests[0].memoryKb).toBeGreaterThan(50 * 1024);
    expect(r.tests[0].timeMs).toBeGreaterThanOrEqual(0);
  });
});

describe('hostile code', () => {
  const denied = (code: string) =>
    judge('python3', code, [{ input: '', expected: 'ok\n' }], { checker: { kind: 'exact' } });

  it('an infinite sleep is stopped by the wall clock (TLE)', async () => {
    expect((await judge('python3', 'import time\ntime.sleep(100)')).verdicts).toEqual(['TLE']);
  });

  it('a 1 GB allocation is MLE', async () => {
    expect((await judge('c', sumPrograms.c.hog)).verdicts).toEqual(['MLE']);
  });

  it('a fork bomb is contained by the process limit and killed with its test', async () => {
    const bomb = '#include <unistd.h>\nint main(void){for(;;)fork();}\n';
    const r = await judge('c', bomb);
    expect(r.verdicts).toEqual(['TLE']);
    expect((await judge('c', sumPrograms.c.ok)).verdicts).toEqual(['AC']);
  });

  it('100 MB of output is OLE (output limit 8 MB here)', async () => {
    const flood = 'import sys\nline = "x" * 1023 + "\\n"\nfor _ in range(100 * 1024):\n    sys.stdout.write(line)\n';
    expect((await judge('python3', flood, undefined, { outputBytes: 8 * 1024 * 1024, cpuMs: 4000 })).verdicts).toEqual([
      'OLE',
    ]);
  });

  it('has no network', async () => {
    const code = [
      'import socket',
      'try:',
      '    socket.create_connection(("1.1.1.1", 80), timeout=2)',
      '    print("connected")',
      'except OSError:',
      '    print("ok")',
    ].join('\n');
    expect((await denied(code)).verdicts).toEqual(['AC']);
  });

  it('cannot write outside its work directory', async () => {
    const marker = `/usr/roguelearn-escape-${process.pid}`;
    const code = [
      'import os',
      `paths = ["${marker}", "/etc/passwd", "/opt/rl/harness", "/judge/exp0", "/box/../evil"]`,
      'bad = []',
      'for p in paths:',
      '    try:',
      '        open(p, "w").write("pwned")',
      '        bad.append(p)',
      '    except OSError:',
      '        pass',
      'print("ok" if not bad or bad == ["/box/../evil"] else bad)',
    ].join('\n');
    expect((await denied(code)).verdicts).toEqual(['AC']);
    expect(fs.existsSync(marker)).toBe(false);
  });

  it('cannot read host secrets, the expected output, or the harness environment', async () => {
    const code = [
      'import os',
      'leaks = []',
      'for p in ["/etc/shadow", "/judge/exp0", "/judge/in0", "/proc/1/environ", "/root/.ssh/id_rsa"]:',
      '    try:',
      '        open(p).read()',
      '        leaks.append(p)',
      '    except OSError:',
      '        pass',
      'secret = [k for k in os.environ if "SECRET" in k or "DATABASE" in k or "TOKEN" in k]',
      'print("ok" if not leaks and not secret and os.getuid() == 65534 else (leaks, secret, os.getuid()))',
    ].join('\n');
    process.env.AUTH_JWT_SECRET_PROBE = 'must-not-leak';
    expect((await denied(code)).verdicts).toEqual(['AC']);
  });

  it('cannot kill the harness', async () => {
    const code = [
      'import os, signal',
      'for pid in (1, os.getppid()):',
      '    try:',
      '        os.kill(pid, signal.SIGKILL)',
      '    except OSError:',
      '        pass',
      'print("ok")',
    ].join('\n');
    const r = await judge('python3', code, [
      { input: '', expected: 'ok\n' },
      { input: '', expected: 'ok\n' },
    ]);
    expect(r.verdicts).toEqual(['AC', 'AC']);
  });

  it('a compile bomb hits the compile time limit (CE) and leaves nothing behind', async () => {
    const bomb = [
      '#include <tuple>',
      'template <class T, int N> struct Grow { using type = typename Grow<std::tuple<T, T, T>, N - 1>::type; };',
      'template <class T> struct Grow<T, 0> { using type = T; };',
      'int main() { typename Grow<int, 40>::type x; (void)x; }',
    ].join('\n');
    const r = await judge('cpp', bomb);
    expect(r.compile?.ok).toBe(false);
    expect(r.compile?.timedOut || /Killed|memory|internal compiler error/i.test(r.compile?.output ?? '')).toBe(true);
    expect(r.tests).toEqual([]);
    const left = await docker.listContainers({
      all: true,
      filters: { label: [`${CONTAINER_LABEL}.worker=sandbox-test`] },
    });
    expect(left).toEqual([]);
    expect((await judge('cpp', sumPrograms.cpp.ok)).verdicts).toEqual(['AC']);
  });
});
