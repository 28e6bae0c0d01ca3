'use client';

import { useQuery } from '@tanstack/react-query';
import { RequireSession } from '@/components/session/RequireSession';
import { Alert } from '@/components/ui/Alert';
import { PageLoading } from '@/components/ui/Spinner';
import { useTRPC } from '@/lib/trpc';
import { ContestForm } from './ContestForm';

/** The contest form for staff only; with a slug, editing that contest; `eventId` preselects the event. */
export function ContestEditor({ slug, eventId }: { slug?: string; eventId?: string }) {
  return (
    <RequireSession>
      {(user) =>
        user.role === 'STUDENT' ? (
          <Alert title="Instructors only">Only instructors can create and edit contests.</Alert>
        ) : slug ? (
          <EditExisting slug={slug} />
        ) : (
          <ContestForm defaultEventId={eventId} />
        )
      }
    </RequireSession>
  );
}

function EditExisting({ slug }: { slug: string }) {
  const trpc = useTRPC();
  const contest = useQuery(trpc.contest.get.queryOptions({ slug }));
  if (contest.isPending) return <PageLoading label="Loading the contest…" />;
  if (contest.isError) return <Alert title="We couldn't load this contest">{contest.error.message}</Alert>;
  if (!contest.data.canEdit)
    return <Alert title="Not yours">Only the contest’s author or an administrator can edit it.</Alert>;
  return <ContestForm contest={contest.data} />;
}
