import { Spinner } from '@/components/ui/Spinner';
import styles from './badges.module.css';
import {
  type Difficulty,
  difficultyLabels,
  type SubmissionDetail,
  statusLabels,
  type TestVerdict,
  type Verdict,
  verdictLabels,
} from './labels';

const difficultyTone: Record<Difficulty, string> = { EASY: 'good', MEDIUM: 'warn', HARD: 'bad' };

export function DifficultyBadge({ difficulty }: { difficulty: Difficulty }) {
  return (
    <span className={`${styles.badge} ${styles[difficultyTone[difficulty]]}`}>{difficultyLabels[difficulty]}</span>
  );
}

const verdictTone: Record<Verdict | TestVerdict, string> = {
  AC: 'good',
  WA: 'bad',
  RE: 'bad',
  TLE: 'warn',
  MLE: 'warn',
  OLE: 'warn',
  CE: 'info',
  IE: 'neutral',
  SKIPPED: 'neutral',
};

const verdictIcon: Record<Verdict | TestVerdict, string> = {
  AC: '✓',
  WA: '✗',
  RE: '✗',
  TLE: '⏱',
  MLE: '▲',
  OLE: '▲',
  CE: '⚙',
  IE: '!',
  SKIPPED: '–',
};

export function VerdictBadge({ verdict, large = false }: { verdict: Verdict | TestVerdict; large?: boolean }) {
  return (
    <span className={`${styles.badge} ${styles[verdictTone[verdict]]} ${large ? styles.large : ''}`}>
      <span aria-hidden="true">{verdictIcon[verdict]}</span>
      {verdictLabels[verdict]}
    </span>
  );
}

/** The verdict once judged; until then where the submission is in the queue. */
export function StatusBadge({
  submission,
  large = false,
}: {
  submission: Pick<SubmissionDetail, 'status' | 'verdict'>;
  large?: boolean;
}) {
  if (submission.status === 'DONE') {
    return submission.verdict ? (
      <VerdictBadge verdict={submission.verdict} large={large} />
    ) : (
      <span className={`${styles.badge} ${styles.good} ${large ? styles.large : ''}`}>
        <span aria-hidden="true">✓</span>Finished
      </span>
    );
  }
  return (
    <span className={`${styles.badge} ${styles.pending} ${large ? styles.large : ''}`}>
      <Spinner />
      {statusLabels[submission.status]}
    </span>
  );
}

export const tagClass = styles.tag;
