import { nodeStateLabels } from './labels';
import styles from './learning.module.css';

/** Swatches drawn like the nodes themselves, so the key matches what the graph shows. */
export function StateLegend() {
  return (
    <ul className={styles.legend} aria-label="Legend">
      {Object.entries(nodeStateLabels).map(([state, label]) => (
        <li key={state} className={styles.legendItem}>
          <svg
            width="16"
            height="16"
            viewBox="-10 -10 20 20"
            aria-hidden="true"
            className={styles.node}
            data-state={state}
          >
            <circle className={styles.nodeBody} r={7} />
          </svg>
          {label}
        </li>
      ))}
    </ul>
  );
}
