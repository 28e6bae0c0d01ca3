'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { describeError, type FieldErrors } from '@/lib/forms';
import { useTRPC } from '@/lib/trpc';
import styles from './contests.module.css';
import { type ContestDetail, toLocalInput } from './labels';

type ProblemRow = { problemId: string; label: string; points: number };
/** A row of the form keeps its React key while rows above it are removed. */
type FormRow = ProblemRow & { key: number };

let nextKey = 0;

const FIELDS = [
  'title',
  'slug',
  'description',
  'startsAt',
  'endsAt',
  'freezeMinutes',
  'scoring',
  'visibility',
  'classId',
  'guildId',
  'eventId',
  'problems',
];

function withCurrent<T extends { id: string }, C extends { id: string }>(items: T[], current: C | null): (T | C)[] {
  return current && !items.some((i) => i.id === current.id) ? [current, ...items] : items;
}

const nextLabel = (rows: FormRow[]) => String.fromCharCode(65 + rows.length);

/** Create or edit a contest: window, problems with points, scoring, visibility, freeze, event. */
export function ContestForm({ contest, defaultEventId }: { contest?: ContestDetail; defaultEventId?: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const problems = useQuery(trpc.problem.list.queryOptions({ page: 1, pageSize: 100 }));
  const classes = useQuery(trpc.learning.classes.queryOptions());
  const guilds = useQuery(trpc.social.guilds.mine.queryOptions());
  const events = useQuery(trpc.contest.event.list.queryOptions());
  const create = useMutation(trpc.contest.create.mutationOptions());
  const update = useMutation(trpc.contest.update.mutationOptions());

  const start = contest?.startsAt ?? new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000);
  const [v, setV] = useState({
    title: contest?.title ?? '',
    slug: contest?.slug ?? '',
    description: contest?.description ?? '',
    startsAt: toLocalInput(start),
    endsAt: toLocalInput(contest?.endsAt ?? new Date(start.getTime() + 2 * 3_600_000)),
    freezeMinutes: contest?.freezeMinutes ?? 0,
    scoring: contest?.scoring ?? ('ICPC' as 'ICPC' | 'IOI'),
    visibility: (contest?.visibility ?? 'PUBLIC') as 'PUBLIC' | 'CLASS' | 'GUILD',
    classId: contest?.class?.id ?? '',
    guildId: contest?.guild?.id ?? '',
    eventId: contest ? (contest.event?.id ?? '') : (defaultEventId ?? ''),
    rated: contest?.rated ?? true,
  });
  const [rows, setRows] = useState<FormRow[]>(
    contest?.problemRefs?.map((p) => ({ key: nextKey++, problemId: p.id, label: p.label, points: p.points })) ?? [],
  );
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  // Whoever edits keeps the current guild and event as options even if they are not theirs or no
  // longer listed (an administrator editing a guild contest, an event past the list's reach).
  const guildOptions = withCurrent(guilds.data ?? [], contest?.guild ?? null);
  const eventOptions = withCurrent(events.data ?? [], contest?.event ?? null);
  const set = <K extends keyof typeof v>(key: K, value: (typeof v)[K]) => setV((old) => ({ ...old, [key]: value }));
  const setRow = (i: number, patch: Partial<ProblemRow>) =>
    setRows((old) => old.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setErrors({});
    setMessage(null);
    const body = {
      title: v.title,
      description: v.description,
      startsAt: new Date(v.startsAt),
      endsAt: new Date(v.endsAt),
      freezeMinutes: Number(v.freezeMinutes),
      scoring: v.scoring,
      visibility: v.visibility,
      classId: v.visibility === 'CLASS' ? v.classId || null : null,
      guildId: v.visibility === 'GUILD' ? v.guildId || null : null,
      eventId: v.eventId || null,
      rated: v.rated,
      problems: rows.map(({ key: _key, ...r }) => ({ ...r, points: Number(r.points) })),
    };
    try {
      if (contest) await update.mutateAsync({ contestId: contest.id, ...body });
      else await create.mutateAsync({ slug: v.slug, ...body });
      await queryClient.invalidateQueries({ queryKey: trpc.contest.pathKey() });
      router.push(`/contests/${contest?.slug ?? v.slug.trim().toLowerCase()}`);
    } catch (err) {
      const { errors: fieldErrors, message: msg } = describeError(err, FIELDS);
      setErrors(fieldErrors);
      setMessage(msg ?? 'Please fix the highlighted fields.');
    }
  };

  const field = (name: string, label: string, control: React.ReactNode, hint?: string) => (
    <div className={styles.field}>
      <label htmlFor={`contest-${name}`}>{label}</label>
      {hint && (
        <span id={`contest-${name}-hint`} className={styles.muted}>
          {hint}
        </span>
      )}
      {control}
      {errors[name] && (
        <span id={`contest-${name}-error`} className={styles.error}>
          {errors[name]}
        </span>
      )}
    </div>
  );
  const a11y = (name: string, hint = false) => ({
    id: `contest-${name}`,
    name,
    'aria-invalid': errors[name] ? (true as const) : undefined,
    'aria-describedby':
      [hint && `contest-${name}-hint`, errors[name] && `contest-${name}-error`].filter(Boolean).join(' ') || undefined,
  });

  return (
    <form className={styles.form} onSubmit={onSubmit} noValidate>
      <h1>{contest ? `Edit ${contest.title}` : 'New contest'}</h1>
      {message && <Alert>{message}</Alert>}
      <div className={styles.fields}>
        {field(
          'title',
          'Title',
          <input {...a11y('title')} value={v.title} onChange={(e) => set('title', e.target.value)} required />,
        )}
        {!contest &&
          field(
            'slug',
            'Address',
            <input {...a11y('slug', true)} value={v.slug} onChange={(e) => set('slug', e.target.value)} required />,
            'Lowercase letters, digits and dashes: /contests/<address>',
          )}
        {field(
          'startsAt',
          'Starts',
          <input
            {...a11y('startsAt')}
            type="datetime-local"
            value={v.startsAt}
            onChange={(e) => set('startsAt', e.target.value)}
          />,
        )}
        {field(
          'endsAt',
          'Ends',
          <input
            {...a11y('endsAt')}
            type="datetime-local"
            value={v.endsAt}
            onChange={(e) => set('endsAt', e.target.value)}
          />,
        )}
        {field(
          'freezeMinutes',
          'Freeze (minutes before the end)',
          <input
            {...a11y('freezeMinutes', true)}
            type="number"
            min={0}
            value={v.freezeMinutes}
            onChange={(e) => set('freezeMinutes', Number(e.target.value))}
          />,
          '0 for no freeze',
        )}
        {field(
          'scoring',
          'Scoring',
          <select
            {...a11y('scoring')}
            value={v.scoring}
            onChange={(e) => set('scoring', e.target.value as 'ICPC' | 'IOI')}
          >
            <option value="ICPC">ICPC (solved, then penalty)</option>
            <option value="IOI">IOI (partial points)</option>
          </select>,
        )}
        {field(
          'visibility',
          'Who can see it',
          <select
            {...a11y('visibility')}
            value={v.visibility}
            onChange={(e) => set('visibility', e.target.value as 'PUBLIC' | 'CLASS' | 'GUILD')}
          >
            <option value="PUBLIC">Everyone</option>
            <option value="CLASS">One class</option>
            <option value="GUILD">One guild</option>
          </select>,
        )}
        {v.visibility === 'CLASS' &&
          field(
            'classId',
            'Class',
            <select {...a11y('classId')} value={v.classId} onChange={(e) => set('classId', e.target.value)}>
              <option value="">Pick a class</option>
              {(classes.data ?? []).map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>,
          )}
        {v.visibility === 'GUILD' &&
          field(
            'guildId',
            'Guild',
            <select {...a11y('guildId', true)} value={v.guildId} onChange={(e) => set('guildId', e.target.value)}>
              <option value="">Pick a guild</option>
              {guildOptions.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </select>,
            guilds.data?.length === 0 && !contest?.guild
              ? 'You are not in any guild yet: join or found one first'
              : 'Only its members see the contest',
          )}
        {field(
          'eventId',
          'Seasonal event',
          <select {...a11y('eventId', true)} value={v.eventId} onChange={(e) => set('eventId', e.target.value)}>
            <option value="">None</option>
            {eventOptions.map((ev) => (
              <option key={ev.id} value={ev.id}>
                {ev.title}
              </option>
            ))}
          </select>,
          'Its scores count on the event’s leaderboard',
        )}
      </div>
      <label>
        <input type="checkbox" checked={v.rated} onChange={(e) => set('rated', e.target.checked)} /> Rated (changes
        contest ratings when finalized)
      </label>
      {field(
        'description',
        'Description (Markdown)',
        <textarea
          {...a11y('description')}
          rows={4}
          value={v.description}
          onChange={(e) => set('description', e.target.value)}
        />,
      )}

      <fieldset className={styles.form}>
        <legend>Problems</legend>
        {errors.problems && <span className={styles.error}>{errors.problems}</span>}
        {rows.map((r, i) => (
          <div key={r.key} className={styles.problemRow}>
            <div className={styles.field}>
              <label htmlFor={`problem-${i}`}>Problem {i + 1}</label>
              <select
                id={`problem-${i}`}
                value={r.problemId}
                onChange={(e) => setRow(i, { problemId: e.target.value })}
              >
                <option value="">Pick a problem</option>
                {(problems.data?.items ?? []).map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.title}
                  </option>
                ))}
              </select>
            </div>
            <div className={styles.field}>
              <label htmlFor={`label-${i}`}>Label</label>
              <input
                id={`label-${i}`}
                value={r.label}
                maxLength={4}
                onChange={(e) => setRow(i, { label: e.target.value })}
              />
            </div>
            <div className={styles.field}>
              <label htmlFor={`points-${i}`}>Points</label>
              <input
                id={`points-${i}`}
                type="number"
                min={1}
                value={r.points}
                onChange={(e) => setRow(i, { points: Number(e.target.value) })}
              />
            </div>
            <Button variant="secondary" onClick={() => setRows((old) => old.filter((_, j) => j !== i))}>
              Remove <span className="visually-hidden">problem {i + 1}</span>
            </Button>
          </div>
        ))}
        <div>
          <Button
            variant="secondary"
            disabled={rows.length >= 26}
            onClick={() =>
              setRows((old) => [...old, { key: nextKey++, problemId: '', label: nextLabel(old), points: 100 }])
            }
          >
            Add a problem
          </Button>
        </div>
      </fieldset>
      <div>
        <Button type="submit" pending={create.isPending || update.isPending} pendingLabel="Saving…">
          {contest ? 'Save changes' : 'Create contest'}
        </Button>
      </div>
    </form>
  );
}
