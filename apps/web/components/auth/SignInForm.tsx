'use client';

import { signInInput } from '@roguelearn/api/schemas';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Field } from '@/components/ui/Field';
import { formValues, useSchemaForm } from '@/lib/forms';
import { useStartSession } from '@/lib/session';
import { getSupabase, supabaseEnabled } from '@/lib/supabase';
import { useTRPC } from '@/lib/trpc';
import styles from './auth.module.css';
import { useRedirectWhenSignedIn } from './useRedirectWhenSignedIn';

export function SignInForm({ next }: { next: string }) {
  const trpc = useTRPC();
  const startSession = useStartSession();
  const signIn = useMutation(trpc.auth.signIn.mutationOptions());
  const form = useSchemaForm(signInInput);
  const [pending, setPending] = useState(false);
  useRedirectWhenSignedIn(next);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const input = form.check(formValues(e.currentTarget));
    if (!input) return;
    setPending(true);
    try {
      if (supabaseEnabled) {
        const { error } = await (await getSupabase()).auth.signInWithPassword(input);
        if (error) throw error;
        startSession(null);
      } else {
        startSession((await signIn.mutateAsync(input)).user);
      }
    } catch (err) {
      form.fail(err);
      setPending(false);
    }
  }

  return (
    <form ref={form.formRef} className={styles.form} onSubmit={onSubmit} noValidate>
      {form.formError && <Alert>{form.formError}</Alert>}
      <Field name="email" label="Email" error={form.errors.email}>
        {(props) => <input {...props} type="email" autoComplete="email" onBlur={form.onBlur} required />}
      </Field>
      <Field name="password" label="Password" error={form.errors.password}>
        {(props) => <input {...props} type="password" autoComplete="current-password" onBlur={form.onBlur} required />}
      </Field>
      <Button type="submit" pending={pending} pendingLabel="Signing in…" className={styles.submit}>
        Sign in
      </Button>
    </form>
  );
}
