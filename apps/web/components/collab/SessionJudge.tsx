'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { Language, SubmissionDetail } from '@/components/problems/labels';
import { verdictLabels } from '@/components/problems/labels';
import { RunResult } from '@/components/problems/RunResult';
import results from '@/components/problems/results.module.css';
import { SubmissionResult } from '@/components/problems/SubmissionResult';
import { useSubmissionWatch, type WatchTarget } from '@/components/problems/useSubmissionWatch';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { describeError } from '@/lib/forms';
import { useTRPC } from '@/lib/trpc';
import styles from './collab.module.css';

type Target = WatchTarget & { kind: 'run' | 'submit' };

export interface JudgeHandle {
  run(): void;
  submit(): void;
}

/** Run (custom input) and Submit of the shared code, recorded against the pair session. */
export function SessionJudge({
  sessionId,
  problem,
  language,
  getCode,
  handle,
  initialInput,
}: {
  sessionId: string;
  problem: { id: string; testCount: number } | null;
  language: Language['id'];
  getCode: () => string;
  handle: { current: JudgeHandle | null };
  initialInput: string;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [input, setInput] = useState(initialInput);
  const [target, setTarget] = useState<Target | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [actionError, setActionError] = useState<string | null>(null);
  const watched = useSubmissionWatch(target);
  const current: SubmissionDetail | undefined = watched.data?.id === target?.id ? watched.data : undefined;
  const runM = useMutation(trpc.submission.run.mutationOptions());
  const submitM = useMutation(trpc.submission.create.mutationOptions());
  const busy = runM.isPending || submitM.isPending || Boolean(target && current?.status !== 'DONE');

  async function start(kind: 'run' | 'submit') {
    if (busy) return;
    const code = getCode();
    if (!code.trim()) return setActionError('Write some code first.');
    if (kind === 'submit' && !problem) return;
    setActionError(null);
    try {
      const { id } =
        kind === 'run'
          ? await runM.mutateAsync({
              problemId: problem?.id,
              language,
              code,
              input,
              pairSessionId: sessionId,
            })
          : await submitM.mutateAsync({
              problemId: (problem as { id: string }).id,
              language,
              code,
              pairSessionId: sessionId,
            });
      setTarget({ id, kind, live: true });
      setAnnouncement(kind === 'run' ? 'Running the code…' : 'Submitted. Judging…');
    } catch (err) {
      setActionError(describeError(err, []).message);
    }
  }
  handle.current = { run: () => void start('run'), submit: () => void start('submit') };

  const finished = useRef<string | null>(null);
  useEffect(() => {
    if (current?.status !== 'DONE' || finished.current === current.id) return;
    finished.current = current.id;
    if (current.kind === 'RUN') {
      setAnnouncement(current.verdict ? `Run failed: ${verdictLabels[current.verdict]}.` : 'Run finished.');
    } else {
      setAnnouncement(
        `${current.verdict ? verdictLabels[current.verdict] : 'Judged'}. ${current.testsPassed} of ${current.testsTotal} tests passed.`,
      );
      void queryClient.invalidateQueries({ queryKey: trpc.match.pairSessions.get.pathKey() });
    }
  }, [current, queryClient, trpc]);

  return (
    <div className={styles.judge}>
      <div className={results.inputField}>
        <label htmlFor="session-input">Custom input</label>
        <textarea
          id="session-input"
          value={input}
          onChange={(e) => setInput(e.target.value)}
          rows={3}
          spellCheck={false}
          className={results.mono}
        />
      </div>
      <div className={results.actions}>
        <Button variant="secondary" onClick={() => void start('run')} pending={runM.isPending} disabled={busy}>
          Run
        </Button>
        {problem && (
          <Button onClick={() => void start('submit')} pending={submitM.isPending} disabled={busy}>
            Submit
          </Button>
        )}
      </div>
      {actionError && <Alert>{actionError}</Alert>}
      <div className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </div>
      {target && (
        <section className={results.panel} aria-label={target.kind === 'run' ? 'Run result' : 'Submission result'}>
          {watched.error && !current ? (
            <Alert title="We couldn't load this result">{watched.error.message}</Alert>
          ) : !current ? (
            <p className={styles.muted}>Loading…</p>
          ) : current.kind === 'RUN' ? (
            <RunResult run={current} />
          ) : (
            <SubmissionResult submission={current} testCount={problem?.testCount ?? 0} />
          )}
        </section>
      )}
    </div>
  );
}
