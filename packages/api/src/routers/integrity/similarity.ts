// Source-code similarity with Dolos (@dodona/dolos-lib): each program is parsed with tree-sitter
// into its syntax-tree token stream (so identifier names, literal values, comments and layout
// don't matter), k-grams of those tokens are hashed and winnowed into fingerprints, and two
// programs are as similar as the share of their fingerprints they have in common (0…1). Code
// every submission inherits (the starter code) is passed as Dolos's ignored template file, so
// it counts for nobody. Matched fragments come back as line/column ranges on both sides.
//
// This is the platform's one similarity implementation: the integrity domain's reports and the
// contest finalisation (battle/integrity.ts) both use it.
import type { Pair } from '@dodona/dolos-lib';

type DolosLib = typeof import('@dodona/dolos-lib');
let dolosLib: Promise<DolosLib> | null = null;

/**
 * Dolos is loaded on first use and never bundled: it parses with native tree-sitter modules,
 * which Node must load from node_modules (and the web server needn't load them until someone
 * runs a report).
 */
function loadDolos(): Promise<DolosLib> {
  dolosLib ??= import(/* webpackIgnore: true */ /* turbopackIgnore: true */ '@dodona/dolos-lib');
  return dolosLib;
}

/** Our language ids → Dolos's tree-sitter grammar and a file extension. */
export const DOLOS_LANGUAGES: Record<string, { grammar: string; ext: string }> = {
  python3: { grammar: 'python', ext: 'py' },
  javascript: { grammar: 'javascript', ext: 'js' },
  typescript: { grammar: 'typescript', ext: 'ts' },
  c: { grammar: 'c', ext: 'c' },
  cpp: { grammar: 'cpp', ext: 'cpp' },
  java: { grammar: 'java', ext: 'java' },
};

/**
 * Programs with fewer syntax-tree tokens than this (about 25 lexical tokens: a one-line
 * `print(sum(map(int, input().split())))` has 57) are too short for similarity to mean anything.
 */
export const MIN_TOKENS = 80;

export interface Program {
  id: string;
  code: string;
}

/** Lines and columns are 1-based (as editors number them); the end column is exclusive. */
export interface CodeRange {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export interface MatchedFragment {
  a: CodeRange;
  b: CodeRange;
  /** How many shared fingerprints (k-grams) the fragment spans. */
  kgrams: number;
}

export interface SimilarPair {
  a: string;
  b: string;
  similarity: number;
  /** Longest run of consecutive shared fingerprints. */
  longest: number;
  fragments: MatchedFragment[];
}

export interface ComparisonResult {
  pairs: SimilarPair[];
  /** Programs too short to judge (see MIN_TOKENS): never flagged. */
  tooShort: string[];
}

const range = (r: { startRow: number; startCol: number; endRow: number; endCol: number }): CodeRange => ({
  startLine: r.startRow + 1,
  startColumn: r.startCol + 1,
  endLine: r.endRow + 1,
  endColumn: r.endCol + 1,
});

function fragmentsOf(pair: Pair, leftIsA: boolean): MatchedFragment[] {
  return pair
    .buildFragments()
    .map((f) => {
      const left = range(f.leftSelection);
      const right = range(f.rightSelection);
      return { a: leftIsA ? left : right, b: leftIsA ? right : left, kgrams: f.pairs.length };
    })
    .sort((x, y) => x.a.startLine - y.a.startLine || x.a.startColumn - y.a.startColumn);
}

/**
 * Every pair of `programs` (all in `language`) with similarity at or above `minSimilarity` and
 * above zero, most similar first. `template` (the starter code) is ignored in every program.
 */
export async function comparePrograms(
  language: string,
  programs: Program[],
  opts: { template?: string | null; minSimilarity?: number; withFragments?: boolean } = {},
): Promise<ComparisonResult> {
  const lang = DOLOS_LANGUAGES[language];
  if (!lang) throw new Error(`No similarity grammar for language "${language}"`);
  if (programs.length < 2) return { pairs: [], tooShort: [] };
  const { Dolos, File } = await loadDolos();
  const files = programs.map((p, i) => new File(`${i}.${lang.ext}`, p.code));
  const index = new Map(files.map((f, i) => [f.path, i]));
  const template = opts.template?.trim() ? new File(`template.${lang.ext}`, opts.template) : undefined;
  // A fresh Dolos per comparison: its fingerprint index accumulates across analyze() calls.
  const report = await new Dolos({ language: lang.grammar }).analyze(files, 'integrity', template);
  const short = new Set(
    report
      .entries()
      .filter((e) => e.kgrams.length === 0 || e.file.tokens.length < MIN_TOKENS)
      .map((e) => e.file.path),
  );
  const tooShort = files.filter((f) => short.has(f.path)).map((f) => programs[index.get(f.path) as number].id);
  const min = opts.minSimilarity ?? 0;
  const pairs: SimilarPair[] = [];
  for (const pair of report.allPairs()) {
    if (!(pair.similarity > 0) || pair.similarity < min) continue;
    if (short.has(pair.leftFile.path) || short.has(pair.rightFile.path)) continue;
    const li = index.get(pair.leftFile.path) as number;
    const ri = index.get(pair.rightFile.path) as number;
    // Submission order decides which side is A, so reruns store pairs the same way round.
    const leftIsA = li < ri;
    pairs.push({
      a: programs[Math.min(li, ri)].id,
      b: programs[Math.max(li, ri)].id,
      similarity: pair.similarity,
      longest: pair.longest,
      fragments: opts.withFragments === false ? [] : fragmentsOf(pair, leftIsA),
    });
  }
  pairs.sort((x, y) => y.similarity - x.similarity);
  return { pairs, tooShort };
}

/**
 * Similarity of two programs in one language, 0…1; null when either is too short to judge
 * (see MIN_TOKENS: everyone's `print(a+b)` looks the same).
 */
export async function codeSimilarity(a: string, b: string, language: string): Promise<number | null> {
  const { pairs, tooShort } = await comparePrograms(
    language,
    [
      { id: 'a', code: a },
      { id: 'b', code: b },
    ],
    { withFragments: false },
  );
  if (tooShort.length) return null;
  return pairs[0]?.similarity ?? 0;
}
