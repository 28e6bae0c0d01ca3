import { Card } from '@/components/ui/Card';
import type { Rating } from '@/lib/types';
import styles from './dashboard.module.css';

const kinds = [
  { kind: 'DUEL', label: 'Duels' },
  { kind: 'CONTEST', label: 'Contests' },
] as const;

export function RatingsCard({ ratings }: { ratings: Rating[] }) {
  return (
    <Card title="Ratings" id="ratings">
      <ul className={styles.ratings}>
        {kinds.map(({ kind, label }) => {
          const rating = ratings.find((r) => r.kind === kind);
          const rated = rating && rating.gamesPlayed > 0;
          return (
            <li key={kind} className={styles.rating}>
              <span className={styles.ratingLabel}>{label}</span>
              <span className={styles.ratingValue}>{rated ? Math.round(rating.rating) : 'Unrated'}</span>
              <span className={styles.muted}>
                {rated ? `${rating.gamesPlayed} ${rating.gamesPlayed === 1 ? 'game' : 'games'}` : 'No rated games yet'}
              </span>
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
