'use client';

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
import { useRefreshProblem } from './hooks';
import type { AuthoredProblem } from './labels';
import { MarkdownField } from './MarkdownField';

const MAX_HINTS = 5;
const tierNames = ['Nudge', 'Approach', 'Pseudo-code', 'Almost there', 'Last resort'];

export function ExtrasPanel({ problem }: { problem: AuthoredProblem }) {
  return (
    <>
      <HintsEditor problem={problem} />
      <EditorialEditor problem={problem} />
    </>
  );
}

type HintRow = { key: string; content: string; xpCost: number };
let nextKey = 0;

/** Hints unlock in order; each costs the student XP. */
function HintsEditor({ problem }: { problem: AuthoredProblem }) {
  const trpc = useTRPC();
  const toast = useToast();
  const refresh = useRefreshProblem(problem.id);
  const save = useMutation(trpc.authoring.hints.set.mutationOptions());
  const [rows, setRows] = useState<HintRow[]>(() => problem.hints.map((h) => ({ key: h.id, ...h })));
  const [error, setError] = useState<string | null>(null);
  const edit = (key: string, patch: Partial<HintRow>) =>
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      await save.mutateAsync({
        problemId: problem.id,
        hints: rows.map(({ content, xpCost }) => ({ content, xpCost })),
      });
      await refresh();
      toast('Hints saved.');
    } catch (err) {
      setError(describeError(err, []).message);
    }
  }

  return (
    <Card title="Hints" id="hints">
      <form className={styles.form} onSubmit={submit}>
        <p className={`${styles.muted} ${styles.small}`}>
          Students unlock them one at a time, from a gentle nudge to pseudo-code, paying XP for each.
        </p>
        {rows.length === 0 && <p className={styles.muted}>No hints yet.</p>}
        <ol className={styles.list}>
          {rows.map((r, i) => (
            <li key={r.key} className={styles.item}>
              <Field name={`hint-${i}`} label={`Hint ${i + 1}: ${tierNames[i]}`}>
                {(p) => (
                  <textarea
                    {...p}
                    rows={3}
                    value={r.content}
                    onChange={(e) => edit(r.key, { content: e.target.value })}
                  />
                )}
              </Field>
              <div className={styles.actions}>
                <label className={styles.radio}>
                  <input
                    type="number"
                    min={0}
                    max={100}
                    className={styles.narrow}
                    value={Number.isNaN(r.xpCost) ? '' : r.xpCost}
                    onChange={(e) => edit(r.key, { xpCost: e.target.valueAsNumber })}
                  />
                  XP to unlock hint {i + 1}
                </label>
                <Button variant="secondary" onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}>
                  Remove hint {i + 1}
                </Button>
              </div>
            </li>
          ))}
        </ol>
        {error && <Alert>{error}</Alert>}
        <div className={styles.actions}>
          {rows.length < MAX_HINTS && (
            <Button
              variant="secondary"
              onClick={() =>
                setRows((rs) => [...rs, { key: `new-${nextKey++}`, content: '', xpCost: 5 * (rs.length + 1) }])
              }
            >
              Add a hint
            </Button>
          )}
          <Button type="submit" pending={save.isPending} pendingLabel="Saving…">
            Save hints
          </Button>
        </div>
      </form>
    </Card>
  );
}

function EditorialEditor({ problem }: { problem: AuthoredProblem }) {
  const trpc = useTRPC();
  const toast = useToast();
  const refresh = useRefreshProblem(problem.id);
  const update = useMutation(trpc.authoring.update.mutationOptions());
  const [text, setText] = useState(problem.editorial ?? '');
  const [error, setError] = useState<string | undefined>();

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(undefined);
    try {
      await update.mutateAsync({ problemId: problem.id, editorial: text.trim() ? text : null });
      await refresh();
      toast('Editorial saved.');
    } catch (err) {
      setError(describeError(err, []).message ?? undefined);
    }
  }

  return (
    <Card title="Editorial" id="editorial">
      <form className={styles.form} onSubmit={submit}>
        <MarkdownField
          name="editorial"
          label="Editorial"
          hint="The intended solution, explained; kept with the problem and in its zip export."
          rows={12}
          value={text}
          error={error}
          onChange={setText}
        />
        <div className={styles.actions}>
          <Button type="submit" pending={update.isPending} pendingLabel="Saving…">
            Save editorial
          </Button>
        </div>
      </form>
    </Card>
  );
}
