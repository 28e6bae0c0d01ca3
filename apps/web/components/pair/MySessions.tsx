'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { DifficultyBadge } from '@/components/problems/Badges';
import { formatWhen } from '@/components/problems/labels';
import { useTRPC } from '@/lib/trpc';
import styles from './pair.module.css';

/** My pair sessions, active or past, each linking to the session and its replay. */
export function MySessions() {
  const trpc = useTRPC();
  const [tab, setTab] = useState<'active' | 'past'>('active');
  const q = useQuery(trpc.match.pairSessions.list.queryOptions({ status: tab, limit: 20 }));
  return (
    <div>
      <fieldset className={styles.tabs}>
        <legend className="visually-hidden">Which sessions</legend>
        {(['active', 'past'] as const).map((t) => (
          <button key={t} type="button" className={styles.tab} aria-pressed={tab === t} onClick={() => setTab(t)}>
            {t === 'active' ? 'Active' : 'Past'}
          </button>
        ))}
      </fieldset>
      {q.isPending ? (
        <p className={styles.muted}>Loading…</p>
      ) : q.error ? (
        <p className={styles.error}>We couldn't load your sessions.</p>
      ) : !q.data.items.length ? (
        <p className={styles.muted}>{tab === 'active' ? 'No active session.' : 'No past sessions yet.'}</p>
      ) : (
        <ul className={styles.list}>
          {q.data.items.map((s) => (
            <li key={s.id} className={styles.row}>
              <span>
                {s.problem && <DifficultyBadge difficulty={s.problem.difficulty} />}{' '}
                <Link href={`/pair/${s.id}`}>{s.problem?.title ?? 'Free session'}</Link> with{' '}
                {s.partners.map((p) => p.displayName).join(', ') || 'nobody yet'}
              </span>
              <span className={styles.muted}>
                {formatWhen(s.createdAt)} · {s.messageCount} messages · {s.submissionCount} submissions ·{' '}
                <Link href={`/pair/${s.id}/replay`}>Replay</Link>
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
