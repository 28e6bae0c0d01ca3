'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useDeferredValue, useState } from 'react';
import { formatDate, formatWhen } from '@/components/problems/labels';
import { ConfirmButton } from '@/components/social/ConfirmButton';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { PageLoading } from '@/components/ui/Spinner';
import { useToast } from '@/components/ui/Toast';
import { useTRPC } from '@/lib/trpc';
import type { RouterOutputs } from '@/lib/types';
import styles from './classes.module.css';
import { useRefreshClass } from './useRefreshClass';

type Row = RouterOutputs['classes']['roster']['students'][number];
type SortKey = 'name' | 'level' | 'quests' | 'nodes' | 'solved' | 'submissions' | 'lastActive' | 'joined';

const PAGE_SIZE = 50;

const sortValue: Record<SortKey, (r: Row) => string | number> = {
  name: (r) => r.displayName.toLowerCase(),
  level: (r) => r.xp,
  quests: (r) => r.questsCompleted,
  nodes: (r) => r.nodesCompleted,
  solved: (r) => r.problemsSolved,
  submissions: (r) => r.submissions,
  lastActive: (r) => r.lastActivityAt?.getTime() ?? 0,
  joined: (r) => r.joinedAt.getTime(),
};

/** Names read best A→Z; for every number the first click shows the most first. */
const firstDirection = (key: SortKey) => (key === 'name' ? 'asc' : 'desc');

function SortHeader({
  label,
  column,
  sort,
  onSort,
}: {
  label: string;
  column: SortKey;
  sort: { key: SortKey; dir: 'asc' | 'desc' };
  onSort: (key: SortKey) => void;
}) {
  const active = sort.key === column;
  return (
    <th scope="col" aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
      <button type="button" className={styles.sort} onClick={() => onSort(column)}>
        {label}
        <span aria-hidden="true">{active ? (sort.dir === 'asc' ? '▲' : '▼') : '↕'}</span>
      </button>
    </th>
  );
}

export function Roster({ classId }: { classId: string }) {
  const trpc = useTRPC();
  const toast = useToast();
  const refresh = useRefreshClass(classId);
  const roster = useQuery(trpc.classes.roster.queryOptions({ classId }));
  const remove = useMutation(trpc.classes.removeStudent.mutationOptions());
  const [search, setSearch] = useState('');
  const query = useDeferredValue(search.trim().toLowerCase());
  const [sort, setSort] = useState<{ key: SortKey; dir: 'asc' | 'desc' }>({ key: 'name', dir: 'asc' });
  const [page, setPage] = useState(1);

  const onSort = (key: SortKey) => {
    setSort((s) =>
      s.key === key ? { key, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: firstDirection(key) },
    );
    setPage(1);
  };

  if (roster.isPending) {
    return (
      <Card title="Roster" id="roster">
        <PageLoading label="Loading the roster…" />
      </Card>
    );
  }
  if (roster.isError) {
    return (
      <Card title="Roster" id="roster">
        <Alert>{roster.error.message}</Alert>
      </Card>
    );
  }

  const { students, nodesTotal, questsTotal } = roster.data;
  const matching = students.filter(
    (s) =>
      !query ||
      s.displayName.toLowerCase().includes(query) ||
      s.username.toLowerCase().includes(query) ||
      s.email.toLowerCase().includes(query),
  );
  const value = sortValue[sort.key];
  const sorted = [...matching].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    const order = x < y ? -1 : x > y ? 1 : a.displayName.localeCompare(b.displayName);
    return sort.dir === 'asc' ? order : -order;
  });
  const pages = Math.max(1, Math.ceil(sorted.length / PAGE_SIZE));
  const current = Math.min(page, pages);
  const shown = sorted.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE);
  const header = (label: string, column: SortKey) => (
    <SortHeader label={label} column={column} sort={sort} onSort={onSort} />
  );

  return (
    <Card title="Roster" id="roster">
      {students.length === 0 ? (
        <p className={styles.muted}>
          No students yet. Share the invite link or enrol them by email; they appear here as they join.
        </p>
      ) : (
        <>
          <div className={styles.toolbar}>
            <div>
              <label htmlFor="roster-search">Search students</label>
              <input
                id="roster-search"
                type="search"
                value={search}
                onChange={(e) => {
                  setSearch(e.target.value);
                  setPage(1);
                }}
                placeholder="Name, username or email"
              />
            </div>
            <p className={styles.muted} aria-live="polite">
              {matching.length === students.length
                ? `${students.length} enrolled`
                : `${matching.length} of ${students.length} match`}
            </p>
          </div>
          {shown.length === 0 ? (
            <p className={styles.muted}>Nobody matches “{search.trim()}”.</p>
          ) : (
            // biome-ignore lint/a11y/noNoninteractiveTabindex: keyboard users must be able to scroll the wide table sideways
            <section className={styles.tableWrap} aria-label="Roster table" tabIndex={0}>
              <table className={styles.table}>
                <thead>
                  <tr>
                    {header('Student', 'name')}
                    {header('Level', 'level')}
                    {header(`Quests${questsTotal ? ` (of ${questsTotal})` : ''}`, 'quests')}
                    {header(`Skills mastered${nodesTotal ? ` (of ${nodesTotal})` : ''}`, 'nodes')}
                    {header('Problems solved', 'solved')}
                    {header('Submissions', 'submissions')}
                    {header('Last active', 'lastActive')}
                    {header('Joined', 'joined')}
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((s) => (
                    <tr key={s.userId}>
                      <th scope="row" className={styles.student}>
                        <Link href={`/u/${s.username}`}>{s.displayName}</Link>
                        <small>
                          @{s.username} · {s.email}
                          {s.role === 'ASSISTANT' ? ' · assistant' : ''}
                          {s.status === 'SUSPENDED' ? ' · suspended' : ''}
                        </small>
                      </th>
                      <td className={styles.num}>
                        {s.level} <small className={styles.muted}>({s.xp} XP)</small>
                      </td>
                      <td className={styles.num}>{s.questsCompleted}</td>
                      <td className={styles.num}>{s.nodesCompleted}</td>
                      <td className={styles.num}>{s.problemsSolved}</td>
                      <td className={styles.num}>
                        {s.submissions} <small className={styles.muted}>({s.accepted} accepted)</small>
                      </td>
                      <td>
                        {s.lastActivityAt ? (
                          <time dateTime={s.lastActivityAt.toISOString()} title={formatDate(s.lastActivityAt)}>
                            {formatWhen(s.lastActivityAt)}
                          </time>
                        ) : (
                          'Never'
                        )}
                      </td>
                      <td>
                        <time dateTime={s.joinedAt.toISOString()}>
                          {s.joinedAt.toLocaleDateString('en', { dateStyle: 'medium' })}
                        </time>
                      </td>
                      <td>
                        <ConfirmButton
                          label={`Remove ${s.displayName}`}
                          title={`Remove ${s.displayName} from the class?`}
                          confirmLabel="Remove"
                          onConfirm={async () => {
                            await remove.mutateAsync({ classId, userId: s.userId });
                            await refresh();
                            toast(`${s.displayName} left the class`);
                          }}
                        >
                          <p>
                            They lose access to the class’s skill trees and contests. Their submissions and progress
                            stay, and they can rejoin with the invite link.
                          </p>
                        </ConfirmButton>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
          {pages > 1 && (
            <nav aria-label="Roster pages" className={styles.row}>
              <Button variant="secondary" disabled={current <= 1} onClick={() => setPage(current - 1)}>
                Previous
              </Button>
              <span>
                Page {current} of {pages}
              </span>
              <Button variant="secondary" disabled={current >= pages} onClick={() => setPage(current + 1)}>
                Next
              </Button>
            </nav>
          )}
        </>
      )}
    </Card>
  );
}
