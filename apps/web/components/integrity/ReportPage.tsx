'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useDeferredValue, useState } from 'react';
import { StaffOnly } from '@/components/learning/admin/StaffOnly';
import { formatDate } from '@/components/problems/labels';
import { Alert } from '@/components/ui/Alert';
import { ButtonLink } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { Panel } from '@/components/ui/Panel';
import { PageLoading } from '@/components/ui/Spinner';
import { useTRPC } from '@/lib/trpc';
import styles from './integrity.module.css';
import { NoAutomaticPunishment, ReviewBadge, Similarity } from './shared';

type Review = 'PENDING' | 'CLEARED' | 'CONFIRMED';

function ReportView({ reportId }: { reportId: string }) {
  const trpc = useTRPC();
  // Whole percentages on the slider; null until moved, so the report's own threshold applies.
  const [minPercent, setMinPercent] = useState<number | null>(null);
  const [review, setReview] = useState<Review | ''>('');
  const min = useDeferredValue(minPercent);
  const report = useQuery(
    trpc.integrity.report.queryOptions(
      { reportId, minSimilarity: min === null ? undefined : min / 100, review: review || undefined },
      { placeholderData: keepPreviousData },
    ),
  );

  if (report.isPending) return <PageLoading label="Loading the report…" />;
  if (report.isError) {
    return ['NOT_FOUND', 'BAD_REQUEST'].includes(report.error.data?.code ?? '') ? (
      <Panel title="Report not found" icon="♜" actions={<ButtonLink href="/admin/integrity">All reports</ButtonLink>}>
        <p>It doesn’t exist, or it belongs to someone else’s problem or contest.</p>
      </Panel>
    ) : (
      <Alert>{report.error.message}</Alert>
    );
  }
  const r = report.data;
  const floor = Math.round(r.threshold * 100);
  const shownMin = minPercent ?? floor;
  const subject = r.problem?.title ?? (r.contest ? `Contest: ${r.contest.title}` : 'Report');

  return (
    <div className={styles.page}>
      <header>
        <p>
          <Link href="/admin/integrity">← Integrity reports</Link>
        </p>
        <h1>{subject}</h1>
        <p className={styles.muted}>
          Run {formatDate(r.createdAt)} by {r.createdBy?.displayName ?? 'a deleted user'} · pairs at or above {floor}%
          were kept · <span className={`${styles.badge} ${styles[r.status]}`}>{r.status.toLowerCase()}</span>
        </p>
      </header>
      <NoAutomaticPunishment />
      <Card title="Flagged pairs" id="pairs">
        <div className={styles.filters}>
          <div>
            <label htmlFor="min-similarity">Show pairs at or above {shownMin}%</label>
            <input
              id="min-similarity"
              type="range"
              min={floor}
              max={100}
              step={1}
              value={shownMin}
              aria-valuetext={`${shownMin}% similar`}
              onChange={(e) => setMinPercent(Number(e.target.value))}
            />
          </div>
          <div>
            <label htmlFor="review-filter">Review</label>
            <select id="review-filter" value={review} onChange={(e) => setReview(e.target.value as Review | '')}>
              <option value="">All</option>
              <option value="PENDING">To review</option>
              <option value="CONFIRMED">Confirmed</option>
              <option value="CLEARED">Cleared</option>
            </select>
          </div>
          <p className={styles.muted} aria-live="polite">
            {r.pairs.length} pair{r.pairs.length === 1 ? '' : 's'}
            {report.isFetching ? ' · updating…' : ''}
          </p>
        </div>
        {r.status === 'FAILED' ? (
          <Alert>The comparison failed part-way. Run the check again from the reports page.</Alert>
        ) : r.pairs.length === 0 ? (
          <p className={styles.muted}>
            {minPercent === null && !review
              ? 'No pair of submissions is this similar. Nothing to review.'
              : 'No pair matches these filters.'}
          </p>
        ) : (
          // biome-ignore lint/a11y/noNoninteractiveTabindex: keyboard users must be able to scroll the table sideways
          <section className={styles.tableWrap} aria-label="Pairs, most similar first" tabIndex={0}>
            <table className={styles.table}>
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">Students</th>
                  <th scope="col">Similarity</th>
                  {r.contest && <th scope="col">Problem</th>}
                  <th scope="col">Matched fragments</th>
                  <th scope="col">Review</th>
                  <th scope="col">
                    <span className="visually-hidden">Open</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {r.pairs.map((p, i) => (
                  <tr key={p.id}>
                    <td>{i + 1}</td>
                    <th scope="row">
                      {p.a.user.displayName} <span className={styles.muted}>and</span> {p.b.user.displayName}
                    </th>
                    <td>
                      <Similarity value={p.similarity} />
                    </td>
                    {r.contest && (
                      <td>{p.label ? `${p.label}. ${p.problem?.title ?? ''}` : (p.problem?.title ?? '—')}</td>
                    )}
                    <td>{p.fragmentCount}</td>
                    <td>
                      <ReviewBadge review={p.review} />
                    </td>
                    <td>
                      <Link
                        href={`/admin/integrity/${r.id}/pairs/${p.id}`}
                        aria-label={`Compare ${p.a.user.displayName} and ${p.b.user.displayName}`}
                      >
                        Compare
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
      </Card>
    </div>
  );
}

export function ReportPage({ reportId }: { reportId: string }) {
  return <StaffOnly>{() => <ReportView reportId={reportId} />}</StaffOnly>;
}
