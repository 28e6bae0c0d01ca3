'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { type FormEvent, useState } from 'react';
import { formatDate } from '@/components/problems/labels';
import { ConfirmButton } from '@/components/social/ConfirmButton';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { Field } from '@/components/ui/Field';
import { useToast } from '@/components/ui/Toast';
import { describeError } from '@/lib/forms';
import { useTRPC } from '@/lib/trpc';
import styles from './classes.module.css';
import { type ClassDetail, useRefreshClass } from './useRefreshClass';

type Target = { skillTreeId: string } | { contestId: string };

function useAssignment(cls: ClassDetail) {
  const trpc = useTRPC();
  const toast = useToast();
  const refresh = useRefreshClass(cls.id);
  const assign = useMutation(
    trpc.classes.assign.mutationOptions({
      onSuccess: () => {
        toast('Assigned to the class');
        return refresh();
      },
    }),
  );
  const unassign = useMutation(trpc.classes.unassign.mutationOptions());
  return {
    assign: (target: Target) => assign.mutate({ classId: cls.id, ...target }),
    /** Which picker's Assign button is busy. */
    assigning: assign.isPending ? (assign.variables?.skillTreeId ? 'tree' : 'contest') : null,
    assignError: assign.error ? describeError(assign.error, []).message : null,
    /** For ConfirmButton, which shows the failure in its dialog. */
    unassign: async (target: Target, what: string) => {
      await unassign.mutateAsync({ classId: cls.id, ...target });
      await refresh();
      toast(`${what} is no longer assigned`);
    },
  };
}

/** A select of what can still be assigned, and its Assign button. */
function Picker({
  id,
  label,
  hint,
  options,
  empty,
  pending,
  onPick,
}: {
  id: string;
  label: string;
  hint: string;
  options: { value: string; label: string }[];
  empty: string;
  pending: boolean;
  onPick: (value: string) => void;
}) {
  const [value, setValue] = useState('');
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (value) onPick(value);
  };
  if (!options.length) return <p className={styles.muted}>{empty}</p>;
  return (
    <form className={styles.picker} onSubmit={onSubmit} aria-label={label}>
      <Field name={id} label={label} hint={hint}>
        {(props) => (
          <select {...props} value={value} onChange={(e) => setValue(e.target.value)}>
            <option value="">Choose…</option>
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Button type="submit" disabled={!value} pending={pending} pendingLabel="Assigning…">
        Assign
      </Button>
    </form>
  );
}

function Trees({ cls, a }: { cls: ClassDetail; a: ReturnType<typeof useAssignment> }) {
  const trpc = useTRPC();
  const trees = useQuery(trpc.learning.tree.list.queryOptions({}));
  const options = (trees.data ?? [])
    .filter((t) => t.class?.id !== cls.id && t.status !== 'ARCHIVED')
    .map((t) => ({
      value: t.id,
      label: `${t.title} · ${t.status.toLowerCase()}${t.class ? ` · now in ${t.class.code}` : ''}`,
    }));

  return (
    <section aria-labelledby="assigned-trees" className={styles.form}>
      <h3 id="assigned-trees">Skill trees and their quests</h3>
      {cls.skillTrees.length === 0 ? (
        <p className={styles.muted}>
          No skill tree yet. Students see an assigned tree, and its quests, once it is published.
        </p>
      ) : (
        <ul className={styles.list}>
          {cls.skillTrees.map((t) => (
            <li key={t.id} className={`${styles.item} ${styles.spread}`}>
              <div>
                <Link href={`/admin/trees/${t.id}`}>{t.title}</Link>
                <p className={styles.muted}>
                  {t.status.toLowerCase()} · {t.nodes} skills · {t.quests} quests
                </p>
              </div>
              <ConfirmButton
                label={`Unassign ${t.title}`}
                title={`Take ${t.title} away from the class?`}
                confirmLabel="Unassign"
                onConfirm={() => a.unassign({ skillTreeId: t.id }, t.title)}
              >
                <p>Students no longer see the tree or its quests. Their progress is kept if you assign it again.</p>
              </ConfirmButton>
            </li>
          ))}
        </ul>
      )}
      {trees.isError ? (
        <Alert>{trees.error.message}</Alert>
      ) : (
        !trees.isPending && (
          <Picker
            id="skillTreeId"
            label="Assign a skill tree"
            hint="Trees you wrote or that belong to your classes. A tree belongs to one class at a time."
            options={options}
            empty="No other skill trees to assign: generate one from a syllabus first."
            pending={a.assigning === 'tree'}
            onPick={(skillTreeId) => a.assign({ skillTreeId })}
          />
        )
      )}
    </section>
  );
}

function Contests({ cls, a }: { cls: ClassDetail; a: ReturnType<typeof useAssignment> }) {
  const trpc = useTRPC();
  const upcoming = useQuery(trpc.contest.list.queryOptions({ when: 'upcoming', pageSize: 100 }));
  const assigned = new Set(cls.contests.map((c) => c.id));
  const options = (upcoming.data?.items ?? [])
    .filter((c) => !assigned.has(c.id))
    .map((c) => ({ value: c.id, label: `${c.title} · starts ${formatDate(c.startsAt)}` }));
  const now = Date.now();

  return (
    <section aria-labelledby="assigned-contests" className={styles.form}>
      <h3 id="assigned-contests">Contests</h3>
      {cls.contests.length === 0 ? (
        <p className={styles.muted}>No contests yet. An assigned contest is visible to this class only.</p>
      ) : (
        <ul className={styles.list}>
          {cls.contests.map((c) => (
            <li key={c.id} className={`${styles.item} ${styles.spread}`}>
              <div>
                <Link href={`/contests/${c.slug}`}>{c.title}</Link>
                <p className={styles.muted}>
                  {formatDate(c.startsAt)} – {formatDate(c.endsAt)}
                </p>
              </div>
              {c.startsAt.getTime() > now ? (
                <ConfirmButton
                  label={`Unassign ${c.title}`}
                  title={`Make ${c.title} public again?`}
                  confirmLabel="Unassign"
                  onConfirm={() => a.unassign({ contestId: c.id }, c.title)}
                >
                  <p>The contest leaves the class and becomes visible to everyone on RogueLearn.</p>
                </ConfirmButton>
              ) : (
                <span className={styles.badge}>started: stays with the class</span>
              )}
            </li>
          ))}
        </ul>
      )}
      {upcoming.isError ? (
        <Alert>{upcoming.error.message}</Alert>
      ) : (
        !upcoming.isPending && (
          <Picker
            id="contestId"
            label="Assign a contest"
            hint="Upcoming contests you wrote: their visibility can’t change once they start."
            options={options}
            empty="No upcoming contests to assign: create one on the contests page first."
            pending={a.assigning === 'contest'}
            onPick={(contestId) => a.assign({ contestId })}
          />
        )
      )}
    </section>
  );
}

export function Assignments({ cls }: { cls: ClassDetail }) {
  const a = useAssignment(cls);
  return (
    <Card title="Assignments" id="assignments">
      <div className={styles.form}>
        {a.assignError && <Alert>{a.assignError}</Alert>}
        <div className={styles.grid}>
          <Trees cls={cls} a={a} />
          <Contests cls={cls} a={a} />
        </div>
      </div>
    </Card>
  );
}
