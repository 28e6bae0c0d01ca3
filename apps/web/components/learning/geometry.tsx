/** Shared drawing rules for the skill-tree graph (student view and instructor editor). */

export const NODE_R = 28;
const RING_R = NODE_R + 6;
const PAD = 90;

export interface Point {
  x: number;
  y: number;
}

/**
 * The view box enclosing every node with room for titles under them, and its natural size: the
 * graph is drawn at 1 unit = 1 px and only shrinks to fit narrow screens, never stretches.
 */
export function frame(points: readonly Point[]): { viewBox: string; width: number; height: number } {
  if (!points.length) return { viewBox: '-200 -100 400 200', width: 400, height: 200 };
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const width = Math.max(Math.max(...xs) - Math.min(...xs) + 2 * PAD, 320);
  const height = Math.max(Math.max(...ys) - Math.min(...ys) + 2 * PAD, 200);
  // Centre narrow graphs in their minimum width.
  const minX = (Math.min(...xs) + Math.max(...xs)) / 2 - width / 2;
  const minY = Math.min(...ys) - PAD;
  return { viewBox: `${minX} ${minY} ${width} ${height}`, width, height };
}

/** A straight edge from the rim of `a` to just outside the ring of `b`, where the arrow head sits. */
export function edgeEnds(a: Point, b: Point) {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = Math.hypot(dx, dy) || 1;
  const ux = dx / len;
  const uy = dy / len;
  return {
    x1: a.x + ux * NODE_R,
    y1: a.y + uy * NODE_R,
    x2: b.x - ux * (RING_R + 4),
    y2: b.y - uy * (RING_R + 4),
  };
}

/** The circumference-based dash for a progress ring at `fraction` (0–1). */
export function ring(fraction: number) {
  const c = 2 * Math.PI * RING_R;
  return { r: RING_R, dasharray: `${c * Math.max(0, Math.min(1, fraction))} ${c}` };
}

const directions: Record<string, Point> = {
  ArrowUp: { x: 0, y: -1 },
  ArrowDown: { x: 0, y: 1 },
  ArrowLeft: { x: -1, y: 0 },
  ArrowRight: { x: 1, y: 0 },
};

/** For arrow-key navigation: the closest node roughly in the arrow's direction, if any. */
export function neighbourInDirection<T extends Point>(from: T, others: readonly T[], key: string): T | null {
  const dir = directions[key];
  if (!dir) return null;
  let best: T | null = null;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const o of others) {
    if (o === from) continue;
    const dx = o.x - from.x;
    const dy = o.y - from.y;
    const along = dx * dir.x + dy * dir.y;
    if (along <= 0) continue;
    const across = Math.abs(dx * dir.y - dy * dir.x);
    const score = along + 2 * across;
    if (score < bestScore) {
      bestScore = score;
      best = o;
    }
  }
  return best;
}

export function ArrowMarker({ id, className }: { id: string; className: string }) {
  return (
    <defs>
      <marker id={id} viewBox="0 0 10 10" refX="8" refY="5" markerWidth="7" markerHeight="7" orient="auto">
        <path d="M0,0 L10,5 L0,10 z" className={className} />
      </marker>
    </defs>
  );
}
