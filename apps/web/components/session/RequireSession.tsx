'use client';

import type { SessionUser } from '@roguelearn/api';
import { usePathname, useRouter } from 'next/navigation';
import { type ReactNode, useEffect } from 'react';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { PageLoading } from '@/components/ui/Spinner';
import { useSession } from '@/lib/session';

/** Renders `children` for a signed-in user; sends anonymous visitors to sign in and back here. */
export function RequireSession({ children }: { children: (user: SessionUser) => ReactNode }) {
  const { user, status, retry } = useSession();
  const router = useRouter();
  const pathname = usePathname();

  useEffect(() => {
    if (status === 'anonymous') router.replace(`/sign-in?next=${encodeURIComponent(pathname)}`);
  }, [status, pathname, router]);

  if (status === 'error') {
    return (
      <Alert title="We couldn't check your session">
        <p>The server did not answer. Check your connection and try again.</p>
        <Button variant="secondary" onClick={() => retry()}>
          Try again
        </Button>
      </Alert>
    );
  }
  if (!user) return <PageLoading label={status === 'anonymous' ? 'Redirecting to sign in…' : 'Loading…'} />;
  return children(user);
}
