'use client';

import { changePasswordInput } from '@roguelearn/api/schemas';
import { useMutation } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { Field } from '@/components/ui/Field';
import { useToast } from '@/components/ui/Toast';
import { formValues, useSchemaForm } from '@/lib/forms';
import { useTRPC } from '@/lib/trpc';
import type { Me } from '@/lib/types';
import styles from './profile.module.css';

export function ChangePasswordForm({ me }: { me: Me }) {
  const trpc = useTRPC();
  const toast = useToast();
  const form = useSchemaForm(changePasswordInput);
  const change = useMutation(trpc.auth.changePassword.mutationOptions({ onError: form.fail }));

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const input = form.check(formValues(e.currentTarget));
    if (!input) return;
    change.mutate(input, {
      onSuccess: () => {
        form.reset();
        toast('Password changed. Your other devices have been signed out.');
      },
    });
  }

  if (me.provider === 'SUPABASE') {
    return (
      <Card title="Password" id="password">
        <p className={styles.muted}>Your password is managed by your sign-in provider. Change it there.</p>
      </Card>
    );
  }

  return (
    <Card title="Change password" id="password">
      <form ref={form.formRef} className={styles.form} onSubmit={onSubmit} noValidate>
        {form.formError && <Alert>{form.formError}</Alert>}
        <Field name="currentPassword" label="Current password" error={form.errors.currentPassword}>
          {(props) => <input {...props} type="password" autoComplete="current-password" onBlur={form.onBlur} />}
        </Field>
        <Field name="newPassword" label="New password" hint="At least 8 characters." error={form.errors.newPassword}>
          {(props) => <input {...props} type="password" autoComplete="new-password" onBlur={form.onBlur} />}
        </Field>
        <div className={styles.actions}>
          <Button type="submit" pending={change.isPending} pendingLabel="Changing…">
            Change password
          </Button>
        </div>
      </form>
    </Card>
  );
}
