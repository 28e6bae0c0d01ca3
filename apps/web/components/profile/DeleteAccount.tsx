'use client';

import { deleteAccountInput } from '@roguelearn/api/schemas';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useRef } from 'react';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { Field } from '@/components/ui/Field';
import { setFlash } from '@/lib/flash';
import { formValues, useSchemaForm } from '@/lib/forms';
import { getSupabase, supabaseEnabled } from '@/lib/supabase';
import { useTRPC } from '@/lib/trpc';
import type { Me } from '@/lib/types';
import styles from './profile.module.css';

export function DeleteAccount({ me }: { me: Me }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const form = useSchemaForm(deleteAccountInput);
  const needsPassword = me.provider !== 'SUPABASE';
  const remove = useMutation(
    trpc.auth.deleteAccount.mutationOptions({
      onSuccess: async () => {
        if (supabaseEnabled) await (await getSupabase()).auth.signOut();
        queryClient.clear();
        setFlash('Your account has been deleted. Farewell, adventurer.');
        window.location.assign('/');
      },
      onError: form.fail,
    }),
  );

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const values = formValues(e.currentTarget);
    const input = form.check({ confirm: values.confirm, password: needsPassword ? values.password : undefined });
    if (input) remove.mutate(input);
  }

  return (
    <Card title="Delete account" id="delete-account" className={styles.danger}>
      <p>
        Deleting your account removes your character, progress, submissions and ratings for good. Guilds you own and
        classes you teach must be handed over first.
      </p>
      <Button variant="danger" onClick={() => dialogRef.current?.showModal()}>
        Delete account…
      </Button>

      <dialog ref={dialogRef} className={styles.dialog} aria-labelledby={titleId} onClose={form.reset}>
        <form ref={form.formRef} className={styles.form} onSubmit={onSubmit} noValidate>
          <h2 id={titleId}>Delete your account?</h2>
          <p>This cannot be undone. To confirm, type DELETE{needsPassword && ' and enter your password'}.</p>
          {form.formError && <Alert>{form.formError}</Alert>}
          <Field name="confirm" label="Type DELETE to confirm" error={form.errors.confirm}>
            {(props) => <input {...props} autoComplete="off" autoCapitalize="characters" spellCheck={false} />}
          </Field>
          {needsPassword && (
            <Field name="password" label="Password" error={form.errors.password}>
              {(props) => <input {...props} type="password" autoComplete="current-password" />}
            </Field>
          )}
          <div className={styles.dialogActions}>
            <Button variant="secondary" onClick={() => dialogRef.current?.close()}>
              Cancel
            </Button>
            <Button type="submit" variant="danger" pending={remove.isPending} pendingLabel="Deleting…">
              Delete my account
            </Button>
          </div>
        </form>
      </dialog>
    </Card>
  );
}
