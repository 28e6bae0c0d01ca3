// Class analytics, computed in SQL from Submission, AnalyticsEvent, SkillProgress and the class
// enrolments. Instructors see the students of their classes (one class, or all they teach or
// assist in); administrators see one class or the whole platform. Reference-solution runs and
// custom runs never count. Days are calendar days in the caller's time zone.
import { type Db, Prisma } from '@roguelearn/db';
import { DomainError } from '../../errors';
import { type AnalyticsFilter, MAX_RANGE_DAYS, type StrugglingInput } from '../../schemas/analytics';
import type { SessionUser } from '../auth/service';
import { assertManageClass } from '../learning/access';

export const VERDICT_KEYS = ['AC', 'WA', 'TLE', 'MLE', 'RE', 'CE', 'OLE', 'IE', 'SKIPPED', 'PENDING'] as const;
type VerdictKey = (typeof VERDICT_KEYS)[number];
const DAY_MS = 24 * 3600_000;

export interface Scope {
  /** Students in scope; null = everyone (administrators without a class). */
  userIds: string[] | null;
  /** Classes in scope; null = every class. */
  classIds: string[] | null;
  /** When each student joined (earliest enrolment in scope). */
  joinedAt: Map<string, Date>;
}

export async function resolveScope(db: Db, me: SessionUser, classId?: string): Promise<Scope> {
  if (!classId && me.role === 'ADMIN') return { userIds: null, classIds: null, joinedAt: new Map() };
  let classIds: string[];
  if (classId) {
    await assertManageClass(db, me, classId);
    classIds = [classId];
  } else {
    classIds = (
      await db.class.findMany({
        where: {
          archivedAt: null,
          OR: [{ instructorId: me.id }, { enrollments: { some: { userId: me.id, role: 'ASSISTANT' } } }],
        },
        select: { id: true },
      })
    ).map((c) => c.id);
  }
  const enrolments = await db.classEnrollment.findMany({
    where: { classId: { in: classIds }, role: 'STUDENT' },
    select: { userId: true, joinedAt: true },
  });
  const joinedAt = new Map<string, Date>();
  for (const e of enrolments) {
    const prev = joinedAt.get(e.userId);
    if (!prev || e.joinedAt < prev) joinedAt.set(e.userId, e.joinedAt);
  }
  return { userIds: [...joinedAt.keys()], classIds, joinedAt };
}

const userFilter = (scope: Scope, column: Prisma.Sql) =>
  scope.userIds === null ? Prisma.empty : Prisma.sql`AND ${column} = ANY(${scope.userIds}::uuid[])`;

/** Today's date in a time zone, as YYYY-MM-DD. */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

export interface Range {
  from: string;
  to: string;
  timeZone: string;
  days: string[];
}

export function resolveRange(f: Pick<AnalyticsFilter, 'from' | 'to' | 'timeZone'>, now = new Date()): Range {
  const to = f.to ?? todayIn(f.timeZone, now);
  const from = f.from ?? addDays(to, -29);
  const span = Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS) + 1;
  if (span < 1) throw new DomainError('BAD_REQUEST', 'The range ends before it starts', { to: ['Before the start'] });
  if (span > MAX_RANGE_DAYS) {
    throw new DomainError('BAD_REQUEST', `Pick at most ${MAX_RANGE_DAYS} days`, { from: ['Range too long'] });
  }
  return { from, to, timeZone: f.timeZone, days: Array.from({ length: span }, (_, i) => addDays(from, i)) };
}

/** `column` (a UTC timestamp) as a local calendar day, and a predicate for the range. */
const localDay = (column: Prisma.Sql, tz: string) =>
  Prisma.sql`((${column} AT TIME ZONE 'UTC') AT TIME ZONE ${tz})::date`;
const inRange = (column: Prisma.Sql, r: Range) => Prisma.sql`
  ${column} >= ((${r.from}::date)::timestamp AT TIME ZONE ${r.timeZone}) AT TIME ZONE 'UTC'
  AND ${column} < ((${r.to}::date + 1)::timestamp AT TIME ZONE ${r.timeZone}) AT TIME ZONE 'UTC'`;

/** Graded submissions that count: not custom runs, not reference-solution verification. */
const countedSubmission = (alias: Prisma.Sql) =>
  Prisma.sql`${alias}.kind = 'SUBMIT' AND ${alias}."problemId" IS NOT NULL AND ${alias}.source <> 'reference'`;

// ── submissions and verdicts over time ───────────────────────────────────

export type DayVerdicts = { day: string; total: number } & Record<VerdictKey, number>;

export async function submissionsOverTime(db: Db, scope: Scope, range: Range) {
  const s = Prisma.sql`s`;
  const rows = await db.$queryRaw<{ day: string; verdict: string; n: number }[]>`
    SELECT ${localDay(Prisma.sql`s."createdAt"`, range.timeZone)}::text AS day,
           COALESCE(s.verdict::text, 'PENDING') AS verdict, count(*)::int AS n
      FROM "Submission" s
     WHERE ${countedSubmission(s)} AND ${inRange(Prisma.sql`s."createdAt"`, range)}
           ${userFilter(scope, Prisma.sql`s."userId"`)}
     GROUP BY 1, 2`;
  const empty = () => Object.fromEntries(VERDICT_KEYS.map((v) => [v, 0])) as Record<VerdictKey, number>;
  const byDay = new Map<string, DayVerdicts>(range.days.map((day) => [day, { day, total: 0, ...empty() }]));
  const totals = { total: 0, ...empty() };
  for (const r of rows) {
    const d = byDay.get(r.day);
    const v = (VERDICT_KEYS as readonly string[]).includes(r.verdict) ? (r.verdict as VerdictKey) : 'PENDING';
    if (!d) continue;
    d[v] += r.n;
    d.total += r.n;
    totals[v] += r.n;
    totals.total += r.n;
  }
  return { days: [...byDay.values()], totals };
}

// ── per problem ──────────────────────────────────────────────────────────

export interface ProblemStat {
  problemId: string;
  slug: string;
  title: string;
  difficulty: string;
  attempters: number;
  solvers: number;
  solveRate: number;
  submissions: number;
  accepted: number;
  /** Median, over solvers, of judged submissions up to and including their first AC. */
  medianAttemptsToAc: number | null;
}

export async function problemStats(db: Db, scope: Scope, range: Range): Promise<ProblemStat[]> {
  const s = Prisma.sql`s`;
  const rows = await db.$queryRaw<Omit<ProblemStat, 'solveRate'>[]>`
    WITH subs AS (
      SELECT s."userId", s."problemId", s.verdict,
             row_number() OVER (PARTITION BY s."userId", s."problemId" ORDER BY s."createdAt", s.id) AS n
        FROM "Submission" s
       WHERE ${countedSubmission(s)} AND s.status = 'DONE' AND ${inRange(Prisma.sql`s."createdAt"`, range)}
             ${userFilter(scope, Prisma.sql`s."userId"`)}
    ), per_user AS (
      SELECT "userId", "problemId", count(*) AS total,
             count(*) FILTER (WHERE verdict = 'AC') AS accepted,
             min(n) FILTER (WHERE verdict = 'AC') AS first_ac
        FROM subs GROUP BY 1, 2
    )
    SELECT p.id AS "problemId", p.slug, p.title, p.difficulty::text AS difficulty,
           count(*)::int AS attempters,
           count(pu.first_ac)::int AS solvers,
           sum(pu.total)::int AS submissions,
           sum(pu.accepted)::int AS accepted,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY pu.first_ac)::float8 AS "medianAttemptsToAc"
      FROM per_user pu JOIN "Problem" p ON p.id = pu."problemId"
     GROUP BY p.id
     ORDER BY attempters DESC, p.title ASC`;
  return rows.map((r) => ({
    ...r,
    solveRate: r.attempters ? Math.round((r.solvers / r.attempters) * 1000) / 1000 : 0,
    medianAttemptsToAc: r.medianAttemptsToAc ?? null,
  }));
}

// ── skills ───────────────────────────────────────────────────────────────

export interface SkillStat {
  classId: string;
  treeId: string;
  treeTitle: string;
  nodeId: string;
  key: string;
  title: string;
  students: number;
  completed: number;
  inProgress: number;
  avgPoints: number;
  /** Share of the class's students who completed the node. */
  mastery: number;
}

/** Per skill node of the trees assigned to the classes in scope: how much of the class mastered it. */
export async function skillMastery(db: Db, scope: Scope): Promise<SkillStat[]> {
  const classFilter =
    scope.classIds === null
      ? Prisma.sql`t."classId" IS NOT NULL`
      : Prisma.sql`t."classId" = ANY(${scope.classIds}::uuid[])`;
  const rows = await db.$queryRaw<Omit<SkillStat, 'mastery'>[]>`
    WITH roster AS (
      SELECT e."classId", e."userId" FROM "ClassEnrollment" e WHERE e.role = 'STUDENT'
    )
    SELECT t."classId", t.id AS "treeId", t.title AS "treeTitle", n.id AS "nodeId", n.key, n.title,
           (SELECT count(*) FROM roster r WHERE r."classId" = t."classId")::int AS students,
           count(sp."userId") FILTER (WHERE sp.status = 'COMPLETED')::int AS completed,
           count(sp."userId") FILTER (WHERE sp.status = 'IN_PROGRESS')::int AS "inProgress",
           COALESCE(avg(sp.points), 0)::float8 AS "avgPoints"
      FROM "SkillTree" t
      JOIN "SkillNode" n ON n."treeId" = t.id
      LEFT JOIN "SkillProgress" sp ON sp."nodeId" = n.id
           AND sp."userId" IN (SELECT r."userId" FROM roster r WHERE r."classId" = t."classId")
     WHERE ${classFilter} AND t.status <> 'ARCHIVED'
     GROUP BY t.id, n.id
     ORDER BY t.title, t.id, n.ordinal, n.key`;
  return rows.map((r) => ({
    ...r,
    avgPoints: Math.round(r.avgPoints * 100) / 100,
    mastery: r.students ? Math.round((r.completed / r.students) * 1000) / 1000 : 0,
  }));
}

// ── active users ─────────────────────────────────────────────────────────

/** Distinct users per day who submitted or did anything tracked (AnalyticsEvent). */
export async function activeUsers(db: Db, scope: Scope, range: Range) {
  const s = Prisma.sql`s`;
  const rows = await db.$queryRaw<{ day: string; users: number }[]>`
    SELECT day::text AS day, count(DISTINCT "userId")::int AS users FROM (
      SELECT s."userId", ${localDay(Prisma.sql`s."createdAt"`, range.timeZone)} AS day
        FROM "Submission" s
       WHERE ${countedSubmission(s)} AND ${inRange(Prisma.sql`s."createdAt"`, range)}
             ${userFilter(scope, Prisma.sql`s."userId"`)}
      UNION ALL
      SELECT a."userId", ${localDay(Prisma.sql`a."createdAt"`, range.timeZone)} AS day
        FROM "AnalyticsEvent" a
       WHERE a."userId" IS NOT NULL AND ${inRange(Prisma.sql`a."createdAt"`, range)}
             ${userFilter(scope, Prisma.sql`a."userId"`)}
    ) x GROUP BY 1`;
  const [{ total }] = await db.$queryRaw<{ total: number }[]>`
    SELECT count(DISTINCT "userId")::int AS total FROM (
      SELECT s."userId" FROM "Submission" s
       WHERE ${countedSubmission(s)} AND ${inRange(Prisma.sql`s."createdAt"`, range)}
             ${userFilter(scope, Prisma.sql`s."userId"`)}
      UNION
      SELECT a."userId" FROM "AnalyticsEvent" a
       WHERE a."userId" IS NOT NULL AND ${inRange(Prisma.sql`a."createdAt"`, range)}
             ${userFilter(scope, Prisma.sql`a."userId"`)}
    ) x`;
  const byDay = new Map(rows.map((r) => [r.day, r.users]));
  return { days: range.days.map((day) => ({ day, users: byDay.get(day) ?? 0 })), distinctUsers: total };
}

// ── struggling students ──────────────────────────────────────────────────

export interface StrugglingStudent {
  userId: string;
  username: string;
  displayName: string;
  email: string;
  reasons: ('failing' | 'inactive')[];
  failedRecently: number;
  acceptedRecently: number;
  lastActivityAt: Date | null;
  daysInactive: number | null;
  /** Problems with the most rejected submissions in the window. */
  stuckOn: { problemId: string; slug: string; title: string; failures: number }[];
}

export async function struggling(
  db: Db,
  scope: Scope,
  input: Omit<StrugglingInput, 'classId'>,
  now = new Date(),
): Promise<StrugglingStudent[]> {
  const since = new Date(now.getTime() - input.windowDays * DAY_MS);
  const s = Prisma.sql`s`;
  const who =
    scope.userIds === null ? Prisma.sql`u.role = 'STUDENT'` : Prisma.sql`u.id = ANY(${scope.userIds}::uuid[])`;
  const rows = await db.$queryRaw<
    {
      userId: string;
      username: string;
      displayName: string;
      email: string;
      createdAt: Date;
      failed: number;
      accepted: number;
      lastActivityAt: Date | null;
    }[]
  >`
    SELECT u.id AS "userId", u.username, u."displayName", u.email, u."createdAt",
           COALESCE(r.failed, 0)::int AS failed, COALESCE(r.accepted, 0)::int AS accepted,
           NULLIF(GREATEST(COALESCE(u."lastSeenAt", 'epoch'::timestamp), COALESCE(ls.last, 'epoch'::timestamp),
                           COALESCE(la.last, 'epoch'::timestamp)), 'epoch'::timestamp) AS "lastActivityAt"
      FROM "User" u
      LEFT JOIN LATERAL (
        SELECT count(*) FILTER (WHERE s.verdict <> 'AC') AS failed, count(*) FILTER (WHERE s.verdict = 'AC') AS accepted
          FROM "Submission" s
         WHERE s."userId" = u.id AND ${countedSubmission(s)} AND s.status = 'DONE' AND s."createdAt" >= ${since}
      ) r ON true
      LEFT JOIN LATERAL (SELECT max(x."createdAt") AS last FROM "Submission" x WHERE x."userId" = u.id) ls ON true
      LEFT JOIN LATERAL (SELECT max(a."createdAt") AS last FROM "AnalyticsEvent" a WHERE a."userId" = u.id) la ON true
     WHERE ${who} AND u.status = 'ACTIVE'`;
  const flagged: StrugglingStudent[] = [];
  for (const r of rows) {
    const reasons: StrugglingStudent['reasons'] = [];
    const judged = r.failed + r.accepted;
    if (r.failed >= input.minFailures && judged > 0 && r.failed / judged >= input.minFailRate) reasons.push('failing');
    // Someone who joined yesterday isn't inactive yet: count from the later of joining and activity.
    const joined = scope.joinedAt.get(r.userId) ?? r.createdAt;
    const reference = r.lastActivityAt && r.lastActivityAt > joined ? r.lastActivityAt : joined;
    if (now.getTime() - reference.getTime() >= input.inactiveDays * DAY_MS) reasons.push('inactive');
    if (!reasons.length) continue;
    flagged.push({
      userId: r.userId,
      username: r.username,
      displayName: r.displayName,
      email: r.email,
      reasons,
      failedRecently: r.failed,
      acceptedRecently: r.accepted,
      lastActivityAt: r.lastActivityAt,
      daysInactive: r.lastActivityAt ? Math.floor((now.getTime() - r.lastActivityAt.getTime()) / DAY_MS) : null,
      stuckOn: [],
    });
  }
  // Most failures first, then the longest inactive.
  flagged.sort(
    (a, b) =>
      b.failedRecently - a.failedRecently ||
      (b.daysInactive ?? Number.MAX_SAFE_INTEGER) - (a.daysInactive ?? Number.MAX_SAFE_INTEGER) ||
      a.displayName.localeCompare(b.displayName),
  );
  const top = flagged.slice(0, input.limit);
  const failing = top.filter((f) => f.reasons.includes('failing')).map((f) => f.userId);
  if (failing.length) {
    const stuck = await db.$queryRaw<
      { userId: string; problemId: string; slug: string; title: string; failures: number }[]
    >`
      SELECT s."userId", p.id AS "problemId", p.slug, p.title, count(*)::int AS failures
        FROM "Submission" s JOIN "Problem" p ON p.id = s."problemId"
       WHERE s."userId" = ANY(${failing}::uuid[]) AND ${countedSubmission(s)} AND s.status = 'DONE'
             AND s.verdict <> 'AC' AND s."createdAt" >= ${since}
       GROUP BY 1, 2
       ORDER BY failures DESC, p.title`;
    for (const f of top) {
      f.stuckOn = stuck
        .filter((x) => x.userId === f.userId)
        .slice(0, 3)
        .map(({ userId: _u, ...x }) => x);
    }
  }
  return top;
}

// ── summary ──────────────────────────────────────────────────────────────

export async function summary(db: Db, scope: Scope, range: Range) {
  const s = Prisma.sql`s`;
  const [row] = await db.$queryRaw<{ submissions: number; accepted: number; submitters: number; solved: number }[]>`
    SELECT count(*)::int AS submissions,
           count(*) FILTER (WHERE s.verdict = 'AC')::int AS accepted,
           count(DISTINCT s."userId")::int AS submitters,
           count(DISTINCT (s."userId", s."problemId")) FILTER (WHERE s.verdict = 'AC')::int AS solved
      FROM "Submission" s
     WHERE ${countedSubmission(s)} AND ${inRange(Prisma.sql`s."createdAt"`, range)}
           ${userFilter(scope, Prisma.sql`s."userId"`)}`;
  const students = scope.userIds === null ? await db.user.count({ where: { role: 'STUDENT' } }) : scope.userIds.length;
  return {
    from: range.from,
    to: range.to,
    timeZone: range.timeZone,
    students,
    classes: scope.classIds?.length ?? null,
    submissions: row.submissions,
    accepted: row.accepted,
    acceptanceRate: row.submissions ? Math.round((row.accepted / row.submissions) * 1000) / 1000 : 0,
    activeSubmitters: row.submitters,
    /** Distinct (student, problem) pairs solved in the range. */
    solves: row.solved,
  };
}
