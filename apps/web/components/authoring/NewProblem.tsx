'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { StaffOnly } from '@/components/learning/admin/StaffOnly';
import { useToast } from '@/components/ui/Toast';
import { useTRPC } from '@/lib/trpc';
import styles from './authoring.module.css';
import { blankDetails, DetailsForm } from './DetailsForm';

export function NewProblemPage() {
  const trpc = useTRPC();
  const router = useRouter();
  const toast = useToast();
  const queryClient = useQueryClient();
  const create = useMutation(trpc.authoring.create.mutationOptions());
  return (
    <StaffOnly>
      {() => (
        <div className={styles.page}>
          <header>
            <p>
              <Link href="/admin/problems">
                <span aria-hidden="true">←</span> Problems
              </Link>
            </p>
            <h1>New problem</h1>
            <p className={styles.muted}>
              It starts as a draft. Add tests and a reference solution next, verify, then publish.
            </p>
          </header>
          <DetailsForm
            initial={blankDetails}
            submitLabel="Create draft"
            pendingLabel="Creating…"
            onSubmit={async (details) => {
              const created = await create.mutateAsync(details);
              await queryClient.invalidateQueries(trpc.authoring.list.pathFilter());
              toast(`Draft “${details.title}” created. Add its tests next.`);
              router.push(`/admin/problems/${created.id}?tab=tests`);
            }}
          />
        </div>
      )}
    </StaffOnly>
  );
}
