'use client';

import type { analyticsReports } from '@roguelearn/api/schemas';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { type ReactNode, useId, useState } from 'react';
import adminStyles from '@/components/admin/admin.module.css';
import { StaffOnly } from '@/components/learning/admin/StaffOnly';
import { DifficultyBadge } from '@/components/problems/Badges';
import { formatWhen } from '@/components/problems/labels';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { PageLoading } from '@/components/ui/Spinner';
import { downloadFile } from '@/lib/download';
import { describeError } from '@/lib/forms';
import { useTRPC } from '@/lib/trpc';
import type { RouterOutputs } from '@/lib/types';
import styles from './analytics.module.css';
import { formatDay, LineChart, Meter, StackedBarChart } from './charts';

type Filter = { classId?: string; from: string; to: string; timeZone: string };
type Report = (typeof analyticsReports)[number];
type Preset = 7 | 30 | 90 | 'custom';
const presets = [7, 30, 90] as const;

const verdictSeries = [
  { key: 'AC', label: 'Accepted' },
  { key: 'WA', label: 'Wrong answer' },
  { key: 'TLE', label: 'Time limit' },
  { key: 'RE', label: 'Runtime error' },
  { key: 'CE', label: 'Compile error' },
  { key: 'OTHER', label: 'Other' },
] as const;
type VerdictGroup = (typeof verdictSeries)[number]['key'];

const percent = (share: number) => `${Math.round(share * 100)}%`;
const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

function dayIn(timeZone: string, offsetDays = 0): string {
  const d = new Date(Date.now() + offsetDays * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

export function AnalyticsPage() {
  return <StaffOnly>{(user) => <AnalyticsDashboard isAdmin={user.role === 'ADMIN'} />}</StaffOnly>;
}

function AnalyticsDashboard({ isAdmin }: { isAdmin: boolean }) {
  const trpc = useTRPC();
  const [timeZone] = useState(() => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
  const [preset, setPreset] = useState<Preset>(30);
  const [custom, setCustom] = useState(() => ({ from: dayIn(timeZone, -29), to: dayIn(timeZone) }));
  const [classId, setClassId] = useState('');
  const classes = useQuery(trpc.classes.mine.queryOptions({ includeArchived: false, all: isAdmin }));
  const ids = { from: useId(), to: useId(), cls: useId(), presets: useId() };

  const customError =
    preset !== 'custom'
      ? null
      : !custom.from || !custom.to
        ? 'Pick both dates.'
        : custom.from > custom.to
          ? 'The range ends before it starts.'
          : null;
  const range = preset === 'custom' ? custom : { from: dayIn(timeZone, -(preset - 1)), to: dayIn(timeZone) };
  const filter: Filter | null = customError ? null : { ...range, timeZone, classId: classId || undefined };
  const className = classes.data?.find((c) => c.id === classId)?.name;
  const scopeLabel = className ?? (isAdmin ? 'every student on the platform' : 'the students of all your classes');

  return (
    <div className={styles.page}>
      <header>
        <h1>Class analytics</h1>
        <p className={styles.muted}>
          How {scopeLabel} {className || isAdmin ? 'is' : 'are'} doing. Reference-solution checks and custom runs are
          not counted.
        </p>
      </header>

      <search className={styles.filters} aria-label="Analytics filters">
        <fieldset>
          <legend id={ids.presets}>Period</legend>
          <div className={styles.chips}>
            {presets.map((p) => (
              <button
                key={p}
                type="button"
                className={styles.chip}
                aria-pressed={preset === p}
                onClick={() => setPreset(p)}
              >
                Last {p} days
              </button>
            ))}
            <button
              type="button"
              className={styles.chip}
              aria-pressed={preset === 'custom'}
              onClick={() => {
                setCustom(range);
                setPreset('custom');
              }}
            >
              Custom
            </button>
          </div>
        </fieldset>
        {preset === 'custom' && (
          <>
            <div className={styles.dateField}>
              <label htmlFor={ids.from} className={styles.label}>
                From
              </label>
              <input
                id={ids.from}
                type="date"
                value={custom.from}
                max={custom.to || undefined}
                aria-invalid={customError ? true : undefined}
                onChange={(e) => setCustom((c) => ({ ...c, from: e.target.value }))}
              />
            </div>
            <div className={styles.dateField}>
              <label htmlFor={ids.to} className={styles.label}>
                To
              </label>
              <input
                id={ids.to}
                type="date"
                value={custom.to}
                min={custom.from || undefined}
                aria-invalid={customError ? true : undefined}
                onChange={(e) => setCustom((c) => ({ ...c, to: e.target.value }))}
              />
            </div>
          </>
        )}
        {classes.data && classes.data.length > 0 && (
          <div className={styles.classField}>
            <label htmlFor={ids.cls} className={styles.label}>
              Class
            </label>
            <select id={ids.cls} value={classId} onChange={(e) => setClassId(e.target.value)}>
              <option value="">{isAdmin ? 'Everyone' : 'All my classes'}</option>
              {classes.data.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name} ({c.code})
                </option>
              ))}
            </select>
          </div>
        )}
        {filter?.classId && <CsvButton filter={filter} report="roster" label="Download the roster (CSV)" />}
      </search>
      <p className={`${styles.muted} ${styles.small}`} role="status">
        {customError ?? `${formatDay(range.from)} to ${formatDay(range.to)} (${timeZone})`}
      </p>

      {filter && <Reports filter={filter} />}
    </div>
  );
}

function Reports({ filter }: { filter: Filter }) {
  return (
    <>
      <Summary filter={filter} />
      <div className={styles.grid}>
        <SubmissionsCard filter={filter} />
        <ActiveUsersCard filter={filter} />
      </div>
      <ProblemsCard filter={filter} />
      <SkillsCard filter={filter} />
      <StrugglingCard filter={filter} />
    </>
  );
}

/** A query's three states inside a card: loading, an error with a retry, or its content. */
function Loaded<T>({
  query,
  label,
  children,
}: {
  query: { data: T | undefined; isError: boolean; error: { message: string } | null; refetch: () => unknown };
  label: string;
  children: (data: T) => ReactNode;
}) {
  if (query.data !== undefined) return children(query.data);
  if (query.isError) {
    return (
      <Alert title="This report couldn’t be loaded">
        <p>{query.error?.message}</p>
        <Button variant="secondary" onClick={() => query.refetch()}>
          Try again
        </Button>
      </Alert>
    );
  }
  return <PageLoading label={label} />;
}

function CsvButton({ filter, report, label = 'Download CSV' }: { filter: Filter; report: Report; label?: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function download() {
    setPending(true);
    setError(null);
    try {
      const r = await queryClient.fetchQuery({
        ...trpc.analytics.exportCsv.queryOptions({ ...filter, report }),
        staleTime: 0,
      });
      downloadFile(r.filename, r.contentType, r.csv);
    } catch (err) {
      setError(describeError(err, []).message);
    } finally {
      setPending(false);
    }
  }
  return (
    <span>
      <Button variant="secondary" pending={pending} pendingLabel="Preparing…" onClick={download}>
        {label}
      </Button>
      {error && <Alert>{error}</Alert>}
    </span>
  );
}

function Summary({ filter }: { filter: Filter }) {
  const trpc = useTRPC();
  const q = useQuery(trpc.analytics.summary.queryOptions(filter, { placeholderData: keepPreviousData }));
  return (
    <Card title="At a glance" id="summary">
      <Loaded query={q} label="Counting…">
        {(s) => (
          <dl className={adminStyles.stats}>
            {[
              { label: 'Students', value: s.students.toLocaleString('en') },
              { label: 'Submissions', value: s.submissions.toLocaleString('en') },
              { label: 'Accepted', value: percent(s.acceptanceRate) },
              { label: 'Students who submitted', value: s.activeSubmitters.toLocaleString('en') },
              { label: 'Problems solved', value: s.solves.toLocaleString('en') },
            ].map((x) => (
              <div key={x.label} className={adminStyles.stat}>
                <dt>{x.label}</dt>
                <dd>{x.value}</dd>
              </div>
            ))}
          </dl>
        )}
      </Loaded>
    </Card>
  );
}

type DayVerdicts = RouterOutputs['analytics']['submissions']['days'][number];

const groupVerdicts = (d: DayVerdicts): { day: string; total: number } & Record<VerdictGroup, number> => ({
  day: d.day,
  total: d.total,
  AC: d.AC,
  WA: d.WA,
  TLE: d.TLE,
  RE: d.RE,
  CE: d.CE,
  OTHER: d.MLE + d.OLE + d.IE + d.SKIPPED + d.PENDING,
});

function SubmissionsCard({ filter }: { filter: Filter }) {
  const trpc = useTRPC();
  const q = useQuery(trpc.analytics.submissions.queryOptions(filter, { placeholderData: keepPreviousData }));
  return (
    <Card title="Submissions by verdict" id="submissions" action={<CsvButton filter={filter} report="submissions" />}>
      <Loaded query={q} label="Loading submissions…">
        {({ days, totals }) => {
          const busiest = days.reduce((a, b) => (b.total > a.total ? b : a), days[0]);
          return totals.total === 0 ? (
            <p className={styles.empty}>No submissions in this period.</p>
          ) : (
            <StackedBarChart
              title="Submissions per day, by verdict"
              description={`${plural(totals.total, 'submission')} from ${formatDay(filter.from)} to ${formatDay(filter.to)}, ${percent(totals.AC / totals.total)} accepted. Busiest day: ${formatDay(busiest.day)} with ${busiest.total}.`}
              rows={days.map(groupVerdicts)}
              series={[...verdictSeries]}
              classFor={(k) => styles[k]}
            />
          );
        }}
      </Loaded>
    </Card>
  );
}

function ActiveUsersCard({ filter }: { filter: Filter }) {
  const trpc = useTRPC();
  const q = useQuery(trpc.analytics.activeUsers.queryOptions(filter, { placeholderData: keepPreviousData }));
  return (
    <Card title="Active students" id="active" action={<CsvButton filter={filter} report="active-users" />}>
      <Loaded query={q} label="Loading activity…">
        {({ days, distinctUsers }) =>
          distinctUsers === 0 ? (
            <p className={styles.empty}>Nobody was active in this period.</p>
          ) : (
            <LineChart
              title="Active students per day"
              description={`${plural(distinctUsers, 'student')} active in the period; at most ${Math.max(...days.map((d) => d.users))} on one day.`}
              points={days.map((d) => ({ day: d.day, value: d.users }))}
              valueLabel="Active students"
            />
          )
        }
      </Loaded>
    </Card>
  );
}

function ProblemsCard({ filter }: { filter: Filter }) {
  const trpc = useTRPC();
  const q = useQuery(trpc.analytics.problems.queryOptions(filter, { placeholderData: keepPreviousData }));
  return (
    <Card title="Problems" id="problems" action={<CsvButton filter={filter} report="problems" />}>
      <Loaded query={q} label="Loading problems…">
        {(rows) => {
          const maxAttempts = Math.max(1, ...rows.map((r) => r.medianAttemptsToAc ?? 0));
          return rows.length === 0 ? (
            <p className={styles.empty}>No problem was attempted in this period.</p>
          ) : (
            <div className={styles.tableWrap}>
              <table className={styles.table}>
                <caption className="visually-hidden">
                  Solve rate and attempts to the first accepted submission, per problem
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Problem</th>
                    <th scope="col">Difficulty</th>
                    <th scope="col" className={styles.num}>
                      Attempted by
                    </th>
                    <th scope="col" className={styles.num}>
                      Solved by
                    </th>
                    <th scope="col">Solve rate</th>
                    <th scope="col">Median attempts to first AC</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((p) => (
                    <tr key={p.problemId}>
                      <th scope="row">
                        <Link href={`/problems/${p.slug}`}>{p.title}</Link>
                      </th>
                      <td>
                        <DifficultyBadge difficulty={p.difficulty as 'EASY' | 'MEDIUM' | 'HARD'} />
                      </td>
                      <td className={styles.num}>{p.attempters}</td>
                      <td className={styles.num}>{p.solvers}</td>
                      <td className={styles.barCell}>
                        <Meter value={p.solveRate} label={percent(p.solveRate)} />
                      </td>
                      <td className={styles.barCell}>
                        {p.medianAttemptsToAc === null ? (
                          <span className={styles.muted}>No solves</span>
                        ) : (
                          <Meter
                            value={p.medianAttemptsToAc}
                            max={maxAttempts}
                            label={String(Math.round(p.medianAttemptsToAc * 10) / 10)}
                          />
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          );
        }}
      </Loaded>
    </Card>
  );
}

function SkillsCard({ filter }: { filter: Filter }) {
  const trpc = useTRPC();
  const q = useQuery(trpc.analytics.skills.queryOptions(filter, { placeholderData: keepPreviousData }));
  return (
    <Card title="Skill mastery" id="skills" action={<CsvButton filter={filter} report="skills" />}>
      <Loaded query={q} label="Loading skills…">
        {(rows) => {
          const trees = new Set(rows.map((r) => r.treeId));
          return rows.length === 0 ? (
            <p className={styles.empty}>No skill tree is assigned to these classes yet.</p>
          ) : (
            <div className={styles.tableWrap}>
              <table className={styles.table}>
                <caption className="visually-hidden">Share of the class that completed each skill</caption>
                <thead>
                  <tr>
                    <th scope="col">Skill</th>
                    {trees.size > 1 && <th scope="col">Tree</th>}
                    <th scope="col" className={styles.num}>
                      Completed
                    </th>
                    <th scope="col" className={styles.num}>
                      In progress
                    </th>
                    <th scope="col">Mastery</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((s) => (
                    <tr key={`${s.classId}:${s.nodeId}`}>
                      <th scope="row">{s.title}</th>
                      {trees.size > 1 && <td>{s.treeTitle}</td>}
                      <td className={styles.num}>
                        {s.completed} of {s.students}
                      </td>
                      <td className={styles.num}>{s.inProgress}</td>
                      <td className={styles.barCell}>
                        <Meter value={s.mastery} label={percent(s.mastery)} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          );
        }}
      </Loaded>
    </Card>
  );
}

function StrugglingCard({ filter }: { filter: Filter }) {
  const trpc = useTRPC();
  const q = useQuery(
    trpc.analytics.struggling.queryOptions({ classId: filter.classId }, { placeholderData: keepPreviousData }),
  );
  return (
    <Card title="Students who may need help" id="struggling" action={<CsvButton filter={filter} report="struggling" />}>
      <p className={`${styles.muted} ${styles.small}`}>
        Failing: at least 5 rejected submissions in the last 7 days, making up 75% or more of them. Inactive: nothing
        for 7 days.
      </p>
      <Loaded query={q} label="Looking for students who are stuck…">
        {(rows) =>
          rows.length === 0 ? (
            <p className={styles.empty}>Nobody is failing repeatedly or has gone quiet.</p>
          ) : (
            <div className={styles.tableWrap}>
              <table className={styles.table}>
                <caption className="visually-hidden">Students who are failing a lot or inactive</caption>
                <thead>
                  <tr>
                    <th scope="col">Student</th>
                    <th scope="col">Why</th>
                    <th scope="col" className={styles.num}>
                      Rejected / accepted (7 days)
                    </th>
                    <th scope="col">Last active</th>
                    <th scope="col">Stuck on</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((s) => (
                    <tr key={s.userId}>
                      <th scope="row">
                        <Link href={`/u/${s.username}`}>{s.displayName}</Link>
                        <div className={`${styles.muted} ${styles.small}`}>@{s.username}</div>
                      </th>
                      <td>
                        {s.reasons.map((r) => (
                          <span key={r} className={styles.reason}>
                            {r === 'failing' ? 'Failing' : 'Inactive'}
                          </span>
                        ))}
                      </td>
                      <td className={styles.num}>
                        {s.failedRecently} / {s.acceptedRecently}
                      </td>
                      <td>{s.lastActivityAt ? formatWhen(s.lastActivityAt) : 'Never'}</td>
                      <td>
                        {s.stuckOn.length === 0 ? (
                          <span className={styles.muted}>—</span>
                        ) : (
                          <ul className={styles.stuck}>
                            {s.stuckOn.map((p) => (
                              <li key={p.problemId}>
                                <Link href={`/problems/${p.slug}`}>{p.title}</Link> ({plural(p.failures, 'failure')})
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loaded>
    </Card>
  );
}
