// Splits a program into lines of plain and highlighted runs for the side-by-side view. Ranges
// are 1-based with an exclusive end column (see packages/api/src/routers/integrity/similarity.ts).

export interface CodeRange {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export interface Segment {
  text: string;
  /** Index of the matched fragment this run belongs to, or null. */
  fragment: number | null;
}

/** One array of runs per line; where fragments overlap, the earlier fragment wins. */
export function segmentLines(code: string, ranges: CodeRange[]): Segment[][] {
  const lines = code.replace(/\r\n?/g, '\n').split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines.map((text, i) => {
    const lineNo = i + 1;
    const owner: (number | null)[] = new Array(text.length).fill(null);
    ranges.forEach((r, fragment) => {
      if (lineNo < r.startLine || lineNo > r.endLine) return;
      const from = lineNo === r.startLine ? r.startColumn - 1 : 0;
      const to = lineNo === r.endLine ? r.endColumn - 1 : text.length;
      for (let c = Math.max(0, from); c < Math.min(text.length, to); c++) owner[c] ??= fragment;
    });
    const runs: Segment[] = [];
    for (let c = 0; c < text.length; c++) {
      const last = runs[runs.length - 1];
      if (last && last.fragment === owner[c]) last.text += text[c];
      else runs.push({ text: text[c], fragment: owner[c] });
    }
    return runs;
  });
}

/** "lines 3–9" or "line 3", for naming a fragment. */
export function lineSpan(r: CodeRange): string {
  return r.startLine === r.endLine ? `line ${r.startLine}` : `lines ${r.startLine}–${r.endLine}`;
}
