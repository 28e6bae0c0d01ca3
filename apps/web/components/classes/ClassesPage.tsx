'use client';

import { createClassInput } from '@roguelearn/api/schemas';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { StaffOnly } from '@/components/learning/admin/StaffOnly';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { Field } from '@/components/ui/Field';
import { PageLoading } from '@/components/ui/Spinner';
import { formValues, useSchemaForm } from '@/lib/forms';
import { useTRPC } from '@/lib/trpc';
import styles from './classes.module.css';

function NewClass() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const form = useSchemaForm(createClassInput);
  const create = useMutation(
    trpc.classes.create.mutationOptions({
      onSuccess: (c) => {
        void queryClient.invalidateQueries({ queryKey: trpc.classes.mine.queryKey() });
        router.push(`/admin/classes/${c.id}`);
      },
      onError: form.fail,
    }),
  );

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = form.check(formValues(e.currentTarget));
    if (data) create.mutate(data);
  };

  return (
    <Card title="New class" id="new-class">
      <form ref={form.formRef} className={styles.form} onSubmit={onSubmit} noValidate>
        {form.formError && <Alert>{form.formError}</Alert>}
        <Field name="name" label="Name" error={form.errors.name}>
          {(props) => <input {...props} onBlur={form.onBlur} placeholder="Algorithms and Data Structures" required />}
        </Field>
        <Field
          name="code"
          label="Course code"
          hint="What students recognise the course by, unique on RogueLearn (like CS101-F26)."
          error={form.errors.code}
        >
          {(props) => <input {...props} onBlur={form.onBlur} autoCapitalize="characters" required />}
        </Field>
        <Field name="description" label="Description (optional)" error={form.errors.description}>
          {(props) => <textarea {...props} onBlur={form.onBlur} rows={3} />}
        </Field>
        <div>
          <Button type="submit" pending={create.isPending} pendingLabel="Creating…">
            Create class
          </Button>
        </div>
      </form>
    </Card>
  );
}

function ClassList({ isAdmin }: { isAdmin: boolean }) {
  const trpc = useTRPC();
  const [includeArchived, setIncludeArchived] = useState(false);
  const [all, setAll] = useState(false);
  const classes = useQuery(trpc.classes.mine.queryOptions({ includeArchived, all }));

  return (
    <Card title={all ? 'All classes' : 'Your classes'} id="my-classes">
      <div className={styles.row}>
        <label className={styles.row}>
          <input type="checkbox" checked={includeArchived} onChange={(e) => setIncludeArchived(e.target.checked)} />
          Show archived classes
        </label>
        {isAdmin && (
          <label className={styles.row}>
            <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} />
            Every instructor’s classes
          </label>
        )}
      </div>
      {classes.isPending ? (
        <PageLoading label="Loading classes…" />
      ) : classes.isError ? (
        <Alert>{classes.error.message}</Alert>
      ) : classes.data.length === 0 ? (
        <p className={styles.muted}>
          No classes yet. Create one with the form: you get an invite link to share with your students.
        </p>
      ) : (
        <ul className={styles.list}>
          {classes.data.map((c) => (
            <li key={c.id} className={styles.item}>
              <div className={styles.spread}>
                <h3>
                  <Link href={`/admin/classes/${c.id}`}>{c.name}</Link>
                </h3>
                <span className={styles.row}>
                  <span className={`${styles.badge} ${styles.code}`}>{c.code}</span>
                  {c.archivedAt && <span className={styles.badge}>archived</span>}
                </span>
              </div>
              <p className={styles.muted}>
                {c.students} student{c.students === 1 ? '' : 's'} · {c.skillTrees} skill tree
                {c.skillTrees === 1 ? '' : 's'} · {c.contests} contest{c.contests === 1 ? '' : 's'}
                {all ? ` · ${c.instructor.displayName}` : ''}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

export function ClassesPage() {
  return (
    <StaffOnly>
      {(user) => (
        <div className={styles.page}>
          <header>
            <h1>Classes</h1>
            <p className={styles.muted}>
              Invite students with a link or a list of emails, assign skill trees and contests, and follow their
              progress.
            </p>
          </header>
          <div className={styles.grid}>
            <ClassList isAdmin={user.role === 'ADMIN'} />
            <NewClass />
          </div>
        </div>
      )}
    </StaffOnly>
  );
}
