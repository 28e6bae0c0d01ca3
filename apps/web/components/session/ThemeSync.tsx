'use client';

import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useSession } from '@/lib/session';
import { applyTheme } from '@/lib/theme';
import { useTRPC } from '@/lib/trpc';

/** Applies the signed-in user's theme preference; anonymous visitors follow their system. */
export function ThemeSync() {
  const trpc = useTRPC();
  const { status } = useSession();
  const me = useQuery(trpc.user.me.queryOptions(undefined, { enabled: status === 'authenticated' }));
  const theme = me.data?.preferences?.theme;

  useEffect(() => {
    if (theme) applyTheme(theme);
  }, [theme]);

  return null;
}
