'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { DifficultyBadge } from '@/components/problems/Badges';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { describeError } from '@/lib/forms';
import { useTRPC } from '@/lib/trpc';
import type { MatchStatus } from './labels';
import styles from './pair.module.css';

type Proposal = NonNullable<MatchStatus['proposal']>;

function useSecondsLeft(deadline: Date) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(id);
  }, []);
  return Math.max(0, Math.ceil((new Date(deadline).getTime() - now) / 1000));
}

/** A modal dialog (focus trapped by the browser) asking to accept or decline before time runs out. */
export function ProposalDialog({ proposal }: { proposal: Proposal }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const dialog = useRef<HTMLDialogElement>(null);
  const secondsLeft = useSecondsLeft(proposal.acceptDeadline);
  // Refetch rather than store the answer: the live stream may already have delivered a newer
  // status (the partner accepting too), which an older mutation response must not overwrite.
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.match.status.queryKey() });
  const accept = useMutation(trpc.match.accept.mutationOptions({ onSuccess: refresh }));
  const decline = useMutation(trpc.match.decline.mutationOptions({ onSuccess: refresh }));
  const error = accept.error ?? decline.error;

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);

  const { partner } = proposal;
  return (
    <dialog
      ref={dialog}
      className={styles.dialog}
      aria-labelledby="proposal-title"
      aria-describedby="proposal-desc"
      // Escape would leave the proposal unanswered; answering is the only way out.
      onCancel={(e) => e.preventDefault()}
    >
      <h2 id="proposal-title">Partner found!</h2>
      <p id="proposal-desc">
        <strong>{partner?.displayName ?? 'Someone'}</strong>
        {partner && <span className={styles.muted}> @{partner.username}</span>} wants to pair on a{' '}
        <DifficultyBadge difficulty={proposal.difficulty} /> problem.
      </p>
      <p className={styles.countdown} aria-live="off">
        <span aria-hidden="true">{secondsLeft}s</span>
        <span className="visually-hidden">{secondsLeft} seconds left to answer</span>
      </p>
      <progress
        className={styles.countdownBar}
        max={30}
        value={Math.min(30, secondsLeft)}
        aria-label="Time left to answer"
      />
      {proposal.acceptedByMe ? (
        <p role="status">
          You accepted. Waiting for {partner?.displayName ?? 'your partner'}
          {partner?.accepted ? ' — they accepted too.' : '…'}
        </p>
      ) : (
        partner?.accepted && <p role="status">{partner.displayName} accepted.</p>
      )}
      {error && <Alert>{describeError(error, []).message}</Alert>}
      <div className={styles.dialogActions}>
        <Button
          variant="secondary"
          onClick={() => decline.mutate({ matchId: proposal.matchId })}
          pending={decline.isPending}
          disabled={accept.isPending}
        >
          Decline
        </Button>
        <Button
          onClick={() => accept.mutate({ matchId: proposal.matchId })}
          pending={accept.isPending}
          disabled={proposal.acceptedByMe || decline.isPending}
          autoFocus
        >
          {proposal.acceptedByMe ? 'Accepted' : 'Accept'}
        </Button>
      </div>
    </dialog>
  );
}
