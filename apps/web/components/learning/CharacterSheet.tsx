'use client';

import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { XpBar } from '@/components/dashboard/XpBar';
import { RequireSession } from '@/components/session/RequireSession';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { PageLoading } from '@/components/ui/Spinner';
import { useTRPC } from '@/lib/trpc';
import styles from './learning.module.css';

const PAGE = 15;
const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });

function History() {
  const trpc = useTRPC();
  const history = useInfiniteQuery(
    trpc.character.history.infiniteQueryOptions(
      { limit: PAGE },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
  );
  if (history.isPending) return <PageLoading label="Loading your history…" />;
  if (history.isError) return <Alert>{history.error.message}</Alert>;
  const items = history.data.pages.flatMap((p) => p.items);
  if (!items.length) return <p className={styles.muted}>No XP yet: solve a problem or finish a quest step.</p>;
  return (
    <>
      <table className={styles.table}>
        <caption className="visually-hidden">XP history, newest first</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">What</th>
            <th scope="col">XP</th>
          </tr>
        </thead>
        <tbody>
          {items.map((e) => (
            <tr key={e.id}>
              <td>{dateFormat.format(new Date(e.createdAt))}</td>
              <td>{e.label}</td>
              <td className={e.amount >= 0 ? styles.amountUp : styles.amountDown}>
                {e.amount >= 0 ? `+${e.amount}` : e.amount}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {history.hasNextPage && (
        <Button
          variant="secondary"
          onClick={() => history.fetchNextPage()}
          pending={history.isFetchingNextPage}
          pendingLabel="Loading…"
        >
          Show older
        </Button>
      )}
    </>
  );
}

function Sheet({ username }: { username?: string }) {
  const trpc = useTRPC();
  const sheet = useQuery(trpc.character.get.queryOptions(username ? { username } : undefined));
  if (sheet.isPending) return <PageLoading label="Loading the character…" />;
  if (sheet.isError) return <Alert title="We couldn't load this character">{sheet.error.message}</Alert>;
  const c = sheet.data;
  return (
    <>
      <header>
        <h1>{c.own ? 'Your character' : `${c.user.displayName}’s character`}</h1>
        <p className={styles.muted}>
          @{c.user.username}
          {c.title ? ` · ${c.title}` : ''} · Level {c.level} · {c.problemsSolved} problems solved · {c.streakDays}-day
          streak · {c.skillPoints} skill points
        </p>
      </header>
      <XpBar level={c.level} xp={c.xp} />
      <div className={styles.grid}>
        <Card title="Skills" id="skills">
          {c.skills.length === 0 ? (
            <p className={styles.muted}>
              No skill points yet. <Link href="/skill-tree">Start a quest</Link>.
            </p>
          ) : (
            <table className={styles.table}>
              <thead>
                <tr>
                  <th scope="col">Skill</th>
                  <th scope="col">Tree</th>
                  <th scope="col">Points</th>
                </tr>
              </thead>
              <tbody>
                {c.skills.map((s) => (
                  <tr key={s.nodeId}>
                    <td>
                      {s.title}
                      {s.status === 'COMPLETED' ? ' ★' : ''}
                    </td>
                    <td>{s.tree.title}</td>
                    <td>{s.points}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {c.skillsByTag.length > 0 && (
            <>
              <h3>By tag</h3>
              <ul className={styles.legend}>
                {c.skillsByTag.map((t) => (
                  <li key={t.tag} className={styles.badge}>
                    {t.tag}: {t.points}
                  </li>
                ))}
              </ul>
            </>
          )}
        </Card>
        <Card title="Achievements" id="achievements">
          <ul className={styles.list}>
            {c.achievements.map((a) => (
              <li key={a.key} className={`${styles.item} ${styles.achievement}`} data-earned={a.earned}>
                <div className={styles.spread}>
                  <h3>{a.title}</h3>
                  <span className={`${styles.badge} ${a.earned ? styles.online : ''}`}>
                    {a.earned ? 'Earned' : 'Locked'}
                  </span>
                </div>
                <p className={styles.muted}>
                  {a.description}
                  {a.earnedAt ? ` · earned ${dateFormat.format(new Date(a.earnedAt))}` : ` · ${a.xpReward} XP`}
                </p>
              </li>
            ))}
          </ul>
        </Card>
      </div>
      {c.own && (
        <Card title="XP history" id="history">
          <History />
        </Card>
      )}
    </>
  );
}

export function CharacterSheet({ username }: { username?: string }) {
  return (
    <div className={styles.page}>
      <RequireSession>{() => <Sheet username={username} />}</RequireSession>
    </div>
  );
}
