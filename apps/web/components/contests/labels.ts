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

/** `<input type="datetime-local">` speaks local time without a zone. */
export function toLocalInput(d: Date): string {
  const local = new Date(d.getTime() - d.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

const day = new Intl.DateTimeFormat('en', { dateStyle: 'medium' });
/** Events last weeks: dates say more than a length in hours. */
export const formatDateRange = (startsAt: Date, endsAt: Date) => `${day.format(startsAt)} – ${day.format(endsAt)}`;
