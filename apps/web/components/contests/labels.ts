import type { RouterOutputs } from '@/lib/types';

export type ContestDetail = RouterOutputs['contest']['get'];
export type ContestListItem = RouterOutputs['contest']['list']['items'][number];
export type Scoreboard = RouterOutputs['contest']['scoreboard'];

export const phaseLabels = { upcoming: 'Upcoming', running: 'Running', ended: 'Ended' } as const;

const when = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });
export const formatWhen = (d: Date) => when.format(d);

export function formatWindow(startsAt: Date, endsAt: Date): string {
  const minutes = Math.round((endsAt.getTime() - startsAt.getTime()) / 60_000);
  const length =
    minutes % 60 === 0
      ? `${minutes / 60} h`
      : minutes > 60
        ? `${Math.floor(minutes / 60)} h ${minutes % 60} min`
        : `${minutes} min`;
  return `${formatWhen(startsAt)} · ${length}`;
}
