'use client';

import { useMutation } from '@tanstack/react-query';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { useTRPC } from '@/lib/trpc';
import { AiModeBadge } from './AiModeBadge';
import styles from './learning.module.css';

const sections = [
  ['bugs', 'Bugs'],
  ['performance', 'Performance'],
  ['style', 'Style'],
  ['suggestions', 'Suggestions'],
] as const;

/** An AI code review of one judged submission, asked for on demand. */
export function AiReview({ submissionId }: { submissionId: string }) {
  const trpc = useTRPC();
  const review = useMutation(trpc.ai.review.mutationOptions());
  if (!review.data || review.variables?.submissionId !== submissionId) {
    return (
      <div className={styles.row}>
        <Button
          variant="secondary"
          onClick={() => review.mutate({ submissionId })}
          pending={review.isPending}
          pendingLabel="Reviewing…"
        >
          AI review
        </Button>
        {review.error && <Alert>{review.error.message}</Alert>}
      </div>
    );
  }
  const r = review.data.review;
  return (
    <section className={styles.panel} aria-labelledby="review-title" aria-live="polite">
      <div className={styles.spread}>
        <h3 id="review-title">AI review</h3>
        <AiModeBadge mode={review.data.mode} />
      </div>
      <p>{r.summary}</p>
      {r.complexity && (
        <p>
          <strong>Complexity:</strong> {r.complexity}
        </p>
      )}
      {sections.map(([key, title]) =>
        r[key].length ? (
          <div key={key}>
            <h4>{title}</h4>
            <ul>
              {r[key].map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </div>
        ) : null,
      )}
    </section>
  );
}
