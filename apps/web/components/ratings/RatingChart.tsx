import type { RouterOutputs } from '@/lib/types';
import styles from './ratings.module.css';

type History = RouterOutputs['battle']['rating']['history'];
type Point = History['points'][number];

const W = 640;
const H = 220;
const PAD = { top: 12, right: 12, bottom: 24, left: 44 };
const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium' });

function describe(p: Point): string {
  const change = `${p.before} → ${p.rating} (${p.delta >= 0 ? '+' : ''}${p.delta})`;
  const what = p.duel
    ? `Duel ${p.duel.outcome === 'WON' ? 'won' : p.duel.outcome === 'LOST' ? 'lost' : 'drawn'}${p.duel.opponent ? ` against ${p.duel.opponent}` : ''}`
    : p.contest
      ? `${p.contest.title}${p.contest.rank ? `, rank ${p.contest.rank}` : ''}`
      : 'Rated game';
  return `${what}, ${dateFormat.format(p.at)}: ${change}`;
}

/**
 * Rating over time as a plain SVG line, one point per rated duel or contest. Each point is
 * focusable and titled, so the tooltip is also what keyboard and screen-reader users get.
 */
export function RatingChart({ history, label }: { history: History; label: string }) {
  const points = history.points;
  if (points.length === 0) return <p className={styles.muted}>No rated {label.toLowerCase()} yet.</p>;
  const values = [points[0].before, ...points.map((p) => p.rating)];
  const lo = Math.floor((Math.min(...values) - 25) / 50) * 50;
  const hi = Math.ceil((Math.max(...values) + 25) / 50) * 50;
  const x = (i: number) => PAD.left + (i / Math.max(1, points.length)) * (W - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + ((hi - v) / (hi - lo)) * (H - PAD.top - PAD.bottom);
  // The line starts at the rating before the first game, so a single game still draws a segment.
  const path = [`M${x(0)},${y(points[0].before)}`, ...points.map((p, i) => `L${x(i + 1)},${y(p.rating)}`)].join(' ');
  const ticks = [lo, Math.round((lo + hi) / 2), hi];

  return (
    <figure>
      <svg className={styles.chart} viewBox={`0 0 ${W} ${H}`}>
        <title>
          {`${label} rating history: ${points.length} rated ${points.length === 1 ? 'game' : 'games'}, now ${points.at(-1)?.rating}`}
        </title>
        {ticks.map((t) => (
          <g key={t}>
            <line className={styles.grid} x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} />
            <text className={styles.axis} x={PAD.left - 6} y={y(t) + 4} textAnchor="end">
              {t}
            </text>
          </g>
        ))}
        <path className={styles.line} d={path} />
        {points.map((p, i) => (
          <circle
            key={`${p.at.getTime()}-${p.duel?.id ?? p.contest?.id}`}
            className={styles.point}
            cx={x(i + 1)}
            cy={y(p.rating)}
            r={5}
            // Focusable so keyboard users get the same tooltip as the pointer's hover.
            tabIndex={0}
            aria-label={describe(p)}
            data-testid="rating-point"
          >
            <title>{describe(p)}</title>
          </circle>
        ))}
      </svg>
    </figure>
  );
}
