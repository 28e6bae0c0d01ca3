'use client';

import { matchRequestInput } from '@roguelearn/api/schemas';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { difficultyLabels } from '@/components/problems/labels';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { useSchemaForm } from '@/lib/forms';
import { useTRPC } from '@/lib/trpc';
import styles from './pair.module.css';

const MAX_TOPICS = 5;

/** Difficulty, up to five topics (problem tags) and a language: what the matcher pairs on. */
export function RequestForm({ preferredLanguage }: { preferredLanguage?: string | null }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tags = useQuery(trpc.problem.tags.queryOptions());
  const languages = useQuery(trpc.submission.languages.queryOptions());
  const form = useSchemaForm(matchRequestInput);
  const [topics, setTopics] = useState<string[]>([]);
  const request = useMutation(
    trpc.match.request.mutationOptions({
      onSuccess: (status) => queryClient.setQueryData(trpc.match.status.queryKey(), status),
    }),
  );

  const toggleTopic = (slug: string, on: boolean) =>
    setTopics((ts) => (on ? [...ts, slug] : ts.filter((t) => t !== slug)));

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const values = form.check({ difficulty: data.get('difficulty'), language: data.get('language'), topics });
    if (!values) return;
    try {
      await request.mutateAsync(values);
    } catch (err) {
      form.fail(err);
    }
  }

  return (
    <form ref={form.formRef} onSubmit={onSubmit} className={styles.requestForm} noValidate>
      <fieldset className={styles.choices}>
        <legend>Difficulty</legend>
        {(['EASY', 'MEDIUM', 'HARD'] as const).map((d, i) => (
          <label key={d} className={styles.choice}>
            <input type="radio" name="difficulty" value={d} defaultChecked={i === 1} /> {difficultyLabels[d]}
          </label>
        ))}
        {form.errors.difficulty && <p className={styles.error}>{form.errors.difficulty}</p>}
      </fieldset>

      <div className={styles.field}>
        <label htmlFor="match-language">Language</label>
        <select id="match-language" name="language" defaultValue={preferredLanguage ?? 'python3'}>
          {(languages.data ?? []).map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
          {!languages.data && <option value={preferredLanguage ?? 'python3'}>Loading…</option>}
        </select>
      </div>

      <fieldset className={styles.choices} aria-describedby="topics-hint">
        <legend>Topics (optional)</legend>
        <p id="topics-hint" className={styles.muted}>
          Up to {MAX_TOPICS}. Leave empty to take any problem.
        </p>
        {tags.isPending && <p className={styles.muted}>Loading topics…</p>}
        {tags.error && <p className={styles.error}>We couldn't load the topics.</p>}
        <div className={styles.tagGrid}>
          {tags.data?.map((t) => {
            const checked = topics.includes(t.slug);
            return (
              <label key={t.slug} className={styles.tagChoice}>
                <input
                  type="checkbox"
                  checked={checked}
                  disabled={!checked && topics.length >= MAX_TOPICS}
                  onChange={(e) => toggleTopic(t.slug, e.target.checked)}
                />{' '}
                {t.name}
              </label>
            );
          })}
        </div>
        {form.errors.topics && <p className={styles.error}>{form.errors.topics}</p>}
      </fieldset>

      {form.formError && <Alert>{form.formError}</Alert>}
      <Button type="submit" pending={request.isPending} pendingLabel="Joining…">
        Find a partner
      </Button>
    </form>
  );
}
