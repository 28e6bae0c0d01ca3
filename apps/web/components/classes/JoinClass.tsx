'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { RequireSession } from '@/components/session/RequireSession';
import { Alert } from '@/components/ui/Alert';
import { Button, ButtonLink } from '@/components/ui/Button';
import { Panel } from '@/components/ui/Panel';
import { PageLoading } from '@/components/ui/Spinner';
import { useToast } from '@/components/ui/Toast';
import { useTRPC } from '@/lib/trpc';

function JoinPanel({ code }: { code: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const toast = useToast();
  const queryClient = useQueryClient();
  const preview = useQuery(trpc.classes.preview.queryOptions({ code }, { retry: false }));
  // A new student starts on the class's skill tree when it has one; otherwise on the dashboard.
  const home = preview.data?.trees ? '/skill-tree' : '/dashboard';
  const join = useMutation(
    trpc.classes.join.mutationOptions({
      onSuccess: async (c) => {
        // Trees, contests and quests now include the class's: nothing cached may hide them.
        await queryClient.invalidateQueries();
        toast(`Welcome to ${c.name}`);
        router.push(home);
      },
    }),
  );

  if (preview.isPending) return <PageLoading label="Opening the invite link…" />;
  if (preview.isError) {
    return preview.error.data?.code === 'NOT_FOUND' || preview.error.data?.code === 'BAD_REQUEST' ? (
      <Panel
        title="This invite link doesn’t work"
        icon="✉"
        actions={<ButtonLink href="/dashboard">Your dashboard</ButtonLink>}
      >
        <p>
          The code may be mistyped, the class may be archived, or your instructor replaced the link with a new one. Ask
          them for the current link.
        </p>
      </Panel>
    ) : (
      <Alert title="We couldn’t open the invite link">
        <p>{preview.error.message}</p>
        <Button variant="secondary" onClick={() => preview.refetch()}>
          Try again
        </Button>
      </Alert>
    );
  }

  const c = preview.data;
  const summary = (
    <p>
      <strong>{c.code}</strong> · taught by {c.instructor} · {c.students} student{c.students === 1 ? '' : 's'}
    </p>
  );
  if (c.relation === 'teaching') {
    return (
      <Panel
        title={`You teach ${c.name}`}
        icon="♜"
        actions={<ButtonLink href={`/admin/classes/${c.id}`}>Open the class</ButtonLink>}
      >
        {summary}
        <p>This is the link your students join with.</p>
      </Panel>
    );
  }
  if (c.relation === 'enrolled') {
    return (
      <Panel title={`You’re in ${c.name}`} icon="♜" actions={<ButtonLink href={home}>Continue learning</ButtonLink>}>
        {summary}
      </Panel>
    );
  }
  return (
    <Panel
      title={`Join ${c.name}`}
      badge="Class invitation"
      icon="✉"
      actions={
        <Button pending={join.isPending} pendingLabel="Joining…" onClick={() => join.mutate({ code })}>
          Join class
        </Button>
      }
    >
      {summary}
      {c.description && <p>{c.description}</p>}
      <p>
        Your instructor will see your progress in the class: quests, skills, problems solved and when you were last
        active.
      </p>
      {join.error && <Alert>{join.error.message}</Alert>}
    </Panel>
  );
}

/** A class's invite link: anonymous visitors sign in first and come back here. */
export function JoinClass({ code }: { code: string }) {
  return <RequireSession>{() => <JoinPanel code={code} />}</RequireSession>;
}
