'use client';

import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { useToast } from '@/components/ui/Toast';
import { describeError } from '@/lib/forms';
import { useTRPC } from '@/lib/trpc';
import styles from './authoring.module.css';
import { useRefreshProblem } from './hooks';
import type { AuthoredProblem } from './labels';

type Row = { key: string; id?: string; name: string; weight: number };
let nextKey = 0;

/** Subtask groups: a group's points go to a solution only if it passes every test in it. */
export function GroupsEditor({ problem }: { problem: AuthoredProblem }) {
  const trpc = useTRPC();
  const toast = useToast();
  const refresh = useRefreshProblem(problem.id);
  const save = useMutation(trpc.authoring.groups.save.mutationOptions());
  const [rows, setRows] = useState<Row[]>(() => problem.groups.map((g) => ({ key: g.id, ...g })));
  const [error, setError] = useState<string | null>(null);
  const edit = (key: string, patch: Partial<Row>) =>
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      const saved = await save.mutateAsync({
        problemId: problem.id,
        groups: rows.map(({ id, name, weight }) => ({ id, name, weight })),
      });
      setRows(saved.map((g) => ({ key: g.id, ...g })));
      await refresh();
      toast('Groups saved.');
    } catch (err) {
      setError(describeError(err, []).message);
    }
  }

  return (
    <Card title="Test groups" id="groups">
      <form className={styles.form} onSubmit={submit}>
        <p className={`${styles.muted} ${styles.small}`}>
          Without groups every test scores its own weight. Removing a group leaves its tests ungrouped.
        </p>
        {rows.length > 0 && (
          <ul className={styles.list}>
            {rows.map((r, i) => {
              const count = problem.groups.find((g) => g.id === r.id)?.testCount ?? 0;
              return (
                <li key={r.key} className={styles.solutionRow}>
                  <label>
                    <span className="visually-hidden">Group {i + 1} name</span>
                    <input value={r.name} maxLength={60} onChange={(e) => edit(r.key, { name: e.target.value })} />
                  </label>
                  <label className={styles.radio}>
                    <input
                      type="number"
                      min={0}
                      max={1000}
                      value={Number.isNaN(r.weight) ? '' : r.weight}
                      onChange={(e) => edit(r.key, { weight: e.target.valueAsNumber })}
                      aria-label={`Group ${i + 1} points`}
                    />
                    points
                  </label>
                  <span className={`${styles.muted} ${styles.small}`}>
                    {count} test{count === 1 ? '' : 's'}
                  </span>
                  <Button variant="secondary" onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}>
                    Remove<span className="visually-hidden"> group {r.name}</span>
                  </Button>
                </li>
              );
            })}
          </ul>
        )}
        {error && <Alert>{error}</Alert>}
        <div className={styles.actions}>
          <Button
            variant="secondary"
            onClick={() =>
              setRows((rs) => [...rs, { key: `new-${nextKey++}`, name: `Subtask ${rs.length + 1}`, weight: 100 }])
            }
          >
            Add a group
          </Button>
          <Button type="submit" pending={save.isPending} pendingLabel="Saving…">
            Save groups
          </Button>
        </div>
      </form>
    </Card>
  );
}
