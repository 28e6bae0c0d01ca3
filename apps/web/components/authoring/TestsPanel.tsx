'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { ConfirmButton } from '@/components/social/ConfirmButton';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { CheckboxField, Field } from '@/components/ui/Field';
import { PageLoading } from '@/components/ui/Spinner';
import { useToast } from '@/components/ui/Toast';
import { describeError } from '@/lib/forms';
import { useTRPC } from '@/lib/trpc';
import styles from './authoring.module.css';
import { BulkUpload } from './BulkUpload';
import { GroupsEditor } from './GroupsEditor';
import { useRefreshProblem } from './hooks';
import type { AuthoredProblem, AuthoredTest } from './labels';

export function TestsPanel({ problem }: { problem: AuthoredProblem }) {
  const refresh = useRefreshProblem(problem.id);
  const trpc = useTRPC();
  const toast = useToast();
  const remove = useMutation(trpc.authoring.tests.delete.mutationOptions());
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const groupName = new Map(problem.groups.map((g) => [g.id, g.name]));

  return (
    <>
      <Card
        title="Tests"
        id="tests"
        action={
          editing !== 'new' && (
            <Button variant="secondary" onClick={() => setEditing('new')}>
              Add a test
            </Button>
          )
        }
      >
        <p className={`${styles.muted} ${styles.small}`}>
          Tests run in this order. Samples are shown to students as the problem’s examples; the others stay hidden.
        </p>
        {editing === 'new' && <TestForm problem={problem} onDone={() => setEditing(null)} />}
        {problem.tests.length === 0 ? (
          <p className={styles.muted}>No tests yet. Add one, or upload many at once below.</p>
        ) : (
          <div className={styles.tableWrap}>
            <table className={styles.table}>
              <caption className="visually-hidden">Tests in judging order</caption>
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Group</th>
                  <th scope="col" className={styles.num}>
                    Weight
                  </th>
                  <th scope="col">Input</th>
                  <th scope="col">Expected output</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {problem.tests.map((t, i) =>
                  editing === t.id ? (
                    <tr key={t.id}>
                      <td colSpan={7}>
                        <TestForm problem={problem} test={t} number={i + 1} onDone={() => setEditing(null)} />
                      </td>
                    </tr>
                  ) : (
                    <tr key={t.id}>
                      <th scope="row">{i + 1}</th>
                      <td>{t.sample ? 'Sample' : 'Hidden'}</td>
                      <td>{t.groupId ? groupName.get(t.groupId) : <span className={styles.muted}>—</span>}</td>
                      <td className={styles.num}>{t.groupId ? '—' : t.weight}</td>
                      <td>
                        <Snippet text={t.input} />
                      </td>
                      <td>
                        <Snippet text={t.output} />
                      </td>
                      <td>
                        <div className={styles.rowActions}>
                          <Button variant="secondary" onClick={() => setEditing(t.id)}>
                            Edit<span className="visually-hidden"> test {i + 1}</span>
                          </Button>
                          <ConfirmButton
                            label={`Delete test ${i + 1}`}
                            title={`Delete test ${i + 1}?`}
                            confirmLabel="Delete test"
                            onConfirm={async () => {
                              await remove.mutateAsync({ testId: t.id });
                              await refresh();
                              toast(`Test ${i + 1} deleted.`);
                            }}
                          >
                            <p>
                              Its input and expected output are removed. Verify the reference solutions again
                              afterwards.
                            </p>
                          </ConfirmButton>
                        </div>
                      </td>
                    </tr>
                  ),
                )}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      <BulkUpload problem={problem} />
      <GroupsEditor key={problem.groups.map((g) => g.id).join()} problem={problem} />
    </>
  );
}

function Snippet({ text }: { text: AuthoredTest['input'] }) {
  return (
    <>
      <pre className={styles.snippet}>{text.preview || '(empty)'}</pre>
      {(text.truncated || text.preview.split('\n').length > 4) && (
        <span className={`${styles.muted} ${styles.small}`}>{text.length.toLocaleString('en')} characters</span>
      )}
    </>
  );
}

/** Adds a test, or edits one (reading its full text first when the list only previews it). */
function TestForm({
  problem,
  test,
  number,
  onDone,
}: {
  problem: AuthoredProblem;
  test?: AuthoredTest;
  number?: number;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const needsFull = !!test && (test.input.truncated || test.output.truncated);
  const full = useQuery(trpc.authoring.tests.get.queryOptions({ testId: test?.id ?? '' }, { enabled: needsFull }));
  if (needsFull && full.isPending) return <PageLoading label="Loading the test…" />;
  if (needsFull && full.isError) return <Alert>{full.error.message}</Alert>;
  return (
    <TestFormFields
      problem={problem}
      test={test}
      number={number}
      initial={{
        input: full.data?.input ?? test?.input.preview ?? '',
        output: full.data?.output ?? test?.output.preview ?? '',
      }}
      onDone={onDone}
    />
  );
}

function TestFormFields({
  problem,
  test,
  number,
  initial,
  onDone,
}: {
  problem: AuthoredProblem;
  test?: AuthoredTest;
  number?: number;
  initial: { input: string; output: string };
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const toast = useToast();
  const refresh = useRefreshProblem(problem.id);
  const headingId = useId();
  const add = useMutation(trpc.authoring.tests.add.mutationOptions());
  const update = useMutation(trpc.authoring.tests.update.mutationOptions());
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const values = {
      input: String(f.get('input') ?? ''),
      output: String(f.get('output') ?? ''),
      sample: f.get('sample') === 'on',
      weight: Number(f.get('weight') ?? 1),
      explanation: String(f.get('explanation') ?? '').trim() || null,
      groupId: String(f.get('groupId') ?? '') || null,
    };
    setError(null);
    try {
      if (test) await update.mutateAsync({ testId: test.id, ...values });
      else await add.mutateAsync({ problemId: problem.id, ...values });
      await refresh();
      toast(test ? `Test ${number} saved.` : 'Test added.');
      onDone();
    } catch (err) {
      setError(describeError(err, []).message);
    }
  }

  return (
    <form className={`${styles.form} ${styles.item}`} onSubmit={submit} aria-labelledby={headingId}>
      <h3 id={headingId} className={styles.h3}>
        {test ? `Edit test ${number}` : 'New test'}
      </h3>
      <div className={styles.split}>
        <Field name="input" label="Input">
          {(p) => <textarea {...p} className={styles.mono} rows={6} defaultValue={initial.input} spellCheck={false} />}
        </Field>
        <Field name="output" label="Expected output">
          {(p) => <textarea {...p} className={styles.mono} rows={6} defaultValue={initial.output} spellCheck={false} />}
        </Field>
      </div>
      <div className={styles.grid}>
        <CheckboxField
          name="sample"
          label="Sample"
          hint="Shown to students as an example."
          defaultChecked={test?.sample ?? false}
        />
        <Field name="groupId" label="Group" hint="Grouped tests score together, all or nothing.">
          {(p) => (
            <select {...p} defaultValue={test?.groupId ?? ''}>
              <option value="">No group</option>
              {problem.groups.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name} ({g.weight} points)
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="weight" label="Weight" hint="Points for an ungrouped test.">
          {(p) => <input {...p} type="number" min={0} max={1000} defaultValue={test?.weight ?? 1} />}
        </Field>
      </div>
      <Field name="explanation" label="Explanation (optional, Markdown)" hint="Shown under a sample.">
        {(p) => <textarea {...p} rows={2} defaultValue={test?.explanation ?? ''} />}
      </Field>
      {error && <Alert>{error}</Alert>}
      <div className={styles.actions}>
        <Button type="submit" pending={add.isPending || update.isPending} pendingLabel="Saving…">
          {test ? 'Save test' : 'Add test'}
        </Button>
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
