// Contests: instructors set the window, problems (label + points), ICPC or IOI scoring, a freeze
// and who may see it (everyone, a class, a guild); students register and submit during the
// window, or take part virtually after the end with their own start time. The scoreboard is
// computed from submissions on every read (see scoreboard.ts); `finalize` stores final ranks and
// applies Codeforces-style ratings exactly once.
import type { Contest, Db, DbTx, Prisma } from '@roguelearn/db';
import { enqueueSubmission } from '@roguelearn/db/queue';
import type { z } from 'zod';
import { DomainError, forbidden, notFound } from '../../errors';
import {
  contestIssues,
  type contestListInput,
  type contestSubmitInput,
  type createContestInput,
  type updateContestInput,
} from '../../schemas/battle';
import type { SessionUser } from '../auth/service';
import { checkContestIntegrity } from './integrity';
import { contestDeltas } from './rating';
import { computeScoreboard, type SbView } from './scoreboard';
import { isStaff, lockRatings, publicUserSelect, publishContest, statementSelect, tx } from './shared';

/** Per contestant and contest: enough to iterate, not enough to brute-force a judge. */
export const CONTEST_SUBMIT = { perMinute: 6, perProblem: 50 };

type Viewer = Pick<SessionUser, 'id' | 'role'> | null;
type Phase = 'upcoming' | 'running' | 'ended';

export const contestPhase = (c: Pick<Contest, 'startsAt' | 'endsAt'>, now: Date): Phase =>
  now < c.startsAt ? 'upcoming' : now < c.endsAt ? 'running' : 'ended';

const durationMs = (c: Pick<Contest, 'startsAt' | 'endsAt'>) => c.endsAt.getTime() - c.startsAt.getTime();

/** Contest filter for what `viewer` may see: public ones, their classes' and guilds' ones. */
async function visibleWhere(db: DbTx, viewer: Viewer): Promise<Prisma.ContestWhereInput> {
  if (isStaff(viewer)) return {};
  if (!viewer) return { visibility: 'PUBLIC' };
  const [classes, taught, guilds] = await Promise.all([
    db.classEnrollment.findMany({ where: { userId: viewer.id }, select: { classId: true } }),
    db.class.findMany({ where: { instructorId: viewer.id }, select: { id: true } }),
    db.guildMember.findMany({ where: { userId: viewer.id }, select: { guildId: true } }),
  ]);
  return {
    OR: [
      { visibility: 'PUBLIC' },
      { visibility: 'CLASS', classId: { in: [...classes.map((c) => c.classId), ...taught.map((c) => c.id)] } },
      { visibility: 'GUILD', guildId: { in: guilds.map((g) => g.guildId) } },
    ],
  };
}

async function canSee(db: DbTx, viewer: Viewer, c: Pick<Contest, 'visibility' | 'classId' | 'guildId'>) {
  if (c.visibility === 'PUBLIC' || isStaff(viewer)) return true;
  if (!viewer) return false;
  if (c.visibility === 'CLASS' && c.classId) {
    const [enrolled, cls] = await Promise.all([
      db.classEnrollment.count({ where: { classId: c.classId, userId: viewer.id } }),
      db.class.count({ where: { id: c.classId, instructorId: viewer.id } }),
    ]);
    return enrolled + cls > 0;
  }
  if (c.visibility === 'GUILD' && c.guildId) {
    return (await db.guildMember.count({ where: { guildId: c.guildId, userId: viewer.id } })) > 0;
  }
  return false;
}

/** The contest, or NOT_FOUND if it doesn't exist or the viewer may not see it. */
async function visibleContest(db: DbTx, viewer: Viewer, contestId: string) {
  const c = await db.contest.findUnique({ where: { id: contestId } });
  if (!c || !(await canSee(db, viewer, c))) throw notFound('Contest');
  return c;
}

const canEdit = (viewer: Viewer, c: Pick<Contest, 'createdById'>) =>
  !!viewer && (viewer.role === 'ADMIN' || (viewer.role === 'INSTRUCTOR' && c.createdById === viewer.id));

async function editableContest(db: DbTx, me: SessionUser, contestId: string) {
  const c = await db.contest.findUnique({ where: { id: contestId } });
  if (!c) throw notFound('Contest');
  if (!canEdit(me, c)) throw forbidden('Only the contest’s author or an administrator can do that');
  return c;
}

// ─────────────────────────────── authoring ───────────────────────────────

async function checkReferences(
  db: DbTx,
  me: SessionUser,
  v: { classId?: string | null; guildId?: string | null; eventId?: string | null; problems?: { problemId: string }[] },
) {
  const fieldErrors: Record<string, string[]> = {};
  if (v.classId) {
    const cls = await db.class.findUnique({ where: { id: v.classId }, select: { instructorId: true } });
    if (!cls) fieldErrors.classId = ['Unknown class'];
    else if (cls.instructorId !== me.id && me.role !== 'ADMIN') fieldErrors.classId = ['You don’t teach this class'];
  }
  if (v.guildId) {
    const guild = await db.guild.findUnique({ where: { id: v.guildId }, select: { id: true } });
    const member = guild ? await db.guildMember.count({ where: { guildId: v.guildId, userId: me.id } }) : 0;
    if (!guild) fieldErrors.guildId = ['Unknown guild'];
    else if (!member && me.role !== 'ADMIN') fieldErrors.guildId = ['You are not a member of this guild'];
  }
  if (v.eventId && !(await db.seasonalEvent.count({ where: { id: v.eventId } })))
    fieldErrors.eventId = ['Unknown event'];
  if (v.problems) {
    const ids = v.problems.map((p) => p.problemId);
    const found = await db.problem.count({ where: { id: { in: ids } } });
    if (found !== new Set(ids).size) fieldErrors.problems = ['Some problems do not exist'];
  }
  if (Object.keys(fieldErrors).length) {
    throw new DomainError('BAD_REQUEST', 'Please fix the highlighted fields', fieldErrors);
  }
}

export async function createContest(db: Db, me: SessionUser, input: z.infer<typeof createContestInput>) {
  await checkReferences(db, me, input);
  if (await db.contest.count({ where: { slug: input.slug } })) {
    throw new DomainError('CONFLICT', 'That address is taken', { slug: ['That address is taken'] });
  }
  const { problems, ...fields } = input;
  const c = await db.contest.create({
    data: {
      ...fields,
      classId: input.visibility === 'CLASS' ? input.classId : null,
      guildId: input.visibility === 'GUILD' ? input.guildId : null,
      createdById: me.id,
      problems: { create: problems.map((p, ordinal) => ({ ...p, ordinal })) },
    },
    select: { id: true, slug: true },
  });
  return c;
}

export async function updateContest(
  db: Db,
  me: SessionUser,
  input: z.infer<typeof updateContestInput>,
  now = new Date(),
) {
  const { contestId, problems, ...fields } = input;
  return tx(db, async (t) => {
    await t.$executeRaw`SELECT id FROM "Contest" WHERE id = ${contestId}::uuid FOR UPDATE`;
    const c = await editableContest(t, me, contestId);
    const phase = contestPhase(c, now);
    const changed = (k: keyof typeof fields) => {
      const v = fields[k];
      const old = c[k as keyof Contest];
      if (v === undefined) return false;
      return v instanceof Date && old instanceof Date ? v.getTime() !== old.getTime() : v !== old;
    };
    if (phase !== 'upcoming') {
      const frozenFields = (['startsAt', 'scoring', 'visibility', 'classId', 'guildId'] as const).filter(changed);
      if (problems || frozenFields.length) {
        throw new DomainError(
          'CONFLICT',
          'Problems, start, scoring and visibility can’t change once the contest started',
        );
      }
      if (fields.endsAt && fields.endsAt <= now) {
        throw new DomainError('BAD_REQUEST', 'The new end must be in the future', { endsAt: ['Pick a later time'] });
      }
    }
    if (phase === 'ended' && (changed('endsAt') || changed('freezeMinutes'))) {
      throw new DomainError('CONFLICT', 'The contest is over: only its title, description and event can change');
    }
    if (c.ratingsAppliedAt && changed('rated')) throw new DomainError('CONFLICT', 'Ratings were already applied');
    const merged = {
      startsAt: fields.startsAt ?? c.startsAt,
      endsAt: fields.endsAt ?? c.endsAt,
      freezeMinutes: fields.freezeMinutes ?? c.freezeMinutes,
      visibility: fields.visibility ?? c.visibility,
      classId: fields.classId === undefined ? c.classId : fields.classId,
      guildId: fields.guildId === undefined ? c.guildId : fields.guildId,
      problems,
    };
    const issues = contestIssues(merged);
    if (issues.length) {
      throw new DomainError(
        'BAD_REQUEST',
        issues[0].message,
        Object.fromEntries(issues.map((i) => [i.path, [i.message]])),
      );
    }
    await checkReferences(t, me, { ...fields, problems });
    await t.contest.update({
      where: { id: contestId },
      data: {
        ...fields,
        classId: merged.visibility === 'CLASS' ? merged.classId : null,
        guildId: merged.visibility === 'GUILD' ? merged.guildId : null,
      },
    });
    if (problems) {
      await t.contestProblem.deleteMany({ where: { contestId } });
      await t.contestProblem.createMany({ data: problems.map((p, ordinal) => ({ ...p, contestId, ordinal })) });
    }
    await publishContest(t, contestId);
    return { id: contestId, slug: c.slug };
  });
}

/** A contest can be deleted until it starts; after that its submissions are history. */
export async function deleteContest(db: Db, me: SessionUser, contestId: string, now = new Date()) {
  const c = await editableContest(db, me, contestId);
  if (contestPhase(c, now) !== 'upcoming') throw new DomainError('CONFLICT', 'A contest that started can’t be deleted');
  await db.contest.delete({ where: { id: contestId } });
  return { id: contestId };
}

// ─────────────────────────────── reading ───────────────────────────────

export async function listContests(db: Db, viewer: Viewer, input: z.infer<typeof contestListInput>, now = new Date()) {
  const when: Prisma.ContestWhereInput =
    input.when === 'upcoming'
      ? { startsAt: { gt: now } }
      : input.when === 'running'
        ? { startsAt: { lte: now }, endsAt: { gt: now } }
        : input.when === 'past'
          ? { endsAt: { lte: now } }
          : {};
  const where: Prisma.ContestWhereInput = {
    AND: [await visibleWhere(db, viewer), when, input.eventId ? { eventId: input.eventId } : {}],
  };
  const [total, rows] = await Promise.all([
    db.contest.count({ where }),
    db.contest.findMany({
      where,
      orderBy: input.when === 'past' ? [{ startsAt: 'desc' }] : [{ startsAt: 'asc' }],
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
      select: {
        id: true,
        slug: true,
        title: true,
        startsAt: true,
        endsAt: true,
        scoring: true,
        visibility: true,
        rated: true,
        freezeMinutes: true,
        event: { select: { slug: true, title: true } },
        _count: { select: { problems: true, participants: { where: { kind: 'OFFICIAL' } } } },
        participants: viewer ? { where: { userId: viewer.id }, select: { kind: true } } : false,
      },
    }),
  ]);
  return {
    total,
    page: input.page,
    pageSize: input.pageSize,
    serverNow: now,
    items: rows.map(({ _count, participants, ...c }) => ({
      ...c,
      phase: contestPhase(c, now),
      problemCount: _count.problems,
      participantCount: _count.participants,
      registered: !!participants?.some((p) => p.kind === 'OFFICIAL'),
    })),
  };
}

async function participationOf(db: DbTx, contestId: string, userId: string) {
  const rows = await db.contestParticipant.findMany({ where: { contestId, userId } });
  return {
    official: rows.find((r) => r.kind === 'OFFICIAL') ?? null,
    virtual: rows.find((r) => r.kind === 'VIRTUAL') ?? null,
  };
}

/**
 * The viewer's clock in this contest: where they may read the problems and submit, and from
 * when their elapsed time counts.
 */
function clockFor(
  c: Contest,
  p: Awaited<ReturnType<typeof participationOf>>,
  now: Date,
): { mode: 'official' | 'virtual' | null; start: Date | null; end: Date | null; canSubmit: boolean } {
  if (p.virtual?.virtualStart) {
    const end = new Date(p.virtual.virtualStart.getTime() + durationMs(c));
    if (now < end) return { mode: 'virtual', start: p.virtual.virtualStart, end, canSubmit: true };
  }
  if (p.official) {
    return { mode: 'official', start: c.startsAt, end: c.endsAt, canSubmit: contestPhase(c, now) === 'running' };
  }
  return { mode: null, start: null, end: null, canSubmit: false };
}

/** Whether the viewer may read the problem statements now. */
function problemsOpen(c: Contest, viewer: Viewer, clock: ReturnType<typeof clockFor>, now: Date) {
  if (canEdit(viewer, c) || isStaff(viewer)) return true;
  if (contestPhase(c, now) === 'ended') return true;
  return clock.mode === 'official' && contestPhase(c, now) === 'running';
}

export async function getContest(db: Db, viewer: Viewer, slug: string, now = new Date()) {
  const c = await db.contest.findUnique({
    where: { slug },
    include: {
      problems: {
        orderBy: { ordinal: 'asc' },
        select: {
          label: true,
          points: true,
          problem: { select: { id: true, slug: true, title: true, difficulty: true } },
        },
      },
      event: { select: { id: true, slug: true, title: true } },
      class: { select: { id: true, name: true } },
      guild: { select: { id: true, name: true, slug: true } },
      createdBy: { select: publicUserSelect },
      _count: { select: { participants: { where: { kind: 'OFFICIAL' } } } },
    },
  });
  if (!c || !(await canSee(db, viewer, c))) throw notFound('Contest');
  const mine = viewer ? await participationOf(db, c.id, viewer.id) : { official: null, virtual: null };
  const clock = clockFor(c, mine, now);
  const open = problemsOpen(c, viewer, clock, now) || clock.mode === 'virtual';
  const phase = contestPhase(c, now);
  const ownOfficialSubmissions =
    viewer && phase === 'ended'
      ? await db.submission.count({ where: { contestId: c.id, userId: viewer.id, createdAt: { lte: c.endsAt } } })
      : 0;
  return {
    id: c.id,
    slug: c.slug,
    title: c.title,
    description: c.description,
    startsAt: c.startsAt,
    endsAt: c.endsAt,
    freezeMinutes: c.freezeMinutes,
    freezeStartsAt: c.freezeMinutes ? new Date(c.endsAt.getTime() - c.freezeMinutes * 60_000) : null,
    scoring: c.scoring,
    visibility: c.visibility,
    rated: c.rated,
    ratingsAppliedAt: c.ratingsAppliedAt,
    event: c.event,
    class: c.class,
    guild: c.guild,
    createdBy: c.createdBy,
    participantCount: c._count.participants,
    phase,
    serverNow: now,
    canEdit: canEdit(viewer, c),
    problemCount: c.problems.length,
    /** Labels, points and titles once the viewer may read them (staff always). */
    problems: open
      ? c.problems.map((p) => ({
          label: p.label,
          points: p.points,
          title: p.problem.title,
          difficulty: p.problem.difficulty,
        }))
      : [],
    /** Problem ids and slugs for staff (editing). */
    problemRefs: canEdit(viewer, c)
      ? c.problems.map((p) => ({ label: p.label, points: p.points, ...p.problem }))
      : null,
    me: viewer
      ? {
          registered: !!mine.official,
          virtual: mine.virtual
            ? { startedAt: mine.virtual.virtualStart, endsAt: clock.mode === 'virtual' ? clock.end : null }
            : null,
          mode: clock.mode,
          canSubmit: clock.canSubmit,
          myStart: clock.start,
          myEnd: clock.end,
          canRegister: phase !== 'ended' && !mine.official,
          canStartVirtual: phase === 'ended' && !mine.virtual && ownOfficialSubmissions === 0,
        }
      : null,
  };
}

/** One problem's statement (samples only: hidden tests never leave the server). */
export async function contestProblem(db: Db, viewer: SessionUser, contestId: string, label: string, now = new Date()) {
  const c = await visibleContest(db, viewer, contestId);
  const clock = clockFor(c, await participationOf(db, contestId, viewer.id), now);
  if (!problemsOpen(c, viewer, clock, now) && clock.mode !== 'virtual') {
    throw new DomainError(
      'FORBIDDEN',
      contestPhase(c, now) === 'upcoming'
        ? 'The problems open when the contest starts'
        : 'Register to see the problems',
    );
  }
  const cp = await db.contestProblem.findUnique({
    where: { contestId_label: { contestId, label } },
    select: {
      label: true,
      points: true,
      problem: { select: { ...statementSelect, _count: { select: { testCases: true } } } },
    },
  });
  if (!cp) throw notFound('Problem');
  const { _count, testCases, ...problem } = cp.problem;
  return { label: cp.label, points: cp.points, testCount: _count.testCases, ...problem, samples: testCases };
}

// ───────────────────────────── taking part ─────────────────────────────

export async function register(db: Db, me: SessionUser, contestId: string, now = new Date()) {
  const c = await visibleContest(db, me, contestId);
  if (contestPhase(c, now) === 'ended')
    throw new DomainError('CONFLICT', 'This contest is over: try a virtual participation');
  await db.contestParticipant.upsert({
    where: { contestId_userId_kind: { contestId, userId: me.id, kind: 'OFFICIAL' } },
    create: { contestId, userId: me.id, kind: 'OFFICIAL', registeredAt: now },
    update: {},
  });
  await publishContest(db, contestId);
  return { registered: true };
}

export async function unregister(db: Db, me: SessionUser, contestId: string, now = new Date()) {
  const c = await visibleContest(db, me, contestId);
  if (contestPhase(c, now) !== 'upcoming')
    throw new DomainError('CONFLICT', 'You can only unregister before the start');
  await db.contestParticipant.deleteMany({ where: { contestId, userId: me.id, kind: 'OFFICIAL' } });
  await publishContest(db, contestId);
  return { registered: false };
}

/**
 * Virtual participation after the end: the viewer's own clock starts now and runs as long as the
 * contest did; their scoreboard shows everyone as of the same time since their start. Not for
 * those who submitted in the real contest (they know the problems).
 */
export async function startVirtual(db: Db, me: SessionUser, contestId: string, now = new Date()) {
  const c = await visibleContest(db, me, contestId);
  if (contestPhase(c, now) !== 'ended')
    throw new DomainError('CONFLICT', 'Virtual participation opens after the contest ends');
  const official = await db.submission.count({ where: { contestId, userId: me.id, createdAt: { lte: c.endsAt } } });
  if (official) throw new DomainError('CONFLICT', 'You took part in this contest already');
  const existing = await db.contestParticipant.findUnique({
    where: { contestId_userId_kind: { contestId, userId: me.id, kind: 'VIRTUAL' } },
  });
  if (existing) throw new DomainError('CONFLICT', 'You already did a virtual participation in this contest');
  const row = await db.contestParticipant.create({
    data: { contestId, userId: me.id, kind: 'VIRTUAL', registeredAt: now, virtualStart: now },
  });
  await publishContest(db, contestId);
  return { startedAt: row.virtualStart as Date, endsAt: new Date(now.getTime() + durationMs(c)) };
}

export async function submit(db: Db, me: SessionUser, input: z.infer<typeof contestSubmitInput>, now = new Date()) {
  const c = await visibleContest(db, me, input.contestId);
  let mine = await participationOf(db, c.id, me.id);
  // Registering is implicit for a contest you can see while it runs.
  if (!mine.official && !mine.virtual && contestPhase(c, now) === 'running') {
    await register(db, me, c.id, now);
    mine = await participationOf(db, c.id, me.id);
  }
  const clock = clockFor(c, mine, now);
  if (!clock.canSubmit || !clock.start || !clock.end || now < clock.start || now >= clock.end) {
    throw new DomainError(
      'PRECONDITION_FAILED',
      contestPhase(c, now) === 'upcoming' ? 'The contest has not started yet' : 'The contest is over for you',
    );
  }
  const cp = await db.contestProblem.findUnique({
    where: { contestId_label: { contestId: c.id, label: input.label } },
    select: { problemId: true },
  });
  if (!cp) throw notFound('Problem');
  const [lastMinute, onProblem] = await Promise.all([
    db.submission.count({
      where: { contestId: c.id, userId: me.id, createdAt: { gte: new Date(now.getTime() - 60_000) } },
    }),
    db.submission.count({
      where: { contestId: c.id, userId: me.id, problemId: cp.problemId, createdAt: { gte: clock.start } },
    }),
  ]);
  if (lastMinute >= CONTEST_SUBMIT.perMinute) {
    throw new DomainError('TOO_MANY_REQUESTS', 'You are submitting too fast. Wait a minute and try again.');
  }
  if (onProblem >= CONTEST_SUBMIT.perProblem) {
    throw new DomainError('TOO_MANY_REQUESTS', `At most ${CONTEST_SUBMIT.perProblem} submissions per problem`);
  }
  const s = await enqueueSubmission(db, {
    userId: me.id,
    problemId: cp.problemId,
    language: input.language,
    code: input.code,
    contestId: c.id,
    priority: 5,
  });
  await publishContest(db, c.id);
  return { id: s.id };
}

/** The viewer's own submissions in a contest, newest first (their verdicts even during the freeze). */
export async function mySubmissions(db: Db, me: SessionUser, contestId: string) {
  await visibleContest(db, me, contestId);
  const labels = new Map(
    (await db.contestProblem.findMany({ where: { contestId }, select: { problemId: true, label: true } })).map((p) => [
      p.problemId,
      p.label,
    ]),
  );
  const rows = await db.submission.findMany({
    where: { contestId, userId: me.id },
    orderBy: { createdAt: 'desc' },
    select: {
      id: true,
      problemId: true,
      language: true,
      status: true,
      verdict: true,
      score: true,
      testsPassed: true,
      testsTotal: true,
      timeMs: true,
      memoryKb: true,
      createdAt: true,
    },
  });
  return rows.map(({ problemId, ...s }) => ({ ...s, label: (problemId && labels.get(problemId)) ?? '?' }));
}

// ─────────────────────────────── scoreboard ───────────────────────────────

async function boardData(db: DbTx, contestId: string) {
  const [problems, participants, submissions] = await Promise.all([
    db.contestProblem.findMany({
      where: { contestId },
      select: { problemId: true, label: true, points: true, ordinal: true },
    }),
    db.contestParticipant.findMany({
      where: { contestId },
      select: { userId: true, kind: true, virtualStart: true, user: { select: publicUserSelect } },
    }),
    db.submission.findMany({
      where: { contestId, kind: 'SUBMIT' },
      select: { id: true, userId: true, problemId: true, createdAt: true, status: true, verdict: true, score: true },
    }),
  ]);
  return { problems, participants, submissions };
}

/**
 * The scoreboard as `viewer` may see it now. Contestants see the freeze (other contestants'
 * submissions in the last `freezeMinutes` show as pending) until the end; staff never do. A
 * virtual participant mid-run sees everyone as of the same time since their own start.
 */
export async function scoreboard(db: Db, viewer: Viewer, contestId: string, includeVirtual: boolean, now = new Date()) {
  const c = await visibleContest(db, viewer, contestId);
  const data = await boardData(db, contestId);
  const phase = contestPhase(c, now);
  const staff = isStaff(viewer) || canEdit(viewer, c);
  const inFreeze =
    c.freezeMinutes > 0 && phase === 'running' && now.getTime() >= c.endsAt.getTime() - c.freezeMinutes * 60_000;
  const mine = viewer ? data.participants.find((p) => p.userId === viewer.id && p.kind === 'VIRTUAL') : undefined;
  const virtualElapsed = mine?.virtualStart ? now.getTime() - mine.virtualStart.getTime() : null;
  const virtualRunning = virtualElapsed !== null && virtualElapsed < durationMs(c);
  const view: SbView = {
    frozen: !staff && phase === 'running' && c.freezeMinutes > 0,
    cutoffMs: virtualRunning ? Math.max(0, virtualElapsed as number) : phase === 'upcoming' ? -1 : null,
    viewerId: viewer?.id ?? null,
    includeVirtual: includeVirtual && phase === 'ended',
    alwaysInclude: virtualRunning && viewer ? { userId: viewer.id, kind: 'VIRTUAL' } : null,
  };
  const board = computeScoreboard(c, data.problems, data.participants, data.submissions, view);
  return {
    contestId,
    phase,
    serverNow: now,
    /** Other contestants' late submissions are hidden from this view. */
    frozen: view.frozen && inFreeze,
    /** The freeze is on for contestants (staff see through it). */
    frozenForContestants: inFreeze,
    freezeStartsAt: c.freezeMinutes ? new Date(c.endsAt.getTime() - c.freezeMinutes * 60_000) : null,
    /** Virtual view: minutes since the viewer's own start. */
    virtualMinutes: virtualRunning ? Math.floor((virtualElapsed as number) / 60_000) : null,
    ...board,
  };
}

/** Stores one contestant's current standing (unfrozen) after a verdict, and wakes scoreboards. */
export async function refreshContestant(db: Db, contestId: string, userId: string) {
  const c = await db.contest.findUnique({ where: { id: contestId } });
  if (!c) return { updated: 0 };
  const data = await boardData(db, contestId);
  const participants = data.participants.filter((p) => p.userId === userId);
  const board = computeScoreboard(
    c,
    data.problems,
    participants,
    data.submissions.filter((s) => s.userId === userId),
    { frozen: false, cutoffMs: null, viewerId: null, includeVirtual: true },
  );
  for (const r of board.rows) {
    await db.contestParticipant.updateMany({
      where: { contestId, userId, kind: r.kind },
      data: { score: r.score, penalty: r.penalty },
    });
  }
  await publishContest(db, contestId);
  return { updated: board.rows.length };
}

// ─────────────────────────────── finalizing ───────────────────────────────

/**
 * Final ranks and, for a rated contest, Codeforces-style rating changes for those who submitted
 * at least once, with history rows, in the caller's transaction (which holds the contest row
 * FOR UPDATE). Contest.ratingsAppliedAt is claimed by a conditional update and RatingHistory is
 * unique per (user, contest): settling again, even concurrently, changes no rating.
 */
async function settleContest(t: DbTx, c: Contest, now: Date) {
  const data = await boardData(t, c.id);
  const board = computeScoreboard(c, data.problems, data.participants, data.submissions, {
    frozen: false,
    cutoffMs: null,
    viewerId: null,
    includeVirtual: false,
  });
  for (const r of board.rows) {
    await t.contestParticipant.updateMany({
      where: { contestId: c.id, userId: r.user.id, kind: 'OFFICIAL' },
      data: { score: r.score, penalty: r.penalty, rank: r.rank },
    });
  }
  let applied = false;
  if (c.rated) {
    const claim = await t.contest.updateMany({
      where: { id: c.id, ratingsAppliedAt: null },
      data: { ratingsAppliedAt: now },
    });
    if (claim.count === 1) {
      const submitted = new Set(
        data.submissions.filter((s) => s.createdAt >= c.startsAt && s.createdAt <= c.endsAt).map((s) => s.userId),
      );
      const rated = board.rows.filter((r) => submitted.has(r.user.id));
      const ratings = await lockRatings(
        t,
        rated.map((r) => r.user.id),
        'CONTEST',
      );
      const deltas = contestDeltas(
        rated.map((r) => ({ userId: r.user.id, rating: ratings.get(r.user.id)?.rating ?? 1500, rank: r.rank })),
      );
      for (const r of rated) {
        const before = ratings.get(r.user.id)?.rating ?? 1500;
        const after = before + (deltas.get(r.user.id) ?? 0);
        await t.rating.update({
          where: { userId_kind: { userId: r.user.id, kind: 'CONTEST' } },
          data: { rating: after, gamesPlayed: { increment: 1 } },
        });
        await t.ratingHistory.create({
          data: { userId: r.user.id, kind: 'CONTEST', before, after, contestId: c.id, createdAt: now },
        });
      }
      applied = true;
    }
  }
  await publishContest(t, c.id);
  return { applied, rows: board.rows.length };
}

/**
 * After the end, by the contest's author or an administrator: final ranks, ratings once (see
 * settleContest), then the integrity check once.
 */
export async function finalize(db: Db, me: SessionUser, contestId: string, now = new Date()) {
  const pre = await editableContest(db, me, contestId);
  if (contestPhase(pre, now) !== 'ended') throw new DomainError('PRECONDITION_FAILED', 'The contest has not ended yet');
  const result = await tx(db, async (t) => {
    await t.$executeRaw`SELECT id FROM "Contest" WHERE id = ${contestId}::uuid FOR UPDATE`;
    return settleContest(t, await t.contest.findUniqueOrThrow({ where: { id: contestId } }), now);
  });
  const history = await db.ratingHistory.findMany({
    where: { contestId },
    select: { before: true, after: true, user: { select: publicUserSelect } },
  });
  const ranks = await db.contestParticipant.findMany({
    where: { contestId, kind: 'OFFICIAL' },
    select: { userId: true, rank: true },
  });
  // The integrity check runs once per contest, after the ratings are in.
  const integrity = (await db.plagiarismReport.count({ where: { contestId } }))
    ? null
    : await checkContestIntegrity(db, me, contestId);
  return {
    ratingsApplied: result.applied,
    participants: result.rows,
    changes: history
      .map((h) => ({
        user: h.user,
        rank: ranks.find((r) => r.userId === h.user.id)?.rank ?? null,
        before: Math.round(h.before),
        after: Math.round(h.after),
        delta: Math.round(h.after) - Math.round(h.before),
      }))
      .sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9)),
    flaggedPairs: integrity?.pairs.length ?? null,
  };
}

/**
 * Verdicts of submissions made just before the end may still be on their way; the background
 * worker waits for them, but no longer than this (a stuck judge must not block ratings forever).
 */
export const FINALIZE_GRACE_MS = 15 * 60_000;

/**
 * The background worker's half of `finalize`: settles every ended rated contest whose ratings
 * aren't applied yet, once all its in-window submissions are judged (or the grace passed). One
 * contest per transaction, claimed with FOR UPDATE SKIP LOCKED, so several workers share the
 * work without waiting on each other, and the conditional claim in settleContest keeps a contest
 * from being rated twice. The integrity check stays with people: it runs on the author's
 * finalize or from the contest's fair-play section. Returns the ids it finalized.
 */
export async function finalizeEndedContests(db: Db, now = new Date()): Promise<string[]> {
  const graceEnd = new Date(now.getTime() - FINALIZE_GRACE_MS);
  const finalized: string[] = [];
  for (;;) {
    const claimed = await tx(db, async (t) => {
      const [row] = await t.$queryRaw<{ id: string }[]>`
        SELECT c.id FROM "Contest" c
         WHERE c.rated AND c."ratingsAppliedAt" IS NULL AND c."endsAt" <= ${now}
           AND (c."endsAt" <= ${graceEnd} OR NOT EXISTS (
                 SELECT 1 FROM "Submission" s
                  WHERE s."contestId" = c.id AND s.status <> 'DONE' AND s."createdAt" <= c."endsAt"))
         ORDER BY c."endsAt"
         LIMIT 1
         FOR UPDATE OF c SKIP LOCKED`;
      if (!row) return null;
      const c = await t.contest.findUniqueOrThrow({ where: { id: row.id } });
      // Another worker may have committed between our snapshot and the lock.
      if (c.ratingsAppliedAt) return { id: c.id, settled: false };
      return { id: c.id, settled: (await settleContest(t, c, now)).applied };
    });
    if (!claimed) return finalized;
    if (claimed.settled) finalized.push(claimed.id);
  }
}
