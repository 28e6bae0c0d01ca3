// The two ways an author hands over many tests at once; both become the API's `tests.bulk` list.

export interface BulkTest {
  input: string;
  output: string;
}

const withNewline = (s: string) => (s === '' || s.endsWith('\n') ? s : `${s}\n`);

/** Paste format: tests separated by a line `===`, each one's input and output by a line `---`. */
export function parsePasted(text: string): { tests: BulkTest[]; error: string | null } {
  const blocks = text
    .replace(/\r\n?/g, '\n')
    .split(/^===[ \t]*$/m)
    .map((b) => b.replace(/^\n/, ''))
    .filter((b) => b.trim() !== '');
  const tests: BulkTest[] = [];
  for (const [i, block] of blocks.entries()) {
    const parts = block.split(/^---[ \t]*$/m);
    if (parts.length !== 2) {
      return { tests: [], error: `Test ${i + 1} needs exactly one “---” line between its input and output.` };
    }
    const [input, output] = parts.map((p) => withNewline(p.replace(/^\n/, '').replace(/\n$/, '')));
    tests.push({ input, output });
  }
  return { tests, error: null };
}

const naturalCompare = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

/** Files named `name.in` with a matching `name.out` (or `name.ans`), in natural name order. */
export async function pairFiles(
  files: File[],
): Promise<{ tests: (BulkTest & { name: string })[]; unmatched: string[] }> {
  const byStem = new Map<string, { in?: File; out?: File }>();
  const unmatched: string[] = [];
  for (const f of files) {
    const m = /^(.*)\.(in|out|ans)$/i.exec(f.name);
    if (!m) {
      unmatched.push(f.name);
      continue;
    }
    const entry = byStem.get(m[1]) ?? {};
    entry[m[2].toLowerCase() === 'in' ? 'in' : 'out'] = f;
    byStem.set(m[1], entry);
  }
  const tests: (BulkTest & { name: string })[] = [];
  for (const stem of [...byStem.keys()].sort(naturalCompare)) {
    const pair = byStem.get(stem);
    if (!pair?.in || !pair.out) {
      unmatched.push((pair?.in ?? pair?.out)?.name ?? stem);
      continue;
    }
    tests.push({ name: stem, input: await pair.in.text(), output: await pair.out.text() });
  }
  return { tests, unmatched };
}
