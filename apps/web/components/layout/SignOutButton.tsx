'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '@/components/ui/Button';
import { setFlash } from '@/lib/flash';
import { getSupabase, supabaseEnabled } from '@/lib/supabase';
import { useTRPC } from '@/lib/trpc';

export function SignOutButton() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [leaving, setLeaving] = useState(false);
  const signOut = useMutation(trpc.auth.signOut.mutationOptions());

  async function handleClick() {
    setLeaving(true);
    // Sign out locally even if the server is unreachable: the user asked to leave this device.
    await Promise.allSettled([
      signOut.mutateAsync(),
      supabaseEnabled ? getSupabase().then((s) => s.auth.signOut()) : null,
    ]);
    queryClient.clear();
    setFlash('You have signed out. See you on the next quest!');
    // A full load guarantees no component still holds the old session's data.
    window.location.assign('/');
  }

  return (
    <Button variant="secondary" onClick={handleClick} pending={leaving} pendingLabel="Signing out…">
      Sign out
    </Button>
  );
}
