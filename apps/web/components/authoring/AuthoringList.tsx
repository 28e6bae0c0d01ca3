'use client';

import { problemStatuses } from '@roguelearn/api/schemas';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import type { FormEvent } from 'react';
import { StaffOnly } from '@/components/learning/admin/StaffOnly';
import { DifficultyBadge } from '@/components/problems/Badges';
import { formatWhen } from '@/components/problems/labels';
import { PageLink, ProblemTableSkeleton } from '@/components/problems/ProblemList';
import listStyles from '@/components/problems/problems.module.css';
import { Alert } from '@/components/ui/Alert';
import { Button, ButtonLink } from '@/components/ui/Button';
import { useTRPC } from '@/lib/trpc';
import { useUrlSearch } from '@/lib/useUrlSearch';
import styles from './authoring.module.css';
import { ImportZip } from './ImportZip';
import { type AuthoredListItem, type ProblemStatus, statusLabels } from './labels';

const PAGE_SIZE = 20;

type Filters = { q: string; status: ProblemStatus | undefined; scope: 'mine' | 'all'; page: number };

function readFilters(params: URLSearchParams): Filters {
  const status = params.get('status')?.toUpperCase() ?? '';
  const page = Number.parseInt(params.get('page') ?? '1', 10);
  return {
    q: (params.get('q') ?? '').trim().slice(0, 100),
    status: (problemStatuses as readonly string[]).includes(status) ? (status as ProblemStatus) : undefined,
    scope: params.get('scope') === 'all' ? 'all' : 'mine',
    page: Number.isFinite(page) ? Math.min(1000, Math.max(1, page)) : 1,
  };
}

function hrefFor(pathname: string, f: Filters): string {
  const params = new URLSearchParams();
  if (f.q) params.set('q', f.q);
  if (f.status) params.set('status', f.status.toLowerCase());
  if (f.scope === 'all') params.set('scope', 'all');
  if (f.page > 1) params.set('page', String(f.page));
  const query = params.toString();
  return query ? `${pathname}?${query}` : pathname;
}

export function StatusBadge({ status }: { status: ProblemStatus }) {
  return <span className={`${styles.status} ${styles[status]}`}>{statusLabels[status]}</span>;
}

export function AuthoringListPage() {
  return (
    <StaffOnly>
      {(user) => (
        <div className={styles.page}>
          <header className={styles.head}>
            <div>
              <h1>Problems</h1>
              <p className={styles.muted}>Write problems, test them against reference solutions and publish them.</p>
            </div>
            <div className={styles.actions}>
              <ImportZip />
              <ButtonLink href="/admin/problems/new">New problem</ButtonLink>
            </div>
          </header>
          <AuthoringList isAdmin={user.role === 'ADMIN'} />
        </div>
      )}
    </StaffOnly>
  );
}

function AuthoringList({ isAdmin }: { isAdmin: boolean }) {
  const trpc = useTRPC();
  const filters = readFilters(useSearchParams());
  const { text, setText, go, pathname } = useUrlSearch(filters, hrefFor);

  const list = useQuery(
    trpc.authoring.list.queryOptions(
      {
        scope: filters.scope,
        status: filters.status,
        search: filters.q || undefined,
        page: filters.page,
        pageSize: PAGE_SIZE,
      },
      { placeholderData: keepPreviousData },
    ),
  );
  const filtered = Boolean(filters.q || filters.status);

  return (
    <div className={listStyles.list}>
      <search>
        <form
          className={listStyles.toolbar}
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            go({ q: text.trim() }, 'replace');
          }}
        >
          <div className={listStyles.searchField}>
            <label htmlFor="authoring-search" className={listStyles.label}>
              Search your problems
            </label>
            <input
              id="authoring-search"
              type="search"
              value={text}
              maxLength={100}
              placeholder="Title or keyword"
              autoComplete="off"
              onChange={(e) => setText(e.target.value)}
            />
          </div>
          <div className={styles.statusField}>
            <label htmlFor="authoring-status" className={listStyles.label}>
              Status
            </label>
            <select
              id="authoring-status"
              value={filters.status ?? ''}
              onChange={(e) => go({ status: (e.target.value || undefined) as ProblemStatus | undefined })}
            >
              <option value="">Any status</option>
              {problemStatuses.map((s) => (
                <option key={s} value={s}>
                  {statusLabels[s]}
                </option>
              ))}
            </select>
          </div>
          {!isAdmin && (
            <div className={styles.statusField}>
              <label htmlFor="authoring-scope" className={listStyles.label}>
                Show
              </label>
              <select
                id="authoring-scope"
                value={filters.scope}
                onChange={(e) => go({ scope: e.target.value === 'all' ? 'all' : 'mine' })}
              >
                <option value="mine">My problems</option>
                <option value="all">Everyone’s problems</option>
              </select>
            </div>
          )}
        </form>
      </search>

      {list.isError && !list.data ? (
        <Alert title="We couldn't load the problems">
          <p>{list.error.message}</p>
          <Button variant="secondary" onClick={() => list.refetch()}>
            Try again
          </Button>
        </Alert>
      ) : !list.data ? (
        <ProblemTableSkeleton />
      ) : list.data.total === 0 ? (
        <div className={listStyles.empty}>
          <p className={listStyles.emptyIcon} aria-hidden="true">
            ✎
          </p>
          {filtered ? (
            <>
              <p className={listStyles.emptyTitle}>No problems match these filters.</p>
              <Button
                variant="secondary"
                onClick={() => {
                  setText('');
                  go({ q: '', status: undefined });
                }}
              >
                Reset filters
              </Button>
            </>
          ) : (
            <>
              <p className={listStyles.emptyTitle}>You haven’t written a problem yet.</p>
              <p>Start from scratch, or import a problem package (.zip) exported from RogueLearn.</p>
              <ButtonLink href="/admin/problems/new">New problem</ButtonLink>
            </>
          )}
        </div>
      ) : (
        <Results data={list.data} filters={filters} pathname={pathname} stale={list.isPlaceholderData} />
      )}
    </div>
  );
}

function Results({
  data,
  filters,
  pathname,
  stale,
}: {
  data: { total: number; page: number; pageSize: number; items: AuthoredListItem[] };
  filters: Filters;
  pathname: string;
  stale: boolean;
}) {
  const pageCount = Math.max(1, Math.ceil(data.total / data.pageSize));
  const first = (data.page - 1) * data.pageSize + 1;
  return (
    <>
      <p className={listStyles.summary} role="status">
        {data.items.length > 0
          ? `${first}–${first + data.items.length - 1} of ${data.total} problem${data.total === 1 ? '' : 's'}`
          : `Page ${data.page} is past the end of the list.`}
      </p>
      <div className={`${listStyles.tableWrap} ${stale ? listStyles.stale : ''}`} aria-busy={stale || undefined}>
        <table className={listStyles.table}>
          <caption className="visually-hidden">
            Authored problems, page {data.page} of {pageCount}
          </caption>
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">Status</th>
              <th scope="col">Difficulty</th>
              <th scope="col" className={listStyles.num}>
                Tests
              </th>
              <th scope="col">Reference solutions</th>
              <th scope="col">Updated</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((p) => (
              <tr key={p.id}>
                <td>
                  {p.canEdit ? (
                    <Link href={`/admin/problems/${p.id}`} className={listStyles.title}>
                      {p.title}
                    </Link>
                  ) : (
                    <span className={listStyles.title}>{p.title}</span>
                  )}
                  <div className={`${styles.muted} ${styles.small}`}>
                    {p.slug}
                    {!p.canEdit && ` · by ${p.author?.displayName ?? 'unknown'}`}
                  </div>
                </td>
                <td>
                  <StatusBadge status={p.status} />
                </td>
                <td>
                  <DifficultyBadge difficulty={p.difficulty} />
                </td>
                <td className={listStyles.num}>{p.testCount}</td>
                <td>
                  {p.solutions.length === 0 ? (
                    <span className={styles.muted}>None</span>
                  ) : (
                    p.solutions.map((s) => `${s.language}${s.verified ? ' (verified)' : ''}`).join(', ')
                  )}
                </td>
                <td>
                  <time dateTime={p.updatedAt.toISOString()}>{formatWhen(p.updatedAt)}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pageCount > 1 && (
        <nav className={listStyles.pagination} aria-label="Pagination">
          <PageLink href={hrefFor(pathname, { ...filters, page: data.page - 1 })} disabled={data.page <= 1} rel="prev">
            <span aria-hidden="true">←</span> Previous
          </PageLink>
          <span className={listStyles.pageCount}>
            Page {data.page} of {pageCount}
          </span>
          <PageLink
            href={hrefFor(pathname, { ...filters, page: data.page + 1 })}
            disabled={data.page >= pageCount}
            rel="next"
          >
            Next <span aria-hidden="true">→</span>
          </PageLink>
        </nav>
      )}
    </>
  );
}
