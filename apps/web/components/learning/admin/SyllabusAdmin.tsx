'use client';

import { createSyllabusInput } from '@roguelearn/api/schemas';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { type ChangeEvent, type FormEvent, useRef, useState } from 'react';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { Field } from '@/components/ui/Field';
import { PageLoading } from '@/components/ui/Spinner';
import { formValues, useSchemaForm } from '@/lib/forms';
import { useTRPC } from '@/lib/trpc';
import { AiModeBadge } from '../AiModeBadge';
import styles from '../learning.module.css';
import { StaffOnly } from './StaffOnly';

const MAX_FILE_BYTES = 200_000;

function NewSyllabus() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const classes = useQuery(trpc.learning.classes.queryOptions());
  const form = useSchemaForm(createSyllabusInput);
  const content = useRef<HTMLTextAreaElement>(null);
  const [created, setCreated] = useState<string | null>(null);
  const create = useMutation(
    trpc.learning.syllabus.create.mutationOptions({
      onSuccess: (s) => {
        setCreated(s.title);
        form.reset();
        void queryClient.invalidateQueries({ queryKey: trpc.learning.syllabus.list.queryKey() });
      },
      onError: form.fail,
    }),
  );
  const manageable = (classes.data ?? []).filter((c) => c.role !== 'STUDENT');

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.currentTarget.files?.[0];
    if (!file || !content.current) return;
    if (file.size > MAX_FILE_BYTES) {
      form.show({ content: 'That file is too large: a syllabus is limited to 200 000 characters.' });
      return;
    }
    content.current.value = await file.text();
  };

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setCreated(null);
    const { classId, ...rest } = formValues(e.currentTarget);
    const data = form.check({ ...rest, classId: classId || undefined });
    if (data) create.mutate(data);
  };

  return (
    <Card title="New syllabus" id="new-syllabus">
      <form ref={form.formRef} className={styles.form} onSubmit={onSubmit} noValidate>
        {form.formError && <Alert>{form.formError}</Alert>}
        {created && <Alert tone="success">Saved “{created}”. Generate its skill tree from the list.</Alert>}
        <Field name="title" label="Title" error={form.errors.title}>
          {(props) => <input {...props} onBlur={form.onBlur} required />}
        </Field>
        <Field name="classId" label="Class" error={form.errors.classId}>
          {(props) => (
            <select {...props} key={manageable.length} defaultValue={manageable[0]?.id ?? ''}>
              <option value="">No class yet</option>
              {manageable.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.code}: {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          name="content"
          label="Syllabus (Markdown)"
          hint="Paste it, or load a .md or .txt file below. Headings become skills."
          error={form.errors.content}
        >
          {(props) => <textarea {...props} ref={content} onBlur={form.onBlur} rows={10} required />}
        </Field>
        <Field name="file" label="Or load a file">
          {(props) => (
            <input {...props} type="file" accept=".md,.markdown,.txt,text/markdown,text/plain" onChange={onFile} />
          )}
        </Field>
        <div>
          <Button type="submit" pending={create.isPending} pendingLabel="Saving…">
            Save syllabus
          </Button>
        </div>
      </form>
    </Card>
  );
}

function SyllabusList() {
  const trpc = useTRPC();
  const router = useRouter();
  const syllabi = useQuery(trpc.learning.syllabus.list.queryOptions({}));
  const generate = useMutation(
    trpc.learning.tree.generate.mutationOptions({ onSuccess: (r) => router.push(`/admin/trees/${r.treeId}`) }),
  );
  if (syllabi.isPending) return <PageLoading label="Loading syllabi…" />;
  if (syllabi.isError) return <Alert>{syllabi.error.message}</Alert>;
  return (
    <Card title="Syllabi" id="syllabi" action={<AiModeBadge />}>
      {generate.error && <Alert>{generate.error.message}</Alert>}
      {syllabi.data.length === 0 ? (
        <p className={styles.muted}>No syllabi yet: add one with the form.</p>
      ) : (
        <ul className={styles.list}>
          {syllabi.data.map((s) => (
            <li key={s.id} className={styles.item}>
              <h3>{s.title}</h3>
              <p className={styles.muted}>
                {s.class ? `${s.class.code}` : 'No class'} · {s._count.trees} tree{s._count.trees === 1 ? '' : 's'}
              </p>
              <div>
                <Button
                  onClick={() => generate.mutate({ syllabusId: s.id })}
                  pending={generate.isPending && generate.variables?.syllabusId === s.id}
                  pendingLabel="Generating…"
                  aria-label={`Generate a skill tree from ${s.title}`}
                >
                  Generate tree
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function TreeList() {
  const trpc = useTRPC();
  const trees = useQuery(trpc.learning.tree.list.queryOptions({}));
  if (trees.isPending) return null;
  if (trees.isError) return <Alert>{trees.error.message}</Alert>;
  return (
    <Card title="Skill trees" id="trees">
      {trees.data.length === 0 ? (
        <p className={styles.muted}>No trees yet.</p>
      ) : (
        <ul className={styles.list}>
          {trees.data.map((t) => (
            <li key={t.id} className={styles.item}>
              <h3>
                <Link href={`/admin/trees/${t.id}`}>{t.title}</Link>
              </h3>
              <p className={styles.muted}>
                {t.status.toLowerCase()} · {t.nodes} skills · {t.quests} quests
                {t.class ? ` · ${t.class.code}` : ''}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

export function SyllabusAdmin() {
  return (
    <StaffOnly>
      {() => (
        <div className={styles.page}>
          <header>
            <h1>Syllabi and skill trees</h1>
            <p className={styles.muted}>
              Paste a syllabus, generate a skill tree from it, then shape the tree and publish it to a class.
            </p>
          </header>
          <div className={styles.grid}>
            <NewSyllabus />
            <SyllabusList />
          </div>
          <TreeList />
        </div>
      )}
    </StaffOnly>
  );
}
