'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { type FormEvent, useId, useState } from 'react';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { PageLoading } from '@/components/ui/Spinner';
import { useTRPC } from '@/lib/trpc';
import type { RouterOutputs } from '@/lib/types';
import styles from './admin.module.css';
import own from './manage.module.css';
import { Pager } from './Pager';
import { StaffGate } from './StaffGate';

type Entry = RouterOutputs['admin']['audit']['list']['items'][number];

const PAGE_SIZE = 50;
const when = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'medium' });

interface Filters {
  actor: string;
  action: string;
  from: string;
  to: string;
}
const none: Filters = { actor: '', action: '', from: '', to: '' };

/** `<input type="date">` values are local days: the range covers the whole of the last one. */
const dayStart = (d: string) => (d ? new Date(`${d}T00:00:00`) : undefined);
const dayEnd = (d: string) => (d ? new Date(`${d}T23:59:59.999`) : undefined);

/** Who did what to which target, newest first, filtered by actor, action and dates. */
export function AuditLog() {
  return (
    <StaffGate adminOnly>
      {() => (
        <div className={styles.page}>
          <header>
            <h1>Audit log</h1>
            <p className={styles.muted}>Every administrative change: roles, suspensions, flags, reviews and more.</p>
          </header>
          <AuditEntries />
        </div>
      )}
    </StaffGate>
  );
}

function AuditEntries() {
  const trpc = useTRPC();
  const [draft, setDraft] = useState<Filters>(none);
  const [filters, setFilters] = useState<Filters>(none);
  const [page, setPage] = useState(1);
  const ids = { actor: useId(), action: useId(), from: useId(), to: useId() };
  const actions = useQuery(trpc.admin.audit.actions.queryOptions());
  const log = useQuery(
    trpc.admin.audit.list.queryOptions(
      {
        actor: filters.actor || undefined,
        action: filters.action || undefined,
        from: dayStart(filters.from),
        to: dayEnd(filters.to),
        page,
        pageSize: PAGE_SIZE,
      },
      { placeholderData: keepPreviousData },
    ),
  );
  const set = (key: keyof Filters, value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setFilters({ ...draft, actor: draft.actor.trim() });
    setPage(1);
  };
  const filtered = Object.values(filters).some(Boolean);

  return (
    <Card title="Entries" id="audit-entries">
      <form className={own.toolbar} onSubmit={apply} aria-label="Filter the audit log">
        <div className={own.field}>
          <label htmlFor={ids.actor}>Who (name, username or email)</label>
          <input id={ids.actor} type="search" value={draft.actor} onChange={(e) => set('actor', e.target.value)} />
        </div>
        <div className={own.field}>
          <label htmlFor={ids.action}>Action</label>
          <select id={ids.action} value={draft.action} onChange={(e) => set('action', e.target.value)}>
            <option value="">Any action</option>
            {(actions.data ?? []).map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </div>
        <div className={own.field}>
          <label htmlFor={ids.from}>From</label>
          <input id={ids.from} type="date" value={draft.from} onChange={(e) => set('from', e.target.value)} />
        </div>
        <div className={own.field}>
          <label htmlFor={ids.to}>To</label>
          <input id={ids.to} type="date" value={draft.to} onChange={(e) => set('to', e.target.value)} />
        </div>
        <div className={own.actions}>
          <Button type="submit">Filter</Button>
          {filtered && (
            <Button
              variant="secondary"
              onClick={() => {
                setDraft(none);
                setFilters(none);
                setPage(1);
              }}
            >
              Clear
            </Button>
          )}
        </div>
      </form>
      {log.isPending ? (
        <PageLoading label="Loading the audit log…" />
      ) : log.isError ? (
        <Alert title="We couldn't load the audit log">{log.error.message}</Alert>
      ) : log.data.items.length === 0 ? (
        <p className={styles.muted}>{filtered ? 'No entry matches these filters.' : 'Nothing has been logged yet.'}</p>
      ) : (
        <>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: keyboard users must be able to scroll the table sideways */}
          <section className={styles.tableWrap} aria-label="Audit log table" tabIndex={0} aria-busy={log.isFetching}>
            <table className={styles.table}>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">Action</th>
                  <th scope="col">Target</th>
                  <th scope="col">Details</th>
                </tr>
              </thead>
              <tbody>
                {log.data.items.map((e) => (
                  <AuditRow key={e.id} entry={e} />
                ))}
              </tbody>
            </table>
          </section>
          <Pager page={page} pageSize={PAGE_SIZE} total={log.data.total} onPage={setPage} noun="entries" />
        </>
      )}
    </Card>
  );
}

function AuditRow({ entry: e }: { entry: Entry }) {
  const hasData = e.data !== null && typeof e.data === 'object' && Object.keys(e.data).length > 0;
  return (
    <tr>
      <td>
        <time dateTime={e.createdAt.toISOString()}>{when.format(e.createdAt)}</time>
      </td>
      <th scope="row">
        {e.actor ? (
          <Link href={`/u/${e.actor.username}`}>{e.actor.displayName}</Link>
        ) : (
          <span className={styles.muted}>System</span>
        )}
      </th>
      <td>
        <code>{e.action}</code>
      </td>
      <td>{e.targetType ? `${e.targetType}${e.targetId ? ` ${targetName(e)}` : ''}` : '—'}</td>
      <td className={own.wrap}>
        {hasData || e.ip ? (
          <details>
            <summary>Details</summary>
            <pre className={own.details}>
              {JSON.stringify(e.data, null, 2)}
              {e.ip ? `\nfrom ${e.ip}` : ''}
            </pre>
          </details>
        ) : (
          '—'
        )}
      </td>
    </tr>
  );
}

/** Audited user changes carry the username: friendlier than an id. */
function targetName(e: Entry): string {
  const data = e.data as Record<string, unknown> | null;
  return e.targetType === 'user' && typeof data?.username === 'string' ? `@${data.username}` : (e.targetId ?? '');
}
