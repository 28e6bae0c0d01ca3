'use client';

import { updateProfileInput } from '@roguelearn/api/schemas';
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
import { useRefreshMe } from './useRefreshMe';

export function ProfileForm({ me }: { me: Me }) {
  const trpc = useTRPC();
  const toast = useToast();
  const refreshMe = useRefreshMe();
  const form = useSchemaForm(updateProfileInput);
  const save = useMutation(
    trpc.user.updateProfile.mutationOptions({
      onSuccess: async () => {
        await refreshMe();
        toast('Profile saved');
      },
      onError: form.fail,
    }),
  );

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const input = form.check(formValues(e.currentTarget));
    if (input) save.mutate(input);
  }

  const profile = me.profile;
  return (
    <Card title="Profile" id="profile">
      <form ref={form.formRef} className={styles.form} onSubmit={onSubmit} noValidate>
        {form.formError && <Alert>{form.formError}</Alert>}
        <Field name="displayName" label="Display name" error={form.errors.displayName}>
          {(props) => <input {...props} defaultValue={me.displayName} autoComplete="name" onBlur={form.onBlur} />}
        </Field>
        <Field
          name="bio"
          label="Bio"
          hint="Up to 500 characters. Shown on your public profile."
          error={form.errors.bio}
        >
          {(props) => <textarea {...props} defaultValue={profile?.bio ?? ''} maxLength={500} onBlur={form.onBlur} />}
        </Field>
        <div className={styles.row}>
          <Field name="location" label="Location" error={form.errors.location}>
            {(props) => (
              <input
                {...props}
                defaultValue={profile?.location ?? ''}
                autoComplete="address-level2"
                onBlur={form.onBlur}
              />
            )}
          </Field>
          <Field name="github" label="GitHub username" error={form.errors.github}>
            {(props) => (
              <input
                {...props}
                defaultValue={profile?.github ?? ''}
                autoCapitalize="none"
                spellCheck={false}
                onBlur={form.onBlur}
              />
            )}
          </Field>
        </div>
        <Field
          name="website"
          label="Website"
          hint="A full address, like https://example.com"
          error={form.errors.website}
        >
          {(props) => (
            <input
              {...props}
              type="url"
              defaultValue={profile?.website ?? ''}
              autoComplete="url"
              onBlur={form.onBlur}
            />
          )}
        </Field>
        <div className={styles.actions}>
          <Button type="submit" pending={save.isPending} pendingLabel="Saving…">
            Save profile
          </Button>
        </div>
      </form>
    </Card>
  );
}
