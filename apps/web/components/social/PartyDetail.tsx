'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { PartyMeetings } from '@/components/meetings/PartyMeetings';
import { formatWhen } from '@/components/problems/labels';
import { RequireSession } from '@/components/session/RequireSession';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { Panel } from '@/components/ui/Panel';
import { PageLoading } from '@/components/ui/Spinner';
import { useToast } from '@/components/ui/Toast';
import { useTRPC } from '@/lib/trpc';
import { ConfirmButton } from './ConfirmButton';
import { InviteLink } from './InviteLink';
import styles from './social.module.css';
import { UserChip } from './UserChip';
import { UsernameForm } from './UsernameForm';
import { useRefreshSocial } from './useRefreshSocial';

function Party({ partyId, meId }: { partyId: string; meId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const toast = useToast();
  const refresh = useRefreshSocial();
  const party = useQuery(trpc.social.parties.get.queryOptions({ partyId }));
  const opts = { onSuccess: refresh };
  const invite = useMutation(trpc.social.parties.invite.mutationOptions(opts));
  const createLink = useMutation(trpc.social.parties.createLink.mutationOptions());
  const kick = useMutation(trpc.social.parties.kick.mutationOptions(opts));
  const transfer = useMutation(trpc.social.parties.transferLeadership.mutationOptions(opts));
  const revoke = useMutation(trpc.social.invitations.revoke.mutationOptions(opts));
  const leaveOrDisband = { onSuccess: () => refresh().then(() => router.push('/parties')) };
  const leave = useMutation(trpc.social.parties.leave.mutationOptions(leaveOrDisband));
  const disband = useMutation(trpc.social.parties.disband.mutationOptions(leaveOrDisband));

  if (party.isPending) return <PageLoading label="Loading the party…" />;
  if (party.isError) {
    return (
      <Panel title="Party not found" icon="🏕" actions={<Link href="/parties">Back to your parties</Link>}>
        <p>{party.error.message}. It may have been disbanded, or you are no longer a member.</p>
      </Panel>
    );
  }
  const p = party.data;
  const memberFailure = kick.error ?? transfer.error ?? revoke.error;

  return (
    <div className={styles.page}>
      <div className={styles.header}>
        <div>
          <p className={styles.small}>
            <Link href="/parties">Parties</Link> /
          </p>
          <h1>{p.name}</h1>
        </div>
        <div className={styles.actions}>
          <ConfirmButton
            label="Leave party"
            title={`Leave ${p.name}?`}
            confirmLabel="Leave"
            onConfirm={() => leave.mutateAsync({ partyId })}
          >
            <p>
              {p.isLeader
                ? 'Leadership passes to the longest-standing member; if you are the last one, the party ends.'
                : 'You will need a new invitation to come back.'}
            </p>
          </ConfirmButton>
          {p.isLeader && (
            <ConfirmButton
              label="Disband"
              title={`Disband ${p.name}?`}
              confirmLabel="Disband party"
              onConfirm={() => disband.mutateAsync({ partyId })}
            >
              <p>Every member leaves and the party is gone for good.</p>
            </ConfirmButton>
          )}
        </div>
      </div>

      <Card title={`Members (${p.members.length}/${p.maxSize})`} id="members">
        {memberFailure && <Alert>{memberFailure.message}</Alert>}
        <ul className={styles.list} aria-label="Members">
          {p.members.map(({ user, joinedAt }) => (
            <li key={user.id} className={styles.row}>
              <UserChip user={user} detail={`joined ${formatWhen(joinedAt)}`} />
              {user.id === p.leader.id && <span className={styles.role}>Leader</span>}
              {p.isLeader && user.id !== meId && (
                <div className={styles.actions}>
                  <ConfirmButton
                    label="Make leader"
                    danger={false}
                    title={`Make ${user.displayName} the leader?`}
                    confirmLabel="Transfer leadership"
                    onConfirm={() => transfer.mutateAsync({ partyId, userId: user.id })}
                  >
                    <p>You stay in the party as a member.</p>
                  </ConfirmButton>
                  <ConfirmButton
                    label="Kick"
                    title={`Kick ${user.displayName}?`}
                    confirmLabel="Kick"
                    onConfirm={() => kick.mutateAsync({ partyId, userId: user.id })}
                  >
                    <p>They can rejoin only with a new invitation.</p>
                  </ConfirmButton>
                </div>
              )}
            </li>
          ))}
        </ul>
      </Card>

      <PartyMeetings partyId={partyId} />

      {p.isLeader && (
        <Card title="Invite" id="invite">
          <div className={styles.section}>
            <UsernameForm
              label="Invite by username"
              submitLabel="Send invitation"
              onSubmit={async (username) => {
                await invite.mutateAsync({ partyId, username });
                toast(`Invitation sent to @${username}`);
              }}
            />
            <InviteLink create={() => createLink.mutateAsync({ partyId, expiresInHours: 24 * 7 })} />
            {p.invitations.length > 0 && (
              <div className={styles.section}>
                <h3>Open invitations</h3>
                <ul className={styles.list} aria-label="Open invitations">
                  {p.invitations.map((inv) => (
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
          </div>
        </Card>
      )}
    </div>
  );
}

export function PartyDetail({ partyId }: { partyId: string }) {
  return <RequireSession>{(user) => <Party partyId={partyId} meId={user.id} />}</RequireSession>;
}
