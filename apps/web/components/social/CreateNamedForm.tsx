'use client';

import type { FormEvent } from 'react';
import type { z } from 'zod';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Field } from '@/components/ui/Field';
import { formValues, useSchemaForm } from '@/lib/forms';
import styles from './social.module.css';

/** A single-name creation form (a party) validated by the shared schema. */
export function CreateNamedForm<S extends z.ZodObject>({
  schema,
  label,
  submitLabel,
  pending,
  onSubmit,
}: {
  schema: S;
  label: string;
  submitLabel: string;
  pending: boolean;
  onSubmit: (input: z.output<S>, fail: (err: unknown) => void) => void;
}) {
  const form = useSchemaForm(schema);
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const input = form.check(formValues(e.currentTarget));
    if (input) onSubmit(input, form.fail);
  }
  return (
    <form ref={form.formRef} className={styles.form} onSubmit={submit} noValidate>
      {form.formError && <Alert>{form.formError}</Alert>}
      <div className={styles.inlineForm}>
        <Field name="name" label={label} error={form.errors.name}>
          {(props) => <input {...props} autoComplete="off" onBlur={form.onBlur} />}
        </Field>
        <Button type="submit" pending={pending}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
