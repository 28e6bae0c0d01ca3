import type { CSSProperties } from 'react';
import styles from './ratings.module.css';

export interface Tier {
  key: string;
  title: string;
  color: string;
}

/** A rating tier as a coloured pill; the title carries the meaning, the colour only decorates. */
export function TierBadge({ tier, rating, label }: { tier: Tier; rating: number; label: string }) {
  return (
    <span className={styles.badge} style={{ '--tier-color': tier.color } as CSSProperties}>
      <span className={styles.dot} aria-hidden="true" />
      {label}: {tier.title} · {rating}
    </span>
  );
}
