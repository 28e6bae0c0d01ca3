import type { RouterOutputs } from '@/lib/types';

export type MatchStatus = RouterOutputs['match']['status'];
export type PairSessionSummary = RouterOutputs['match']['pairSessions']['list']['items'][number];
export type MatchHistoryItem = RouterOutputs['match']['history']['items'][number];

/** "about 2 min", "under a minute", or null when there is no data yet. */
export function formatWait(seconds: number | null | undefined): string | null {
  if (seconds == null) return null;
  if (seconds < 60) return 'under a minute';
  return `about ${Math.round(seconds / 60)} min`;
}

export const matchStatusLabels = {
  PROPOSED: 'Waiting for answers',
  ACCEPTED: 'Accepted',
  DECLINED: 'Declined',
  EXPIRED: 'Timed out',
} as const;
