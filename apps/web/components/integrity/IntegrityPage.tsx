'use client';

import { runIntegrityInput } from '@roguelearn/api/schemas';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { type FormEvent, useDeferredValue, useState } from 'react';
import { StaffOnly } from '@/components/learning/admin/StaffOnly';
import { formatWhen } from '@/components/problems/labels';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { Field } from '@/components/ui/Field';
import { PageLoading } from '@/components/ui/Spinner';
import { useToast } from '@/components/ui/Toast';
import { useSchemaForm } from '@/lib/forms';
import { useTRPC } from '@/lib/trpc';
import styles from './integrity.module.css';
import { NoAutomaticPunishment } from './shared';

function ProblemPicker({ error }: { error?: string }) {
  const trpc = useTRPC();
  const [search, setSearch] = useState('');
  const query = useDeferredValue(search.trim());
  const problems = useQuery(
    trpc.problem.list.queryOptions({ search: query || undefined, pageSize: 50 }, { placeholderData: keepPreviousData }),
  );
  const items = problems.data?.items ?? [];
  return (
    <>
      <Field name="problemSearch" label="Find a problem" hint="By title or tag.">
        {(props) => <input {...props} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />}
      </Field>
      <Field name="problemId" label="Problem" error={error}>
        {(props) => (
          <select {...props} key={items[0]?.id ?? 'none'} defaultValue={items[0]?.id ?? ''} required>
            {items.length === 0 && <option value="">{problems.isPending ? 'Loading…' : 'No problem matches'}</option>}
            {items.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </select>
        )}
      </Field>
    </>
  );
}

function ContestPicker({ error }: { error?: string }) {
  const trpc = useTRPC();
  const contests = useQuery(trpc.contest.list.queryOptions({ when: 'past', pageSize: 100 }));
  const items = contests.data?.items ?? [];
  return (
    <Field
      name="contestId"
      label="Contest"
      hint="Finished contests, newest first. Only submissions made during the contest are compared."
      error={error}
    >
      {(props) => (
        <select {...props} key={items.length} defaultValue={items[0]?.id ?? ''} required>
          {items.length === 0 && <option value="">{contests.isPending ? 'Loading…' : 'No finished contests'}</option>}
          {items.map((c) => (
            <option key={c.id} value={c.id}>
              {c.title}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function RunCheck() {
  const trpc = useTRPC();
  const router = useRouter();
  const toast = useToast();
  const queryClient = useQueryClient();
  const classes = useQuery(trpc.classes.mine.queryOptions());
  const [scope, setScope] = useState<'problem' | 'contest'>('problem');
  const form = useSchemaForm(runIntegrityInput);
  const run = useMutation(
    trpc.integrity.run.mutationOptions({
      onSuccess: (r) => {
        toast(
          `Compared ${r.compared} submission${r.compared === 1 ? '' : 's'}: ${r.flagged} pair${r.flagged === 1 ? '' : 's'} flagged`,
        );
        void queryClient.invalidateQueries({ queryKey: trpc.integrity.reports.queryKey() });
        router.push(`/admin/integrity/${r.reportId}`);
      },
      onError: form.fail,
    }),
  );

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const values = new FormData(e.currentTarget);
    const field = (name: string) => (values.get(name) as string | null) || undefined;
    const threshold = Number(field('threshold') ?? 70) / 100;
    const data = form.check(
      scope === 'problem'
        ? { problemId: field('problemId') ?? '', classId: field('classId'), threshold }
        : { contestId: field('contestId') ?? '', threshold },
    );
    if (data) run.mutate(data);
  };

  return (
    <Card title="Run a check" id="run-check">
      <form ref={form.formRef} className={styles.form} onSubmit={onSubmit} noValidate>
        {form.formError && <Alert>{form.formError}</Alert>}
        <fieldset className={styles.scope}>
          <legend>Compare the accepted submissions of</legend>
          <label>
            <input type="radio" name="scope" checked={scope === 'problem'} onChange={() => setScope('problem')} />a
            problem
          </label>
          <label>
            <input type="radio" name="scope" checked={scope === 'contest'} onChange={() => setScope('contest')} />a
            contest
          </label>
        </fieldset>
        {scope === 'problem' ? (
          <>
            <ProblemPicker error={form.errors.problemId} />
            <Field
              name="classId"
              label="Students"
              hint="Problems you wrote can be compared across everyone; otherwise your classes’ students are compared."
              error={form.errors.classId}
            >
              {(props) => (
                <select {...props} defaultValue="">
                  <option value="">Everyone I may compare</option>
                  {(classes.data ?? []).map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.code}: {c.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </>
        ) : (
          <ContestPicker error={form.errors.contestId} />
        )}
        <Field
          name="threshold"
          label="Flag pairs at or above (% similar)"
          hint="70% catches renamed copies while letting most independent solutions through."
          error={form.errors.threshold}
        >
          {(props) => <input {...props} type="number" min={0} max={100} step={5} defaultValue={70} />}
        </Field>
        <div>
          <Button type="submit" pending={run.isPending} pendingLabel="Comparing…">
            Run check
          </Button>
        </div>
      </form>
    </Card>
  );
}

const PAGE_SIZE = 20;

function Reports() {
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const reports = useQuery(
    trpc.integrity.reports.queryOptions({ page, pageSize: PAGE_SIZE }, { placeholderData: keepPreviousData }),
  );

  return (
    <Card title="Reports" id="reports">
      {reports.isPending ? (
        <PageLoading label="Loading reports…" />
      ) : reports.isError ? (
        <Alert>{reports.error.message}</Alert>
      ) : reports.data.items.length === 0 ? (
        <p className={styles.muted}>
          No reports yet. Run a check on a problem or a contest to compare its submissions.
        </p>
      ) : (
        <>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: keyboard users must be able to scroll the table sideways */}
          <section className={styles.tableWrap} aria-label="Reports table" tabIndex={0}>
            <table className={styles.table}>
              <thead>
                <tr>
                  <th scope="col">Checked</th>
                  <th scope="col">Run</th>
                  <th scope="col">Status</th>
                  <th scope="col">Flagged pairs</th>
                </tr>
              </thead>
              <tbody>
                {reports.data.items.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">
                      <Link href={`/admin/integrity/${r.id}`}>
                        {r.problem ? r.problem.title : r.contest ? `Contest: ${r.contest.title}` : 'Deleted'}
                      </Link>
                    </th>
                    <td>
                      <time dateTime={r.createdAt.toISOString()}>{formatWhen(r.createdAt)}</time>
                      <span className={styles.muted}>
                        {' '}
                        by {r.createdBy?.displayName ?? 'a deleted user'} · ≥ {Math.round(r.threshold * 100)}%
                      </span>
                    </td>
                    <td>
                      <span className={`${styles.badge} ${styles[r.status]}`}>{r.status.toLowerCase()}</span>
                    </td>
                    <td>
                      {r.pairs === 0 ? (
                        <span className={styles.muted}>none</span>
                      ) : (
                        <>
                          {r.pairs}
                          <span className={styles.muted}>
                            {' '}
                            · {r.pending} to review · {r.confirmed} confirmed · {r.cleared} cleared
                          </span>
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          {reports.data.total > PAGE_SIZE && (
            <nav aria-label="Report pages" className={styles.row}>
              <Button variant="secondary" disabled={page <= 1} onClick={() => setPage(page - 1)}>
                Newer
              </Button>
              <span>
                Page {page} of {Math.ceil(reports.data.total / PAGE_SIZE)}
              </span>
              <Button
                variant="secondary"
                disabled={page * PAGE_SIZE >= reports.data.total}
                onClick={() => setPage(page + 1)}
              >
                Older
              </Button>
            </nav>
          )}
        </>
      )}
    </Card>
  );
}

export function IntegrityPage() {
  return (
    <StaffOnly>
      {() => (
        <div className={styles.page}>
          <header>
            <h1>Academic integrity</h1>
            <p className={styles.muted}>
              Compare accepted submissions for near-identical code. Renaming variables, reformatting or adding comments
              doesn’t hide a copy; the problem’s starter code counts for nobody.
            </p>
          </header>
          <NoAutomaticPunishment />
          <div className={styles.grid}>
            <RunCheck />
            <Reports />
          </div>
        </div>
      )}
    </StaffOnly>
  );
}
