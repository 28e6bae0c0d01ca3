'use client';

import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { RequireSession } from '@/components/session/RequireSession';
import { Alert } from '@/components/ui/Alert';
import { ButtonLink } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { useTRPC } from '@/lib/trpc';
import { MatchHistory } from './MatchHistory';
import { MySessions } from './MySessions';
import { ProposalDialog } from './ProposalDialog';
import styles from './pair.module.css';
import { QueueStatus } from './QueueStatus';
import { RequestForm } from './RequestForm';
import { useMatchStatus } from './useMatchStatus';

export function Matchmaking() {
  return <RequireSession>{() => <MatchmakingPage />}</RequireSession>;
}

function MatchmakingPage() {
  const trpc = useTRPC();
  const router = useRouter();
  const me = useQuery(trpc.user.me.queryOptions());
  const status = useMatchStatus();
  const s = status.data;

  // Both accepted: the session exists, go there (once; coming back to /pair later stays here).
  const previousState = useRef(s?.state);
  useEffect(() => {
    if (s?.state === 'in_session' && previousState.current === 'proposed' && s.session) {
      router.push(`/pair/${s.session.id}`);
    }
    previousState.current = s?.state;
  }, [s?.state, s?.session, router]);

  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <h1>Pair programming</h1>
        <p className={styles.muted}>
          Get matched with someone at your level, solve a problem together in a shared editor, with chat and a call.
        </p>
      </header>
      <div className={styles.grid}>
        <Card title="Find a partner" id="find">
          {status.isPending ? (
            <p className={styles.muted}>Loading your status…</p>
          ) : status.error || !s ? (
            <Alert>We couldn't load your matchmaking status.</Alert>
          ) : s.state === 'in_session' && s.session ? (
            <div className={styles.queue}>
              <p>
                You're in a pair session{s.session.problem ? ` on ${s.session.problem.title}` : ''}. Leave it to look
                for a new partner.
              </p>
              <ButtonLink href={`/pair/${s.session.id}`}>Open the session</ButtonLink>
            </div>
          ) : s.state === 'waiting' || s.state === 'proposed' ? (
            <QueueStatus status={s} />
          ) : (
            <>
              {s.lastRequest?.status === 'EXPIRED' && (
                <Alert>Your last request expired without a match. Try again, maybe with fewer topics.</Alert>
              )}
              <RequestForm preferredLanguage={me.data?.preferences?.preferredLanguage} />
              <QueueStatus status={s} />
            </>
          )}
        </Card>
        <Card title="My sessions" id="sessions">
          <MySessions />
        </Card>
        <Card title="Match history" id="history" className={styles.wide}>
          <MatchHistory />
        </Card>
      </div>
      {s?.state === 'proposed' && s.proposal && <ProposalDialog key={s.proposal.matchId} proposal={s.proposal} />}
    </div>
  );
}
