import { StatusBadge, VerdictBadge } from './Badges';
import { LineDiff } from './LineDiff';
import { formatMemory, formatTime, type SubmissionDetail, verdictHelp } from './labels';
import styles from './results.module.css';

/** A graded submission, live while judged: verdict, progress, per-test rows, the first failing sample. */
export function SubmissionResult({ submission, testCount }: { submission: SubmissionDetail; testCount: number }) {
  const done = submission.status === 'DONE';
  const total = Math.max(submission.testsTotal, done ? 0 : testCount, submission.results.length);
  const judged = submission.results.filter((r) => r.verdict !== 'SKIPPED').length;
  const passed = done ? submission.testsPassed : submission.results.filter((r) => r.verdict === 'AC').length;
  const failed = judged - passed;
  const compileError = submission.verdict === 'CE';
  const internalError = submission.verdict === 'IE';
  const help = done && submission.verdict ? verdictHelp[submission.verdict] : undefined;
  const failedSample = submission.firstFailedSample;
  const waiting = Math.max(0, total - submission.results.length);

  return (
    <div className={styles.result}>
      <div className={styles.headline}>
        <StatusBadge submission={submission} large />
        {done && !compileError && !internalError && (
          <span className={styles.stat}>
            Score <strong>{Math.round(submission.score)}</strong>/100
          </span>
        )}
        {done && submission.timeMs != null && !compileError && (
          <span className={styles.stat}>
            {formatTime(submission.timeMs)} · {formatMemory(submission.memoryKb)}
          </span>
        )}
      </div>

      {!done && (
        <p className={styles.muted}>
          {submission.status === 'QUEUED'
            ? 'Waiting for a free judge…'
            : `Running test ${Math.min(submission.results.length + 1, total)} of ${total}…`}
        </p>
      )}
      {help && !(internalError && submission.compileOutput) && <p className={styles.help}>{help}</p>}

      {compileError || internalError ? (
        submission.compileOutput && (
          <>
            <h3 className={styles.blockTitle}>{compileError ? 'Compiler output' : 'Details'}</h3>
            <pre className={`${styles.pre} ${styles.compile}`}>{submission.compileOutput}</pre>
          </>
        )
      ) : (
        <>
          <div className={styles.progress}>
            <p className={styles.progressLabel} id={`progress-${submission.id}`}>
              {passed} / {total} tests passed
            </p>
            <div
              className={styles.track}
              role="progressbar"
              aria-labelledby={`progress-${submission.id}`}
              aria-valuemin={0}
              aria-valuemax={total || 1}
              aria-valuenow={passed}
              aria-valuetext={`${passed} of ${total} tests passed${done ? '' : `, ${judged} judged so far`}`}
            >
              <span className={styles.fillPass} style={{ inlineSize: `${total ? (100 * passed) / total : 0}%` }} />
              <span className={styles.fillFail} style={{ inlineSize: `${total ? (100 * failed) / total : 0}%` }} />
            </div>
          </div>

          {failedSample && (
            <section className={styles.failedSample} aria-labelledby={`failed-${submission.id}`}>
              <h3 id={`failed-${submission.id}`}>
                Failed on sample test {failedSample.ordinal + 1}: <VerdictBadge verdict={failedSample.verdict} />
              </h3>
              <h4 className={styles.blockTitle}>Input</h4>
              <pre className={styles.pre}>{failedSample.input}</pre>
              {failedSample.expected != null && (
                <LineDiff expected={failedSample.expected} actual={failedSample.actual ?? ''} />
              )}
              {failedSample.stderr && (
                <>
                  <h4 className={styles.blockTitle}>Standard error</h4>
                  <pre className={styles.pre}>{failedSample.stderr}</pre>
                </>
              )}
            </section>
          )}

          {submission.compileOutput && (
            <details className={styles.details}>
              <summary>Compiler warnings</summary>
              <pre className={styles.pre}>{submission.compileOutput}</pre>
            </details>
          )}

          {(submission.results.length > 0 || waiting > 0) && (
            <div className={styles.tableScroll}>
              <table className={styles.tests}>
                <caption className="visually-hidden">Results per test</caption>
                <thead>
                  <tr>
                    <th scope="col">Test</th>
                    <th scope="col">Verdict</th>
                    <th scope="col" className={styles.num}>
                      Time
                    </th>
                    <th scope="col" className={styles.num}>
                      Memory
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {submission.results.map((r) => (
                    <tr key={r.ordinal}>
                      <th scope="row">
                        #{r.ordinal + 1}{' '}
                        <span className={r.sample ? styles.sampleLabel : styles.hiddenLabel}>
                          {r.sample ? 'sample' : 'hidden'}
                        </span>
                      </th>
                      <td>
                        <VerdictBadge verdict={r.verdict} />
                      </td>
                      <td className={styles.num}>{formatTime(r.timeMs)}</td>
                      <td className={styles.num}>{formatMemory(r.memoryKb)}</td>
                    </tr>
                  ))}
                  {!done && waiting > 0 && (
                    <tr className={styles.waitingRow}>
                      <td colSpan={4}>
                        {waiting} more test{waiting === 1 ? '' : 's'} to go…
                      </td>
                    </tr>
                  )}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </div>
  );
}
