'use client';

import { MAX_AGENDA_ITEMS, MEETING_DURATIONS, scheduleMeetingInput } from '@roguelearn/api/schemas';
import { type FormEvent, useId, useRef, useState } from 'react';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Field } from '@/components/ui/Field';
import { useSchemaForm } from '@/lib/forms';
import { formatDuration, toLocalInput } from './format';
import styles from './meetings.module.css';

export interface MeetingFormValues {
  title: string;
  scheduledAt: Date;
  durationMinutes: number;
  agenda: string[];
}

/** The next full hour after the next one: a sensible default start. */
function defaultStart(): Date {
  const d = new Date(Date.now() + 60 * 60_000);
  d.setMinutes(0, 0, 0);
  return new Date(d.getTime() + 60 * 60_000);
}

/**
 * Title, start, length and (when scheduling) the agenda, checked with the server's schema. The
 * agenda is a list of inputs, one per item, added and removed with buttons.
 */
export function MeetingForm({
  partyId,
  initial,
  withAgenda,
  submitLabel,
  pending,
  onSubmit,
  onCancel,
}: {
  partyId: string;
  initial?: { title: string; scheduledAt: Date; durationMinutes: number };
  withAgenda: boolean;
  submitLabel: string;
  pending: boolean;
  onSubmit: (values: MeetingFormValues, fail: (err: unknown) => void, reset: () => void) => void;
  onCancel?: () => void;
}) {
  const form = useSchemaForm(scheduleMeetingInput);
  const agendaId = useId();
  const nextKey = useRef(1);
  const [items, setItems] = useState<{ key: number; title: string }[]>(() =>
    withAgenda ? [{ key: 0, title: '' }] : [],
  );
  const listRef = useRef<HTMLOListElement>(null);

  const durations: number[] = [...MEETING_DURATIONS];
  if (initial && !durations.includes(initial.durationMinutes)) durations.push(initial.durationMinutes);

  function addItem() {
    setItems((list) => [...list, { key: nextKey.current++, title: '' }]);
    // Focus the new input once it is rendered.
    requestAnimationFrame(() => listRef.current?.querySelector<HTMLInputElement>('li:last-child input')?.focus());
  }

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const input = form.check({
      partyId,
      title: data.get('title'),
      scheduledAt: data.get('scheduledAt') || undefined,
      durationMinutes: Number(data.get('durationMinutes')),
      agenda: items.map((i) => i.title.trim()).filter(Boolean),
    });
    if (!input) return;
    onSubmit(input, form.fail, () => {
      form.reset();
      setItems(withAgenda ? [{ key: nextKey.current++, title: '' }] : []);
    });
  }

  return (
    <form ref={form.formRef} className={styles.form} onSubmit={submit} noValidate>
      {form.formError && <Alert>{form.formError}</Alert>}
      <Field name="title" label="Title" error={form.errors.title}>
        {(props) => (
          <input {...props} defaultValue={initial?.title} autoComplete="off" maxLength={100} onBlur={form.onBlur} />
        )}
      </Field>
      <div className={styles.formRow}>
        <Field name="scheduledAt" label="Starts" hint="In your time zone." error={form.errors.scheduledAt}>
          {(props) => (
            <input
              {...props}
              type="datetime-local"
              defaultValue={toLocalInput(initial?.scheduledAt ?? defaultStart())}
              min={toLocalInput(new Date())}
            />
          )}
        </Field>
        <Field name="durationMinutes" label="Length" error={form.errors.durationMinutes}>
          {(props) => (
            <select {...props} defaultValue={initial?.durationMinutes ?? 60}>
              {durations.map((d) => (
                <option key={d} value={d}>
                  {formatDuration(d)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {withAgenda && (
        <fieldset className={styles.agendaFields}>
          <legend id={agendaId}>Agenda</legend>
          {form.errors.agenda && <p className={styles.error}>{form.errors.agenda}</p>}
          <ol ref={listRef} className={styles.agendaInputs} aria-labelledby={agendaId}>
            {items.map((item, i) => (
              <li key={item.key}>
                <label htmlFor={`${agendaId}-${item.key}`} className="visually-hidden">
                  Agenda item {i + 1}
                </label>
                <input
                  id={`${agendaId}-${item.key}`}
                  value={item.title}
                  maxLength={200}
                  autoComplete="off"
                  placeholder={i === 0 ? 'What should you talk about?' : ''}
                  onChange={(e) =>
                    setItems((list) => list.map((x) => (x.key === item.key ? { ...x, title: e.target.value } : x)))
                  }
                  onKeyDown={(e) => {
                    // Enter in the last item starts the next one instead of submitting half an agenda.
                    if (e.key === 'Enter' && i === items.length - 1 && item.title.trim()) {
                      e.preventDefault();
                      if (items.length < MAX_AGENDA_ITEMS) addItem();
                    }
                  }}
                />
                <Button
                  type="button"
                  variant="secondary"
                  aria-label={`Remove agenda item ${i + 1}`}
                  onClick={() => setItems((list) => list.filter((x) => x.key !== item.key))}
                >
                  Remove
                </Button>
              </li>
            ))}
          </ol>
          {items.length < MAX_AGENDA_ITEMS && (
            <Button type="button" variant="secondary" onClick={addItem}>
              Add agenda item
            </Button>
          )}
        </fieldset>
      )}
      <div className={styles.formActions}>
        {onCancel && (
          <Button type="button" variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        )}
        <Button type="submit" pending={pending}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
