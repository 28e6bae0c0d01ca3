'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useId, useRef, useState } from 'react';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { useToast } from '@/components/ui/Toast';
import { fileToBase64 } from '@/lib/download';
import { describeError } from '@/lib/forms';
import { useTRPC } from '@/lib/trpc';
import styles from './authoring.module.css';

/** A problem package (.zip, as "Export zip" makes) becomes a new draft, opened for editing. */
export function ImportZip() {
  const trpc = useTRPC();
  const router = useRouter();
  const toast = useToast();
  const queryClient = useQueryClient();
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const [error, setError] = useState<string | null>(null);
  const importZip = useMutation(trpc.authoring.import.mutationOptions());

  async function onFile(file: File | undefined) {
    if (!file) return;
    setError(null);
    try {
      const created = await importZip.mutateAsync({ zipBase64: await fileToBase64(file) });
      await queryClient.invalidateQueries(trpc.authoring.list.pathFilter());
      toast(
        `Imported “${created.slug}” with ${created.tests} test${created.tests === 1 ? '' : 's'}${created.renamed ? ' (the slug was taken, so it got a suffix)' : ''}.`,
      );
      router.push(`/admin/problems/${created.id}`);
    } catch (err) {
      setError(describeError(err, []).message);
    } finally {
      if (inputRef.current) inputRef.current.value = '';
    }
  }

  return (
    <div className={styles.actions}>
      <label htmlFor={inputId} className="visually-hidden">
        Problem package (.zip)
      </label>
      <input
        ref={inputRef}
        id={inputId}
        type="file"
        accept=".zip,application/zip"
        hidden
        onChange={(e) => onFile(e.currentTarget.files?.[0])}
      />
      <Button
        variant="secondary"
        pending={importZip.isPending}
        pendingLabel="Importing…"
        onClick={() => inputRef.current?.click()}
      >
        Import zip
      </Button>
      {error && <Alert title="That zip couldn’t be imported">{error}</Alert>}
    </div>
  );
}
