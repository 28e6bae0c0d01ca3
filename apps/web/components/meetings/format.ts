import type { RouterOutputs } from '@/lib/types';

export type Meeting = RouterOutputs['meeting']['get'];

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const time = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

/** "24 Nov 2026, 10:00 – 11:00" in the reader's time zone. */
export const formatSlot = (m: { scheduledAt: Date; endsAt: Date }) =>
  `${dateTime.format(m.scheduledAt)} – ${time.format(m.endsAt)}`;

export const formatDuration = (minutes: number) =>
  minutes < 60
    ? `${minutes} min`
    : minutes % 60
      ? `${Math.floor(minutes / 60)} h ${minutes % 60} min`
      : `${minutes / 60} h`;

/** A Date as the value of an <input type="datetime-local">, in local time. */
export function toLocalInput(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export const phaseLabels: Record<Meeting['phase'], string> = {
  upcoming: 'Upcoming',
  live: 'Live now',
  past: 'Ended',
  cancelled: 'Cancelled',
};

export const meetingPath = (partyId: string, meetingId: string) => `/parties/${partyId}/meetings/${meetingId}`;
