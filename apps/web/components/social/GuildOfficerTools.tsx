'use client';

import { updateGuildInput } from '@roguelearn/api/schemas';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { formatWhen } from '@/components/problems/labels';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { Field } from '@/components/ui/Field';
import { useToast } from '@/components/ui/Toast';
import { formValues, useSchemaForm } from '@/lib/forms';
import { useTRPC } from '@/lib/trpc';
import type { RouterOutputs } from '@/lib/types';
import { InviteLink } from './InviteLink';
import styles from './social.module.css';
import { UserChip } from './UserChip';
import { UsernameForm } from './UsernameForm';
import { useRefreshSocial } from './useRefreshSocial';

type Guild = RouterOutputs['social']['guilds']['bySlug'];

function EditGuildForm({ guild }: { guild: Guild }) {
  const trpc = useTRPC();
  const toast = useToast();
  const refresh = useRefreshSocial();
  const form = useSchemaForm(updateGuildInput);
  const save = useMutation(
    trpc.social.guilds.update.mutationOptions({
      onSuccess: () => refresh().then(() => toast('Guild profile saved')),
      onError: form.fail,
    }),
  );
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const input = form.check({ guildId: guild.id, ...formValues(e.currentTarget) });
    if (input) save.mutate(input);
  }
  return (
    <form ref={form.formRef} className={styles.form} onSubmit={submit} noValidate>
      {form.formError && <Alert>{form.formError}</Alert>}
      <Field name="name" label="Guild name" error={form.errors.name}>
        {(props) => <input {...props} defaultValue={guild.name} autoComplete="off" onBlur={form.onBlur} />}
      </Field>
      <Field name="tag" label="Tag" hint="Leave empty for none" error={form.errors.tag}>
        {(props) => <input {...props} defaultValue={guild.tag ?? ''} autoComplete="off" onBlur={form.onBlur} />}
      </Field>
      <Field name="description" label="Description" error={form.errors.description}>
        {(props) => <textarea {...props} rows={3} defaultValue={guild.description} onBlur={form.onBlur} />}
      </Field>
      <div>
        <Button type="submit" pending={save.isPending}>
          Save guild profile
        </Button>
      </div>
    </form>
  );
}

function Pending({ guildId }: { guildId: string }) {
  const trpc = useTRPC();
  const refresh = useRefreshSocial();
  const pending = useQuery(trpc.social.guilds.pending.queryOptions({ guildId }));
  const respond = useMutation(trpc.social.guilds.respondJoinRequest.mutationOptions({ onSuccess: refresh }));
  const revoke = useMutation(trpc.social.invitations.revoke.mutationOptions({ onSuccess: refresh }));
  if (pending.isPending) return <p role="status">Loading requests…</p>;
  if (pending.isError) return <Alert>{pending.error.message}</Alert>;
  const { joinRequests, invitations, links } = pending.data;
  const failed = respond.error ?? revoke.error;
  return (
    <>
      {failed && <Alert>{failed.message}</Alert>}
      <div className={styles.section}>
        <h3>Join requests</h3>
        {joinRequests.length === 0 ? (
          <p className={styles.muted}>No one is waiting.</p>
        ) : (
          <ul className={styles.list} aria-label="Join requests">
            {joinRequests.map((r) =>
              r.invitee ? (
                <li key={r.id} className={styles.row}>
                  <UserChip user={r.invitee} detail={formatWhen(r.createdAt)} />
                  {r.message && <span>“{r.message}”</span>}
                  <div className={styles.actions}>
                    <Button
                      onClick={() => respond.mutate({ id: r.id, accept: true })}
                      aria-label={`Approve ${r.invitee.displayName}`}
                    >
                      Approve
                    </Button>
                    <Button
                      variant="secondary"
                      onClick={() => respond.mutate({ id: r.id, accept: false })}
                      aria-label={`Deny ${r.invitee.displayName}`}
                    >
                      Deny
                    </Button>
                  </div>
                </li>
              ) : null,
            )}
          </ul>
        )}
      </div>
      {invitations.length + links.length > 0 && (
        <div className={styles.section}>
          <h3>Open invitations</h3>
          <ul className={styles.list} aria-label="Open invitations">
            {[...invitations, ...links].map((inv) => (
              <li key={inv.id} className={styles.row}>
                {inv.invitee ? (
                  <UserChip user={inv.invitee} detail={`invited ${formatWhen(inv.createdAt)}`} />
                ) : (
                  <span className={styles.who}>
                    <span className={styles.link}>Link …{inv.code?.slice(-6)}</span>
                  </span>
                )}
                <Button variant="secondary" onClick={() => revoke.mutate({ id: inv.id })}>
                  Revoke
                </Button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}

/** What officers and the owner manage: requests, invitations and the public profile. */
export function GuildOfficerTools({ guild }: { guild: Guild }) {
  const trpc = useTRPC();
  const toast = useToast();
  const refresh = useRefreshSocial();
  const invite = useMutation(trpc.social.guilds.invite.mutationOptions({ onSuccess: refresh }));
  const createLink = useMutation(trpc.social.guilds.createLink.mutationOptions({ onSuccess: refresh }));
  return (
    <>
      <Card title="Requests and invitations" id="guild-pending">
        <div className={styles.section}>
          <UsernameForm
            label="Invite by username"
            submitLabel="Send invitation"
            onSubmit={async (username) => {
              await invite.mutateAsync({ guildId: guild.id, username });
              toast(`Invitation sent to @${username}`);
            }}
          />
          <InviteLink create={() => createLink.mutateAsync({ guildId: guild.id, expiresInHours: 24 * 7 })} />
          <Pending guildId={guild.id} />
        </div>
      </Card>
      <Card title="Guild profile" id="guild-profile">
        <EditGuildForm guild={guild} />
      </Card>
    </>
  );
}
