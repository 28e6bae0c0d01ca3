// The progression rules engine: XP, levels, skill points, streaks and achievements, awarded on
// the server from real events only.
//
// An event is a pointer to a record that already happened (a judged submission, a finished duel,
// a completed quest step …). `applyEvent` reloads that record, so a caller cannot invent facts:
// it can only say "look at this". Every award carries an idempotency key derived from the facts
// (`first-solve:<user>:<problem>`, `step:<user>:<step>` …) and is written as an XpEvent whose key
// is unique, inside a transaction that holds the user's Character row lock. Replaying an event,
// or two replicas handling it at once, therefore awards exactly once.
//
// The pure functions at the top hold the numbers; the rest gathers facts and commits.
import type { Db, Difficulty, Prisma, QuestStepKind } from '@roguelearn/db';

// ───────────────────────────── the numbers ─────────────────────────────

export const XP_RULES = {
  /** First accepted solution of a problem, by difficulty. */
  firstSolve: { EASY: 20, MEDIUM: 40, HARD: 80 } satisfies Record<Difficulty, number>,
  /** Another accepted solution of an already solved problem: once per problem per day. */
  repeatAccepted: 2,
  /** First accepted solution of a day: 5 XP per streak day, capped at 7 days. */
  streakPerDay: 5,
  streakCap: 7,
  step: { READ: 5, SOLVE: 10, DUEL: 15, PAIR: 15, BOSS: 30 } satisfies Record<QuestStepKind, number>,
  nodeMastered: 25,
  duelWon: 30,
  /** Each participant of a pair session that ended with an accepted solution. */
  pairSessionSolved: 15,
  dungeonWon: 50,
} as const;

/** Total XP needed to leave level n: 100·n·(n+1)/2 (level 2 at 100, level 3 at 300, 4 at 600 …). */
export function xpToLeaveLevel(level: number): number {
  return (100 * level * (level + 1)) / 2;
}

export function levelForXp(xp: number): number {
  let level = 1;
  while (xp >= xpToLeaveLevel(level)) level++;
  return level;
}

/** The XP bar: where `xp` sits between this level's floor and the next level's threshold. */
export function levelProgress(level: number, xp: number) {
  const floor = level > 1 ? xpToLeaveLevel(level - 1) : 0;
  const ceiling = xpToLeaveLevel(level);
  return {
    level,
    xp,
    floor,
    ceiling,
    toNext: Math.max(0, ceiling - xp),
    fraction: Math.min(1, Math.max(0, (xp - floor) / (ceiling - floor))),
  };
}

const titles: [number, string][] = [
  [20, 'Grandmaster'],
  [15, 'Master'],
  [10, 'Expert'],
  [7, 'Journeyman'],
  [4, 'Apprentice'],
  [1, 'Novice'],
];
export function titleForLevel(level: number): string {
  return titles.find(([min]) => level >= min)?.[1] ?? 'Novice';
}

/** A UTC calendar day as `YYYY-MM-DD`. */
export function dayOf(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** The streak after activity on `day`, given the last active day and the streak so far. */
export function nextStreak(lastActive: string | null, day: string, current: number): number {
  if (!lastActive) return 1;
  if (day <= lastActive) return current;
  const gap = (Date.parse(`${day}T00:00:00Z`) - Date.parse(`${lastActive}T00:00:00Z`)) / 86_400_000;
  return gap === 1 ? current + 1 : 1;
}

export function streakXp(streak: number): number {
  return XP_RULES.streakPerDay * Math.min(streak, XP_RULES.streakCap);
}

/** The achievements this engine awards (rows come from the seed, keyed by these). */
export const ACHIEVEMENTS = [
  'first-ac',
  'streak-7',
  'boss-defeated',
  'helpful-partner',
  'duel-winner',
  'polyglot',
  'tree-mastered',
  'guild-founder',
] as const;
export type AchievementKey = (typeof ACHIEVEMENTS)[number];

export const HELPFUL_PARTNER_SESSIONS = 5;
export const POLYGLOT_LANGUAGES = 3;

// ───────────────────────────── events ─────────────────────────────

export type ProgressEvent =
  /** A submission finished judging (any verdict; only accepted ones award anything). */
  | { type: 'submission.judged'; submissionId: string }
  | { type: 'quest.step.completed'; userId: string; stepId: string }
  | { type: 'quest.completed'; userId: string; questId: string }
  | { type: 'node.mastered'; userId: string; nodeId: string }
  /** Spending: the hint's XP cost, charged once (never below zero XP). */
  | { type: 'hint.unlocked'; userId: string; hintId: string }
  | { type: 'duel.won'; battleId: string }
  | { type: 'pair.session.ended'; sessionId: string }
  | { type: 'guild.founded'; guildId: string }
  | { type: 'dungeon.won'; runId: string };

export interface Award {
  key: string;
  amount: number;
  reason: string;
  sourceType?: string;
  sourceId?: string;
  /** A cost: charged up to the user's current XP, so XP never goes negative. */
  cost?: boolean;
}

/** What one event means for one user, before idempotency is applied. */
export interface Plan {
  userId: string;
  awards: Award[];
  achievements: AchievementKey[];
  /** An accepted solution on this UTC day: counts towards the streak. */
  activityDay?: string;
  activitySource?: { type: string; id: string };
}

export interface UserOutcome {
  userId: string;
  xpDelta: number;
  awards: { reason: string; amount: number; key: string }[];
  achievements: AchievementKey[];
  xp: number;
  level: number;
  previousLevel: number;
  skillPoints: number;
  streakDays: number;
}

export interface EventOutcome {
  event: ProgressEvent;
  users: UserOutcome[];
}

// ───────────────────────────── gathering facts ─────────────────────────────

async function acceptedLanguages(db: Db, userId: string): Promise<number> {
  const rows = await db.submission.findMany({
    where: { userId, verdict: 'AC', kind: 'SUBMIT', status: 'DONE' },
    distinct: ['language'],
    select: { language: true },
  });
  return rows.length;
}

/** Pair sessions this user took part in that ended with an accepted solution. */
async function solvedPairSessions(db: Db, userId: string): Promise<number> {
  return db.pairSession.count({
    where: {
      status: 'ENDED',
      participants: { some: { userId } },
      submissions: { some: { verdict: 'AC', kind: 'SUBMIT', status: 'DONE' } },
    },
  });
}

async function planSubmission(db: Db, submissionId: string): Promise<Plan[]> {
  const s = await db.submission.findUnique({
    where: { id: submissionId },
    select: {
      id: true,
      userId: true,
      problemId: true,
      kind: true,
      status: true,
      verdict: true,
      createdAt: true,
      judgedAt: true,
      pairSessionId: true,
      source: true,
      problem: { select: { difficulty: true } },
    },
  });
  if (s?.kind !== 'SUBMIT' || s.status !== 'DONE' || s.verdict !== 'AC' || !s.problemId || !s.problem) return [];
  // An author verifying reference solutions is not playing.
  if (s.source === 'reference') return [];
  const day = dayOf(s.judgedAt ?? s.createdAt);
  const firstKey = `first-solve:${s.userId}:${s.problemId}`;
  const first = await db.xpEvent.findUnique({ where: { idempotencyKey: firstKey }, select: { sourceId: true } });
  const award: Award =
    !first || first.sourceId === s.id
      ? {
          key: firstKey,
          amount: XP_RULES.firstSolve[s.problem.difficulty],
          reason: 'first-solve',
          sourceType: 'submission',
          sourceId: s.id,
        }
      : {
          key: `ac:${s.userId}:${s.problemId}:${day}`,
          amount: XP_RULES.repeatAccepted,
          reason: 'accepted',
          sourceType: 'submission',
          sourceId: s.id,
        };
  const achievements: AchievementKey[] = ['first-ac'];
  if ((await acceptedLanguages(db, s.userId)) >= POLYGLOT_LANGUAGES) achievements.push('polyglot');
  const plans: Plan[] = [
    {
      userId: s.userId,
      awards: [award],
      achievements,
      activityDay: day,
      activitySource: { type: 'submission', id: s.id },
    },
  ];
  if (s.pairSessionId) {
    // A pair session that is already over when its accepted verdict arrives still counts.
    const participants = await db.pairSessionParticipant.findMany({
      where: { sessionId: s.pairSessionId },
      select: { userId: true },
    });
    for (const p of participants) {
      if ((await solvedPairSessions(db, p.userId)) < HELPFUL_PARTNER_SESSIONS) continue;
      const existing = plans.find((x) => x.userId === p.userId);
      if (existing) existing.achievements.push('helpful-partner');
      else plans.push({ userId: p.userId, awards: [], achievements: ['helpful-partner'] });
    }
  }
  return plans;
}

async function planEvent(db: Db, event: ProgressEvent): Promise<Plan[]> {
  switch (event.type) {
    case 'submission.judged':
      return planSubmission(db, event.submissionId);

    case 'quest.step.completed': {
      const c = await db.questStepCompletion.findUnique({
        where: { userId_stepId: { userId: event.userId, stepId: event.stepId } },
        select: { step: { select: { kind: true, title: true } } },
      });
      if (!c) return [];
      return [
        {
          userId: event.userId,
          awards: [
            {
              key: `step:${event.userId}:${event.stepId}`,
              amount: XP_RULES.step[c.step.kind],
              reason: c.step.kind === 'BOSS' ? 'boss-step' : 'quest-step',
              sourceType: 'quest-step',
              sourceId: event.stepId,
            },
          ],
          achievements: c.step.kind === 'BOSS' ? ['boss-defeated'] : [],
        },
      ];
    }

    case 'quest.completed': {
      const p = await db.questProgress.findUnique({
        where: { userId_questId: { userId: event.userId, questId: event.questId } },
        select: { status: true, quest: { select: { xpReward: true } } },
      });
      if (p?.status !== 'COMPLETED') return [];
      return [
        {
          userId: event.userId,
          awards: [
            {
              key: `quest:${event.userId}:${event.questId}`,
              amount: p.quest.xpReward,
              reason: 'quest-completed',
              sourceType: 'quest',
              sourceId: event.questId,
            },
          ],
          achievements: [],
        },
      ];
    }

    case 'node.mastered': {
      const sp = await db.skillProgress.findUnique({
        where: { userId_nodeId: { userId: event.userId, nodeId: event.nodeId } },
        select: { status: true, node: { select: { treeId: true } } },
      });
      if (sp?.status !== 'COMPLETED') return [];
      const [nodes, mastered] = await Promise.all([
        db.skillNode.count({ where: { treeId: sp.node.treeId } }),
        db.skillProgress.count({
          where: { userId: event.userId, status: 'COMPLETED', node: { treeId: sp.node.treeId } },
        }),
      ]);
      return [
        {
          userId: event.userId,
          awards: [
            {
              key: `node:${event.userId}:${event.nodeId}`,
              amount: XP_RULES.nodeMastered,
              reason: 'node-mastered',
              sourceType: 'skill-node',
              sourceId: event.nodeId,
            },
          ],
          achievements: nodes > 0 && mastered >= nodes ? ['tree-mastered'] : [],
        },
      ];
    }

    case 'hint.unlocked': {
      const u = await db.hintUnlock.findUnique({
        where: { userId_hintId: { userId: event.userId, hintId: event.hintId } },
        select: { hint: { select: { xpCost: true, tier: true } } },
      });
      if (!u || u.hint.xpCost <= 0) return [];
      return [
        {
          userId: event.userId,
          awards: [
            {
              key: `hint:${event.userId}:${event.hintId}`,
              amount: -u.hint.xpCost,
              reason: `hint-tier-${u.hint.tier}`,
              sourceType: 'hint',
              sourceId: event.hintId,
              cost: true,
            },
          ],
          achievements: [],
        },
      ];
    }

    case 'duel.won': {
      const b = await db.battle.findUnique({
        where: { id: event.battleId },
        select: { status: true, result: true, winnerId: true },
      });
      if (b?.status !== 'FINISHED' || b.result !== 'WIN' || !b.winnerId) return [];
      return [
        {
          userId: b.winnerId,
          awards: [
            {
              key: `duel:${b.winnerId}:${event.battleId}`,
              amount: XP_RULES.duelWon,
              reason: 'duel-won',
              sourceType: 'battle',
              sourceId: event.battleId,
            },
          ],
          achievements: ['duel-winner'],
        },
      ];
    }

    case 'pair.session.ended': {
      const s = await db.pairSession.findUnique({
        where: { id: event.sessionId },
        select: {
          status: true,
          participants: { select: { userId: true } },
          _count: { select: { submissions: { where: { verdict: 'AC', kind: 'SUBMIT', status: 'DONE' } } } },
        },
      });
      if (s?.status !== 'ENDED' || s._count.submissions === 0) return [];
      const plans: Plan[] = [];
      for (const p of s.participants) {
        const enough = (await solvedPairSessions(db, p.userId)) >= HELPFUL_PARTNER_SESSIONS;
        plans.push({
          userId: p.userId,
          awards: [
            {
              key: `pair:${p.userId}:${event.sessionId}`,
              amount: XP_RULES.pairSessionSolved,
              reason: 'pair-session-solved',
              sourceType: 'pair-session',
              sourceId: event.sessionId,
            },
          ],
          achievements: enough ? ['helpful-partner'] : [],
        });
      }
      return plans;
    }

    case 'guild.founded': {
      const g = await db.guild.findUnique({ where: { id: event.guildId }, select: { ownerId: true } });
      return g ? [{ userId: g.ownerId, awards: [], achievements: ['guild-founder'] }] : [];
    }

    case 'dungeon.won': {
      const r = await db.dungeonRun.findUnique({ where: { id: event.runId }, select: { userId: true, status: true } });
      if (r?.status !== 'WON') return [];
      return [
        {
          userId: r.userId,
          awards: [
            {
              key: `dungeon:${r.userId}:${event.runId}`,
              amount: XP_RULES.dungeonWon,
              reason: 'dungeon-won',
              sourceType: 'dungeon-run',
              sourceId: event.runId,
            },
          ],
          achievements: ['boss-defeated'],
        },
      ];
    }
  }
}

// ───────────────────────────── committing ─────────────────────────────

type Tx = Prisma.TransactionClient;

async function commitPlan(tx: Tx, plan: Plan): Promise<UserOutcome> {
  const { userId } = plan;
  await tx.character.upsert({ where: { userId }, create: { userId }, update: {} });
  // Serialises every award for this user: the key checks below cannot race.
  await tx.$queryRaw`SELECT "userId" FROM "Character" WHERE "userId" = ${userId}::uuid FOR UPDATE`;
  const ch = await tx.character.findUniqueOrThrow({ where: { userId } });

  const awards: Award[] = [...plan.awards];
  let streakDays = ch.streakDays;
  let lastActive = ch.lastActiveDate ? dayOf(ch.lastActiveDate) : null;
  if (plan.activityDay) {
    const key = `streak:${userId}:${plan.activityDay}`;
    const seen = await tx.xpEvent.findUnique({ where: { idempotencyKey: key }, select: { id: true } });
    if (!seen && (!lastActive || plan.activityDay > lastActive)) {
      streakDays = nextStreak(lastActive, plan.activityDay, ch.streakDays);
      lastActive = plan.activityDay;
      awards.push({
        key,
        amount: streakXp(streakDays),
        reason: streakDays > 1 ? `streak-day-${streakDays}` : 'active-day',
        sourceType: plan.activitySource?.type,
        sourceId: plan.activitySource?.id,
      });
    }
  }
  const achievementKeys = new Set<AchievementKey>(plan.achievements);
  if (streakDays >= 7) achievementKeys.add('streak-7');

  // Achievements: the join row is the record (its primary key makes it idempotent); the XP
  // reward rides along as a keyed XpEvent like every other award.
  const earned: AchievementKey[] = [];
  if (achievementKeys.size) {
    const rows = await tx.achievement.findMany({ where: { key: { in: [...achievementKeys] } } });
    const inserted = await tx.userAchievement.createManyAndReturn({
      data: rows.map((a) => ({ userId, achievementId: a.id })),
      skipDuplicates: true,
      select: { achievementId: true },
    });
    for (const { achievementId } of inserted) {
      const a = rows.find((r) => r.id === achievementId);
      if (!a) continue;
      earned.push(a.key as AchievementKey);
      if (a.xpReward > 0) {
        awards.push({
          key: `achievement:${userId}:${a.key}`,
          amount: a.xpReward,
          reason: `achievement:${a.key}`,
          sourceType: 'achievement',
          sourceId: a.id,
        });
      }
    }
  }

  const existing = new Set(
    (
      await tx.xpEvent.findMany({
        where: { idempotencyKey: { in: awards.map((a) => a.key) } },
        select: { idempotencyKey: true },
      })
    ).map((e) => e.idempotencyKey),
  );
  let xp = ch.xp;
  const fresh: { key: string; amount: number; reason: string; sourceType?: string; sourceId?: string }[] = [];
  for (const a of awards) {
    if (existing.has(a.key) || fresh.some((f) => f.key === a.key)) continue;
    const amount = a.cost ? 0 - Math.min(-a.amount, xp) : a.amount;
    xp += amount;
    fresh.push({ key: a.key, amount, reason: a.reason, sourceType: a.sourceType, sourceId: a.sourceId });
  }

  // Levels never go down: spent XP (hints) just delays the next one. Each level reached is a
  // keyed history row and one skill point.
  const level = Math.max(ch.level, levelForXp(xp));
  const levelRows: typeof fresh = [];
  for (let l = ch.level + 1; l <= level; l++) {
    levelRows.push({ key: `level:${userId}:${l}`, amount: 0, reason: `level-${l}` });
  }
  const written = await tx.xpEvent.createManyAndReturn({
    data: [...fresh, ...levelRows].map((f) => ({
      userId,
      amount: f.amount,
      reason: f.reason,
      sourceType: f.sourceType ?? null,
      sourceId: f.sourceId ?? null,
      idempotencyKey: f.key,
    })),
    skipDuplicates: true,
    select: { idempotencyKey: true },
  });
  const newLevels = written.filter((w) => w.idempotencyKey.startsWith('level:')).length;
  const updated = await tx.character.update({
    where: { userId },
    data: {
      xp,
      level,
      title: titleForLevel(level),
      skillPoints: { increment: newLevels },
      streakDays,
      lastActiveDate: lastActive ? new Date(`${lastActive}T00:00:00Z`) : null,
    },
  });
  return {
    userId,
    xpDelta: xp - ch.xp,
    awards: fresh.map((f) => ({ reason: f.reason, amount: f.amount, key: f.key })),
    achievements: earned,
    xp: updated.xp,
    level: updated.level,
    previousLevel: ch.level,
    skillPoints: updated.skillPoints,
    streakDays: updated.streakDays,
  };
}

/**
 * Applies one progression event. Safe to call any number of times for the same event, from any
 * domain (judge results, duels, pair sessions, guilds, quests): a replay awards nothing.
 */
export async function applyEvent(db: Db, event: ProgressEvent): Promise<EventOutcome> {
  const plans = await planEvent(db, event);
  const users: UserOutcome[] = [];
  for (const plan of plans) {
    users.push(await db.$transaction((tx) => commitPlan(tx, plan), { timeout: 15_000, maxWait: 10_000 }));
  }
  return { event, users };
}

/**
 * Catches up on judged submissions whose awards were never applied (a judge that died between
 * writing a verdict and calling `applyEvent`, or one not wired yet). Only submissions that could
 * still award something are replayed: the first accepted solution per problem without its
 * first-solve row, the first per day without its streak row (last 60 days), and the first per
 * language while Polyglot is unearned. Cheap when there is nothing to do.
 */
export async function catchUpSubmissions(db: Db, userId: string): Promise<number> {
  const accepted = await db.submission.findMany({
    where: { userId, kind: 'SUBMIT', status: 'DONE', verdict: 'AC', problemId: { not: null } },
    orderBy: { createdAt: 'asc' },
    select: { id: true, problemId: true, language: true, createdAt: true, judgedAt: true },
    take: 5000,
  });
  if (!accepted.length) return 0;
  const since = dayOf(new Date(Date.now() - 60 * 86_400_000));
  const firstPerProblem = new Map<string, string>();
  const firstPerDay = new Map<string, string>();
  const firstPerLanguage = new Map<string, string>();
  for (const s of accepted) {
    if (s.problemId && !firstPerProblem.has(s.problemId)) firstPerProblem.set(s.problemId, s.id);
    const day = dayOf(s.judgedAt ?? s.createdAt);
    if (day >= since && !firstPerDay.has(day)) firstPerDay.set(day, s.id);
    if (!firstPerLanguage.has(s.language)) firstPerLanguage.set(s.language, s.id);
  }
  const keys = [
    ...[...firstPerProblem.keys()].map((p) => `first-solve:${userId}:${p}`),
    ...[...firstPerDay.keys()].map((d) => `streak:${userId}:${d}`),
  ];
  const [have, polyglot] = await Promise.all([
    db.xpEvent.findMany({ where: { idempotencyKey: { in: keys } }, select: { idempotencyKey: true } }),
    db.userAchievement.findFirst({ where: { userId, achievement: { key: 'polyglot' } }, select: { userId: true } }),
  ]);
  const seen = new Set(have.map((h) => h.idempotencyKey));
  const todo = new Set<string>();
  for (const [p, id] of firstPerProblem) if (!seen.has(`first-solve:${userId}:${p}`)) todo.add(id);
  for (const [d, id] of firstPerDay) if (!seen.has(`streak:${userId}:${d}`)) todo.add(id);
  if (!polyglot && firstPerLanguage.size >= POLYGLOT_LANGUAGES)
    for (const id of firstPerLanguage.values()) todo.add(id);
  // Oldest first, so streaks are counted in calendar order.
  const ordered = accepted.filter((s) => todo.has(s.id));
  for (const s of ordered) await applyEvent(db, { type: 'submission.judged', submissionId: s.id });
  return ordered.length;
}
