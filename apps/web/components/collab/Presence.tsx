'use client';

import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import styles from './collab.module.css';

export interface PresentUser {
  clientId: number;
  id: string;
  name: string;
  color: string;
}

/** Everyone whose awareness state is in the room (one entry per person, even with two tabs). */
export function usePresence(awareness: Awareness | undefined): PresentUser[] {
  const [users, setUsers] = useState<PresentUser[]>([]);
  useEffect(() => {
    if (!awareness) return;
    const read = () => {
      const byId = new Map<string, PresentUser>();
      for (const [clientId, state] of awareness.getStates()) {
        const u = (state as { user?: { id: string; name: string; color: string } }).user;
        if (u && !byId.has(u.id)) byId.set(u.id, { clientId, ...u });
      }
      setUsers([...byId.values()]);
    };
    read();
    awareness.on('change', read);
    return () => awareness.off('change', read);
  }, [awareness]);
  return users;
}

export function PresenceList({
  users,
  meId,
  label = 'People in this session',
}: {
  users: PresentUser[];
  meId: string;
  label?: string;
}) {
  return (
    <ul className={styles.presence} aria-label={label}>
      {users.map((u) => (
        <li key={u.id}>
          <span className={styles.dot} style={{ background: u.color }} aria-hidden="true" />
          {u.name}
          {u.id === meId && <span className={styles.muted}> (you)</span>}
        </li>
      ))}
    </ul>
  );
}
