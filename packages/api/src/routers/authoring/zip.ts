// A problem as a zip (fflate), base64 in the API:
//
//   meta.json                 format/version, slug, title, difficulty, category, tags, limits,
//                             checker, groups, per-test flags, hint costs, file index
//   statement.md              the statement (Markdown)
//   input.md, output.md, constraints.md, editorial.md   when not empty (editorial: when set)
//   checker.py                the custom checker, for checker kind CUSTOM
//   tests/01.in, tests/01.out …   in judging order (wider numbers past 99)
//   solutions/<language>.<ext>, starter/<language>.<ext>
//   hints/1.md …              in tier order
//
// Export then import gives back the same problem, field for field (as a new DRAFT; the slug is
// suffixed when taken). Entries carry a fixed timestamp, so exporting the same problem twice
// gives identical bytes. Hand-made zips may omit meta.json's test list: tests/*.in with a
// matching .out are then taken in natural order.
import type { Db } from '@roguelearn/db';
import { strFromU8, strToU8, unzipSync, type Zippable, zipSync } from 'fflate';
import { z } from 'zod';
import { DomainError } from '../../errors';
import { type CheckerInput, checkerInput, createProblemInput, type importProblemInput } from '../../schemas/authoring';
import { languageIds } from '../../schemas/user';
import { recordAudit } from '../admin/audit';
import type { SessionUser } from '../auth/service';
import { loadProblemForEdit } from './access';
import { checkerColumns, checkerOf, freeSlug, setTags, slugify } from './problems';

export const FORMAT = 'roguelearn-problem';
export const FORMAT_VERSION = 1;
const MTIME = new Date('2020-01-01T00:00:00Z');
const MAX_UNZIPPED_BYTES = 256 * 1024 * 1024;
const MAX_ENTRIES = 2 * 1000 + 200;

export const LANGUAGE_EXT: Record<(typeof languageIds)[number], string> = {
  python3: 'py',
  javascript: 'js',
  typescript: 'ts',
  c: 'c',
  cpp: 'cpp',
  java: 'java',
};
type Language = (typeof languageIds)[number];

/** A problem independent of the database: what a zip holds. */
export interface ProblemPackage {
  slug: string;
  title: string;
  statement: string;
  inputFormat: string;
  outputFormat: string;
  constraints: string;
  difficulty: 'EASY' | 'MEDIUM' | 'HARD';
  category: string;
  tags: string[];
  timeLimitMs: number;
  memoryLimitKb: number;
  checker: CheckerInput;
  editorial: string | null;
  groups: { name: string; weight: number }[];
  tests: {
    input: string;
    output: string;
    sample: boolean;
    weight: number;
    explanation: string | null;
    group: string | null;
  }[];
  starter: { language: Language; code: string }[];
  solutions: { language: Language; code: string }[];
  hints: { content: string; xpCost: number }[];
}

// ── building ─────────────────────────────────────────────────────────────

export function buildZip(pkg: ProblemPackage): Uint8Array {
  const files: Record<string, string> = {};
  const width = Math.max(2, String(pkg.tests.length).length);
  const testName = (i: number) => String(i + 1).padStart(width, '0');
  const { checker } = pkg;
  const meta = {
    format: FORMAT,
    version: FORMAT_VERSION,
    slug: pkg.slug,
    title: pkg.title,
    difficulty: pkg.difficulty,
    category: pkg.category,
    tags: pkg.tags,
    timeLimitMs: pkg.timeLimitMs,
    memoryLimitKb: pkg.memoryLimitKb,
    checker: checker.kind === 'CUSTOM' ? { kind: 'CUSTOM', file: 'checker.py' } : checker,
    groups: pkg.groups,
    tests: pkg.tests.map((t, i) => ({
      name: testName(i),
      sample: t.sample,
      weight: t.weight,
      group: t.group,
      explanation: t.explanation,
    })),
    hints: pkg.hints.map((h, i) => ({ file: `hints/${i + 1}.md`, xpCost: h.xpCost })),
    starter: Object.fromEntries(
      pkg.starter.map((s) => [s.language, `starter/${s.language}.${LANGUAGE_EXT[s.language]}`]),
    ),
    solutions: Object.fromEntries(
      pkg.solutions.map((s) => [s.language, `solutions/${s.language}.${LANGUAGE_EXT[s.language]}`]),
    ),
  };
  files['meta.json'] = `${JSON.stringify(meta, null, 2)}\n`;
  files['statement.md'] = pkg.statement;
  if (pkg.inputFormat) files['input.md'] = pkg.inputFormat;
  if (pkg.outputFormat) files['output.md'] = pkg.outputFormat;
  if (pkg.constraints) files['constraints.md'] = pkg.constraints;
  if (pkg.editorial !== null) files['editorial.md'] = pkg.editorial;
  if (checker.kind === 'CUSTOM') files['checker.py'] = checker.source;
  pkg.tests.forEach((t, i) => {
    files[`tests/${testName(i)}.in`] = t.input;
    files[`tests/${testName(i)}.out`] = t.output;
  });
  for (const s of pkg.solutions) files[meta.solutions[s.language]] = s.code;
  for (const s of pkg.starter) files[meta.starter[s.language]] = s.code;
  pkg.hints.forEach((h, i) => {
    files[`hints/${i + 1}.md`] = h.content;
  });
  const zippable: Zippable = {};
  for (const [name, text] of Object.entries(files)) zippable[name] = [strToU8(text), { mtime: MTIME, level: 6 }];
  return zipSync(zippable);
}

export async function loadPackage(db: Db, problemId: string): Promise<ProblemPackage> {
  const p = await db.problem.findUniqueOrThrow({
    where: { id: problemId },
    select: {
      slug: true,
      title: true,
      statement: true,
      inputFormat: true,
      outputFormat: true,
      constraints: true,
      difficulty: true,
      category: true,
      timeLimitMs: true,
      memoryLimitKb: true,
      checker: true,
      checkerTolerance: true,
      customChecker: true,
      editorial: true,
      tags: { select: { tag: { select: { slug: true } } } },
      testGroups: { orderBy: { ordinal: 'asc' }, select: { id: true, name: true, weight: true } },
      testCases: {
        orderBy: { ordinal: 'asc' },
        select: { input: true, expectedOutput: true, isSample: true, weight: true, explanation: true, groupId: true },
      },
      starterCode: { orderBy: { language: 'asc' }, select: { language: true, code: true } },
      solutions: { orderBy: { language: 'asc' }, select: { language: true, code: true } },
      hints: { orderBy: { tier: 'asc' }, select: { content: true, xpCost: true } },
    },
  });
  const groupName = new Map(p.testGroups.map((g) => [g.id, g.name]));
  const known = (l: string): l is Language => (languageIds as readonly string[]).includes(l);
  return {
    slug: p.slug,
    title: p.title,
    statement: p.statement,
    inputFormat: p.inputFormat,
    outputFormat: p.outputFormat,
    constraints: p.constraints,
    difficulty: p.difficulty,
    category: p.category,
    tags: p.tags.map((t) => t.tag.slug).sort(),
    timeLimitMs: p.timeLimitMs,
    memoryLimitKb: p.memoryLimitKb,
    checker: checkerOf(p),
    editorial: p.editorial,
    groups: p.testGroups.map((g) => ({ name: g.name, weight: g.weight })),
    tests: p.testCases.map((t) => ({
      input: t.input,
      output: t.expectedOutput,
      sample: t.isSample,
      weight: t.weight,
      explanation: t.explanation,
      group: t.groupId ? (groupName.get(t.groupId) ?? null) : null,
    })),
    starter: p.starterCode.filter((s) => known(s.language)) as ProblemPackage['starter'],
    solutions: p.solutions.filter((s) => known(s.language)) as ProblemPackage['solutions'],
    hints: p.hints,
  };
}

export async function exportProblem(db: Db, me: SessionUser, problemId: string) {
  await loadProblemForEdit(db, me, problemId);
  const pkg = await loadPackage(db, problemId);
  const bytes = buildZip(pkg);
  return {
    filename: `${pkg.slug}.zip`,
    contentType: 'application/zip',
    size: bytes.length,
    zipBase64: Buffer.from(bytes).toString('base64'),
  };
}

// ── parsing ──────────────────────────────────────────────────────────────

const bad = (message: string) => new DomainError('BAD_REQUEST', `This zip is not a problem package: ${message}`);

const metaSchema = z.object({
  format: z.string().optional(),
  version: z.number().optional(),
  slug: z.string().optional(),
  title: z.string(),
  difficulty: z.string(),
  category: z.string(),
  tags: z.array(z.string()).default([]),
  timeLimitMs: z.number().optional(),
  memoryLimitKb: z.number().optional(),
  checker: z
    .union([checkerInput, z.object({ kind: z.literal('CUSTOM'), file: z.string() })])
    .default({ kind: 'TOKENS' }),
  groups: z.array(z.object({ name: z.string(), weight: z.number() })).default([]),
  tests: z
    .array(
      z.object({
        name: z.string(),
        sample: z.boolean().default(false),
        weight: z.number().int().default(1),
        group: z.string().nullable().default(null),
        explanation: z.string().nullable().default(null),
      }),
    )
    .optional(),
  hints: z.array(z.object({ file: z.string(), xpCost: z.number().int().default(5) })).default([]),
  starter: z.record(z.string(), z.string()).optional(),
  solutions: z.record(z.string(), z.string()).optional(),
});

const naturalCompare = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

function languageOf(path: string): Language | null {
  const base = path.split('/').pop() ?? '';
  const [stem, ext] = [base.replace(/\.[^.]+$/, ''), base.split('.').pop() ?? ''];
  if ((languageIds as readonly string[]).includes(stem)) return stem as Language;
  const byExt = Object.entries(LANGUAGE_EXT).find(([, e]) => e === ext);
  return (byExt?.[0] as Language | undefined) ?? null;
}

export function parseZip(bytes: Uint8Array): ProblemPackage {
  let entries: Record<string, Uint8Array>;
  try {
    let total = 0;
    let count = 0;
    entries = unzipSync(bytes, {
      filter: (f) => {
        total += f.originalSize;
        count++;
        if (count > MAX_ENTRIES) throw bad(`more than ${MAX_ENTRIES} files`);
        if (total > MAX_UNZIPPED_BYTES) throw bad('more than 256 MB uncompressed');
        return !f.name.endsWith('/');
      },
    });
  } catch (err) {
    if (err instanceof DomainError) throw err;
    throw bad('it could not be read as a zip');
  }
  // Packages zipped with their folder ("two-sum/meta.json") work too.
  const names = Object.keys(entries).filter((n) => !n.startsWith('__MACOSX/'));
  const metaPath = names
    .filter((n) => n === 'meta.json' || n.endsWith('/meta.json'))
    .sort((a, b) => a.length - b.length)[0];
  if (!metaPath) throw bad('meta.json is missing');
  const root = metaPath.slice(0, -'meta.json'.length);
  const files = new Map<string, string>();
  for (const n of names) if (n.startsWith(root)) files.set(n.slice(root.length), strFromU8(entries[n]));
  const read = (path: string) => files.get(path);
  const need = (path: string) => {
    const v = read(path);
    if (v === undefined) throw bad(`${path} is missing`);
    return v;
  };

  let metaJson: unknown;
  try {
    metaJson = JSON.parse(need('meta.json'));
  } catch (err) {
    if (err instanceof DomainError) throw err;
    throw bad('meta.json is not valid JSON');
  }
  const parsedMeta = metaSchema.safeParse(metaJson);
  if (!parsedMeta.success) {
    const issue = parsedMeta.error.issues[0];
    throw bad(`meta.json: ${issue.path.join('.') || 'root'}: ${issue.message}`);
  }
  const meta = parsedMeta.data;
  if (meta.format && meta.format !== FORMAT) throw bad(`unknown format “${meta.format}”`);
  if ((meta.version ?? 1) > FORMAT_VERSION) throw bad(`format version ${meta.version} is newer than this server`);

  const checker: CheckerInput =
    meta.checker.kind === 'CUSTOM' && 'file' in meta.checker
      ? { kind: 'CUSTOM', source: need(meta.checker.file) }
      : (meta.checker as CheckerInput);

  const testNames =
    meta.tests?.map((t) => t.name) ??
    [...files.keys()]
      .filter((n) => n.startsWith('tests/') && n.endsWith('.in') && files.has(`${n.slice(0, -3)}.out`))
      .map((n) => n.slice('tests/'.length, -3))
      .sort(naturalCompare);
  const tests = testNames.map((name, i) => {
    const m = meta.tests?.[i];
    return {
      input: need(`tests/${name}.in`),
      output: need(`tests/${name}.out`),
      sample: m?.sample ?? false,
      weight: m?.weight ?? 1,
      explanation: m?.explanation ?? null,
      group: m?.group ?? null,
    };
  });

  const code = (index: Record<string, string> | undefined, folder: string) => {
    const paths = index
      ? Object.entries(index).map(([lang, path]) => [lang, path] as const)
      : [...files.keys()].filter((n) => n.startsWith(`${folder}/`)).map((p) => [languageOf(p) ?? '', p] as const);
    const out: { language: Language; code: string }[] = [];
    for (const [lang, path] of paths) {
      if (!(languageIds as readonly string[]).includes(lang)) throw bad(`${path}: unknown language “${lang}”`);
      out.push({ language: lang as Language, code: need(path) });
    }
    return out.sort((a, b) => a.language.localeCompare(b.language));
  };

  const problem = createProblemInput.safeParse({
    slug: meta.slug,
    title: meta.title,
    statement: need('statement.md'),
    inputFormat: read('input.md') ?? '',
    outputFormat: read('output.md') ?? '',
    constraints: read('constraints.md') ?? '',
    difficulty: meta.difficulty,
    category: meta.category,
    tags: meta.tags,
    timeLimitMs: meta.timeLimitMs,
    memoryLimitKb: meta.memoryLimitKb,
    checker,
    editorial: read('editorial.md') ?? null,
  });
  if (!problem.success) {
    const issue = problem.error.issues[0];
    throw bad(`${issue.path.join('.') || 'problem'}: ${issue.message}`);
  }
  const groupNames = new Set(meta.groups.map((g) => g.name));
  for (const t of tests)
    if (t.group && !groupNames.has(t.group)) throw bad(`test group “${t.group}” is not in meta.json`);
  const p = problem.data;
  return {
    slug: p.slug ?? '',
    title: p.title,
    statement: p.statement,
    inputFormat: p.inputFormat,
    outputFormat: p.outputFormat,
    constraints: p.constraints,
    difficulty: p.difficulty,
    category: p.category,
    tags: [...p.tags].sort(),
    timeLimitMs: p.timeLimitMs,
    memoryLimitKb: p.memoryLimitKb,
    checker: p.checker,
    editorial: p.editorial,
    groups: meta.groups,
    tests,
    starter: code(meta.starter, 'starter'),
    solutions: code(meta.solutions, 'solutions'),
    hints: meta.hints.map((h) => ({ content: need(h.file), xpCost: h.xpCost })),
  };
}

/** Creates a DRAFT problem (authored by the caller) from a zip. */
export async function importProblem(db: Db, me: SessionUser, input: z.infer<typeof importProblemInput>, ip?: string) {
  const bytes = Buffer.from(input.zipBase64, 'base64');
  const pkg = parseZip(bytes);
  const wanted = input.slug ?? (pkg.slug || null);
  let slug: string;
  if (!wanted) slug = await freeSlug(db, slugify(pkg.title));
  else if (!(await db.problem.findUnique({ where: { slug: wanted }, select: { id: true } }))) slug = wanted;
  else if (input.onConflict === 'error') {
    throw new DomainError('CONFLICT', `A problem with the slug “${wanted}” already exists`, {
      slug: ['Already used by another problem'],
    });
  } else slug = await freeSlug(db, wanted);

  const created = await db.$transaction(
    async (tx) => {
      const row = await tx.problem.create({
        data: {
          slug,
          title: pkg.title,
          statement: pkg.statement,
          inputFormat: pkg.inputFormat,
          outputFormat: pkg.outputFormat,
          constraints: pkg.constraints,
          difficulty: pkg.difficulty,
          category: pkg.category,
          timeLimitMs: pkg.timeLimitMs,
          memoryLimitKb: pkg.memoryLimitKb,
          ...checkerColumns(pkg.checker),
          editorial: pkg.editorial,
          status: 'DRAFT',
          authorId: me.id,
        },
        select: { id: true, slug: true },
      });
      await setTags(tx, row.id, pkg.tags);
      const groupIds = new Map<string, string>();
      for (const [ordinal, g] of pkg.groups.entries()) {
        const group = await tx.testGroup.create({
          data: { problemId: row.id, ordinal, name: g.name, weight: g.weight },
          select: { id: true },
        });
        groupIds.set(g.name, group.id);
      }
      await tx.testCase.createMany({
        data: pkg.tests.map((t, ordinal) => ({
          problemId: row.id,
          ordinal,
          input: t.input,
          expectedOutput: t.output,
          isSample: t.sample,
          weight: t.weight,
          explanation: t.explanation,
          groupId: t.group ? (groupIds.get(t.group) ?? null) : null,
        })),
      });
      await tx.starterCode.createMany({ data: pkg.starter.map((s) => ({ problemId: row.id, ...s })) });
      await tx.referenceSolution.createMany({ data: pkg.solutions.map((s) => ({ problemId: row.id, ...s })) });
      await tx.hint.createMany({
        data: pkg.hints.map((h, i) => ({ problemId: row.id, tier: i + 1, content: h.content, xpCost: h.xpCost })),
      });
      await recordAudit(tx, me, {
        action: 'problem.imported',
        targetType: 'problem',
        targetId: row.id,
        data: { slug, fromSlug: pkg.slug || null, tests: pkg.tests.length },
        ip,
      });
      return row;
    },
    { timeout: 60_000 },
  );
  return { id: created.id, slug: created.slug, renamed: !!wanted && created.slug !== wanted, tests: pkg.tests.length };
}
