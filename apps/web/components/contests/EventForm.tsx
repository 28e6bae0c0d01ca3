'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Field } from '@/components/ui/Field';
import { useToast } from '@/components/ui/Toast';
import { describeError, type FieldErrors } from '@/lib/forms';
import { useTRPC } from '@/lib/trpc';
import type { RouterOutputs } from '@/lib/types';
import styles from './contests.module.css';
import { toLocalInput } from './labels';

export type EventDetail = RouterOutputs['contest']['event']['get'];

const FIELDS = ['title', 'slug', 'description', 'startsAt', 'endsAt'];
const DAY = 24 * 3_600_000;

/** Create a seasonal event, or edit one (its address stays: links to it are out there). */
export function EventForm({ event }: { event?: EventDetail }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const toast = useToast();
  const create = useMutation(trpc.contest.event.create.mutationOptions());
  const update = useMutation(trpc.contest.event.update.mutationOptions());
  const start = event?.startsAt ?? new Date(Math.ceil(Date.now() / DAY) * DAY);
  const [v, setV] = useState({
    title: event?.title ?? '',
    slug: event?.slug ?? '',
    description: event?.description ?? '',
    startsAt: toLocalInput(start),
    endsAt: toLocalInput(event?.endsAt ?? new Date(start.getTime() + 28 * DAY)),
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const set = (key: keyof typeof v, value: string) => setV((old) => ({ ...old, [key]: value }));

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setErrors({});
    setMessage(null);
    const body = {
      title: v.title,
      description: v.description,
      startsAt: new Date(v.startsAt),
      endsAt: new Date(v.endsAt),
    };
    try {
      const saved = event
        ? await update.mutateAsync({ eventId: event.id, ...body })
        : await create.mutateAsync({ slug: v.slug, ...body });
      await queryClient.invalidateQueries({ queryKey: trpc.contest.event.pathKey() });
      toast(event ? 'Event saved' : 'Event created');
      if (!event) router.push(`/admin/events/${saved.slug}`);
    } catch (err) {
      const described = describeError(err, FIELDS);
      setErrors(described.errors);
      setMessage(described.message ?? 'Please fix the highlighted fields.');
    }
  };

  return (
    <form className={styles.form} onSubmit={onSubmit} noValidate aria-label={event ? 'Edit event' : 'New event'}>
      {message && <Alert>{message}</Alert>}
      <div className={styles.fields}>
        <Field name="title" label="Name" error={errors.title}>
          {(p) => <input {...p} value={v.title} onChange={(e) => set('title', e.target.value)} required />}
        </Field>
        {!event && (
          <Field name="slug" label="Address" hint="Lowercase letters, digits and dashes" error={errors.slug}>
            {(p) => <input {...p} value={v.slug} onChange={(e) => set('slug', e.target.value)} required />}
          </Field>
        )}
        <Field name="startsAt" label="Starts" error={errors.startsAt}>
          {(p) => (
            <input {...p} type="datetime-local" value={v.startsAt} onChange={(e) => set('startsAt', e.target.value)} />
          )}
        </Field>
        <Field name="endsAt" label="Ends" error={errors.endsAt}>
          {(p) => (
            <input {...p} type="datetime-local" value={v.endsAt} onChange={(e) => set('endsAt', e.target.value)} />
          )}
        </Field>
      </div>
      <Field name="description" label="Description (Markdown)" error={errors.description}>
        {(p) => <textarea {...p} rows={4} value={v.description} onChange={(e) => set('description', e.target.value)} />}
      </Field>
      <div>
        <Button type="submit" pending={create.isPending || update.isPending} pendingLabel="Saving…">
          {event ? 'Save event' : 'Create event'}
        </Button>
      </div>
    </form>
  );
}
