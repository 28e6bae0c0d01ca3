import styles from './integrity.module.css';

/** Said wherever flags are shown: similarity is a reason to look, never a sanction. */
export function NoAutomaticPunishment() {
  return (
    <aside className={styles.note} aria-label="How flags work">
      <p>
        <strong>Flags never punish automatically.</strong> A high similarity is a reason to look, not a verdict: shared
        starter code is excluded, but short or textbook solutions can match honestly. Nothing happens to either student
        until a reviewer records a decision, and the decision only documents it in the audit log.
      </p>
    </aside>
  );
}

const reviewLabels = { PENDING: 'to review', CLEARED: 'cleared', CONFIRMED: 'confirmed' } as const;

export function ReviewBadge({ review }: { review: keyof typeof reviewLabels }) {
  return <span className={`${styles.badge} ${styles[review]}`}>{reviewLabels[review]}</span>;
}

export const percent = (similarity: number) => `${Math.round(similarity * 100)}%`;

/** Similarity as a number and a bar; the number is what screen readers get. */
export function Similarity({ value }: { value: number }) {
  return (
    <span className={styles.meter}>
      <meter min={0} max={1} low={0.5} high={0.8} optimum={0} value={value} aria-hidden="true" />
      {percent(value)}
    </span>
  );
}
