'use client';

import { languageIds, updatePreferencesInput } from '@roguelearn/api/schemas';
import { useMutation } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { CheckboxField, Field } from '@/components/ui/Field';
import { useToast } from '@/components/ui/Toast';
import { useSchemaForm } from '@/lib/forms';
import { applyTheme } from '@/lib/theme';
import { useTRPC } from '@/lib/trpc';
import type { Me } from '@/lib/types';
import styles from './profile.module.css';
import { useRefreshMe } from './useRefreshMe';

const languageNames: Record<(typeof languageIds)[number], string> = {
  python3: 'Python 3',
  javascript: 'JavaScript',
  typescript: 'TypeScript',
  c: 'C',
  cpp: 'C++',
  java: 'Java',
};

/** Checkboxes are absent from FormData when unticked, and the font size must be a number. */
function readPreferences(form: HTMLFormElement) {
  const data = new FormData(form);
  return {
    theme: data.get('theme'),
    editorKeymap: data.get('editorKeymap'),
    editorFontSize: Number(data.get('editorFontSize')),
    preferredLanguage: data.get('preferredLanguage'),
    publicProfile: data.has('publicProfile'),
    showOnline: data.has('showOnline'),
  };
}

export function PreferencesForm({ me }: { me: Me }) {
  const trpc = useTRPC();
  const toast = useToast();
  const refreshMe = useRefreshMe();
  const form = useSchemaForm(updatePreferencesInput);
  const save = useMutation(
    trpc.user.updatePreferences.mutationOptions({
      onSuccess: async (prefs) => {
        applyTheme(prefs.theme);
        await refreshMe();
        toast('Preferences saved');
      },
      onError: form.fail,
    }),
  );

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const input = form.check(readPreferences(e.currentTarget));
    if (input) save.mutate(input);
  }

  const prefs = me.preferences;
  return (
    <Card title="Preferences" id="preferences">
      <form ref={form.formRef} className={styles.form} onSubmit={onSubmit} noValidate>
        {form.formError && <Alert>{form.formError}</Alert>}
        <div className={styles.row}>
          <Field name="theme" label="Theme" error={form.errors.theme}>
            {(props) => (
              <select {...props} defaultValue={prefs?.theme ?? 'system'}>
                <option value="system">Match my system</option>
                <option value="light">Light</option>
                <option value="dark">Dark</option>
              </select>
            )}
          </Field>
          <Field name="preferredLanguage" label="Preferred language" error={form.errors.preferredLanguage}>
            {(props) => (
              <select {...props} defaultValue={prefs?.preferredLanguage ?? 'python3'}>
                {languageIds.map((id) => (
                  <option key={id} value={id}>
                    {languageNames[id]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <div className={styles.row}>
          <Field name="editorKeymap" label="Editor keymap" error={form.errors.editorKeymap}>
            {(props) => (
              <select {...props} defaultValue={prefs?.editorKeymap ?? 'default'}>
                <option value="default">Standard</option>
                <option value="vim">Vim</option>
                <option value="emacs">Emacs</option>
              </select>
            )}
          </Field>
          <Field name="editorFontSize" label="Editor font size (10–28 px)" error={form.errors.editorFontSize}>
            {(props) => (
              <input
                {...props}
                type="number"
                inputMode="numeric"
                min={10}
                max={28}
                step={1}
                defaultValue={prefs?.editorFontSize ?? 14}
              />
            )}
          </Field>
        </div>
        <CheckboxField
          name="publicProfile"
          label="Public profile"
          hint="Anyone can see your profile page, level and achievements."
          defaultChecked={prefs?.publicProfile ?? true}
        />
        <CheckboxField
          name="showOnline"
          label="Show when I'm online"
          hint="Friends and guild mates see you as online while you play."
          defaultChecked={prefs?.showOnline ?? true}
        />
        <div className={styles.actions}>
          <Button type="submit" pending={save.isPending} pendingLabel="Saving…">
            Save preferences
          </Button>
        </div>
      </form>
    </Card>
  );
}
