'use client';

import { useSyncExternalStore } from 'react';
import styles from './collab.module.css';
import type { Saves } from './saves';

/** "Saving…" while my edits wait for the server's durable acknowledgement, then "Saved". */
export function SaveStatus({ saves }: { saves: Saves }) {
  const state = useSyncExternalStore(saves.subscribe, saves.get, () => null);
  return (
    <p className={styles.saveStatus} aria-live="polite">
      {state === 'saving' ? 'Saving…' : state === 'saved' ? 'Saved' : ''}
    </p>
  );
}
