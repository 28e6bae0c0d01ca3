import type { CSSProperties } from 'react';
import styles from './ratings.module.css';

export interface Tier {
  key: string;
  title: string;
  color: string;
}

/**
 * A rating tier as a coloured pill; the title carries the meaning, the colour only decorates.
 * Before the first rated game there is no tier to show, only the default rating.
 */
export function TierBadge({
  tier,
  rating,
  rated,
  label,
}: {
  tier: Tier;
  rating: number;
  rated: boolean;
  label: string;
}) {
  return (
    <span className={styles.badge} style={rated ? ({ '--tier-color': tier.color } as CSSProperties) : undefined}>
      <span className={styles.dot} aria-hidden="true" />
      {label}: {rated ? `${tier.title} · ${rating}` : 'unrated'}
    </span>
  );
}
