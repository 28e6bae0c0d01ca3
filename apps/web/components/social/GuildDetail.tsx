'use client';

import { guildJoinRequestInput } from '@roguelearn/api/schemas';
import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import type { FormEvent } from 'react';
import { formatWhen } from '@/components/problems/labels';
import { Alert } from '@/components/ui/Alert';
import { Button, ButtonLink } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { Field } from '@/components/ui/Field';
import { Panel } from '@/components/ui/Panel';
import { PageLoading } from '@/components/ui/Spinner';
import { useToast } from '@/components/ui/Toast';
import { formValues, useSchemaForm } from '@/lib/forms';
import { useSession } from '@/lib/session';
import { useTRPC } from '@/lib/trpc';
import type { RouterOutputs } from '@/lib/types';
import { ConfirmButton } from './ConfirmButton';
import { GuildOfficerTools } from './GuildOfficerTools';
import { GuildWebhooks } from './GuildWebhooks';
import { atLeastOfficer, describeActivity, outranks, roleLabels } from './guildLabels';
import styles from './social.module.css';
import { UserChip } from './UserChip';
import { useRefreshSocial } from './useRefreshSocial';

type Guild = RouterOutputs['social']['guilds']['bySlug'];

function JoinRequestForm({ guild }: { guild: Guild }) {
  const trpc = useTRPC();
  const refresh = useRefreshSocial();
  const form = useSchemaForm(guildJoinRequestInput);
  const request = useMutation(
    trpc.social.guilds.requestJoin.mutationOptions({ onSuccess: refresh, onError: form.fail }),
  );
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const { message } = formValues(e.currentTarget);
    const input = form.check({ guildId: guild.id, ...(message ? { message } : {}) });
    if (input) request.mutate(input);
  }
  if (guild.viewer.pendingJoinRequest) {
    return <p role="status">Your request to join is waiting for an officer.</p>;
  }
  return (
    <form ref={form.formRef} className={styles.form} onSubmit={submit} noValidate>
      {form.formError && <Alert>{form.formError}</Alert>}
      <Field name="message" label="Message to the officers (optional)" error={form.errors.message}>
        {(props) => <textarea {...props} rows={2} onBlur={form.onBlur} />}
      </Field>
      <div>
        <Button type="submit" pending={request.isPending}>
          Request to join
        </Button>
      </div>
    </form>
  );
}

function Members({ guild, meId }: { guild: Guild; meId: string | null }) {
  const trpc = useTRPC();
  const toast = useToast();
  const refresh = useRefreshSocial();
  const opts = { onSuccess: refresh };
  const kick = useMutation(trpc.social.guilds.kick.mutationOptions(opts));
  const setRole = useMutation(trpc.social.guilds.setRole.mutationOptions(opts));
  const transfer = useMutation(trpc.social.guilds.transferOwnership.mutationOptions(opts));
  const myRole = guild.viewer.role;
  const failed = setRole.error;
  return (
    <Card title={`Members (${guild.memberCount})`} id="members">
      {failed && <Alert>{failed.message}</Alert>}
      <ul className={styles.list} aria-label="Members">
        {guild.members.map((m) => (
          <li key={m.user.id} className={styles.row}>
            <UserChip user={m.user} detail={m.user.level ? `Lv ${m.user.level}` : undefined} />
            <span className={styles.role}>{roleLabels[m.role]}</span>
            {m.user.id !== meId && outranks(myRole, m.role) && (
              <div className={styles.actions}>
                {myRole === 'OWNER' && (
                  <>
                    <Button
                      variant="secondary"
                      pending={setRole.isPending && setRole.variables?.userId === m.user.id}
                      onClick={() =>
                        setRole.mutate(
                          { guildId: guild.id, userId: m.user.id, role: m.role === 'OFFICER' ? 'MEMBER' : 'OFFICER' },
                          { onSuccess: () => toast(`${m.user.displayName}'s role changed`) },
                        )
                      }
                    >
                      {m.role === 'OFFICER' ? 'Make member' : 'Make officer'}
                    </Button>
                    <ConfirmButton
                      label="Make owner"
                      danger={false}
                      title={`Hand ${guild.name} to ${m.user.displayName}?`}
                      confirmLabel="Transfer ownership"
                      onConfirm={() => transfer.mutateAsync({ guildId: guild.id, userId: m.user.id })}
                    >
                      <p>You become an officer. Only the new owner can give ownership back.</p>
                    </ConfirmButton>
                  </>
                )}
                <ConfirmButton
                  label="Kick"
                  title={`Kick ${m.user.displayName}?`}
                  confirmLabel="Kick"
                  onConfirm={() => kick.mutateAsync({ guildId: guild.id, userId: m.user.id })}
                >
                  <p>They can come back only with a new invitation or an approved request.</p>
                </ConfirmButton>
              </div>
            )}
          </li>
        ))}
      </ul>
    </Card>
  );
}

function Activity({ guildId }: { guildId: string }) {
  const trpc = useTRPC();
  const feed = useInfiniteQuery(
    trpc.social.guilds.activity.infiniteQueryOptions(
      { guildId, limit: 15 },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
  );
  return (
    <Card title="Activity" id="activity">
      {feed.isPending ? (
        <p role="status">Loading activity…</p>
      ) : feed.isError ? (
        <Alert>{feed.error.message}</Alert>
      ) : (
        <div className={styles.section}>
          {feed.data.pages[0].items.length === 0 && <p className={styles.muted}>Nothing has happened yet.</p>}
          <ul className={styles.list}>
            {feed.data.pages
              .flatMap((p) => p.items)
              .map((a) => (
                <li key={a.id} className={styles.small}>
                  <strong>{a.actor?.displayName ?? 'Someone'}</strong> {describeActivity(a.type, a.data)} ·{' '}
                  {formatWhen(a.createdAt)}
                </li>
              ))}
          </ul>
          {feed.hasNextPage && (
            <div>
              <Button variant="secondary" pending={feed.isFetchingNextPage} onClick={() => feed.fetchNextPage()}>
                Older activity
              </Button>
            </div>
          )}
        </div>
      )}
    </Card>
  );
}

export function GuildDetail({ slug }: { slug: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const refresh = useRefreshSocial();
  const { user, status } = useSession();
  const guild = useQuery(trpc.social.guilds.bySlug.queryOptions({ slug }));
  const leave = useMutation(
    trpc.social.guilds.leave.mutationOptions({ onSuccess: () => refresh().then(() => router.push('/guilds')) }),
  );

  if (guild.isPending) return <PageLoading label="Loading the guild…" />;
  if (guild.isError) {
    return (
      <Panel title="No guild by that name" icon="🛡" actions={<ButtonLink href="/guilds">Your guilds</ButtonLink>}>
        <p>It may have been renamed or disbanded.</p>
      </Panel>
    );
  }
  const g = guild.data;
  const role = g.viewer.role;

  return (
    <div className={styles.page}>
      <div className={styles.header}>
        <div>
          <p className={styles.small}>
            <Link href="/guilds">Guilds</Link> /
          </p>
          <h1>
            {g.tag && <span className={styles.muted}>[{g.tag}] </span>}
            {g.name}
          </h1>
          <p className={styles.small}>
            Led by {g.owner.displayName} · founded {formatWhen(g.createdAt)}
            {role && ` · you are ${roleLabels[role].toLowerCase()}`}
          </p>
        </div>
        {role && (
          <ConfirmButton
            label="Leave guild"
            title={`Leave ${g.name}?`}
            confirmLabel="Leave"
            onConfirm={() => leave.mutateAsync({ guildId: g.id })}
          >
            <p>
              {role === 'OWNER'
                ? 'Owners hand the guild to someone else first (or leave as its last member).'
                : 'You will need a new invitation or an approved request to come back.'}
            </p>
          </ConfirmButton>
        )}
      </div>
      {g.description && <p>{g.description}</p>}

      {!role && (
        <Card title="Join this guild" id="join">
          {status === 'authenticated' ? (
            <JoinRequestForm guild={g} />
          ) : (
            <ButtonLink href={`/sign-in?next=${encodeURIComponent(`/guilds/${g.slug}`)}`}>Sign in to join</ButtonLink>
          )}
        </Card>
      )}

      <Members guild={g} meId={user?.id ?? null} />
      {role && <Activity guildId={g.id} />}
      {atLeastOfficer(role) && <GuildOfficerTools guild={g} />}
      {atLeastOfficer(role) && <GuildWebhooks guildId={g.id} />}
    </div>
  );
}
