'use client';

import { targetUsernameInput } from '@roguelearn/api/schemas';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Field } from '@/components/ui/Field';
import { formValues, useSchemaForm } from '@/lib/forms';
import styles from './social.module.css';

/** One username and a button: adding friends, blocking, inviting. Shows the server's refusal. */
export function UsernameForm({
  label,
  submitLabel,
  onSubmit,
}: {
  label: string;
  submitLabel: string;
  onSubmit: (username: string) => Promise<unknown>;
}) {
  const form = useSchemaForm(targetUsernameInput);
  const [pending, setPending] = useState(false);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const input = form.check(formValues(e.currentTarget));
    if (!input) return;
    setPending(true);
    try {
      await onSubmit(input.username);
      form.reset();
    } catch (err) {
      form.fail(err);
    } finally {
      setPending(false);
    }
  }

  return (
    <form ref={form.formRef} className={styles.form} onSubmit={submit} noValidate>
      {form.formError && <Alert>{form.formError}</Alert>}
      <div className={styles.inlineForm}>
        <Field name="username" label={label} error={form.errors.username}>
          {(props) => (
            <input {...props} autoComplete="off" autoCapitalize="none" spellCheck={false} onBlur={form.onBlur} />
          )}
        </Field>
        <Button type="submit" pending={pending}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
