'use client';

import { type ReactNode, useId, useRef, useState } from 'react';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { describeError } from '@/lib/forms';
import styles from './social.module.css';

/**
 * A destructive action behind a modal question. The dialog stays open on failure to show the
 * server's reason; native <dialog> traps focus and returns it to the button on close.
 */
export function ConfirmButton({
  label,
  title,
  children,
  confirmLabel,
  onConfirm,
  danger = true,
}: {
  label: string;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => Promise<unknown>;
  /** Red confirmation for what cannot be undone; a plain one for hand-overs. */
  danger?: boolean;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setPending(true);
    setError(null);
    try {
      await onConfirm();
      dialogRef.current?.close();
    } catch (err) {
      setError(describeError(err, []).message);
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      <Button variant="secondary" onClick={() => dialogRef.current?.showModal()}>
        {label}
      </Button>
      <dialog ref={dialogRef} className={styles.dialog} aria-labelledby={titleId} onClose={() => setError(null)}>
        <div className={styles.dialogBody}>
          <h2 id={titleId}>{title}</h2>
          <div>{children}</div>
          {error && <Alert>{error}</Alert>}
          <div className={styles.dialogActions}>
            <Button variant="secondary" onClick={() => dialogRef.current?.close()}>
              Cancel
            </Button>
            <Button variant={danger ? 'danger' : 'primary'} pending={pending} onClick={confirm}>
              {confirmLabel}
            </Button>
          </div>
        </div>
      </dialog>
    </>
  );
}
