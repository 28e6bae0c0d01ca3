import { verdictLabels } from '@/components/problems/labels';
import styles from './duels.module.css';
import type { DuelPlayer } from './labels';

/** One side of the duel: who, and how far they got. Only counts and verdicts, never code. */
export function PlayerCard({ player, isMe, typing }: { player: DuelPlayer; isMe: boolean; typing: boolean }) {
  const last = player.last;
  const status = player.solved
    ? 'Solved'
    : player.forfeited
      ? 'Forfeited'
      : player.awayUntil
        ? 'Left the duel'
        : !player.accepted
          ? 'Not accepted yet'
          : last && last.status !== 'DONE'
            ? 'Judging…'
            : typing
              ? 'Typing…'
              : player.submissions > 0
                ? 'Working'
                : 'Ready';
  const total = last?.testsTotal ?? 0;
  return (
    <section className={styles.player} aria-label={isMe ? 'You' : `Opponent ${player.user.displayName}`}>
      <h2>
        {player.user.displayName} {isMe && <span className={styles.muted}>(you)</span>}
      </h2>
      <p className={styles.muted}>
        @{player.user.username} · {player.rating.rating} {player.rating.tier.title}
        {player.rating.provisional && ' (provisional)'}
      </p>
      <p data-testid="player-status">{status}</p>
      <p>
        {player.submissions} {player.submissions === 1 ? 'submission' : 'submissions'}
        {last && (
          <>
            {' · '}
            <span data-testid="tests-passed">
              {last.testsPassed} of {total} tests passed
            </span>
            {last.verdict && <> · {verdictLabels[last.verdict]}</>}
          </>
        )}
      </p>
      {last && total > 0 && (
        <progress
          className={styles.progress}
          max={total}
          value={last.testsPassed}
          aria-label={`${player.user.displayName}: tests passed`}
        />
      )}
    </section>
  );
}
