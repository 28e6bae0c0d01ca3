'use client';

import { enrollCsvInput } from '@roguelearn/api/schemas';
import { useMutation } from '@tanstack/react-query';
import { type ChangeEvent, type FormEvent, useRef } from 'react';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { Field } from '@/components/ui/Field';
import { formValues, useSchemaForm } from '@/lib/forms';
import { useTRPC } from '@/lib/trpc';
import type { RouterOutputs } from '@/lib/types';
import styles from './classes.module.css';
import { useRefreshClass } from './useRefreshClass';

const MAX_FILE_BYTES = 1_000_000;

type EnrolResult = RouterOutputs['classes']['enrollCsv'];

function ResultGroup({ title, items, hint }: { title: string; items: string[]; hint?: string }) {
  if (!items.length) return null;
  return (
    <section aria-label={title}>
      <h3>
        {title} ({items.length})
      </h3>
      {hint && <p className={styles.muted}>{hint}</p>}
      <ul>
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </section>
  );
}

/** Per address, what happened: the API never creates accounts or sends email, so it says who to chase. */
function EnrolResults({ result }: { result: EnrolResult }) {
  const total = result.enrolled.length + result.alreadyEnrolled.length + result.unknown.length;
  return (
    <div className={styles.results}>
      {result.enrolled.length ? (
        <Alert tone="success">
          Enrolled {result.enrolled.length} of {total} address{total === 1 ? '' : 'es'}.
        </Alert>
      ) : (
        <p>Nobody new was enrolled.</p>
      )}
      <ResultGroup
        title="Enrolled"
        items={result.enrolled.map((e) => `${e.displayName} (@${e.username}) · ${e.email}`)}
      />
      <ResultGroup title="Already in the class" items={result.alreadyEnrolled} />
      <ResultGroup
        title="No account yet"
        items={result.unknown}
        hint="Nobody has signed up with these addresses: send them the invite link instead."
      />
      <ResultGroup
        title="Not an email address"
        items={result.invalid}
        hint="These lines were skipped. Fix them and enrol again."
      />
    </div>
  );
}

export function Enrol({ classId }: { classId: string }) {
  const trpc = useTRPC();
  const refresh = useRefreshClass(classId);
  const form = useSchemaForm(enrollCsvInput);
  const csv = useRef<HTMLTextAreaElement>(null);
  const enrol = useMutation(
    trpc.classes.enrollCsv.mutationOptions({
      onSuccess: (r) => {
        if (r.enrolled.length) return refresh();
      },
      onError: form.fail,
    }),
  );

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.currentTarget.files?.[0];
    if (!file || !csv.current) return;
    if (file.size > MAX_FILE_BYTES) {
      form.show({ csv: 'That file is too large: the list is limited to 1 MB.' });
      return;
    }
    csv.current.value = await file.text();
  };

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = form.check({ csv: formValues(e.currentTarget).csv, classId });
    if (data) enrol.mutate(data);
  };

  return (
    <Card title="Enrol students" id="class-enrol">
      <form ref={form.formRef} className={styles.form} onSubmit={onSubmit} noValidate>
        {form.formError && <Alert>{form.formError}</Alert>}
        <Field
          name="csv"
          label="Email addresses"
          hint="One per line, or separated by commas, or a CSV export with an “email” column. Students must already have an account."
          error={form.errors.csv}
        >
          {(props) => (
            <textarea
              {...props}
              ref={csv}
              onBlur={form.onBlur}
              rows={5}
              placeholder={'ada@example.edu\ngrace@example.edu'}
            />
          )}
        </Field>
        <Field name="file" label="Or load a CSV file">
          {(props) => <input {...props} type="file" accept=".csv,.txt,text/csv,text/plain" onChange={onFile} />}
        </Field>
        <div>
          <Button type="submit" pending={enrol.isPending} pendingLabel="Enrolling…">
            Enrol
          </Button>
        </div>
      </form>
      {enrol.data && <EnrolResults result={enrol.data} />}
    </Card>
  );
}
