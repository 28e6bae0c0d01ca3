'use client';

import { reviewPairInput } from '@roguelearn/api/schemas';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRef } from 'react';
import { StaffOnly } from '@/components/learning/admin/StaffOnly';
import { formatDate } from '@/components/problems/labels';
import { Alert } from '@/components/ui/Alert';
import { Button, ButtonLink } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { Field } from '@/components/ui/Field';
import { Panel } from '@/components/ui/Panel';
import { PageLoading } from '@/components/ui/Spinner';
import { useToast } from '@/components/ui/Toast';
import { useSchemaForm } from '@/lib/forms';
import { useTRPC } from '@/lib/trpc';
import type { RouterOutputs } from '@/lib/types';
import { CodeCompare } from './CodeCompare';
import styles from './integrity.module.css';
import { NoAutomaticPunishment, percent, ReviewBadge } from './shared';

type Pair = RouterOutputs['integrity']['pair'];

function Verdict({ pair }: { pair: Pair }) {
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const form = useSchemaForm(reviewPairInput);
  const note = useRef<HTMLTextAreaElement>(null);
  const review = useMutation(
    trpc.integrity.review.mutationOptions({
      onSuccess: (r) => {
        toast(`Verdict recorded: ${r.review.toLowerCase()}`);
        return Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.integrity.pair.queryKey({ pairId: pair.id }) }),
          queryClient.invalidateQueries({ queryKey: trpc.integrity.report.queryKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.integrity.reports.queryKey() }),
        ]);
      },
      onError: form.fail,
    }),
  );

  const decide = (verdict: 'CLEARED' | 'CONFIRMED') => {
    const data = form.check({ pairId: pair.id, verdict, note: note.current?.value ?? '' });
    if (data) review.mutate(data);
  };

  return (
    <Card title="Your verdict" id="verdict">
      <div className={styles.form}>
        <p aria-live="polite">
          <ReviewBadge review={pair.review} />{' '}
          {pair.reviewedAt && pair.reviewedBy ? (
            <span className={styles.muted}>
              by {pair.reviewedBy.displayName}, {formatDate(pair.reviewedAt)}
              {pair.note ? `: “${pair.note}”` : ''}
            </span>
          ) : (
            <span className={styles.muted}>Nobody has reviewed this pair yet.</span>
          )}
        </p>
        <form
          ref={form.formRef}
          className={styles.form}
          noValidate
          onSubmit={(e) => e.preventDefault()}
          aria-label="Record a verdict"
        >
          {form.formError && <Alert>{form.formError}</Alert>}
          <Field
            name="note"
            label="Note"
            hint="Optional when clearing; say why when confirming. Reviewers and administrators read it in the audit log."
            error={form.errors.note}
          >
            {(props) => <textarea {...props} ref={note} rows={3} defaultValue={pair.note ?? ''} />}
          </Field>
          <div className={styles.row}>
            <Button
              variant="secondary"
              pending={review.isPending && review.variables?.verdict === 'CLEARED'}
              disabled={review.isPending}
              onClick={() => decide('CLEARED')}
            >
              Mark cleared
            </Button>
            <Button
              variant="danger"
              pending={review.isPending && review.variables?.verdict === 'CONFIRMED'}
              disabled={review.isPending}
              onClick={() => decide('CONFIRMED')}
            >
              Mark confirmed
            </Button>
          </div>
          <p className={styles.muted}>
            A verdict changes nothing for either student: it records your decision, which you take up with them
            yourself.
          </p>
        </form>
      </div>
    </Card>
  );
}

function PairView({ reportId, pairId }: { reportId: string; pairId: string }) {
  const trpc = useTRPC();
  const pair = useQuery(trpc.integrity.pair.queryOptions({ pairId }));

  if (pair.isPending) return <PageLoading label="Loading both programs…" />;
  if (pair.isError) {
    return ['NOT_FOUND', 'BAD_REQUEST'].includes(pair.error.data?.code ?? '') ? (
      <Panel
        title="Pair not found"
        icon="♜"
        actions={<ButtonLink href={`/admin/integrity/${reportId}`}>Back to the report</ButtonLink>}
      >
        <p>It doesn’t exist, or its report isn’t yours to read.</p>
      </Panel>
    ) : (
      <Alert>{pair.error.message}</Alert>
    );
  }
  const p = pair.data;
  const side = (label: 'A' | 'B', s: Pair['a']) =>
    `${label}: ${s.user.displayName} (@${s.user.username}) · ${s.language} · ${formatDate(s.createdAt)}`;

  return (
    <div className={styles.page}>
      <header>
        <p>
          <Link href={`/admin/integrity/${p.reportId}`}>← Report</Link>
        </p>
        <h1>
          {p.a.user.displayName} and {p.b.user.displayName}: {percent(p.similarity)} similar
        </h1>
        <p className={styles.muted}>
          {p.problem ? (
            <>
              <Link href={`/problems/${p.problem.slug}`}>{p.problem.title}</Link> ·{' '}
            </>
          ) : null}
          {p.fragments.length} matched fragment{p.fragments.length === 1 ? '' : 's'} · A is the earlier submission
        </p>
      </header>
      <NoAutomaticPunishment />
      <Card title="Side by side" id="side-by-side">
        <div className={styles.form}>
          <p className={styles.muted}>
            Each colour is one matched fragment, found in both programs even when names, comments or layout differ.
            Point at a fragment, or pick it below, to outline it on both sides.
          </p>
          <CodeCompare
            a={{ title: side('A', p.a), code: p.a.code }}
            b={{ title: side('B', p.b), code: p.b.code }}
            fragments={p.fragments}
          />
          {p.starterCode && (
            <details className={styles.starter}>
              <summary>Starter code (excluded from the comparison)</summary>
              <pre className={styles.code}>
                <code>{p.starterCode}</code>
              </pre>
            </details>
          )}
        </div>
      </Card>
      <Verdict pair={p} />
    </div>
  );
}

export function PairPage({ reportId, pairId }: { reportId: string; pairId: string }) {
  return <StaffOnly>{() => <PairView reportId={reportId} pairId={pairId} />}</StaffOnly>;
}
