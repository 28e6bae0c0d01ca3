'use client';

import { keepPreviousData, skipToken, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { Alert } from '@/components/ui/Alert';
import { useSession } from '@/lib/session';
import { useTRPC } from '@/lib/trpc';
import type { RouterOutputs } from '@/lib/types';
import styles from './leaderboards.module.css';

const scopes = [
  { key: 'global', label: 'Global' },
  { key: 'class', label: 'Class' },
  { key: 'guild', label: 'Guild' },
  { key: 'friends', label: 'Friends' },
  { key: 'event', label: 'Event' },
] as const;
type Scope = (typeof scopes)[number]['key'];

const metrics = [
  { key: 'DUEL_RATING', label: 'Duel rating', detail: 'Games' },
  { key: 'CONTEST_RATING', label: 'Contest rating', detail: 'Contests' },
  { key: 'XP', label: 'XP', detail: 'Level' },
  { key: 'SOLVED', label: 'Problems solved', detail: null },
] as const;
type Metric = (typeof metrics)[number]['key'];

const PAGE_SIZE = 25;
// Signed-out visitors only see boards that need no account (class, guild and friends are "yours").
const publicScopes: readonly Scope[] = ['global', 'event'];

type Board = RouterOutputs['leaderboard']['global'];
type Entry = Board['items'][number];

function useBoardParams() {
  const params = useSearchParams();
  const scope = (scopes.find((s) => s.key === params.get('scope'))?.key ?? 'global') as Scope;
  const by = (metrics.find((m) => m.key === params.get('by'))?.key ?? 'DUEL_RATING') as Metric;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const id = params.get('id');
  return { scope, by, page, id };
}

/** Rankings by scope and metric, paginated through the URL, with the viewer's own row always shown. */
export function Leaderboards() {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const { status } = useSession();
  const signedIn = status === 'authenticated';
  const { scope, by, page, id } = useBoardParams();

  const href = (next: Partial<{ scope: Scope; by: Metric; page: number; id: string | null }>) => {
    const v = { scope, by, page, id, ...next };
    const q = new URLSearchParams();
    if (v.scope !== 'global') q.set('scope', v.scope);
    if (v.by !== 'DUEL_RATING') q.set('by', v.by);
    if (v.id) q.set('id', v.id);
    if (v.page > 1) q.set('page', String(v.page));
    const s = q.toString();
    return s ? `${pathname}?${s}` : pathname;
  };

  const classes = useQuery(trpc.learning.classes.queryOptions(undefined, { enabled: signedIn && scope === 'class' }));
  const guilds = useQuery(trpc.social.guilds.mine.queryOptions(undefined, { enabled: signedIn && scope === 'guild' }));
  const events = useQuery(trpc.contest.event.list.queryOptions(undefined, { enabled: scope === 'event' }));
  const groups =
    scope === 'class'
      ? (classes.data ?? []).map((c) => ({ value: c.id, label: c.name }))
      : scope === 'guild'
        ? (guilds.data ?? []).map((g) => ({ value: g.id, label: g.name }))
        : scope === 'event'
          ? (events.data ?? []).map((e) => ({ value: e.slug, label: e.title }))
          : [];
  const groupId = id ?? groups[0]?.value ?? null;
  const paging = { by, page, pageSize: PAGE_SIZE };
  const needsAccount = !publicScopes.includes(scope);

  // One query per scope, only the current one enabled; the last page stays up while the next loads.
  const keep = { placeholderData: keepPreviousData };
  const on = (s: Scope) => scope === s && (s === 'global' || s === 'event' || signedIn);
  const boards = {
    global: useQuery(trpc.leaderboard.global.queryOptions(on('global') ? paging : skipToken, keep)),
    friends: useQuery(trpc.leaderboard.friends.queryOptions(on('friends') ? paging : skipToken, keep)),
    class: useQuery(
      trpc.leaderboard.class.queryOptions(on('class') && groupId ? { ...paging, classId: groupId } : skipToken, keep),
    ),
    guild: useQuery(
      trpc.leaderboard.guild.queryOptions(on('guild') && groupId ? { ...paging, guildId: groupId } : skipToken, keep),
    ),
    event: useQuery(
      trpc.leaderboard.event.queryOptions(
        on('event') && groupId ? { slug: groupId, page, pageSize: PAGE_SIZE } : skipToken,
        keep,
      ),
    ),
  };
  const board = boards[scope];

  const metric = scope === 'event' ? null : metrics.find((m) => m.key === by);
  const pages = board.data ? Math.max(1, Math.ceil(board.data.total / PAGE_SIZE)) : 1;
  const groupLabel = scope === 'class' ? 'Class' : scope === 'guild' ? 'Guild' : 'Event';

  return (
    <div className={styles.page}>
      <h1>Leaderboards</h1>
      <nav aria-label="Leaderboard scope">
        <ul className={styles.tabs}>
          {scopes.map((s) => (
            <li key={s.key}>
              <Link
                className={styles.tab}
                href={href({ scope: s.key, page: 1, id: null })}
                aria-current={s.key === scope ? 'page' : undefined}
              >
                {s.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <div className={styles.controls}>
        {scope !== 'event' && (
          <>
            <label htmlFor="board-by">Rank by</label>
            <select
              id="board-by"
              value={by}
              onChange={(e) => router.push(href({ by: e.target.value as Metric, page: 1 }))}
            >
              {metrics.map((m) => (
                <option key={m.key} value={m.key}>
                  {m.label}
                </option>
              ))}
            </select>
          </>
        )}
        {(scope === 'class' || scope === 'guild' || scope === 'event') && groups.length > 0 && (
          <>
            <label htmlFor="board-group">{groupLabel}</label>
            <select
              id="board-group"
              value={groupId ?? ''}
              onChange={(e) => router.push(href({ id: e.target.value, page: 1 }))}
            >
              {groups.map((g) => (
                <option key={g.value} value={g.value}>
                  {g.label}
                </option>
              ))}
            </select>
          </>
        )}
      </div>

      {needsAccount && status === 'anonymous' ? (
        <p>
          <Link href={`/sign-in?next=${encodeURIComponent(href({}))}`}>Sign in</Link> to see this leaderboard.
        </p>
      ) : scope !== 'global' && scope !== 'friends' && !groupId ? (
        <p className={styles.muted}>
          {scope === 'class'
            ? 'You are not in a class yet.'
            : scope === 'guild'
              ? 'You are not in a guild yet.'
              : 'There are no events yet.'}
        </p>
      ) : board.isError ? (
        <Alert title="We couldn't load this leaderboard">{board.error.message}</Alert>
      ) : !board.data ? (
        <p className={styles.muted} role="status">
          Loading…
        </p>
      ) : board.data.items.length === 0 && !board.data.me ? (
        <p className={styles.muted}>Nobody is ranked here yet.</p>
      ) : (
        <>
          <BoardTable
            board={board.data}
            valueLabel={metric?.label ?? 'Score'}
            detailLabel={scope === 'event' ? 'Contests' : (metric?.detail ?? null)}
          />
          <nav className={styles.pager} aria-label="Pagination">
            {page > 1 && <Link href={href({ page: page - 1 })}>Previous</Link>}
            <span>
              Page {page} of {pages}
            </span>
            {page < pages && <Link href={href({ page: page + 1 })}>Next</Link>}
          </nav>
        </>
      )}
    </div>
  );
}

function BoardTable({
  board,
  valueLabel,
  detailLabel,
}: {
  board: Board;
  valueLabel: string;
  detailLabel: string | null;
}) {
  const meShown = board.items.some((e) => e.isViewer);
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table}>
        <caption className="visually-hidden">
          Ranked by {valueLabel.toLowerCase()}, {board.total} players
        </caption>
        <thead>
          <tr>
            <th scope="col" className={styles.num}>
              Rank
            </th>
            <th scope="col">Player</th>
            <th scope="col" className={styles.num}>
              {valueLabel}
            </th>
            {detailLabel && (
              <th scope="col" className={`${styles.num} ${styles.detail}`}>
                {detailLabel}
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {board.items.map((e, i) => (
            <Row key={e.user?.id ?? `private-${i}`} entry={e} detail={!!detailLabel} />
          ))}
          {board.me && !meShown && (
            <>
              <tr className={styles.gap}>
                <td colSpan={detailLabel ? 4 : 3}>…</td>
              </tr>
              <Row entry={board.me} detail={!!detailLabel} />
            </>
          )}
        </tbody>
      </table>
    </div>
  );
}

function Row({ entry, detail }: { entry: Entry; detail: boolean }) {
  return (
    <tr className={entry.isViewer ? styles.me : undefined} aria-current={entry.isViewer ? 'true' : undefined}>
      <td className={styles.num}>{entry.rank}</td>
      <td>
        {entry.user ? (
          <Link href={`/u/${entry.user.username}`}>{entry.user.displayName}</Link>
        ) : (
          <span className={styles.muted}>Private profile</span>
        )}
        {entry.isViewer && <span className={styles.muted}> (you)</span>}
        {entry.tier && <span className={styles.muted}> · {entry.tier.title}</span>}
      </td>
      <td className={styles.num}>{entry.value}</td>
      {detail && <td className={`${styles.num} ${styles.detail}`}>{entry.detail ?? '—'}</td>}
    </tr>
  );
}
