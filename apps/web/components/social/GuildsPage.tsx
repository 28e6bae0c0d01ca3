'use client';

import { createGuildInput } from '@roguelearn/api/schemas';
import { useMutation, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import type { FormEvent } from 'react';
import { RequireSession } from '@/components/session/RequireSession';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { Field } from '@/components/ui/Field';
import { formValues, useSchemaForm } from '@/lib/forms';
import { useTRPC } from '@/lib/trpc';
import { roleLabels } from './guildLabels';
import styles from './social.module.css';
import { useRefreshSocial } from './useRefreshSocial';

function CreateGuildForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const refresh = useRefreshSocial();
  const form = useSchemaForm(createGuildInput);
  const create = useMutation(
    trpc.social.guilds.create.mutationOptions({
      onSuccess: (guild) => refresh().then(() => router.push(`/guilds/${guild.slug}`)),
      onError: form.fail,
    }),
  );
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const { name, tag, description } = formValues(e.currentTarget);
    // Empty optional fields mean "not given", not "invalid".
    const input = form.check({ name, description, ...(tag ? { tag } : {}) });
    if (input) create.mutate(input);
  }
  return (
    <form ref={form.formRef} className={styles.form} onSubmit={submit} noValidate>
      {form.formError && <Alert>{form.formError}</Alert>}
      <Field name="name" label="Guild name" error={form.errors.name}>
        {(props) => <input {...props} autoComplete="off" onBlur={form.onBlur} />}
      </Field>
      <Field name="tag" label="Tag (optional)" hint="2 to 5 letters or digits, shown as [TAG]" error={form.errors.tag}>
        {(props) => <input {...props} autoComplete="off" autoCapitalize="characters" onBlur={form.onBlur} />}
      </Field>
      <Field name="description" label="Description (optional)" error={form.errors.description}>
        {(props) => <textarea {...props} rows={3} onBlur={form.onBlur} />}
      </Field>
      <div>
        <Button type="submit" pending={create.isPending}>
          Found guild
        </Button>
      </div>
    </form>
  );
}

function Guilds() {
  const trpc = useTRPC();
  const guilds = useQuery(trpc.social.guilds.mine.queryOptions());
  return (
    <div className={styles.page}>
      <h1>Guilds</h1>
      <Card title="Your guilds" id="my-guilds">
        {guilds.isPending ? (
          <p role="status">Loading guilds…</p>
        ) : guilds.isError ? (
          <Alert>{guilds.error.message}</Alert>
        ) : guilds.data.length === 0 ? (
          <p className={styles.muted}>You haven't joined a guild yet. Found one, or follow an invitation link.</p>
        ) : (
          <ul className={styles.list}>
            {guilds.data.map((g) => (
              <li key={g.id} className={styles.row}>
                <span className={styles.who}>
                  <span>
                    <Link href={`/guilds/${g.slug}`} className={styles.name}>
                      {g.tag && `[${g.tag}] `}
                      {g.name}
                    </Link>
                    <span className={styles.small}>
                      {g.memberCount} {g.memberCount === 1 ? 'member' : 'members'} · you are{' '}
                      {roleLabels[g.role].toLowerCase()}
                    </span>
                  </span>
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title="Found a guild" id="create-guild">
        <CreateGuildForm />
      </Card>
    </div>
  );
}

export function GuildsPage() {
  return <RequireSession>{() => <Guilds />}</RequireSession>;
}
