import Link from 'next/link';
import { DifficultyBadge, tagClass } from './Badges';
import { CopyButton } from './CopyButton';
import type { ProblemDetail } from './labels';
import { Markdown } from './Markdown';
import styles from './statement.module.css';

export function formatLimitTime(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

export function formatLimitMemory(kb: number): string {
  return kb % 1024 === 0 ? `${kb / 1024} MB` : `${kb} KB`;
}

/** What the statement shows: a catalogue problem, or a contest's (which has no tags). */
export type StatementProblem = Pick<
  ProblemDetail,
  | 'title'
  | 'difficulty'
  | 'timeLimitMs'
  | 'memoryLimitKb'
  | 'testCount'
  | 'tags'
  | 'statement'
  | 'inputFormat'
  | 'outputFormat'
  | 'constraints'
  | 'samples'
>;

/**
 * The left pane: everything needed to understand the problem, rendered on the server. `embedded`
 * is for pages with their own heading and way back (a duel, a contest): the title becomes an h2.
 */
export function ProblemStatement({ problem, embedded = false }: { problem: StatementProblem; embedded?: boolean }) {
  const Title = embedded ? 'h2' : 'h1';
  return (
    <article className={styles.statement} aria-labelledby="problem-title">
      {!embedded && (
        <p className={styles.back}>
          <Link href="/problems">
            <span aria-hidden="true">←</span> All problems
          </Link>
        </p>
      )}
      <Title id="problem-title" className={styles.title}>
        {problem.title}
      </Title>
      <div className={styles.meta}>
        <DifficultyBadge difficulty={problem.difficulty} />
        <dl className={styles.limits}>
          <div>
            <dt>Time limit</dt>
            <dd>{formatLimitTime(problem.timeLimitMs)}</dd>
          </div>
          <div>
            <dt>Memory limit</dt>
            <dd>{formatLimitMemory(problem.memoryLimitKb)}</dd>
          </div>
          <div>
            <dt>Tests</dt>
            <dd>{problem.testCount}</dd>
          </div>
        </dl>
      </div>
      {problem.tags.length > 0 && (
        <ul className={styles.tags} aria-label="Tags">
          {problem.tags.map((t) => (
            <li key={t.slug}>
              <Link href={`/problems?tag=${encodeURIComponent(t.slug)}`} className={tagClass}>
                {t.name}
              </Link>
            </li>
          ))}
        </ul>
      )}

      <Markdown>{problem.statement}</Markdown>

      {problem.inputFormat && (
        <section aria-labelledby="input-format">
          <h2 id="input-format">Input</h2>
          <Markdown>{problem.inputFormat}</Markdown>
        </section>
      )}
      {problem.outputFormat && (
        <section aria-labelledby="output-format">
          <h2 id="output-format">Output</h2>
          <Markdown>{problem.outputFormat}</Markdown>
        </section>
      )}
      {problem.constraints && (
        <section aria-labelledby="constraints">
          <h2 id="constraints">Constraints</h2>
          <Markdown>{problem.constraints}</Markdown>
        </section>
      )}

      {problem.samples.length > 0 && (
        <section aria-labelledby="samples">
          <h2 id="samples">Examples</h2>
          <ol className={styles.samples}>
            {problem.samples.map((s, i) => (
              <li key={s.ordinal} className={styles.sample}>
                <h3 className={styles.sampleTitle}>Sample {i + 1}</h3>
                <div className={styles.sampleGrid}>
                  <SampleBlock title="Input" text={s.input} copyLabel={`sample ${i + 1} input`} />
                  <SampleBlock title="Output" text={s.expectedOutput} copyLabel={`sample ${i + 1} output`} />
                </div>
                {s.explanation && <Markdown className={styles.explanation}>{s.explanation}</Markdown>}
              </li>
            ))}
          </ol>
        </section>
      )}
    </article>
  );
}

function SampleBlock({ title, text, copyLabel }: { title: string; text: string; copyLabel: string }) {
  return (
    <figure className={styles.sampleBlock}>
      <figcaption className={styles.sampleHead}>
        <span>{title}</span>
        <CopyButton text={text} label={copyLabel} />
      </figcaption>
      <pre className={styles.pre}>{text}</pre>
    </figure>
  );
}
