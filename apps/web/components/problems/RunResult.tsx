import { StatusBadge } from './Badges';
import { formatMemory, formatTime, type SubmissionDetail, verdictHelp } from './labels';
import styles from './results.module.css';

/** A run on custom input: no verdict unless it failed to compile or run; what it printed. */
export function RunResult({ run }: { run: SubmissionDetail }) {
  const done = run.status === 'DONE';
  const test = run.results[0];
  const compileError = run.verdict === 'CE';
  const crash =
    run.verdict === 'RE' && test
      ? test.signal
        ? `It was stopped by signal ${test.signal}.`
        : test.exitCode != null
          ? `It exited with code ${test.exitCode}.`
          : null
      : null;

  return (
    <div className={styles.result}>
      <div className={styles.headline}>
        <StatusBadge submission={run} large />
        {done && !compileError && run.timeMs != null && (
          <span className={styles.stat}>
            {formatTime(run.timeMs)} · {formatMemory(run.memoryKb)}
          </span>
        )}
      </div>
      {!done && (
        <p className={styles.muted}>{run.status === 'QUEUED' ? 'Waiting for a free judge…' : 'Running your code…'}</p>
      )}
      {done && run.verdict && verdictHelp[run.verdict] && (
        <p className={styles.help}>
          {verdictHelp[run.verdict]} {crash}
        </p>
      )}
      {compileError || run.verdict === 'IE'
        ? run.compileOutput && (
            <>
              <h3 className={styles.blockTitle}>{compileError ? 'Compiler output' : 'Details'}</h3>
              <pre className={`${styles.pre} ${styles.compile}`}>{run.compileOutput}</pre>
            </>
          )
        : done && (
            <>
              <h3 className={styles.blockTitle}>Output</h3>
              {run.stdout ? (
                <pre className={styles.pre}>{run.stdout}</pre>
              ) : (
                <p className={styles.muted}>Your program printed nothing.</p>
              )}
              {run.stderr && (
                <>
                  <h3 className={styles.blockTitle}>Standard error</h3>
                  <pre className={`${styles.pre} ${styles.stderr}`}>{run.stderr}</pre>
                </>
              )}
              {run.compileOutput && (
                <details className={styles.details}>
                  <summary>Compiler warnings</summary>
                  <pre className={styles.pre}>{run.compileOutput}</pre>
                </details>
              )}
            </>
          )}
    </div>
  );
}
