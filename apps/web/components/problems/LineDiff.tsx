import styles from './results.module.css';

const MAX_LINES = 200;

function lines(text: string): string[] {
  const all = text.replace(/\r\n?/g, '\n').split('\n');
  if (all.length > 1 && all[all.length - 1] === '') all.pop();
  return all;
}

/** Where two outputs differ, line by line; trailing spaces don't count (nor do they for the judge). */
export function diffLines(expected: string, actual: string) {
  const want = lines(expected);
  const got = actual === '' ? [] : lines(actual);
  const count = Math.max(want.length, got.length);
  const rows = Array.from({ length: count }, (_, i) => {
    const e = want[i];
    const a = got[i];
    return { line: i + 1, expected: e, actual: a, differs: e?.trimEnd() !== a?.trimEnd() };
  });
  return { rows, firstDifference: rows.find((r) => r.differs)?.line ?? null };
}

export function LineDiff({ expected, actual }: { expected: string; actual: string }) {
  const { rows, firstDifference } = diffLines(expected, actual);
  const shown = rows.slice(0, MAX_LINES);
  return (
    <div className={styles.diff}>
      <p className={styles.diffSummary}>
        {firstDifference
          ? `Your output first differs from the expected output on line ${firstDifference}.`
          : 'The lines match apart from whitespace; check spacing and blank lines.'}
      </p>
      <div className={styles.diffScroll}>
        <table className={styles.diffTable}>
          <caption className="visually-hidden">Expected output and your output, line by line</caption>
          <thead>
            <tr>
              <th scope="col" className={styles.diffLine}>
                Line
              </th>
              <th scope="col">Expected</th>
              <th scope="col">Your output</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.line} className={r.differs ? styles.diffRowBad : undefined}>
                <th scope="row" className={styles.diffLine}>
                  {r.differs && <span aria-hidden="true">≠ </span>}
                  {r.line}
                  {r.differs && <span className="visually-hidden"> (differs)</span>}
                </th>
                <td className={r.differs ? styles.diffExpected : undefined}>
                  {r.expected ?? <span className={styles.missing}>(no line)</span>}
                </td>
                <td className={r.differs ? styles.diffActual : undefined}>
                  {r.actual ?? <span className={styles.missing}>(no line)</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length > MAX_LINES && (
        <p className={styles.muted}>
          Showing the first {MAX_LINES} of {rows.length} lines.
        </p>
      )}
    </div>
  );
}
