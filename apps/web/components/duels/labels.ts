import type { RouterOutputs } from '@/lib/types';

export type DuelView = RouterOutputs['battle']['duel']['get'];
export type DuelPlayer = DuelView['players'][number];
export type DuelListItem = RouterOutputs['battle']['duel']['list']['items'][number];

export const outcomeLabels = { WON: 'Won', LOST: 'Lost', DRAW: 'Draw' } as const;

export function formatDelta(delta: number | null): string {
  if (delta === null) return '';
  return delta > 0 ? `+${delta}` : `${delta}`;
}

/** mm:ss (or h:mm:ss) for a countdown; never negative. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = String(m).padStart(h ? 2 : 1, '0');
  return `${h ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}
