import type { RouterOutputs } from '@/lib/types';

export type ProblemListItem = RouterOutputs['problem']['list']['items'][number];
export type ProblemDetail = RouterOutputs['problem']['bySlug'];
export type Difficulty = ProblemListItem['difficulty'];
export type SubmissionDetail = RouterOutputs['submission']['get'];
export type SubmissionSummary = RouterOutputs['submission']['list']['items'][number];
export type Language = RouterOutputs['submission']['languages'][number];
export type Verdict = NonNullable<SubmissionDetail['verdict']>;
export type TestVerdict = SubmissionDetail['results'][number]['verdict'];

export const difficultyLabels: Record<Difficulty, string> = { EASY: 'Easy', MEDIUM: 'Medium', HARD: 'Hard' };

export const verdictLabels: Record<Verdict | TestVerdict, string> = {
  AC: 'Accepted',
  WA: 'Wrong Answer',
  TLE: 'Time Limit Exceeded',
  MLE: 'Memory Limit Exceeded',
  RE: 'Runtime Error',
  CE: 'Compilation Error',
  OLE: 'Output Limit Exceeded',
  IE: 'Internal Error',
  SKIPPED: 'Skipped',
};

/** What each verdict means for the person who got it, in one sentence. */
export const verdictHelp: Partial<Record<Verdict, string>> = {
  WA: 'Your program ran but printed something other than the expected output.',
  TLE: 'Your program ran longer than the time limit. Look for a faster algorithm or an endless loop.',
  MLE: 'Your program used more memory than allowed.',
  RE: 'Your program crashed or exited with a non-zero status.',
  CE: 'Your code did not compile. The compiler said:',
  OLE: 'Your program printed far more output than expected.',
  IE: 'The judge could not finish. This is not your fault; please try again.',
};

export const statusLabels = { QUEUED: 'Queued', RUNNING: 'Running' } as const;

const numberFormat = new Intl.NumberFormat('en');

export function formatTime(ms: number | null | undefined): string {
  return ms == null ? '—' : `${numberFormat.format(ms)} ms`;
}

export function formatMemory(kb: number | null | undefined): string {
  if (kb == null) return '—';
  return kb >= 1024 ? `${(kb / 1024).toFixed(1)} MB` : `${numberFormat.format(kb)} KB`;
}

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const absolute = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });

export function formatWhen(date: Date, now = Date.now()): string {
  const seconds = Math.round((date.getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return 'just now';
  if (abs < 3600) return relative.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return relative.format(Math.round(seconds / 3600), 'hour');
  if (abs < 7 * 86_400) return relative.format(Math.round(seconds / 86_400), 'day');
  return absolute.format(date);
}

export const formatDate = (date: Date) => absolute.format(date);
