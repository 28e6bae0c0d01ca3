import { levelProgress } from '@/lib/progression';
import styles from './dashboard.module.css';

export function XpBar({ level, xp }: { level: number; xp: number }) {
  const { toNext, fraction } = levelProgress(level, xp);
  const percent = Math.round(fraction * 100);
  return (
    <div className={styles.xp}>
      <div
        className={styles.xpTrack}
        role="progressbar"
        aria-label={`Experience toward level ${level + 1}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent}% of the way to level ${level + 1}`}
      >
        <div className={styles.xpFill} style={{ inlineSize: `${percent}%` }} />
      </div>
      <p className={styles.xpText}>
        <strong>{xp.toLocaleString('en')} XP</strong>
        <span>
          {toNext.toLocaleString('en')} XP to level {level + 1}
        </span>
      </p>
    </div>
  );
}
