'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { formatWhen } from '@/components/problems/labels';
import { RequireSession } from '@/components/session/RequireSession';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { useToast } from '@/components/ui/Toast';
import { useTRPC } from '@/lib/trpc';
import { ConfirmButton } from './ConfirmButton';
import styles from './social.module.css';
import { UserChip } from './UserChip';
import { UsernameForm } from './UsernameForm';
import { useRefreshSocial } from './useRefreshSocial';

function useFriendActions() {
  const trpc = useTRPC();
  const refresh = useRefreshSocial();
  const opts = { onSettled: refresh };
  return {
    request: useMutation(trpc.social.friends.request.mutationOptions(opts)),
    accept: useMutation(trpc.social.friends.accept.mutationOptions(opts)),
    decline: useMutation(trpc.social.friends.decline.mutationOptions(opts)),
    remove: useMutation(trpc.social.friends.remove.mutationOptions(opts)),
    block: useMutation(trpc.social.friends.block.mutationOptions(opts)),
    unblock: useMutation(trpc.social.friends.unblock.mutationOptions(opts)),
  };
}

type Actions = ReturnType<typeof useFriendActions>;

function Requests({ actions }: { actions: Actions }) {
  const trpc = useTRPC();
  const pending = useQuery(trpc.social.friends.pending.queryOptions());
  const toast = useToast();
  if (pending.isPending) return <p role="status">Loading requests…</p>;
  if (pending.isError) return <Alert>{pending.error.message}</Alert>;
  const { incoming, outgoing } = pending.data;
  const failed = actions.accept.error ?? actions.decline.error;
  return (
    <>
      {failed && <Alert>{failed.message}</Alert>}
      <div className={styles.section}>
        <h3>Waiting for you</h3>
        {incoming.length === 0 ? (
          <p className={styles.muted}>No requests waiting.</p>
        ) : (
          <ul className={styles.list} aria-label="Incoming requests">
            {incoming.map((r) => (
              <li key={r.id} className={styles.row}>
                <UserChip user={r.user} detail={formatWhen(r.createdAt)} />
                <div className={styles.actions}>
                  <Button
                    onClick={() =>
                      actions.accept.mutate(
                        { id: r.id },
                        { onSuccess: () => toast(`You and ${r.user.displayName} are now friends`) },
                      )
                    }
                    aria-label={`Accept ${r.user.displayName}`}
                  >
                    Accept
                  </Button>
                  <Button
                    variant="secondary"
                    onClick={() => actions.decline.mutate({ id: r.id })}
                    aria-label={`Decline ${r.user.displayName}`}
                  >
                    Decline
                  </Button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className={styles.section}>
        <h3>Sent by you</h3>
        {outgoing.length === 0 ? (
          <p className={styles.muted}>No requests sent.</p>
        ) : (
          <ul className={styles.list} aria-label="Outgoing requests">
            {outgoing.map((r) => (
              <li key={r.id} className={styles.row}>
                <UserChip user={r.user} detail={`sent ${formatWhen(r.createdAt)}`} />
                <Button
                  variant="secondary"
                  onClick={() => actions.decline.mutate({ id: r.id })}
                  aria-label={`Withdraw request to ${r.user.displayName}`}
                >
                  Withdraw
                </Button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </>
  );
}

function FriendList({ actions }: { actions: Actions }) {
  const trpc = useTRPC();
  const friends = useQuery(trpc.social.friends.list.queryOptions());
  if (friends.isPending) return <p role="status">Loading friends…</p>;
  if (friends.isError) return <Alert>{friends.error.message}</Alert>;
  if (friends.data.length === 0) {
    return <p className={styles.muted}>No friends yet. Add someone by their username above.</p>;
  }
  return (
    <ul className={styles.list} aria-label="Friends">
      {friends.data.map((f) => (
        <li key={f.user.id} className={styles.row}>
          <UserChip
            user={f.user}
            online={f.online}
            detail={f.online ? 'Online' : f.lastSeenAt ? `seen ${formatWhen(f.lastSeenAt)}` : 'Offline'}
          />
          <div className={styles.actions}>
            <ConfirmButton
              label="Remove"
              title={`Remove ${f.user.displayName}?`}
              confirmLabel="Remove friend"
              onConfirm={() => actions.remove.mutateAsync({ username: f.user.username })}
            >
              <p>You can send a new request later.</p>
            </ConfirmButton>
            <ConfirmButton
              label="Block"
              title={`Block ${f.user.displayName}?`}
              confirmLabel="Block"
              onConfirm={() => actions.block.mutateAsync({ username: f.user.username })}
            >
              <p>This ends your friendship, and neither of you can invite the other until you unblock.</p>
            </ConfirmButton>
          </div>
        </li>
      ))}
    </ul>
  );
}

function BlockedList({ actions }: { actions: Actions }) {
  const trpc = useTRPC();
  const blocked = useQuery(trpc.social.friends.blocked.queryOptions());
  if (blocked.isPending) return <p role="status">Loading…</p>;
  if (blocked.isError) return <Alert>{blocked.error.message}</Alert>;
  if (blocked.data.length === 0) return <p className={styles.muted}>You haven't blocked anyone.</p>;
  return (
    <ul className={styles.list} aria-label="Blocked users">
      {blocked.data.map((b) => (
        <li key={b.user.id} className={styles.row}>
          <UserChip user={b.user} detail={`blocked ${formatWhen(b.since)}`} />
          <Button
            variant="secondary"
            onClick={() => actions.unblock.mutate({ username: b.user.username })}
            aria-label={`Unblock ${b.user.displayName}`}
          >
            Unblock
          </Button>
        </li>
      ))}
    </ul>
  );
}

function Friends() {
  const actions = useFriendActions();
  const toast = useToast();
  return (
    <div className={styles.page}>
      <h1>Friends</h1>
      <Card title="Add a friend" id="add-friend">
        <UsernameForm
          label="Username"
          submitLabel="Send request"
          onSubmit={async (username) => {
            const result = await actions.request.mutateAsync({ username });
            toast(
              result.status === 'ACCEPTED' ? `You and @${username} are now friends` : `Request sent to @${username}`,
            );
          }}
        />
      </Card>
      <Card title="Requests" id="requests">
        <div className={styles.section}>
          <Requests actions={actions} />
        </div>
      </Card>
      <Card title="Your friends" id="friends">
        <FriendList actions={actions} />
      </Card>
      <Card title="Blocked" id="blocked">
        <div className={styles.section}>
          <UsernameForm
            label="Block by username"
            submitLabel="Block"
            onSubmit={async (username) => {
              await actions.block.mutateAsync({ username });
              toast(`@${username} is blocked`);
            }}
          />
          <BlockedList actions={actions} />
        </div>
      </Card>
    </div>
  );
}

export function FriendsPage() {
  return <RequireSession>{() => <Friends />}</RequireSession>;
}
