'use client';

import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc';
import styles from './learning.module.css';

/** Whether AI text comes from Gemini or the offline templates, so nobody mistakes one for the other. */
export function AiModeBadge({ mode: given }: { mode?: string }) {
  const trpc = useTRPC();
  const status = useQuery(trpc.ai.status.queryOptions(undefined, { enabled: !given, staleTime: 60_000 }));
  const mode = given ?? status.data?.mode;
  if (!mode) return null;
  const online = mode === 'live' || mode === 'online';
  return (
    <span className={`${styles.badge} ${online ? styles.online : ''}`}>
      AI: {online ? `online${status.data?.model ? ` (${status.data.model})` : ''}` : 'offline'}
    </span>
  );
}
