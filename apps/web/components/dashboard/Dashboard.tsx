'use client';

import type { SessionUser } from '@roguelearn/api';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { RequireSession } from '@/components/session/RequireSession';
import { Alert } from '@/components/ui/Alert';
import { PageLoading } from '@/components/ui/Spinner';
import { useTRPC } from '@/lib/trpc';
import { CharacterCard } from './CharacterCard';
import styles from './dashboard.module.css';
import { FriendsList } from './FriendsList';
import { QuickLinks } from './QuickLinks';
import { RatingsCard } from './RatingsCard';

function DashboardContent({ user }: { user: SessionUser }) {
  const trpc = useTRPC();
  const me = useQuery(trpc.user.me.queryOptions());
  const friends = useQuery(trpc.user.friends.queryOptions());

  return (
    <>
      <header className={styles.greeting}>
        <h1>Greetings, {user.displayName}</h1>
        <p className={styles.muted}>
          Signed in as @{user.username}. <Link href={`/u/${user.username}`}>View your public profile</Link>
        </p>
      </header>
      {me.isPending ? (
        <PageLoading label="Loading your character…" />
      ) : me.isError ? (
        <Alert title="We couldn't load your character">{me.error.message}</Alert>
      ) : (
        <div className={styles.grid}>
          <CharacterCard me={me.data} />
          <RatingsCard ratings={me.data.ratings} />
          <QuickLinks />
          <FriendsList friends={friends.data} failed={friends.isError} />
        </div>
      )}
    </>
  );
}

export function Dashboard() {
  return <RequireSession>{(user) => <DashboardContent user={user} />}</RequireSession>;
}
