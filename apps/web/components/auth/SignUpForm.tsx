'use client';

import { signUpInput } from '@roguelearn/api/schemas';
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

export function SignUpForm({ next }: { next: string }) {
  const trpc = useTRPC();
  const startSession = useStartSession();
  const signUp = useMutation(trpc.auth.signUp.mutationOptions());
  const form = useSchemaForm(signUpInput);
  const [pending, setPending] = useState(false);
  const [awaitingConfirmation, setAwaitingConfirmation] = useState(false);
  useRedirectWhenSignedIn(next);

  /** True when the account is ready and signed in. */
  async function signUpWithSupabase(input: {
    email: string;
    password: string;
    username: string;
    displayName: string;
  }): Promise<boolean> {
    const { data, error } = await (await getSupabase()).auth.signUp({
      email: input.email,
      password: input.password,
      options: { data: { username: input.username, display_name: input.displayName } },
    });
    if (error?.code === 'user_already_exists') {
      form.show({ email: 'An account with this email already exists' });
      return false;
    }
    if (error) throw error;
    // Projects that require email confirmation return no session until the link is followed.
    if (!data.session) {
      setAwaitingConfirmation(true);
      return false;
    }
    startSession(null);
    return true;
  }

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const input = form.check(formValues(e.currentTarget));
    if (!input) return;
    setPending(true);
    try {
      if (supabaseEnabled) {
        if (!(await signUpWithSupabase(input))) setPending(false);
      } else {
        startSession((await signUp.mutateAsync(input)).user);
      }
    } catch (err) {
      form.fail(err);
      setPending(false);
    }
  }

  if (awaitingConfirmation) {
    return (
      <Alert tone="success" title="Check your inbox">
        We sent you a confirmation link. Follow it, then sign in to begin your quest.
      </Alert>
    );
  }

  return (
    <form ref={form.formRef} className={styles.form} onSubmit={onSubmit} noValidate>
      {form.formError && <Alert>{form.formError}</Alert>}
      <Field name="displayName" label="Display name" hint="How other players see you." error={form.errors.displayName}>
        {(props) => <input {...props} autoComplete="name" onBlur={form.onBlur} required />}
      </Field>
      <Field
        name="username"
        label="Username"
        hint="3–24 letters, digits, _ or -. Your profile lives at /u/username."
        error={form.errors.username}
      >
        {(props) => (
          <input
            {...props}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            onBlur={form.onBlur}
            required
          />
        )}
      </Field>
      <Field name="email" label="Email" error={form.errors.email}>
        {(props) => <input {...props} type="email" autoComplete="email" onBlur={form.onBlur} required />}
      </Field>
      <Field name="password" label="Password" hint="At least 8 characters." error={form.errors.password}>
        {(props) => <input {...props} type="password" autoComplete="new-password" onBlur={form.onBlur} required />}
      </Field>
      <Button type="submit" pending={pending} pendingLabel="Creating your character…" className={styles.submit}>
        Create account
      </Button>
    </form>
  );
}
