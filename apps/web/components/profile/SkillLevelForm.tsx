'use client';

import { skillLevels } from '@roguelearn/api/schemas';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { useToast } from '@/components/ui/Toast';
import { describeError } from '@/lib/forms';
import { useTRPC } from '@/lib/trpc';
import type { Me } from '@/lib/types';
import styles from './profile.module.css';
import { useRefreshMe } from './useRefreshMe';

type SkillLevel = (typeof skillLevels)[number];

const descriptions: Record<SkillLevel, { label: string; text: string }> = {
  BEGINNER: { label: 'Beginner', text: 'New to programming, or to the language you are learning.' },
  INTERMEDIATE: { label: 'Intermediate', text: 'Comfortable with loops, functions and basic data structures.' },
  ADVANCED: { label: 'Advanced', text: 'At home with algorithms, recursion and complexity.' },
  EXPERT: { label: 'Expert', text: 'Competitive programmer or seasoned engineer.' },
};

/** Matchmaking pairs players by this level, so it is its own setting rather than part of the profile. */
export function SkillLevelForm({ me }: { me: Me }) {
  const trpc = useTRPC();
  const toast = useToast();
  const refreshMe = useRefreshMe();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation(
    trpc.user.setSkillLevel.mutationOptions({
      onSuccess: async () => {
        await refreshMe();
        toast('Skill level updated');
      },
      onError: (err) => setError(describeError(err, []).message),
    }),
  );

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setError(null);
    const value = new FormData(e.currentTarget).get('skillLevel');
    const skillLevel = skillLevels.find((level) => level === value);
    if (skillLevel) save.mutate({ skillLevel });
  }

  const current = me.profile?.skillLevel ?? 'BEGINNER';
  return (
    <Card title="Skill level" id="skill-level">
      <form className={styles.form} onSubmit={onSubmit}>
        {error && <Alert>{error}</Alert>}
        <fieldset className={styles.choices}>
          <legend className={styles.legend}>How experienced are you? Matchmaking and suggestions use this.</legend>
          {skillLevels.map((level) => (
            <label key={level} className={styles.choice}>
              <input type="radio" name="skillLevel" value={level} defaultChecked={level === current} />
              <span>
                <span className={styles.choiceLabel}>{descriptions[level].label}</span>
                <span className={styles.muted}>{descriptions[level].text}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <div className={styles.actions}>
          <Button type="submit" pending={save.isPending} pendingLabel="Saving…">
            Save skill level
          </Button>
        </div>
      </form>
    </Card>
  );
}
