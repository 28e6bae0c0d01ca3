'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState } from 'react';
import { ConfirmButton } from '@/components/social/ConfirmButton';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Spinner } from '@/components/ui/Spinner';
import { useToast } from '@/components/ui/Toast';
import { downloadFile } from '@/lib/download';
import { describeError } from '@/lib/forms';
import { useTRPC } from '@/lib/trpc';
import styles from './authoring.module.css';
import { useRefreshProblem, useVerification } from './hooks';
import { type AuthoredProblem, solutionStateLabels, type Verification } from './labels';

export function SolutionState({ s }: { s: Verification['solutions'][number] }) {
  const tone = s.state === 'passed' ? styles.passed : s.state === 'failed' ? styles.failed : styles.muted;
  return (
    <span className={`${styles.verdict} ${tone}`}>
      {s.state === 'pending' && <Spinner />}
      {solutionStateLabels[s.state]}
      {s.state === 'failed' && s.verdict && ` (${s.verdict})`}
      {s.testsTotal !== null && ` · ${s.testsPassed}/${s.testsTotal} tests`}
    </span>
  );
}

/**
 * Verification and the problem's lifecycle. Publishing waits until every reference solution
 * passes the current tests; the button says why it can't yet, and the server's refusal (if the
 * state changed meanwhile) shows too.
 */
export function PublishBar({ problem }: { problem: AuthoredProblem }) {
  const trpc = useTRPC();
  const router = useRouter();
  const toast = useToast();
  const queryClient = useQueryClient();
  const refresh = useRefreshProblem(problem.id);
  const reasonId = useId();
  const [error, setError] = useState<string | null>(null);
  const verification = useVerification(problem);
  const v = verification.data;
  const judging = v.solutions.some((s) => s.state === 'pending');

  // When the judge finishes, the problem's cached verifiedAt columns changed: read them again.
  const wasJudging = useRef(judging);
  useEffect(() => {
    if (wasJudging.current && !judging) {
      refresh();
      toast(
        v.ready ? 'Every reference solution passed. The problem can be published.' : 'Verification finished.',
        'info',
      );
    }
    wasJudging.current = judging;
  }, [judging, v.ready, refresh, toast]);

  const run = (fn: () => Promise<unknown>, done: string) => async () => {
    setError(null);
    try {
      await fn();
      await refresh();
      toast(done);
    } catch (err) {
      setError(describeError(err, []).message);
    }
  };
  const verify = useMutation(trpc.authoring.verify.mutationOptions());
  const publish = useMutation(trpc.authoring.publish.mutationOptions());
  const unpublish = useMutation(trpc.authoring.unpublish.mutationOptions());
  const archive = useMutation(trpc.authoring.archive.mutationOptions());
  const remove = useMutation(trpc.authoring.delete.mutationOptions());
  const [exporting, setExporting] = useState(false);
  const id = { problemId: problem.id };

  async function startVerify() {
    setError(null);
    try {
      const status = await verify.mutateAsync(id);
      queryClient.setQueryData(trpc.authoring.verification.queryKey(id), status);
      wasJudging.current = true;
    } catch (err) {
      setError(describeError(err, []).message);
    }
  }

  async function exportZip() {
    setError(null);
    setExporting(true);
    try {
      const zip = await queryClient.fetchQuery({ ...trpc.authoring.export.queryOptions(id), staleTime: 0 });
      downloadFile(zip.filename, zip.contentType, zip.zipBase64, 'base64');
    } catch (err) {
      setError(describeError(err, []).message);
    } finally {
      setExporting(false);
    }
  }

  return (
    <section className={styles.publishBar} aria-labelledby="publish-title">
      <div className={styles.itemHead}>
        <h2 id="publish-title" className={styles.h3}>
          Verification &amp; publishing
        </h2>
        <div className={styles.actions}>
          <Button variant="secondary" pending={exporting} pendingLabel="Exporting…" onClick={exportZip}>
            Export zip
          </Button>
          {problem.status !== 'ARCHIVED' && (
            <ConfirmButton
              label="Archive"
              title={`Archive “${problem.title}”?`}
              confirmLabel="Archive"
              onConfirm={() =>
                archive.mutateAsync(id).then(async () => {
                  await refresh();
                  toast('Archived. Students no longer see it; their submissions are kept.');
                })
              }
            >
              <p>Students will no longer see it in the catalogue. Their submissions and solves are kept.</p>
            </ConfirmButton>
          )}
          <ConfirmButton
            label="Delete"
            title={`Delete “${problem.title}”?`}
            confirmLabel="Delete for good"
            onConfirm={async () => {
              await remove.mutateAsync(id);
              await queryClient.invalidateQueries(trpc.authoring.list.pathFilter());
              toast(`Deleted “${problem.title}”.`);
              router.push('/admin/problems');
            }}
          >
            <p>
              The problem, its tests and solutions are removed. A problem students have submitted to can only be
              archived.
            </p>
          </ConfirmButton>
        </div>
      </div>

      {v.solutions.length > 0 && (
        <ul className={styles.list} aria-label="Reference solutions">
          {v.solutions.map((s) => (
            <li key={s.solutionId} className={styles.solutionRow}>
              <span className={styles.mono}>{s.language}</span> <SolutionState s={s} />
            </li>
          ))}
        </ul>
      )}

      <div className={styles.actions}>
        <Button
          variant="secondary"
          pending={verify.isPending || judging}
          pendingLabel={judging ? 'Judging…' : 'Queuing…'}
          onClick={startVerify}
        >
          Verify
        </Button>
        {problem.status === 'PUBLISHED' ? (
          <Button
            variant="secondary"
            pending={unpublish.isPending}
            onClick={run(() => unpublish.mutateAsync(id), 'Back to draft: students no longer see it.')}
          >
            Unpublish
          </Button>
        ) : (
          <Button
            pending={publish.isPending}
            disabled={!v.ready || judging}
            aria-describedby={v.ready ? undefined : reasonId}
            onClick={run(() => publish.mutateAsync(id), 'Published: students can solve it now.')}
          >
            Publish
          </Button>
        )}
      </div>
      {problem.status !== 'PUBLISHED' &&
        (v.ready ? (
          <p className={`${styles.passed} ${styles.small}`}>
            Every reference solution passes the current {v.tests} test{v.tests === 1 ? '' : 's'}.
          </p>
        ) : (
          <div id={reasonId} className={styles.small}>
            <p className={styles.reasonTitle}>Publishing needs every reference solution to pass the current tests:</p>
            <ul className={styles.blockers}>
              {v.blockers.map((b) => (
                <li key={b}>{b}</li>
              ))}
            </ul>
          </div>
        ))}
      {error && <Alert>{error}</Alert>}
    </section>
  );
}
