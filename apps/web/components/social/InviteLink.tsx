'use client';

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { CopyButton } from '@/components/problems/CopyButton';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import styles from './social.module.css';

/** Makes a shareable invitation link (a week by default) and offers to copy it. */
export function InviteLink({ create }: { create: () => Promise<{ code: string; expiresAt: Date | null }> }) {
  const [link, setLink] = useState<{ url: string; expiresAt: Date | null } | null>(null);
  const make = useMutation({
    mutationFn: create,
    onSuccess: ({ code, expiresAt }) => setLink({ url: `${window.location.origin}/invite/${code}`, expiresAt }),
  });
  return (
    <div className={styles.section}>
      {make.error && <Alert>{make.error.message}</Alert>}
      {link ? (
        <div className={styles.row} role="status">
          <span className={styles.link}>{link.url}</span>
          <CopyButton text={link.url} label="invitation link" />
          {link.expiresAt && <span className={styles.small}>Expires {link.expiresAt.toLocaleString('en')}</span>}
        </div>
      ) : (
        <p className={styles.muted}>Anyone with a link can join until it expires.</p>
      )}
      <div>
        <Button variant="secondary" pending={make.isPending} onClick={() => make.mutate()}>
          {link ? 'Make another link' : 'Create invitation link'}
        </Button>
      </div>
    </div>
  );
}
