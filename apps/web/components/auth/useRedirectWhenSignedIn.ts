'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { useSession } from '@/lib/session';

/**
 * The one place the auth pages navigate away: once a session exists, whether it was just created
 * by the form or the visitor arrived already signed in.
 */
export function useRedirectWhenSignedIn(destination: string) {
  const router = useRouter();
  const { status } = useSession();
  useEffect(() => {
    if (status === 'authenticated') router.replace(destination);
  }, [status, destination, router]);
}
