'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { Alert } from '@/components/ui/Alert';
import { Button, ButtonLink } from '@/components/ui/Button';
import { Panel } from '@/components/ui/Panel';
import { PageLoading } from '@/components/ui/Spinner';
import { useSession } from '@/lib/session';
import { useTRPC } from '@/lib/trpc';
import { joinedPath } from './InvitationsPage';
import { useRefreshSocial } from './useRefreshSocial';

/** A shared link's page: what it leads to for anyone, and a join button once signed in. */
export function InviteLanding({ code }: { code: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const refresh = useRefreshSocial();
  const { status } = useSession();
  const preview = useQuery(trpc.social.invitations.preview.queryOptions({ code }));
  const accept = useMutation(
    trpc.social.invitations.acceptCode.mutationOptions({
      onSuccess: (joined) => refresh().then(() => router.push(joinedPath(joined))),
    }),
  );

  if (preview.isPending) return <PageLoading label="Opening the invitation…" />;
  if (preview.isError) {
    return (
      <Panel title="This invitation is no longer valid" icon="✉" actions={<ButtonLink href="/">Home</ButtonLink>}>
        <p>It may have expired or been revoked. Ask for a new link.</p>
      </Panel>
    );
  }
  const inv = preview.data;
  const name = inv.party?.name ?? inv.guild?.name ?? '';
  const members = inv.party
    ? `${inv.party.members}/${inv.party.maxSize} members`
    : `${inv.guild?.members ?? 0} members${inv.guild?.tag ? ` · [${inv.guild.tag}]` : ''}`;
  const signIn = `/sign-in?next=${encodeURIComponent(`/invite/${code}`)}`;

  return (
    <Panel
      title={`Join ${name}`}
      badge={inv.kind === 'party' ? 'Party invitation' : 'Guild invitation'}
      icon={inv.kind === 'party' ? '🏕' : '🛡'}
      actions={
        status === 'authenticated' ? (
          <Button pending={accept.isPending} pendingLabel="Joining…" onClick={() => accept.mutate({ code })}>
            Join {inv.kind}
          </Button>
        ) : status === 'loading' ? null : (
          <ButtonLink href={signIn}>Sign in to join</ButtonLink>
        )
      }
    >
      <p>
        {inv.inviter ? `${inv.inviter.displayName} invited you` : 'You are invited'} · {members}
      </p>
      {inv.guild?.description && <p>{inv.guild.description}</p>}
      {inv.expiresAt && <p>Link expires {inv.expiresAt.toLocaleString('en')}.</p>}
      {accept.error && <Alert>{accept.error.message}</Alert>}
    </Panel>
  );
}
