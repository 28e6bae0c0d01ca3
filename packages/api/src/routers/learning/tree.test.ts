// Syllabus → skill tree: the offline generator on the seeded CS101 syllabus and other shapes of
// syllabus text, and the graph rules (cycles refused with the cycle named).
import { syllabus } from '@roguelearn/db/seed';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../errors';
import { cleanTitle, matchTags, offlineSkillTree, parseOutline } from '../ai/offline';
import { edgesFromPrerequisites, findCycle, layoutTree, validateGraph } from './graph';

// The seeded syllabus text, as an instructor would paste it.
const CS101 = syllabus.content;

// The tags of the seeded problems.
// biome-ignore format: a word list
const TAGS = [
  'arrays', 'backtracking', 'bfs', 'big-numbers', 'binary-search', 'bitmasks', 'combinatorics', 'counting', 'deque',
  'dijkstra', 'divide-and-conquer', 'dynamic-programming', 'fenwick-tree', 'fibonacci', 'floating-point', 'gcd',
  'geometry', 'graphs', 'greedy', 'grid', 'hashing', 'heap', 'implementation', 'interval-dp', 'intervals', 'math',
  'matrix-exponentiation', 'modular-arithmetic', 'mst', 'number-theory', 'parsing', 'prefix-sums', 'recursion',
  'segment-tree', 'shortest-path', 'sliding-window', 'sorting', 'stack', 'statistics', 'strings', 'two-pointers',
  'union-find',
];

describe('offline syllabus → skill tree', () => {
  it('turns the CS101 syllabus into a sensible tree', () => {
    const { title, tree } = offlineSkillTree(CS101, TAGS);
    expect(title).toBe('CS101: Introduction to Programming (Fall 2026)');
    const byKey = Object.fromEntries(tree.nodes.map((n) => [n.key, n]));
    expect(tree.nodes.map((n) => n.key)).toEqual([
      'foundations',
      'strings',
      'arrays-and-prefix-sums',
      'sorting-and-searching',
      'recursion',
      'greedy-algorithms',
      'data-structures',
      'dynamic-programming',
      'graphs',
    ]);
    expect(tree.nodes.map((n) => n.title)).toContain('Arrays and Prefix Sums');
    // Teaching order: each week builds on the previous one.
    expect(tree.nodes.map((n) => n.prerequisites)).toEqual([
      [],
      ['foundations'],
      ['strings'],
      ['arrays-and-prefix-sums'],
      ['sorting-and-searching'],
      ['recursion'],
      ['greedy-algorithms'],
      ['data-structures'],
      ['dynamic-programming'],
    ]);
    // Tags come from the platform's problem tags, so problems can be attached.
    expect(byKey.foundations.tags).toEqual(expect.arrayContaining(['math', 'implementation']));
    expect(byKey.strings.tags[0]).toBe('strings');
    expect(byKey['arrays-and-prefix-sums'].tags).toEqual(
      expect.arrayContaining(['arrays', 'prefix-sums', 'two-pointers', 'sliding-window']),
    );
    expect(byKey['sorting-and-searching'].tags).toEqual(expect.arrayContaining(['sorting', 'binary-search']));
    expect(byKey.recursion.tags).toEqual(expect.arrayContaining(['recursion', 'backtracking']));
    expect(byKey['greedy-algorithms'].tags).toEqual(expect.arrayContaining(['greedy', 'intervals']));
    expect(byKey['data-structures'].tags).toEqual(expect.arrayContaining(['stack', 'hashing', 'heap', 'deque']));
    expect(byKey['dynamic-programming'].tags[0]).toBe('dynamic-programming');
    expect(byKey.graphs.tags).toEqual(expect.arrayContaining(['graphs', 'bfs', 'shortest-path']));
    expect(byKey.foundations.description).toMatch(/^Variables, expressions/);
    expect(tree.nodes.map((n) => n.difficulty)).toEqual([
      'EASY',
      'EASY',
      'EASY',
      'MEDIUM',
      'MEDIUM',
      'MEDIUM',
      'HARD',
      'HARD',
      'HARD',
    ]);
    // Deterministic, and a valid graph.
    expect(offlineSkillTree(CS101, TAGS)).toEqual({ title, tree });
    expect(() => validateGraph(tree.nodes, edgesFromPrerequisites(tree.nodes))).not.toThrow();
  });

  it('nests sub-headings under their parent and skips administrative sections', () => {
    const { tree } = offlineSkillTree(
      `# Algorithms
## Unit 1: Graphs
### BFS
### Dijkstra
## Unit 2: Dynamic Programming
### Knapsack
## Grading
Homework 50%.
## Office Hours
Tuesdays.`,
      TAGS,
    );
    expect(tree.nodes.map((n) => [n.key, n.prerequisites])).toEqual([
      ['graphs', []],
      ['bfs', ['graphs']],
      ['dijkstra', ['bfs']],
      ['dynamic-programming', ['graphs']],
      ['knapsack', ['dynamic-programming']],
    ]);
  });

  it('reads plain text (a PDF’s text) by its "Week n:" lines, and refuses text without any headings', () => {
    const outline = parseOutline(
      'Course plan\nWeek 1: Loops and variables\nwhile, for\nWeek 2: Recursion\nbase cases\n',
    );
    expect(outline.map((s) => s.title)).toEqual(['Loops and variables', 'Recursion']);
    expect(offlineSkillTree('Just a paragraph of text with no structure at all.', TAGS).tree.nodes).toEqual([]);
    expect(cleanTitle('Module 3 – Trees')).toBe('Trees');
    expect(cleanTitle('2.1 Loops')).toBe('Loops');
    expect(cleanTitle('Unit conversions')).toBe('Unit conversions');
    expect(matchTags('Hash tables', 'Dictionaries and sets', TAGS)).toEqual(['hashing']);
  });

  it('gives duplicate headings distinct keys', () => {
    const { tree } = offlineSkillTree('## Practice\ntext\n## Practice\nmore', TAGS);
    expect(tree.nodes.map((n) => n.key)).toEqual(['practice', 'practice-2']);
  });
});

describe('graph rules', () => {
  const nodes = [
    { key: 'a', title: 'Loops' },
    { key: 'b', title: 'Recursion' },
    { key: 'c', title: 'Dynamic Programming' },
  ];

  it('refuses a cycle, naming it by title', () => {
    const edges = [
      { from: 'a', to: 'b' },
      { from: 'b', to: 'c' },
      { from: 'c', to: 'b' },
    ];
    expect(findCycle(['a', 'b', 'c'], edges)).toEqual(['b', 'c', 'b']);
    let err: unknown;
    try {
      validateGraph(nodes, edges);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('BAD_REQUEST');
    expect((err as DomainError).message).toBe(
      'These prerequisites form a cycle: Recursion → Dynamic Programming → Recursion. A skill cannot (indirectly) require itself; remove one of these links.',
    );
    expect((err as DomainError).fieldErrors).toEqual({ edges: ['Cycle: Recursion → Dynamic Programming → Recursion'] });
  });

  it('refuses self-links, unknown nodes and duplicate keys; drops duplicate edges', () => {
    expect(() => validateGraph(nodes, [{ from: 'a', to: 'a' }])).toThrow('“Loops” cannot be its own prerequisite.');
    expect(() => validateGraph(nodes, [{ from: 'a', to: 'zz' }])).toThrow(/“zz”, which is not a node/);
    expect(() => validateGraph([...nodes, { key: 'a' }], [])).toThrow(/Two nodes share the key “a”/);
    expect(
      validateGraph(nodes, [
        { from: 'a', to: 'b' },
        { from: 'a', to: 'b' },
      ]),
    ).toEqual([{ from: 'a', to: 'b' }]);
  });

  it('lays a tree out in rows by prerequisite depth', () => {
    const pos = layoutTree(
      ['a', 'b', 'c', 'd'],
      [
        { from: 'a', to: 'b' },
        { from: 'a', to: 'c' },
        { from: 'b', to: 'd' },
        { from: 'c', to: 'd' },
      ],
    );
    expect(pos.get('a')).toEqual({ x: 0, y: 0 });
    expect([pos.get('b')?.y, pos.get('c')?.y, pos.get('d')?.y]).toEqual([160, 160, 320]);
    expect(pos.get('b')?.x).toBe(-120);
  });
});
