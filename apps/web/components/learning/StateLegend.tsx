import { nodeStateLabels } from './labels';
import styles from './learning.module.css';

const marks: Record<string, string> = { locked: '🔒', available: '○', in_progress: '◐', mastered: '★' };

export function StateLegend() {
  return (
    <ul className={styles.legend} aria-label="Legend">
      {Object.entries(nodeStateLabels).map(([state, label]) => (
        <li key={state} className={styles[state]}>
          <span aria-hidden="true">{marks[state]}</span> {label}
        </li>
      ))}
    </ul>
  );
}
