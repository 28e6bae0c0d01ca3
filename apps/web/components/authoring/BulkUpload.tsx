'use client';

import { MAX_TESTS_PER_PROBLEM } from '@roguelearn/api/schemas';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { Field } from '@/components/ui/Field';
import { useToast } from '@/components/ui/Toast';
import { describeError } from '@/lib/forms';
import { useTRPC } from '@/lib/trpc';
import styles from './authoring.module.css';
import { type BulkTest, pairFiles, parsePasted } from './bulk';
import { useRefreshProblem } from './hooks';
import type { AuthoredProblem } from './labels';

const PASTE_EXAMPLE = '1 2\n---\n3\n===\n10 -4\n---\n6\n';

/** Many tests at once: a folder's .in/.out files, or a pasted list. */
export function BulkUpload({ problem }: { problem: AuthoredProblem }) {
  const trpc = useTRPC();
  const toast = useToast();
  const refresh = useRefreshProblem(problem.id);
  const bulk = useMutation(trpc.authoring.tests.bulk.mutationOptions());
  const [source, setSource] = useState<'files' | 'paste'>('files');
  const [fromFiles, setFromFiles] = useState<{ tests: BulkTest[]; unmatched: string[] } | null>(null);
  const [pasted, setPasted] = useState('');
  const [sample, setSample] = useState(false);
  const [group, setGroup] = useState('');
  const [mode, setMode] = useState<'append' | 'replace'>('append');
  const [error, setError] = useState<string | null>(null);

  const parsed = source === 'paste' ? parsePasted(pasted) : { tests: fromFiles?.tests ?? [], error: null };
  const count = parsed.tests.length;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (parsed.error) return setError(parsed.error);
    if (count === 0)
      return setError(source === 'files' ? 'Choose some .in and .out files first.' : 'Paste some tests first.');
    try {
      const r = await bulk.mutateAsync({
        problemId: problem.id,
        mode,
        tests: parsed.tests.map((t) => ({
          input: t.input,
          output: t.output,
          sample,
          weight: 1,
          explanation: null,
          group: group.trim() || null,
        })),
      });
      await refresh();
      setPasted('');
      setFromFiles(null);
      toast(
        `Added ${r.added} test${r.added === 1 ? '' : 's'}; the problem has ${r.total} now.${r.createdGroups.length ? ` New group: ${r.createdGroups.join(', ')}.` : ''}`,
      );
    } catch (err) {
      setError(describeError(err, []).message);
    }
  }

  return (
    <Card title="Upload many tests" id="bulk">
      <form className={styles.form} onSubmit={submit}>
        <fieldset className={styles.fieldset}>
          <legend>From</legend>
          <label className={styles.radio}>
            <input type="radio" name="source" checked={source === 'files'} onChange={() => setSource('files')} />
            Files: pairs like <code>01.in</code> and <code>01.out</code> (or <code>.ans</code>)
          </label>
          <label className={styles.radio}>
            <input type="radio" name="source" checked={source === 'paste'} onChange={() => setSource('paste')} />
            Pasted text
          </label>
        </fieldset>
        {source === 'files' ? (
          <Field
            name="files"
            label="Test files"
            hint="Select every .in and .out file at once; they are matched by name and taken in natural order."
          >
            {(p) => (
              <div className={styles.fileDrop}>
                <input
                  {...p}
                  type="file"
                  multiple
                  accept=".in,.out,.ans,text/plain"
                  onChange={async (e) => setFromFiles(await pairFiles([...(e.currentTarget.files ?? [])]))}
                />
              </div>
            )}
          </Field>
        ) : (
          <Field
            name="pasted"
            label="Tests"
            hint="Each test’s input, a line “---”, then its expected output; tests are separated by a line “===”."
            error={parsed.error ?? undefined}
          >
            {(p) => (
              <textarea
                {...p}
                className={styles.mono}
                rows={10}
                spellCheck={false}
                placeholder={PASTE_EXAMPLE}
                value={pasted}
                onChange={(e) => setPasted(e.target.value)}
              />
            )}
          </Field>
        )}
        <p role="status" className={styles.small}>
          {count > 0 && `${count} test${count === 1 ? '' : 's'} ready to upload.`}
          {fromFiles &&
            fromFiles.unmatched.length > 0 &&
            ` Skipped (no matching pair): ${fromFiles.unmatched.join(', ')}.`}
        </p>
        <div className={styles.grid}>
          <label className={styles.radio}>
            <input type="checkbox" checked={sample} onChange={(e) => setSample(e.target.checked)} />
            Mark them as samples
          </label>
          <Field name="group" label="Group (optional)" hint="Created with 100 points if it doesn’t exist.">
            {(p) => <input {...p} value={group} maxLength={60} onChange={(e) => setGroup(e.target.value)} />}
          </Field>
          <Field name="mode" label="Existing tests">
            {(p) => (
              <select {...p} value={mode} onChange={(e) => setMode(e.target.value as 'append' | 'replace')}>
                <option value="append">Keep them; add these after</option>
                <option value="replace">Replace them with these</option>
              </select>
            )}
          </Field>
        </div>
        <p className={`${styles.muted} ${styles.small}`}>
          At most 500 tests per upload and {MAX_TESTS_PER_PROBLEM.toLocaleString('en')} per problem.
        </p>
        {error && <Alert>{error}</Alert>}
        <div className={styles.actions}>
          <Button type="submit" pending={bulk.isPending} pendingLabel="Uploading…">
            Upload {count > 0 ? `${count} test${count === 1 ? '' : 's'}` : 'tests'}
          </Button>
        </div>
      </form>
    </Card>
  );
}
