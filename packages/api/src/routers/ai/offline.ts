// Deterministic offline implementations of every AI feature: same input, same output, no network.
// They are what runs without GEMINI_API_KEY and what answers when the live call fails.
import crypto from 'node:crypto';
import type { Difficulty, Verdict } from '@roguelearn/db';
import type { GeneratedTree } from '../../schemas/learning';
import type { HintOutput, NarrationOutput, ReviewOutput } from './outputs';

// ───────────────────────────── syllabus → skill tree ─────────────────────────────

export interface OutlineSection {
  level: number;
  title: string;
  body: string;
}

const ATX = /^(#{1,6})\s+(.+?)\s*#*\s*$/;
const PLAIN =
  /^\s*(?:week|module|unit|chapter|lecture|lesson|topic|part|session)\s*[\divxlc]+(?:\s*[-–—&,]\s*[\divxlc]+)*\b\s*[:.\-–—)]\s*(.{2,120})$/i;
const NUMBERED = /^\s*(\d{1,2})[.)]\s+([A-Z][^.!?]{2,80})\s*$/;

/** Headings of a Markdown (or plain text) syllabus, in order, each with the text under it. */
export function parseOutline(content: string): OutlineSection[] {
  const lines = content.replace(/\r\n?/g, '\n').split('\n');
  const sections: OutlineSection[] = [];
  let fenced = false;
  let current: OutlineSection | null = null;
  const push = (level: number, title: string) => {
    current = { level, title: title.replace(/[*_`]/g, '').trim(), body: '' };
    sections.push(current);
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const atx = !fenced ? line.match(ATX) : null;
    const next = lines[i + 1] ?? '';
    if (atx) {
      push(atx[1].length, atx[2]);
    } else if (!fenced && line.trim() && !/^\s*([-*+]|\d+[.)])\s/.test(line) && /^(=+|-+)\s*$/.test(next)) {
      push(next.startsWith('=') ? 1 : 2, line.trim());
      i++;
    } else if (current) {
      (current as OutlineSection).body += `${line}\n`;
    }
  }
  if (sections.length) return sections;

  // Plain text (a PDF's text, say): "Week 3: Strings" or "3. Strings" lines act as headings.
  for (const pattern of [PLAIN, NUMBERED]) {
    const found: OutlineSection[] = [];
    let cur: OutlineSection | null = null;
    for (const line of lines) {
      const m = line.match(pattern);
      if (m) {
        cur = { level: 2, title: (m[2] ?? m[1]).trim(), body: '' };
        found.push(cur);
      } else if (cur) cur.body += `${line}\n`;
    }
    if (found.length >= 2) return found;
  }
  return [];
}

const ADMIN_HEADING =
  /^(grading|grades|assessment|evaluation|polic(y|ies)|academic (integrity|honesty)|office hours|contact|textbooks?|required (texts?|reading)|readings?|references|resources|logistics|course (information|info|details)|attendance|late (work|submissions?|policy)|accommodations?|instructors?|staff|teaching assistants?|communication|prerequisites?|schedule|calendar|important dates|exams?|final exam|midterm)\b/i;

/** "Week 1-2: Foundations" → "Foundations"; "Module 3 – Trees" → "Trees"; "2.1 Loops" → "Loops". */
export function cleanTitle(title: string): string {
  const stripped = title
    .replace(
      /^\s*(?:week|weeks|module|unit|chapter|lecture|lesson|topic|part|session)\s*[\divxlc]+(?:\s*[-–—&,]\s*[\divxlc]+)*\b\s*[:.\-–—)]?\s*/i,
      '',
    )
    .replace(/^\s*\d+(\.\d+)*[.):]?\s+/, '')
    .trim();
  return stripped || title.trim();
}

export function slugify(text: string, max = 48): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '');
  return s || 'topic';
}

function stem(word: string): string {
  let w = word.toLowerCase();
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 4 && /(ss|x|ch|sh)es$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is'))
    w = w.slice(0, -1);
  return w;
}

/** Lower-cased, stemmed words joined by single spaces, padded: " prefix sum and sliding window ". */
function normalise(text: string): string {
  const words = text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  return ` ${words.map(stem).join(' ')} `;
}

/** Phrases (already in `normalise` form) that point at a tag the words alone would miss. */
const SYNONYMS: [string, string][] = [
  ['dp', 'dynamic-programming'],
  ['memoisation', 'dynamic-programming'],
  ['memoization', 'dynamic-programming'],
  ['tabulation', 'dynamic-programming'],
  ['knapsack', 'dynamic-programming'],
  ['hash map', 'hashing'],
  ['hash table', 'hashing'],
  ['hash set', 'hashing'],
  ['dictionary', 'hashing'],
  ['priority queue', 'heap'],
  ['queue', 'deque'],
  ['arithmetic', 'math'],
  ['integer', 'math'],
  ['overflow', 'math'],
  ['variable', 'implementation'],
  ['loop', 'implementation'],
  ['conditional', 'implementation'],
  ['input and output', 'implementation'],
  ['simulation', 'implementation'],
  ['breadth first', 'bfs'],
  ['depth first', 'dfs'],
  ['two pointer', 'two-pointers'],
  ['palindrome', 'strings'],
  ['anagram', 'strings'],
  ['substring', 'strings'],
  ['character', 'strings'],
  ['recursive', 'recursion'],
  ['sort', 'sorting'],
  ['searching', 'binary-search'],
  ['interval', 'intervals'],
  ['list', 'arrays'],
  ['array', 'arrays'],
  ['prime', 'number-theory'],
  ['divisor', 'number-theory'],
  ['modulo', 'modular-arithmetic'],
  ['connected component', 'union-find'],
  ['disjoint set', 'union-find'],
  ['spanning tree', 'mst'],
  ['shortest path', 'dijkstra'],
  ['counting', 'counting'],
  ['combinatoric', 'combinatorics'],
  ['probability', 'math'],
  ['geometry', 'geometry'],
  ['bitmask', 'bitmasks'],
];

/** Known tags mentioned by a text, strongest first (title mentions before body mentions). */
export function matchTags(title: string, body: string, knownTags: readonly string[], max = 6): string[] {
  const known = new Set(knownTags);
  const out: string[] = [];
  for (const text of [normalise(title), normalise(body)]) {
    for (const tag of knownTags) {
      if (!out.includes(tag) && text.includes(` ${tag.split('-').map(stem).join(' ')} `)) out.push(tag);
    }
    for (const [phrase, tag] of SYNONYMS) {
      if (known.has(tag) && !out.includes(tag) && text.includes(` ${phrase} `)) out.push(tag);
    }
  }
  return out.slice(0, max);
}

function firstSentences(body: string, max = 280): string {
  const text = body
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/^\s*([-*+]|\d+[.)])\s+/gm, '')
    .replace(/[*_`>#]/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const end = cut.lastIndexOf('. ');
  return end > max / 2 ? cut.slice(0, end + 1) : `${cut.replace(/\s+\S*$/, '')}…`;
}

export const MAX_TREE_NODES = 60;

/**
 * The offline syllabus → skill tree generator. Nodes are the syllabus's headings in order (a lone
 * top-level heading is the document title, administrative headings like "Grading" are skipped);
 * a node's prerequisite is the previous heading with the same parent, or its parent for the first
 * child; tags come from matching the text against the platform's problem tags; difficulty rises
 * with position (first third EASY, then MEDIUM, then HARD).
 */
export function offlineSkillTree(
  content: string,
  knownTags: readonly string[],
): { title: string | null; tree: GeneratedTree } {
  let sections = parseOutline(content);
  let title: string | null = null;
  const minLevel = Math.min(...sections.map((s) => s.level));
  if (
    sections.length > 1 &&
    sections[0].level === minLevel &&
    sections.filter((s) => s.level === minLevel).length === 1
  ) {
    title = sections[0].title;
    sections = sections.slice(1);
  }
  sections = sections.filter((s) => !ADMIN_HEADING.test(cleanTitle(s.title)));
  // Too many headings: drop the deepest level until it fits.
  while (sections.length > MAX_TREE_NODES) {
    const deepest = Math.max(...sections.map((s) => s.level));
    if (deepest === Math.min(...sections.map((s) => s.level))) break;
    sections = sections.filter((s) => s.level !== deepest);
  }
  sections = sections.slice(0, MAX_TREE_NODES);

  const keys = new Set<string>();
  const nodes: GeneratedTree['nodes'] = [];
  const stack: { level: number; key: string; lastChild: string | null }[] = [];
  let lastTop: string | null = null;
  const n = sections.length;
  sections.forEach((s, i) => {
    const clean = cleanTitle(s.title).slice(0, 120);
    let key = slugify(clean);
    for (let k = 2; keys.has(key); k++) key = `${slugify(clean, 44)}-${k}`;
    keys.add(key);
    while (stack.length && stack[stack.length - 1].level >= s.level) stack.pop();
    const parent = stack[stack.length - 1] ?? null;
    const previousSibling = parent ? parent.lastChild : lastTop;
    const prerequisites = previousSibling ? [previousSibling] : parent ? [parent.key] : [];
    if (parent) parent.lastChild = key;
    else lastTop = key;
    stack.push({ level: s.level, key, lastChild: null });
    const description = firstSentences(s.body) || `Everything under “${clean}” in the syllabus.`;
    const difficulty: Difficulty = i < n / 3 ? 'EASY' : i < (2 * n) / 3 ? 'MEDIUM' : 'HARD';
    nodes.push({
      key,
      title: clean,
      description,
      tags: matchTags(clean, s.body, knownTags),
      difficulty,
      prerequisites,
    });
  });
  return { title, tree: { nodes } };
}

// ───────────────────────────── narration ─────────────────────────────

export interface NarrationContext {
  runId: string;
  phase: 'intro' | 'between' | 'boss' | 'victory' | 'defeat';
  questTitle: string;
  /** The encounter just cleared (between/boss/victory) or the first one (intro). */
  encounterTitle: string;
  /** The next encounter, when there is one. */
  nextTitle?: string | null;
  encounter: number;
  total: number;
  hitPoints: number;
}

const templates: Record<NarrationContext['phase'], string[]> = {
  intro: [
    'The doors of {quest} grind open. {total} trials wait in the dark, the first of them: {next}. You have {hp} HP and a compiler. It will have to do.',
    'Torchlight flickers across the entrance of {quest}. Somewhere below, {total} encounters stir. First in line: {next}.',
    'You step into {quest}. The air smells of old stack traces. Ahead lies {next}, the first of {total} trials.',
  ],
  between: [
    '{done} falls silent behind you. Encounter {n} of {total} cleared, {hp} HP left. The corridor bends towards {next}.',
    'With {done} behind you, you catch your breath ({hp} HP). A new shape forms in the gloom: {next}.',
    'The last test case passes and {done} crumbles to dust. {next} waits further down the hall.',
  ],
  boss: [
    '{done} is beaten. The floor trembles: the guardian of {quest} awakens. {next} blocks the way out. {hp} HP. No more warm-ups.',
    'Past {done}, a great door. Behind it, {next}, the boss of {quest}. Every trial so far was practice for this one.',
  ],
  victory: [
    '{done} collapses and {quest} is yours. You leave with {hp} HP and a story worth telling.',
    'The boss yields. {quest} is cleared, every encounter conquered. The dungeon remembers your name.',
  ],
  defeat: [
    'Your HP runs out before {done} does. {quest} claims another adventurer — for now. Regroup and try again.',
    'Too many wrong answers against {done}. You retreat from {quest} to sharpen your blade.',
  ],
};

function pick<T>(options: T[], seed: string): T {
  const h = crypto.createHash('sha256').update(seed).digest();
  return options[h.readUInt32BE(0) % options.length];
}

export function offlineNarration(ctx: NarrationContext): NarrationOutput {
  const template = pick(templates[ctx.phase], `${ctx.runId}:${ctx.phase}:${ctx.encounter}`);
  const text = template
    .replaceAll('{quest}', ctx.questTitle)
    .replaceAll('{done}', ctx.encounterTitle)
    .replaceAll('{next}', ctx.nextTitle ?? ctx.encounterTitle)
    .replaceAll('{n}', String(ctx.encounter + 1))
    .replaceAll('{total}', String(ctx.total))
    .replaceAll('{hp}', String(ctx.hitPoints));
  return { text };
}

// ───────────────────────────── hints ─────────────────────────────

const approaches: [string, string][] = [
  [
    'two-pointers',
    'Keep two indices and move them towards each other (or in the same direction) so each element is visited once.',
  ],
  ['sliding-window', 'Maintain a window of elements and update its summary as one element enters and one leaves.'],
  ['prefix-sums', 'Precompute prefix sums so any range sum is a subtraction of two prefixes.'],
  ['binary-search', 'Ask a yes/no question that is monotone in the answer, then binary search on it.'],
  [
    'dynamic-programming',
    'Define a state that captures a subproblem, write how it follows from smaller states, and fill a table in order.',
  ],
  [
    'greedy',
    'Find an order in which a locally best choice is never wrong (try an exchange argument), then sort and sweep.',
  ],
  ['sorting', 'Sorting first often turns the problem into a single linear sweep.'],
  ['hashing', 'A hash map from value to count or position answers "have I seen this?" in O(1).'],
  ['bfs', 'Breadth-first search from the start gives shortest distances in an unweighted graph or grid.'],
  ['graphs', 'Model the input as a graph (what are the vertices and edges?) and pick a traversal.'],
  ['dijkstra', 'With non-negative weights, Dijkstra with a priority queue gives shortest paths.'],
  ['union-find', 'Union-find merges groups and answers "same group?" in nearly constant time.'],
  ['stack', 'A stack remembers the most recent unmatched items; pop when the current item resolves them.'],
  ['heap', 'A heap keeps the smallest (or largest) element available as items arrive.'],
  ['recursion', 'Solve the problem for a smaller input and combine; write the base case first.'],
  ['backtracking', 'Build the answer choice by choice and undo a choice when it cannot lead to a solution.'],
  ['strings', 'Work character by character; think about what you need to remember about the prefix seen so far.'],
  ['math', 'Look for a formula or invariant instead of simulating everything.'],
  ['number-theory', 'Think in terms of divisors, remainders and gcd.'],
  ['counting', 'Count occurrences first, then reason about the counts rather than the items.'],
  ['intervals', 'Sort intervals by start (or end) and sweep, tracking the current coverage.'],
];

export interface HintProblem {
  title: string;
  constraints: string;
  tags: string[];
  category: string;
}

/** A generic hint from a problem's tags, for a tier its author did not write. */
export function offlineHint(problem: HintProblem, tier: number): HintOutput {
  const tags = [...problem.tags, problem.category];
  const approach = approaches.find(([tag]) => tags.includes(tag))?.[1];
  if (tier <= 1) {
    return {
      hint: `Re-read the constraints of “${problem.title}”: the input size tells you which complexity is fast enough. ${
        tags.length ? `It is tagged ${[...new Set(tags)].join(', ')}.` : ''
      }`.trim(),
    };
  }
  if (tier === 2) {
    return {
      hint: approach ?? 'Solve a tiny example by hand and write down every step; the steps you repeat are your loop.',
    };
  }
  return {
    hint: [
      'read the input',
      approach
        ? `build what the approach needs (${approach.split(/[,.;]/)[0].toLowerCase()})`
        : 'build the data you need',
      'for each item in the right order: update your state',
      'print the answer in the required format',
    ]
      .map((l, i) => `${i + 1}. ${l}`)
      .join('\n'),
  };
}

// ───────────────────────────── code review ─────────────────────────────

export interface ReviewFacts {
  language: string;
  code: string;
  verdict: Verdict | null;
  testsPassed: number;
  testsTotal: number;
  timeMs: number | null;
  memoryKb: number | null;
  compileOutput: string | null;
  stderr: string | null;
  results: { ordinal: number; verdict: Verdict; timeMs: number; memoryKb: number; sample: boolean }[];
  problem: { title: string; timeLimitMs: number; memoryLimitKb: number } | null;
}

const verdictNames: Record<Verdict, string> = {
  AC: 'Accepted',
  WA: 'Wrong Answer',
  TLE: 'Time Limit Exceeded',
  MLE: 'Memory Limit Exceeded',
  RE: 'Runtime Error',
  CE: 'Compilation Error',
  OLE: 'Output Limit Exceeded',
  IE: 'Internal Error',
  SKIPPED: 'Skipped',
};

const fastIo: Record<string, string> = {
  python3: 'read all input at once with sys.stdin.buffer.read().split() instead of input() in a loop',
  java: 'use a BufferedReader/StreamTokenizer and a StringBuilder for output instead of Scanner/System.out.println',
  cpp: 'add ios::sync_with_stdio(false); cin.tie(nullptr); and avoid endl in loops',
  c: 'use scanf/printf (or a custom reader) and avoid flushing output in loops',
  javascript: "read all of stdin once (require('fs').readFileSync(0)) and join output lines before printing",
  typescript: "read all of stdin once (require('fs').readFileSync(0)) and join output lines before printing",
};

function firstLines(text: string | null, n = 4): string {
  return (text ?? '').trim().split('\n').slice(0, n).join('\n');
}

/** Loop nesting depth, by indentation for Python and by braces elsewhere. */
function loopDepth(code: string, language: string): number {
  const loop = /^\s*(for|while)\b|\.forEach\(|\bfor\s*\(/;
  let max = 0;
  if (language === 'python3') {
    const open: number[] = [];
    for (const line of code.split('\n')) {
      if (!line.trim() || line.trim().startsWith('#')) continue;
      const indent = line.match(/^\s*/)?.[0].replace(/\t/g, '    ').length ?? 0;
      while (open.length && open[open.length - 1] >= indent) open.pop();
      if (/^\s*(for|while)\b/.test(line)) {
        open.push(indent);
        max = Math.max(max, open.length);
      }
    }
    return max;
  }
  let depth = 0;
  const loops: number[] = [];
  let pendingLoop = false;
  for (const line of code.split('\n')) {
    if (loop.test(line)) pendingLoop = true;
    for (const ch of line) {
      if (ch === '{') {
        depth++;
        if (pendingLoop) {
          loops.push(depth);
          max = Math.max(max, loops.length);
          pendingLoop = false;
        }
      } else if (ch === '}') {
        while (loops.length && loops[loops.length - 1] >= depth) loops.pop();
        depth--;
      }
    }
  }
  return max;
}

function isRecursive(code: string, language: string): boolean {
  const defs =
    language === 'python3'
      ? [...code.matchAll(/^\s*def\s+([A-Za-z_]\w*)\s*\(/gm)]
      : [...code.matchAll(/\b([A-Za-z_]\w*)\s*\([^;{)]*\)\s*(?:->\s*[\w<>[\], ]+\s*)?\{/g)];
  return defs.some((m) => {
    const name = m[1];
    if (['if', 'for', 'while', 'switch', 'catch', 'main'].includes(name)) return false;
    return (code.match(new RegExp(`\\b${name}\\s*\\(`, 'g'))?.length ?? 0) >= 2;
  });
}

/** A review from the judge's results and simple static checks of the code. */
export function offlineReview(f: ReviewFacts): ReviewOutput {
  const bugs: string[] = [];
  const performance: string[] = [];
  const style: string[] = [];
  const suggestions: string[] = [];
  const failed = f.results.filter((r) => r.verdict !== 'AC' && r.verdict !== 'SKIPPED');
  const firstFail = failed[0];
  const where = (r: { ordinal: number; sample: boolean }) =>
    `test ${r.ordinal + 1}${r.sample ? ' (a sample)' : ' (hidden)'}`;
  const verdictName = f.verdict ? verdictNames[f.verdict] : 'not judged';
  let summary = `${verdictName}: ${f.testsPassed}/${f.testsTotal} tests passed.`;

  switch (f.verdict) {
    case 'AC':
      summary = `Accepted: all ${f.testsTotal} tests passed.`;
      break;
    case 'WA':
      if (firstFail) bugs.push(`Wrong answer on ${where(firstFail)}. ${failed.length} test(s) failed in total.`);
      if (firstFail?.sample) suggestions.push('A sample fails: run it locally and compare your output line by line.');
      else
        suggestions.push(
          'Samples pass but a hidden test fails: test edge cases (smallest input, equal values, maximum sizes, negative numbers).',
        );
      break;
    case 'TLE':
      if (firstFail) bugs.push(`Too slow on ${where(firstFail)}: the limit is ${f.problem?.timeLimitMs ?? '?'} ms.`);
      suggestions.push(
        'Compare your algorithm\u2019s complexity with the constraints; a faster algorithm usually beats micro-optimisation.',
      );
      if (fastIo[f.language]) performance.push(`For large inputs, ${fastIo[f.language]}.`);
      break;
    case 'MLE':
      if (firstFail)
        bugs.push(
          `Out of memory on ${where(firstFail)}: the limit is ${Math.round((f.problem?.memoryLimitKb ?? 0) / 1024)} MB.`,
        );
      suggestions.push(
        'Avoid storing what you can compute on the fly; check for accidentally quadratic tables or deep recursion.',
      );
      break;
    case 'RE':
      if (firstFail) bugs.push(`Crashed on ${where(firstFail)}.${f.stderr ? `\n${firstLines(f.stderr)}` : ''}`);
      suggestions.push(
        'Common causes: index out of range, division by zero, recursion too deep, reading past the end of input.',
      );
      break;
    case 'CE':
      bugs.push(`The code does not compile:\n${firstLines(f.compileOutput, 6) || '(no compiler output)'}`);
      break;
    case 'OLE':
      bugs.push('The program printed far more than expected: look for debug output or an infinite printing loop.');
      break;
    case 'IE':
      summary = 'The judge had an internal error on this submission; it is not your fault. Submit again.';
      break;
    default:
      break;
  }

  if (f.results.length && f.problem) {
    const slowest = Math.max(...f.results.map((r) => r.timeMs));
    const heaviest = Math.max(...f.results.map((r) => r.memoryKb));
    const tPct = Math.round((slowest / f.problem.timeLimitMs) * 100);
    const mPct = Math.round((heaviest / f.problem.memoryLimitKb) * 100);
    performance.push(
      `Slowest test: ${slowest} ms (${tPct}% of the ${f.problem.timeLimitMs} ms limit); peak memory ${Math.round(heaviest / 1024)} MB (${mPct}% of the limit).`,
    );
    if (f.verdict === 'AC' && tPct >= 70)
      performance.push('Accepted, but close to the time limit: a slower machine might not be so kind.');
  }

  const lines = f.code.split('\n');
  const long = lines.filter((l) => l.length > 100).length;
  if (long) style.push(`${long} line(s) longer than 100 characters; break them up for readability.`);
  const tabs = lines.some((l) => /^\t/.test(l));
  const spaces = lines.some((l) => /^ {2,}/.test(l));
  if (tabs && spaces) style.push('Indentation mixes tabs and spaces.');
  const todo = lines.filter((l) => /\b(TODO|FIXME|XXX)\b/.test(l)).length;
  if (todo) style.push(`${todo} TODO/FIXME comment(s) left in the code.`);
  const commentedCode = lines.filter((l) => /^\s*(#|\/\/)\s*\S.*([;=(){}]|\bprint\b)/.test(l)).length;
  if (commentedCode >= 3)
    style.push(`${commentedCode} lines of commented-out code; delete them once you no longer need them.`);
  const names = new Set(
    [...f.code.matchAll(/\b([a-zA-Z])\s*(?::[^=]+)?=(?!=)/g)].map((m) => m[1]).filter((n) => !'ijknmxy'.includes(n)),
  );
  if (names.size >= 4)
    style.push(
      `Many one-letter names (${[...names].slice(0, 6).join(', ')}); descriptive names make bugs easier to see.`,
    );
  const hasFunctions = /\bdef\s|\bfunction\b|=>|\b(int|void|long|bool|auto|static)\s+\w+\s*\(/.test(f.code);
  if (lines.length > 60 && !hasFunctions) style.push('A long program with no functions: split it into named steps.');
  if (f.language === 'python3' && /\binput\(\)/.test(f.code) && /^\s*(for|while)\b/m.test(f.code) && f.verdict !== 'AC')
    performance.push('input() inside a loop is slow for large inputs; read everything at once with sys.stdin.');

  const depth = loopDepth(f.code, f.language);
  const recursive = isRecursive(f.code, f.language);
  const complexity =
    depth === 0 && !recursive
      ? 'No loops found: constant work per input line, or the work is done by library calls (check their cost).'
      : `${depth ? `Loops nest ${depth} deep, so roughly O(n${depth > 1 ? `^${depth}` : ''}) in the size of the innermost ranges` : 'No nested loops'}${
          recursive ? '; the code is recursive, so also count calls × work per call' : ''
        }. Compare with the constraints to see whether it fits the time limit.`;

  if (f.verdict === 'AC' && !style.length && !performance.slice(1).length)
    suggestions.push('Clean and accepted. Try solving it in another language, or with a different approach.');
  return {
    summary: `${summary} ${f.problem ? `Problem: ${f.problem.title}.` : ''}`.trim(),
    complexity,
    bugs: bugs.slice(0, 10),
    performance: performance.slice(0, 10),
    style: style.slice(0, 10),
    suggestions: suggestions.slice(0, 10),
  };
}
