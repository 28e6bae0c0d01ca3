'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { formatWhen } from '@/components/problems/labels';
import { RequireSession } from '@/components/session/RequireSession';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { useTRPC } from '@/lib/trpc';
import styles from './social.module.css';
import { useRefreshSocial } from './useRefreshSocial';

/** Where accepting an invitation takes you: the party or guild just joined. */
export const joinedPath = (j: { kind: 'party'; partyId: string } | { kind: 'guild'; slug: string }) =>
  j.kind === 'party' ? `/parties/${j.partyId}` : `/guilds/${j.slug}`;

function Invitations() {
  const trpc = useTRPC();
  const router = useRouter();
  const refresh = useRefreshSocial();
  const invitations = useQuery(trpc.social.invitations.mine.queryOptions());
  const accept = useMutation(
    trpc.social.invitations.accept.mutationOptions({
      onSuccess: (joined) => refresh().then(() => router.push(joinedPath(joined))),
    }),
  );
  const decline = useMutation(trpc.social.invitations.decline.mutationOptions({ onSuccess: refresh }));
  const failed = accept.error ?? decline.error;

  return (
    <div className={styles.page}>
      <h1>Invitations</h1>
      <Card title="Waiting for your answer" id="invitations">
        {failed && <Alert>{failed.message}</Alert>}
        {invitations.isPending ? (
          <p role="status">Loading invitations…</p>
        ) : invitations.isError ? (
          <Alert>{invitations.error.message}</Alert>
        ) : invitations.data.length === 0 ? (
          <p className={styles.muted}>No invitations right now. New ones appear here as they arrive.</p>
        ) : (
          <ul className={styles.list} aria-label="Invitations">
            {invitations.data.map((inv) => {
              const target = inv.party
                ? { what: 'party', name: inv.party.name, members: inv.party._count.members }
                : { what: 'guild', name: inv.guild?.name ?? 'a guild', members: inv.guild?._count.members ?? 0 };
              return (
                <li key={inv.id} className={styles.row}>
                  <span className={styles.who}>
                    <span>
                      <span className={styles.name}>
                        {target.name} <span className={styles.role}>{target.what}</span>
                      </span>
                      <span className={styles.small}>
                        From {inv.inviter?.displayName ?? 'someone'} · {formatWhen(inv.createdAt)} · {target.members}{' '}
                        {target.members === 1 ? 'member' : 'members'}
                      </span>
                      {inv.message && <span>“{inv.message}”</span>}
                    </span>
                  </span>
                  <div className={styles.actions}>
                    <Button
                      pending={accept.isPending && accept.variables?.id === inv.id}
                      onClick={() => accept.mutate({ id: inv.id })}
                      aria-label={`Accept invitation to ${target.name}`}
                    >
                      Accept
                    </Button>
                    <Button
                      variant="secondary"
                      onClick={() => decline.mutate({ id: inv.id })}
                      aria-label={`Decline invitation to ${target.name}`}
                    >
                      Decline
                    </Button>
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </Card>
    </div>
  );
}

export function InvitationsPage() {
  return <RequireSession>{() => <Invitations />}</RequireSession>;
}
