'use client';

// Inline SVG charts. Each is an image with a title and a description that states what it shows;
// its numbers are also in a data table, read by screen readers and shown on request.
import { type ReactNode, useId, useState } from 'react';
import styles from './analytics.module.css';

const W = 640;
const H = 220;
const PAD = { top: 12, right: 8, bottom: 28, left: 36 };
const PLOT_W = W - PAD.left - PAD.right;
const PLOT_H = H - PAD.top - PAD.bottom;
const MAX_X_LABELS = 8;

const dayFormat = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', timeZone: 'UTC' });
/** A calendar day (YYYY-MM-DD) as "Nov 23". */
export const formatDay = (day: string) => dayFormat.format(new Date(`${day}T00:00:00Z`));

/** A round axis maximum at or above `max`. */
function niceMax(max: number): number {
  if (max <= 4) return 4;
  const step = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * step >= max) return m * step;
  return 10 * step;
}

function ChartFigure({
  title,
  description,
  legend,
  table,
  children,
}: {
  title: string;
  description: string;
  legend?: ReactNode;
  table: ReactNode;
  children: ReactNode;
}) {
  const id = useId();
  const [showTable, setShowTable] = useState(false);
  return (
    <figure className={styles.figure}>
      <svg className={styles.chart} viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {children}
      </svg>
      {legend}
      <button
        type="button"
        className={styles.toggle}
        aria-expanded={showTable}
        aria-controls={`${id}-table`}
        onClick={() => setShowTable((s) => !s)}
      >
        {showTable ? 'Hide the data table' : 'Show the data table'}
      </button>
      <div id={`${id}-table`} className={showTable ? styles.tableWrap : 'visually-hidden'}>
        {table}
      </div>
    </figure>
  );
}

function YAxis({ max }: { max: number }) {
  const y = (v: number) => PAD.top + PLOT_H - (v / max) * PLOT_H;
  return (
    <g>
      {[0, max / 2, max].map((t) => (
        <g key={t}>
          <line className={styles.gridLine} x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} />
          <text className={styles.axis} x={PAD.left - 6} y={y(t) + 4} textAnchor="end">
            {Number.isInteger(t) ? t : t.toFixed(1)}
          </text>
        </g>
      ))}
    </g>
  );
}

function XLabels({ days, x }: { days: string[]; x: (i: number) => number }) {
  const every = Math.max(1, Math.ceil(days.length / MAX_X_LABELS));
  return (
    <g>
      {days.map((d, i) =>
        // Every `every`-th day and the last one, unless the last would crowd its neighbour.
        (i % every === 0 && days.length - 1 - i >= every / 2) || i === days.length - 1 ? (
          <text key={d} className={styles.axis} x={x(i)} y={H - 8} textAnchor="middle">
            {formatDay(d)}
          </text>
        ) : null,
      )}
    </g>
  );
}

export interface Series<K extends string> {
  key: K;
  label: string;
}

/** One bar per day, split into stacked segments (e.g. verdicts). */
export function StackedBarChart<K extends string>({
  title,
  description,
  rows,
  series,
  classFor,
}: {
  title: string;
  description: string;
  rows: ({ day: string; total: number } & Record<K, number>)[];
  series: Series<K>[];
  classFor: (key: K) => string;
}) {
  const max = niceMax(Math.max(0, ...rows.map((r) => r.total)));
  const slot = PLOT_W / Math.max(1, rows.length);
  const barW = Math.max(1, slot * 0.7);
  const x = (i: number) => PAD.left + slot * i + slot / 2;
  const h = (v: number) => (v / max) * PLOT_H;
  const busy = rows.filter((r) => r.total > 0);
  return (
    <ChartFigure
      title={title}
      description={description}
      legend={
        <ul className={styles.legend} aria-hidden="true">
          {series.map((s) => (
            <li key={s.key}>
              <span className={`${styles.swatch} ${classFor(s.key)}`} />
              {s.label}
            </li>
          ))}
        </ul>
      }
      table={
        <table className={styles.table}>
          <caption className={`${styles.muted} ${styles.small}`}>
            {title}, days with activity ({busy.length} of {rows.length})
          </caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col" className={styles.num}>
                Total
              </th>
              {series.map((s) => (
                <th key={s.key} scope="col" className={styles.num}>
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {busy.map((r) => (
              <tr key={r.day}>
                <th scope="row">
                  <time dateTime={r.day}>{formatDay(r.day)}</time>
                </th>
                <td className={styles.num}>{r.total}</td>
                {series.map((s) => (
                  <td key={s.key} className={styles.num}>
                    {r[s.key]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      <YAxis max={max} />
      {rows.map((r, i) => {
        let top = PAD.top + PLOT_H;
        return (
          <g key={r.day} data-day={r.day} data-total={r.total}>
            <title>{`${formatDay(r.day)}: ${r.total} (${series
              .filter((s) => r[s.key] > 0)
              .map((s) => `${s.label} ${r[s.key]}`)
              .join(', ')})`}</title>
            {series.map((s) => {
              const v = r[s.key];
              if (!v) return null;
              top -= h(v);
              return (
                <rect key={s.key} className={classFor(s.key)} x={x(i) - barW / 2} y={top} width={barW} height={h(v)} />
              );
            })}
          </g>
        );
      })}
      <XLabels days={rows.map((r) => r.day)} x={x} />
    </ChartFigure>
  );
}

/** A value per day as a line over a soft area. */
export function LineChart({
  title,
  description,
  points,
  valueLabel,
}: {
  title: string;
  description: string;
  points: { day: string; value: number }[];
  valueLabel: string;
}) {
  const max = niceMax(Math.max(0, ...points.map((p) => p.value)));
  const x = (i: number) => PAD.left + (points.length <= 1 ? PLOT_W / 2 : (i / (points.length - 1)) * PLOT_W);
  const y = (v: number) => PAD.top + PLOT_H - (v / max) * PLOT_H;
  const line = points.map((p, i) => `${i ? 'L' : 'M'}${x(i)},${y(p.value)}`).join(' ');
  const area = points.length ? `${line} L${x(points.length - 1)},${y(0)} L${x(0)},${y(0)} Z` : '';
  return (
    <ChartFigure
      title={title}
      description={description}
      table={
        <table className={styles.table}>
          <caption className={`${styles.muted} ${styles.small}`}>{title}</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col" className={styles.num}>
                {valueLabel}
              </th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.day}>
                <th scope="row">
                  <time dateTime={p.day}>{formatDay(p.day)}</time>
                </th>
                <td className={styles.num}>{p.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      <YAxis max={max} />
      <path className={styles.area} d={area} />
      <path className={styles.line} d={line} />
      {points.length <= 45 &&
        points.map((p, i) => (
          <circle key={p.day} className={styles.dot} cx={x(i)} cy={y(p.value)} r={3}>
            <title>{`${formatDay(p.day)}: ${p.value} ${valueLabel.toLowerCase()}`}</title>
          </circle>
        ))}
      <XLabels days={points.map((p) => p.day)} x={x} />
    </ChartFigure>
  );
}

/** A share as a bar inside a table cell; the number beside it is what assistive technology reads. */
export function Meter({ value, max = 1, label }: { value: number; max?: number; label: string }) {
  const pct = max > 0 ? Math.min(100, Math.max(0, (value / max) * 100)) : 0;
  return (
    <span className={styles.bar}>
      <span className={styles.barTrack} aria-hidden="true">
        <span className={styles.barFill} style={{ inlineSize: `${pct}%` }} />
      </span>
      <span>{label}</span>
    </span>
  );
}
