'use client';

import { createPartyInput } from '@roguelearn/api/schemas';
import { useMutation, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { RequireSession } from '@/components/session/RequireSession';
import { Alert } from '@/components/ui/Alert';
import { Card } from '@/components/ui/Card';
import { useTRPC } from '@/lib/trpc';
import { CreateNamedForm } from './CreateNamedForm';
import styles from './social.module.css';
import { useRefreshSocial } from './useRefreshSocial';

function Parties() {
  const trpc = useTRPC();
  const router = useRouter();
  const refresh = useRefreshSocial();
  const parties = useQuery(trpc.social.parties.mine.queryOptions());
  const create = useMutation(trpc.social.parties.create.mutationOptions({ onSuccess: refresh }));

  return (
    <div className={styles.page}>
      <div className={styles.header}>
        <h1>Parties</h1>
        <Link href="/invitations">Your invitations</Link>
      </div>
      <Card title="Start a party" id="create-party">
        <CreateNamedForm
          schema={createPartyInput}
          label="Party name"
          submitLabel="Create party"
          pending={create.isPending}
          onSubmit={(input, fail) =>
            create.mutate(input, { onSuccess: (party) => router.push(`/parties/${party.id}`), onError: fail })
          }
        />
      </Card>
      <Card title="Your parties" id="my-parties">
        {parties.isPending ? (
          <p role="status">Loading parties…</p>
        ) : parties.isError ? (
          <Alert>{parties.error.message}</Alert>
        ) : parties.data.length === 0 ? (
          <p className={styles.muted}>You're not in a party. Start one, or accept an invitation.</p>
        ) : (
          <ul className={styles.list}>
            {parties.data.map((p) => (
              <li key={p.id} className={styles.row}>
                <span className={styles.who}>
                  <span>
                    <Link href={`/parties/${p.id}`} className={styles.name}>
                      {p.name}
                    </Link>
                    <span className={styles.small}>
                      {p.members.length}/{p.maxSize} members · led by {p.isLeader ? 'you' : p.leader.displayName}
                    </span>
                  </span>
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}

export function PartiesPage() {
  return <RequireSession>{() => <Parties />}</RequireSession>;
}
