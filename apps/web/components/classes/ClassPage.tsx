'use client';

import { updateClassInput } from '@roguelearn/api/schemas';
import { useMutation, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { type FormEvent, useEffect, useState } from 'react';
import { StaffOnly } from '@/components/learning/admin/StaffOnly';
import { CopyButton } from '@/components/problems/CopyButton';
import { ConfirmButton } from '@/components/social/ConfirmButton';
import { Alert } from '@/components/ui/Alert';
import { Button, ButtonLink } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { Field } from '@/components/ui/Field';
import { Panel } from '@/components/ui/Panel';
import { PageLoading } from '@/components/ui/Spinner';
import { useToast } from '@/components/ui/Toast';
import { formValues, useSchemaForm } from '@/lib/forms';
import { useTRPC } from '@/lib/trpc';
import { Assignments } from './Assignments';
import styles from './classes.module.css';
import { Enrol } from './Enrol';
import { Roster } from './Roster';
import { type ClassDetail, useRefreshClass } from './useRefreshClass';

function Details({ cls }: { cls: ClassDetail }) {
  const trpc = useTRPC();
  const toast = useToast();
  const refresh = useRefreshClass(cls.id);
  const form = useSchemaForm(updateClassInput);
  const update = useMutation(
    trpc.classes.update.mutationOptions({
      onSuccess: (c, input) => {
        toast(
          input.archived === undefined ? 'Class details saved' : c.archivedAt ? 'Class archived' : 'Class reopened',
        );
        return refresh();
      },
      onError: form.fail,
    }),
  );

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = form.check({ ...formValues(e.currentTarget), classId: cls.id });
    if (data) update.mutate(data);
  };

  return (
    <Card title="Details" id="class-details">
      <form ref={form.formRef} className={styles.form} onSubmit={onSubmit} noValidate>
        {form.formError && <Alert>{form.formError}</Alert>}
        <Field name="name" label="Name" error={form.errors.name}>
          {(props) => <input {...props} defaultValue={cls.name} onBlur={form.onBlur} required />}
        </Field>
        <Field name="description" label="Description" error={form.errors.description}>
          {(props) => <textarea {...props} defaultValue={cls.description} onBlur={form.onBlur} rows={3} />}
        </Field>
        <p className={styles.muted}>
          Course code <span className={styles.code}>{cls.code}</span> · taught by {cls.instructor.displayName}
          {cls.assistants.length > 0 && ` · assistants: ${cls.assistants.map((a) => a.displayName).join(', ')}`} ·
          created {cls.createdAt.toLocaleDateString('en', { dateStyle: 'medium' })}
        </p>
        <div className={styles.row}>
          <Button type="submit" pending={update.isPending && update.variables?.archived === undefined}>
            Save details
          </Button>
          {cls.archivedAt ? (
            <Button
              variant="secondary"
              pending={update.isPending && update.variables?.archived === false}
              onClick={() => update.mutate({ classId: cls.id, archived: false })}
            >
              Reopen class
            </Button>
          ) : (
            <ConfirmButton
              label="Archive class…"
              title={`Archive ${cls.name}?`}
              confirmLabel="Archive"
              onConfirm={() => update.mutateAsync({ classId: cls.id, archived: true })}
            >
              <p>
                Its invite link stops working and it leaves your class list. Students keep their progress, and you can
                reopen the class at any time.
              </p>
            </ConfirmButton>
          )}
        </div>
      </form>
    </Card>
  );
}

function Invite({ cls }: { cls: ClassDetail }) {
  const trpc = useTRPC();
  const toast = useToast();
  const refresh = useRefreshClass(cls.id);
  const rotate = useMutation(trpc.classes.rotateInvite.mutationOptions());
  // The origin is only known in the browser; the first render shows the path alone.
  const [origin, setOrigin] = useState('');
  useEffect(() => setOrigin(window.location.origin), []);
  const link = `${origin}/classes/join/${cls.inviteCode}`;

  return (
    <Card title="Invite link" id="class-invite">
      <div className={styles.form}>
        {cls.archivedAt ? (
          <Alert>The class is archived: its invite link doesn’t work until you reopen it.</Alert>
        ) : (
          <p className={styles.muted}>
            Anyone with this link can join the class once signed in. Share it with your students only.
          </p>
        )}
        <div className={styles.invite}>
          <label htmlFor="invite-link" className="visually-hidden">
            Invite link
          </label>
          <input id="invite-link" readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
          <CopyButton text={link} label="invite link" />
        </div>
        <div>
          <ConfirmButton
            label="New invite link…"
            title="Replace the invite link?"
            confirmLabel="Replace link"
            onConfirm={async () => {
              await rotate.mutateAsync({ classId: cls.id });
              await refresh();
              toast('New invite link ready: the old one no longer works');
            }}
          >
            <p>
              The current link stops working at once. Students already in the class stay enrolled; anyone else needs the
              new link.
            </p>
          </ConfirmButton>
        </div>
      </div>
    </Card>
  );
}

function ClassView({ classId }: { classId: string }) {
  const trpc = useTRPC();
  const cls = useQuery(trpc.classes.get.queryOptions({ classId }));

  if (cls.isPending) return <PageLoading label="Loading the class…" />;
  if (cls.isError) {
    return ['NOT_FOUND', 'FORBIDDEN', 'BAD_REQUEST'].includes(cls.error.data?.code ?? '') ? (
      <Panel
        title="Class not found"
        icon="♜"
        actions={<ButtonLink href="/admin/classes">Back to your classes</ButtonLink>}
      >
        <p>It doesn’t exist, or you don’t teach or assist in it.</p>
      </Panel>
    ) : (
      <Alert>{cls.error.message}</Alert>
    );
  }
  const c = cls.data;
  return (
    <div className={styles.page}>
      <header>
        <p>
          <Link href="/admin/classes">← Classes</Link>
        </p>
        <h1>{c.name}</h1>
        <p className={styles.muted}>
          <span className={styles.code}>{c.code}</span> · {c.students} student{c.students === 1 ? '' : 's'}
          {c.archivedAt ? ' · archived' : ''}
        </p>
      </header>
      <div className={styles.grid}>
        <Details cls={c} />
        <div className={styles.page}>
          <Invite cls={c} />
          <Enrol classId={c.id} />
        </div>
      </div>
      <Roster classId={c.id} />
      <Assignments cls={c} />
    </div>
  );
}

export function ClassPage({ classId }: { classId: string }) {
  return <StaffOnly>{() => <ClassView classId={classId} />}</StaffOnly>;
}
