// A plagiarism case to find on a fresh platform: Alan and Dennis both solved "Maze Shortest Path"
// with the same program, Dennis's a copy with every name changed and a comment added, while Ada
// solved it her own way. An instructor's integrity check on the problem flags the first pair only.
// (These students and this problem are not the ones the duel, pair and learning journeys use.)
import type { Db } from '../client';
import { problems } from './problems';

export const INTEGRITY_PROBLEM = 'maze-shortest-path';

const original = `import sys
from collections import deque


def main():
    data = sys.stdin.read().split()
    rows, cols = int(data[0]), int(data[1])
    maze = data[2:2 + rows]
    start = goal = None
    for r in range(rows):
        for c in range(cols):
            if maze[r][c] == 'S':
                start = (r, c)
            elif maze[r][c] == 'E':
                goal = (r, c)
    steps = {start: 0}
    queue = deque([start])
    while queue:
        r, c = queue.popleft()
        if (r, c) == goal:
            print(steps[(r, c)])
            return
        for dr, dc in ((1, 0), (-1, 0), (0, 1), (0, -1)):
            nr, nc = r + dr, c + dc
            if 0 <= nr < rows and 0 <= nc < cols and maze[nr][nc] != '#' and (nr, nc) not in steps:
                steps[(nr, nc)] = steps[(r, c)] + 1
                queue.append((nr, nc))
    print(-1)


main()
`;

const renamedCopy = `import sys
from collections import deque


def main():
    # read the dungeon
    tokens = sys.stdin.read().split()
    height, width = int(tokens[0]), int(tokens[1])
    board = tokens[2:2 + height]
    hero = exit_cell = None
    for y in range(height):
        for x in range(width):
            if board[y][x] == 'S':
                hero = (y, x)
            elif board[y][x] == 'E':
                exit_cell = (y, x)
    dist = {hero: 0}
    todo = deque([hero])
    while todo:
        y, x = todo.popleft()
        if (y, x) == exit_cell:
            print(dist[(y, x)])
            return
        for dy, dx in ((1, 0), (-1, 0), (0, 1), (0, -1)):
            ny, nx = y + dy, x + dx
            if 0 <= ny < height and 0 <= nx < width and board[ny][nx] != '#' and (ny, nx) not in dist:
                dist[(ny, nx)] = dist[(y, x)] + 1
                todo.append((ny, nx))
    print(-1)  # unreachable


main()
`;

const independent = `import sys


def solve(lines):
    h, w = map(int, lines[0].split())
    cells = ''.join(row.strip() for row in lines[1:1 + h])
    src = cells.index('S')
    dst = cells.index('E')
    seen = [False] * (h * w)
    seen[src] = True
    frontier = [src]
    depth = 0
    while frontier:
        if seen[dst]:
            return depth
        nxt = []
        for p in frontier:
            row, col = divmod(p, w)
            around = []
            if row > 0:
                around.append(p - w)
            if row < h - 1:
                around.append(p + w)
            if col > 0:
                around.append(p - 1)
            if col < w - 1:
                around.append(p + 1)
            for q in around:
                if not seen[q] and cells[q] != '#':
                    seen[q] = True
                    nxt.append(q)
        frontier = nxt
        depth += 1
    return -1


print(solve(sys.stdin.read().split('\\n')))
`;

const solutions: [username: string, code: string, day: number][] = [
  ['alan', original, 20],
  ['dennis', renamedCopy, 21],
  ['ada', independent, 22],
];

export async function seedIntegrity(
  db: Db,
  users: Record<string, string>,
  problemIds: Record<string, string>,
  seedId: (name: string) => string,
) {
  const problem = problems.find((p) => p.slug === INTEGRITY_PROBLEM);
  if (!problem) throw new Error(`The integrity seed needs the problem ${INTEGRITY_PROBLEM}`);
  const tests = problem.tests.length;
  for (const [username, code, day] of solutions) {
    const id = seedId(`submission:${username}:${INTEGRITY_PROBLEM}`);
    await db.submission.upsert({
      where: { id },
      update: {},
      create: {
        id,
        userId: users[username],
        problemId: problemIds[INTEGRITY_PROBLEM],
        language: 'python3',
        code,
        status: 'DONE',
        verdict: 'AC',
        score: 100,
        testsPassed: tests,
        testsTotal: tests,
        timeMs: 180 + day,
        memoryKb: 14_800,
        createdAt: new Date(Date.UTC(2026, 9, day, 16)),
        judgedAt: new Date(Date.UTC(2026, 9, day, 16, 0, 3)),
      },
    });
    // The rules engine's own key, so its catch-up doesn't award this old solve again.
    const key = `first-solve:${users[username]}:${problemIds[INTEGRITY_PROBLEM]}`;
    await db.xpEvent.upsert({
      where: { idempotencyKey: key },
      update: {},
      create: {
        userId: users[username],
        amount: 40,
        reason: 'first-solve',
        sourceType: 'submission',
        sourceId: id,
        idempotencyKey: key,
      },
    });
  }
}
