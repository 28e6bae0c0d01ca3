'use client';

import { difficulties } from '@roguelearn/api/schemas';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { type FormEvent, type ReactNode, useId, useRef } from 'react';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { useTRPC } from '@/lib/trpc';
import { useUrlSearch } from '@/lib/useUrlSearch';
import { DifficultyBadge, tagClass } from './Badges';
import { type Difficulty, difficultyLabels, type ProblemListItem } from './labels';
import styles from './problems.module.css';

export const PAGE_SIZE = 20;
const numberFormat = new Intl.NumberFormat('en');

type Filters = { q: string; difficulty: Difficulty | undefined; tag: string; page: number };

function readFilters(params: URLSearchParams): Filters {
  const d = params.get('difficulty')?.toUpperCase();
  const page = Number.parseInt(params.get('page') ?? '1', 10);
  return {
    q: (params.get('q') ?? '').trim().slice(0, 100),
    difficulty: (difficulties as readonly string[]).includes(d ?? '') ? (d as Difficulty) : undefined,
    tag: (params.get('tag') ?? '').trim().slice(0, 50),
    page: Number.isFinite(page) ? Math.min(1000, Math.max(1, page)) : 1,
  };
}

/** The list URL for `filters`, leaving out defaults so links stay short and shareable. */
function hrefFor(pathname: string, filters: Filters): string {
  const params = new URLSearchParams();
  if (filters.q) params.set('q', filters.q);
  if (filters.difficulty) params.set('difficulty', filters.difficulty.toLowerCase());
  if (filters.tag) params.set('tag', filters.tag);
  if (filters.page > 1) params.set('page', String(filters.page));
  const query = params.toString();
  return query ? `${pathname}?${query}` : pathname;
}

function collectTags(data: { items: ProblemListItem[] }) {
  const bySlug = new Map<string, string>();
  for (const p of data.items) for (const t of p.tags) bySlug.set(t.slug, t.name);
  return [...bySlug].map(([slug, name]) => ({ slug, name })).sort((a, b) => a.name.localeCompare(b.name));
}

function describeFilters(f: Filters, tagName: string | undefined): string {
  const parts = [
    f.q && `“${f.q}”`,
    f.difficulty && `${difficultyLabels[f.difficulty].toLowerCase()} difficulty`,
    f.tag && `the tag “${tagName ?? f.tag}”`,
  ].filter(Boolean);
  return parts.length ? parts.join(' with ') : 'these filters';
}

export function ProblemList() {
  const trpc = useTRPC();
  const filters = readFilters(useSearchParams());
  const searchRef = useRef<HTMLInputElement>(null);
  const difficultyLabelId = useId();
  const { text, setText, go, pathname } = useUrlSearch(filters, hrefFor);

  const onSearch = (e: FormEvent) => {
    e.preventDefault();
    go({ q: text.trim() }, 'replace');
  };

  const reset = () => {
    setText('');
    go({ q: '', difficulty: undefined, tag: '' });
    searchRef.current?.focus();
  };

  const list = useQuery(
    trpc.problem.list.queryOptions(
      {
        search: filters.q || undefined,
        difficulty: filters.difficulty,
        tag: filters.tag || undefined,
        page: filters.page,
        pageSize: PAGE_SIZE,
      },
      { placeholderData: keepPreviousData },
    ),
  );
  // Every tag in use, for the filter: the catalogue is small enough to read in one page.
  const tags = useQuery(
    trpc.problem.list.queryOptions({ page: 1, pageSize: 100 }, { staleTime: 5 * 60_000, select: collectTags }),
  );
  const tagOptions = tags.data ?? [];
  const currentTagName = tagOptions.find((t) => t.slug === filters.tag)?.name;
  const filtered = Boolean(filters.q || filters.difficulty || filters.tag);

  return (
    <div className={styles.list}>
      <search>
        <form className={styles.toolbar} onSubmit={onSearch}>
          <div className={styles.searchField}>
            <label htmlFor="problem-search" className={styles.label}>
              Search problems
            </label>
            <input
              ref={searchRef}
              id="problem-search"
              type="search"
              value={text}
              maxLength={100}
              placeholder="Title or keyword"
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => setText(e.target.value)}
            />
          </div>
          <fieldset className={styles.chips} aria-labelledby={difficultyLabelId}>
            <span id={difficultyLabelId} className={styles.label}>
              Difficulty
            </span>
            <div className={styles.chipRow}>
              <button
                type="button"
                className={styles.chip}
                aria-pressed={!filters.difficulty}
                onClick={() => go({ difficulty: undefined })}
              >
                All
              </button>
              {difficulties.map((d) => (
                <button
                  key={d}
                  type="button"
                  className={styles.chip}
                  aria-pressed={filters.difficulty === d}
                  onClick={() => go({ difficulty: filters.difficulty === d ? undefined : d })}
                >
                  {difficultyLabels[d]}
                </button>
              ))}
            </div>
          </fieldset>
          <div className={styles.tagField}>
            <label htmlFor="problem-tag" className={styles.label}>
              Tag
            </label>
            <select id="problem-tag" value={filters.tag} onChange={(e) => go({ tag: e.target.value })}>
              <option value="">All tags</option>
              {filters.tag && !currentTagName && <option value={filters.tag}>{filters.tag}</option>}
              {tagOptions.map((t) => (
                <option key={t.slug} value={t.slug}>
                  {t.name}
                </option>
              ))}
            </select>
          </div>
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
      ) : (
        <Results
          data={list.data}
          filters={filters}
          stale={list.isPlaceholderData}
          pathname={pathname}
          emptyLabel={describeFilters(filters, currentTagName)}
          filtered={filtered}
          onReset={reset}
          onTag={(tag) => go({ tag })}
        />
      )}
    </div>
  );
}

function Results({
  data,
  filters,
  stale,
  pathname,
  emptyLabel,
  filtered,
  onReset,
  onTag,
}: {
  data: { total: number; page: number; pageSize: number; items: ProblemListItem[] };
  filters: Filters;
  stale: boolean;
  pathname: string;
  emptyLabel: string;
  filtered: boolean;
  onReset: () => void;
  onTag: (tag: string) => void;
}) {
  const pageCount = Math.max(1, Math.ceil(data.total / data.pageSize));
  const first = (data.page - 1) * data.pageSize + 1;
  const last = first + data.items.length - 1;
  const summary =
    data.total === 0
      ? `No problems match ${emptyLabel}.`
      : data.items.length === 0
        ? `Page ${data.page} is past the end of the list.`
        : `${first}–${last} of ${numberFormat.format(data.total)} problem${data.total === 1 ? '' : 's'}`;

  return (
    <>
      <p className={styles.summary} role="status">
        {data.total > 0 && summary}
        {stale && <span className="visually-hidden"> Updating…</span>}
      </p>
      {data.total === 0 ? (
        <div className={styles.empty}>
          <p className={styles.emptyIcon} aria-hidden="true">
            ⚲
          </p>
          <p className={styles.emptyTitle}>{summary}</p>
          <p>Try another word, or clear the filters to see every problem.</p>
          {filtered && (
            <Button variant="secondary" onClick={onReset}>
              Reset filters
            </Button>
          )}
        </div>
      ) : data.items.length === 0 ? (
        <div className={styles.empty}>
          <p className={styles.emptyTitle}>{summary}</p>
          <Link href={hrefFor(pathname, { ...filters, page: 1 })}>Go to the first page</Link>
        </div>
      ) : (
        <div className={`${styles.tableWrap} ${stale ? styles.stale : ''}`} aria-busy={stale || undefined}>
          <table className={styles.table}>
            <caption className="visually-hidden">
              Problems, page {data.page} of {pageCount}
            </caption>
            <thead>
              <tr>
                <th scope="col" className={styles.solvedCol}>
                  <span className="visually-hidden">Solved</span>
                </th>
                <th scope="col">Title</th>
                <th scope="col">Difficulty</th>
                <th scope="col" className={styles.tagsCol}>
                  Tags
                </th>
                <th scope="col" className={styles.num}>
                  Accepted
                </th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((p) => (
                <tr key={p.id}>
                  <td className={styles.solvedCol}>
                    {p.solved && (
                      <span className={styles.solved} role="img" aria-label="Solved" title="Solved">
                        ✓
                      </span>
                    )}
                  </td>
                  <td>
                    <Link href={`/problems/${p.slug}`} className={styles.title}>
                      {p.title}
                    </Link>
                  </td>
                  <td>
                    <DifficultyBadge difficulty={p.difficulty} />
                  </td>
                  <td className={styles.tagsCol}>
                    <span className={styles.tags}>
                      {p.tags.map((t) => (
                        <button
                          key={t.slug}
                          type="button"
                          className={`${tagClass} ${styles.tagButton}`}
                          aria-pressed={filters.tag === t.slug}
                          aria-label={`Filter by tag ${t.name}`}
                          // A shortcut for pointers: keyboards have the Tag filter, not 60 more tab stops.
                          tabIndex={-1}
                          onClick={() => onTag(filters.tag === t.slug ? '' : t.slug)}
                        >
                          {t.name}
                        </button>
                      ))}
                    </span>
                  </td>
                  <td className={styles.num}>{numberFormat.format(p.acceptedCount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pageCount > 1 && (
        <nav className={styles.pagination} aria-label="Pagination">
          <PageLink href={hrefFor(pathname, { ...filters, page: data.page - 1 })} disabled={data.page <= 1} rel="prev">
            <span aria-hidden="true">←</span> Previous
          </PageLink>
          <span className={styles.pageCount}>
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

export function PageLink({
  href,
  disabled,
  rel,
  children,
}: {
  href: string;
  disabled: boolean;
  rel: 'prev' | 'next';
  children: ReactNode;
}) {
  // At either end the link stays in place (focusable, inert), so focus isn't lost on arriving there.
  return (
    <Link
      href={href}
      rel={disabled ? undefined : rel}
      className={`${styles.pageLink} ${disabled ? styles.pageLinkDisabled : ''}`}
      aria-disabled={disabled || undefined}
      onClick={disabled ? (e) => e.preventDefault() : undefined}
      prefetch={disabled ? false : undefined}
      scroll={false}
    >
      {children}
    </Link>
  );
}

/** Placeholder rows shaped like the table, while the first page loads. */
export function ProblemTableSkeleton({ rows = 8 }: { rows?: number }) {
  return (
    <div className={styles.skeleton}>
      <p role="status" className="visually-hidden">
        Loading problems…
      </p>
      <div aria-hidden="true">
        {Array.from({ length: rows }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
          <div key={i} className={styles.skeletonRow}>
            <span className={styles.bone} style={{ inlineSize: `${40 + ((i * 17) % 35)}%` }} />
            <span className={`${styles.bone} ${styles.bonePill}`} />
            <span className={`${styles.bone} ${styles.boneShort}`} />
          </div>
        ))}
      </div>
    </div>
  );
}

/** The whole list area before the URL is known (the page's Suspense fallback). */
export function ProblemListFallback() {
  return (
    <div className={styles.list}>
      <div className={`${styles.toolbar} ${styles.toolbarFallback}`} aria-hidden="true" />
      <ProblemTableSkeleton />
    </div>
  );
}
