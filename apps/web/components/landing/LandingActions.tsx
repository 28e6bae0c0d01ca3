'use client';

import { ButtonLink } from '@/components/ui/Button';
import { useSession } from '@/lib/session';
import styles from './landing.module.css';

export function LandingActions() {
  const { status } = useSession();
  return (
    <div className={styles.actions}>
      {status === 'authenticated' ? (
        <ButtonLink href="/dashboard">Continue your quest</ButtonLink>
      ) : (
        <>
          <ButtonLink href="/sign-up">Start your quest — it's free</ButtonLink>
          <ButtonLink href="/sign-in" variant="secondary">
            I already have an account
          </ButtonLink>
        </>
      )}
    </div>
  );
}
