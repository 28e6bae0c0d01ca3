// Plagiarism reports with real Dolos: a renamed-variable copy ranks above independent solutions,
// the starter code counts for nobody, fragments point at lines on both sides, and a reviewer's
// verdict is recorded (in the audit log) without touching anything else.
import { createTestDatabase, type TestDatabase } from '@roguelearn/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../auth/service';
import { callerAs, makeUser, refusal } from '../authoring/fixtures';
import { comparePrograms } from './similarity';

let t: TestDatabase;
let prof: SessionUser;
let outsider: SessionUser;
let admin: SessionUser;
const students: Record<string, SessionUser> = {};
let problemId: string;
let classId: string;

const starter = `import sys

def read_ints():
    return list(map(int, sys.stdin.readline().split()))

def main():
    # write your solution here
    pass

main()
`;

const original = `import sys

def read_ints():
    return list(map(int, sys.stdin.readline().split()))

def main():
    n, m = read_ints()
    graph = [[] for _ in range(n + 1)]
    for _ in range(m):
        u, v = read_ints()
        graph[u].append(v)
        graph[v].append(u)
    dist = [-1] * (n + 1)
    dist[1] = 0
    queue = [1]
    head = 0
    while head < len(queue):
        node = queue[head]
        head += 1
        for nxt in graph[node]:
            if dist[nxt] == -1:
                dist[nxt] = dist[node] + 1
                queue.append(nxt)
    print(dist[n])

main()
`;

// The same program with every name changed, comments added and the layout shuffled.
const renamed = `import sys

def read_ints():
    return list(map(int, sys.stdin.readline().split()))

def main():
    # my own BFS, written from scratch
    cities, roads = read_ints()
    adj = [[] for _ in range(cities + 1)]
    for _ in range(roads):
        a, b = read_ints()
        adj[a].append(b)
        adj[b].append(a)

    seen = [-1] * (cities + 1)
    seen[1] = 0
    frontier = [1]
    idx = 0
    while idx < len(frontier):
        cur = frontier[idx]
        idx += 1
        for to in adj[cur]:
            if seen[to] == -1:
                seen[to] = seen[cur] + 1
                frontier.append(to)
    print(seen[cities])

main()
`;

// The same task solved differently: deque, a visited set, early exit.
const independent = `import sys
from collections import deque

def read_ints():
    return list(map(int, sys.stdin.readline().split()))

def main():
    n, m = read_ints()
    edges = {}
    for _ in range(m):
        x, y = read_ints()
        edges.setdefault(x, set()).add(y)
        edges.setdefault(y, set()).add(x)
    todo = deque([(1, 0)])
    visited = {1}
    answer = -1
    while todo:
        where, steps = todo.popleft()
        if where == n:
            answer = steps
            break
        for w in sorted(edges.get(where, ())):
            if w not in visited:
                visited.add(w)
                todo.append((w, steps + 1))
    sys.stdout.write(str(answer) + "\\n")

main()
`;

const cppSolution = `#include <bits/stdc++.h>
using namespace std;
int main() { int n, m; cin >> n >> m; vector<vector<int>> g(n + 1);
  for (int i = 0; i < m; i++) { int u, v; cin >> u >> v; g[u].push_back(v); g[v].push_back(u); }
  vector<int> d(n + 1, -1); d[1] = 0; queue<int> q; q.push(1);
  while (!q.empty()) { int x = q.front(); q.pop(); for (int y : g[x]) if (d[y] < 0) { d[y] = d[x] + 1; q.push(y); } }
  cout << d[n] << endl; }`;

async function accepted(user: SessionUser, code: string, language = 'python3', at = new Date()) {
  return (
    await t.db.submission.create({
      data: { userId: user.id, problemId, language, code, status: 'DONE', verdict: 'AC', createdAt: at },
    })
  ).id;
}

beforeAll(async () => {
  t = await createTestDatabase();
  prof = await makeUser(t.db, 'prof', 'INSTRUCTOR');
  outsider = await makeUser(t.db, 'elsewhere', 'INSTRUCTOR');
  admin = await makeUser(t.db, 'root', 'ADMIN');
  for (const name of ['ann', 'ben', 'cat', 'dan']) students[name] = await makeUser(t.db, name);
  const p = await t.db.problem.create({
    data: {
      slug: 'shortest-route',
      title: 'Shortest route',
      statement: 'BFS.',
      difficulty: 'MEDIUM',
      category: 'graphs',
      status: 'PUBLISHED',
      authorId: prof.id,
      starterCode: { create: { language: 'python3', code: starter } },
    },
  });
  problemId = p.id;
  const c = await t.db.class.create({
    data: {
      name: 'Algorithms',
      code: 'ALGO-1',
      instructorId: prof.id,
      inviteCode: 'algo-invite',
      enrollments: { create: Object.values(students).map((s) => ({ userId: s.id })) },
    },
  });
  classId = c.id;
});
afterAll(() => t.drop());

describe('similarity (Dolos)', () => {
  it('sees through renaming and ignores the starter code', async () => {
    const programs = [
      { id: 'original', code: original },
      { id: 'renamed', code: renamed },
      { id: 'independent', code: independent },
    ];
    const withTemplate = await comparePrograms('python3', programs, { template: starter });
    const sim = (r: typeof withTemplate, a: string, b: string) =>
      r.pairs.find((p) => (p.a === a && p.b === b) || (p.a === b && p.b === a))?.similarity ?? 0;
    expect(sim(withTemplate, 'original', 'renamed')).toBeGreaterThan(0.9);
    expect(sim(withTemplate, 'original', 'independent')).toBeLessThan(0.5);
    // Everyone's shared starter code makes independent solutions look closer when it isn't excluded.
    const without = await comparePrograms('python3', programs);
    expect(sim(without, 'original', 'independent')).toBeGreaterThan(sim(withTemplate, 'original', 'independent'));
  });
});

describe('integrity reports', () => {
  let reportId: string;
  let copyPairId: string;

  it('ranks the renamed copy first, per language, latest accepted submission per student', async () => {
    const long = new Date(Date.now() - 3 * 24 * 3600_000);
    await accepted(students.ann, independent, 'python3', long); // superseded by her later submission
    await accepted(students.ann, original);
    await accepted(students.ben, renamed);
    await accepted(students.cat, independent);
    await accepted(students.dan, cppSolution, 'cpp');
    await t.db.submission.create({
      data: { userId: students.dan.id, problemId, language: 'python3', code: original, status: 'DONE', verdict: 'WA' },
    });
    // The author's reference run is never compared.
    await t.db.submission.create({
      data: {
        userId: prof.id,
        problemId,
        language: 'python3',
        code: original,
        status: 'DONE',
        verdict: 'AC',
        source: 'reference',
      },
    });

    const run = await callerAs(t.db, prof).integrity.run({ problemId, threshold: 0 });
    expect(run).toMatchObject({ compared: 4, flagged: expect.any(Number) });
    reportId = run.reportId;
    const report = await callerAs(t.db, prof).integrity.report({ reportId });
    expect(report.status).toBe('DONE');
    const names = report.pairs.map((p) => [p.a.user.username, p.b.user.username].sort().join('+'));
    expect(names[0]).toBe('ann+ben');
    expect(report.pairs[0].similarity).toBeGreaterThan(0.9);
    for (const p of report.pairs.slice(1)) expect(p.similarity).toBeLessThan(report.pairs[0].similarity);
    expect(names).not.toContain('ann+ann');
    expect(names.some((n) => n.includes('dan'))).toBe(false); // C++ is compared with C++ only
    copyPairId = report.pairs[0].id;

    // A threshold keeps only the flagged pair.
    const strict = await callerAs(t.db, prof).integrity.run({ problemId, threshold: 0.8 });
    expect(strict.flagged).toBe(1);
  });

  it('shows a pair side by side with fragments on both sides', async () => {
    const pair = await callerAs(t.db, prof).integrity.pair({ pairId: copyPairId });
    expect([pair.a.code, pair.b.code].sort()).toEqual([original, renamed].sort());
    expect(pair.starterCode).toBe(starter);
    const fragments = pair.fragments as {
      a: { startLine: number; endLine: number };
      b: { startLine: number; endLine: number };
    }[];
    expect(fragments.length).toBeGreaterThan(0);
    const linesA = pair.a.code.split('\n').length;
    const linesB = pair.b.code.split('\n').length;
    for (const f of fragments) {
      expect(f.a.startLine).toBeGreaterThanOrEqual(1);
      expect(f.a.endLine).toBeLessThanOrEqual(linesA);
      expect(f.b.startLine).toBeGreaterThanOrEqual(1);
      expect(f.b.endLine).toBeLessThanOrEqual(linesB);
    }
    // The BFS loop is matched: some fragment covers the line with "while" on side A.
    const whileLine = pair.a.code.split('\n').findIndex((l) => l.includes('while')) + 1;
    expect(fragments.some((f) => f.a.startLine <= whileLine && whileLine <= f.a.endLine)).toBe(true);
  });

  it('records the reviewer’s verdict in the audit log and punishes nobody', async () => {
    expect(
      await refusal(callerAs(t.db, prof).integrity.review({ pairId: copyPairId, verdict: 'CONFIRMED' })),
    ).toMatchObject({ code: 'BAD_REQUEST' });
    const reviewed = await callerAs(t.db, prof).integrity.review({
      pairId: copyPairId,
      verdict: 'CONFIRMED',
      note: 'Same structure line for line; discussed with both students.',
    });
    expect(reviewed.review).toBe('CONFIRMED');
    const cleared = await callerAs(t.db, admin).integrity.review({
      pairId: copyPairId,
      verdict: 'CLEARED',
      note: 'Pair work was allowed.',
    });
    expect(cleared.review).toBe('CLEARED');
    const log = await t.db.auditLog.findMany({ where: { targetId: copyPairId }, orderBy: { id: 'asc' } });
    expect(log.map((l) => [l.action, l.actorId])).toEqual([
      ['integrity.pair.confirmed', prof.id],
      ['integrity.pair.cleared', admin.id],
    ]);
    expect(log[1].data).toMatchObject({ previous: 'CONFIRMED', note: 'Pair work was allowed.' });
    // Nothing else changed: the submissions are still accepted, the accounts untouched.
    const subs = await t.db.submission.findMany({ where: { userId: { in: [students.ann.id, students.ben.id] } } });
    expect(subs.every((s) => s.verdict === 'AC')).toBe(true);
    expect(
      (await t.db.user.findMany({ where: { id: { in: [students.ann.id, students.ben.id] } } })).map((u) => u.status),
    ).toEqual(['ACTIVE', 'ACTIVE']);
    const list = await callerAs(t.db, prof).integrity.reports({ problemId });
    expect(list.items[1]).toMatchObject({ id: reportId, cleared: 1, confirmed: 0 });
  });

  it('keeps reports to the people entitled to them', async () => {
    expect(await refusal(callerAs(t.db, outsider).integrity.report({ reportId }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await refusal(callerAs(t.db, outsider).integrity.pair({ pairId: copyPairId }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(
      await refusal(callerAs(t.db, outsider).integrity.review({ pairId: copyPairId, verdict: 'CLEARED' })),
    ).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await callerAs(t.db, outsider).integrity.reports()).items).toEqual([]);
    // An instructor who isn't the author compares only their own classes' students: none here.
    const theirs = await callerAs(t.db, outsider).integrity.run({ problemId, threshold: 0 });
    expect(theirs).toMatchObject({ compared: 0, flagged: 0 });
    expect(await refusal(callerAs(t.db, outsider).integrity.run({ problemId, classId, threshold: 0 }))).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await refusal(callerAs(t.db, students.ann).integrity.reports())).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('runs for a contest too', async () => {
    const start = new Date(Date.now() - 3600_000);
    const contest = await t.db.contest.create({
      data: {
        slug: 'round-1',
        title: 'Round 1',
        startsAt: start,
        endsAt: new Date(start.getTime() + 30 * 60_000),
        createdById: prof.id,
        problems: { create: { problemId, label: 'A', ordinal: 0 } },
      },
    });
    for (const [who, code] of [
      ['ann', original],
      ['ben', renamed],
    ] as const) {
      await t.db.submission.create({
        data: {
          userId: students[who].id,
          problemId,
          contestId: contest.id,
          language: 'python3',
          code,
          status: 'DONE',
          verdict: 'AC',
          createdAt: new Date(start.getTime() + 10 * 60_000),
        },
      });
    }
    const run = await callerAs(t.db, prof).integrity.run({ contestId: contest.id, threshold: 0.8 });
    expect(run.flagged).toBe(1);
    const report = await callerAs(t.db, prof).contest.integrityReport({ contestId: contest.id });
    expect(report?.pairs[0]).toMatchObject({ label: 'A' });
    expect(
      await refusal(callerAs(t.db, outsider).integrity.run({ contestId: contest.id, threshold: 0.8 })),
    ).toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
