// Leaderboards: one ranking query for every scope (global, class, guild, friends, event) and
// metric (duel rating, contest rating, XP, problems solved, event score). Ranks are computed in
// PostgreSQL with RANK() over the whole scope, so a page and the viewer's own row (always
// returned, wherever it falls) agree. Students are ranked; staff accounts and suspended users are
// not. A private profile stays on the board (ranks must add up) but without its name.
import { type Db, Prisma } from '@roguelearn/db';
import type { z } from 'zod';
import { forbidden, notFound } from '../../errors';
import type { eventLeaderboardInput, leaderboardMetrics } from '../../schemas/leaderboard';
import type { SessionUser } from '../auth/service';
import { tierFor } from '../battle/rating';

export type Metric = (typeof leaderboardMetrics)[number] | 'EVENT_SCORE';
type Viewer = Pick<SessionUser, 'id' | 'role'> | null;

interface RawRow {
  id: string;
  value: number;
  tiebreak: number;
  detail: number | null;
  username: string;
  displayName: string;
  public: boolean;
  rank: number;
  rn: number;
  total: number;
}

/** `(id, value, tiebreak, detail)` for the users in `scope` (a query returning user ids). */
function metricValues(metric: Exclude<Metric, 'EVENT_SCORE'>, scope: Prisma.Sql): Prisma.Sql {
  switch (metric) {
    case 'DUEL_RATING':
    case 'CONTEST_RATING': {
      const kind = metric === 'DUEL_RATING' ? 'DUEL' : 'CONTEST';
      return Prisma.sql`
        SELECT r."userId" AS id, r.rating::float8 AS value, 0::float8 AS tiebreak, r."gamesPlayed"::float8 AS detail
          FROM "Rating" r
         WHERE r.kind = ${kind}::"RatingKind" AND r."gamesPlayed" > 0 AND r."userId" IN (${scope})`;
    }
    case 'XP':
      return Prisma.sql`
        SELECT u.id, COALESCE(c.xp, 0)::float8 AS value, 0::float8 AS tiebreak, COALESCE(c.level, 1)::float8 AS detail
          FROM "User" u LEFT JOIN "Character" c ON c."userId" = u.id
         WHERE u.id IN (${scope})`;
    case 'SOLVED':
      return Prisma.sql`
        SELECT u.id, COALESCE(s.n, 0)::float8 AS value, 0::float8 AS tiebreak, NULL::float8 AS detail
          FROM "User" u
          LEFT JOIN (SELECT "userId", count(DISTINCT "problemId") AS n FROM "Submission"
                      WHERE verdict = 'AC' AND kind = 'SUBMIT' AND source <> 'reference' AND "problemId" IS NOT NULL AND "userId" IN (${scope})
                      GROUP BY "userId") s ON s."userId" = u.id
         WHERE u.id IN (${scope})`;
  }
}

async function ranked(
  db: Db,
  values: Prisma.Sql,
  metric: Metric,
  opts: { page: number; pageSize: number; viewerId: string | null; showPrivate?: boolean },
) {
  const offset = (opts.page - 1) * opts.pageSize;
  const rows = await db.$queryRaw<RawRow[]>`
    WITH v AS (${values}),
    x AS (
      SELECT v.id, v.value, v.tiebreak, v.detail, u.username, u."displayName", COALESCE(p."publicProfile", true) AS public
        FROM v JOIN "User" u ON u.id = v.id LEFT JOIN "Preferences" p ON p."userId" = u.id
       WHERE u.status = 'ACTIVE' AND u.role = 'STUDENT'),
    r AS (
      SELECT x.*, RANK() OVER (ORDER BY value DESC, tiebreak ASC)::int AS rank,
             ROW_NUMBER() OVER (ORDER BY value DESC, tiebreak ASC, username ASC)::int AS rn,
             count(*) OVER ()::int AS total
        FROM x)
    SELECT * FROM r
     WHERE (rn > ${offset} AND rn <= ${offset + opts.pageSize}) OR id = ${opts.viewerId}::uuid
     ORDER BY rn`;
  const isRating = metric === 'DUEL_RATING' || metric === 'CONTEST_RATING';
  const entry = (r: RawRow) => {
    const visible = r.public || r.id === opts.viewerId || opts.showPrivate;
    const tier = isRating ? tierFor(r.value) : null;
    return {
      rank: r.rank,
      user: visible ? { id: r.id, username: r.username, displayName: r.displayName } : null,
      value: isRating ? Math.round(r.value) : Math.round(r.value * 100) / 100,
      /** Rated games (ratings), level (XP), contests played (events); null otherwise. */
      detail: r.detail === null ? null : Math.round(r.detail),
      /** Event boards: total ICPC penalty, the tie-break. */
      penalty: metric === 'EVENT_SCORE' ? Math.round(r.tiebreak) : null,
      tier: tier ? { key: tier.key, title: tier.title, color: tier.color } : null,
      isViewer: r.id === opts.viewerId,
    };
  };
  const inPage = rows.filter((r) => r.rn > offset && r.rn <= offset + opts.pageSize);
  const me = rows.find((r) => r.id === opts.viewerId);
  return {
    metric,
    page: opts.page,
    pageSize: opts.pageSize,
    total: rows[0]?.total ?? (await countOnly(db, values)),
    items: inPage.map(entry),
    /** The viewer's own row, wherever it is; null when they aren't ranked on this board. */
    me: me ? entry(me) : null,
  };
}

/** The total when the requested page is past the end (no row came back to carry it). */
async function countOnly(db: Db, values: Prisma.Sql) {
  const [{ n }] = await db.$queryRaw<{ n: number }[]>`
    WITH v AS (${values})
    SELECT count(*)::int AS n FROM v JOIN "User" u ON u.id = v.id WHERE u.status = 'ACTIVE' AND u.role = 'STUDENT'`;
  return n;
}

type PageInput = { by: Exclude<Metric, 'EVENT_SCORE'>; page: number; pageSize: number };

export function globalBoard(db: Db, viewer: Viewer, input: PageInput) {
  return ranked(db, metricValues(input.by, Prisma.sql`SELECT id FROM "User"`), input.by, {
    ...input,
    viewerId: viewer?.id ?? null,
  });
}

export function friendsBoard(db: Db, viewer: SessionUser, input: PageInput) {
  const scope = Prisma.sql`
    SELECT ${viewer.id}::uuid
    UNION
    SELECT CASE WHEN "requesterId" = ${viewer.id}::uuid THEN "addresseeId" ELSE "requesterId" END
      FROM "Friendship"
     WHERE status = 'ACCEPTED' AND (${viewer.id}::uuid = "requesterId" OR ${viewer.id}::uuid = "addresseeId")`;
  // Friends see each other by name whatever the profile setting.
  return ranked(db, metricValues(input.by, scope), input.by, { ...input, viewerId: viewer.id, showPrivate: true });
}

export async function classBoard(db: Db, viewer: SessionUser, input: PageInput & { classId: string }) {
  const cls = await db.class.findUnique({ where: { id: input.classId }, select: { instructorId: true } });
  if (!cls) throw notFound('Class');
  const enrolled = await db.classEnrollment.count({ where: { classId: input.classId, userId: viewer.id } });
  if (!enrolled && cls.instructorId !== viewer.id && viewer.role !== 'ADMIN')
    throw forbidden('Only the class can see its leaderboard');
  const scope = Prisma.sql`SELECT "userId" FROM "ClassEnrollment" WHERE "classId" = ${input.classId}::uuid`;
  return ranked(db, metricValues(input.by, scope), input.by, { ...input, viewerId: viewer.id, showPrivate: true });
}

export async function guildBoard(db: Db, viewer: Viewer, input: PageInput & { guildId: string }) {
  if (!(await db.guild.count({ where: { id: input.guildId } }))) throw notFound('Guild');
  const scope = Prisma.sql`SELECT "userId" FROM "GuildMember" WHERE "guildId" = ${input.guildId}::uuid`;
  return ranked(db, metricValues(input.by, scope), input.by, { ...input, viewerId: viewer?.id ?? null });
}

/**
 * A seasonal event's board: the sum of each contestant's official scores over the event's
 * contests that have ended (running ones could leak a frozen scoreboard), ties broken by total
 * penalty.
 */
export async function eventBoard(
  db: Db,
  viewer: Viewer,
  input: z.infer<typeof eventLeaderboardInput>,
  now = new Date(),
) {
  const event = await db.seasonalEvent.findUnique({
    where: { slug: input.slug },
    select: { id: true, slug: true, title: true, startsAt: true, endsAt: true },
  });
  if (!event) throw notFound('Event');
  const values = Prisma.sql`
    SELECT cp."userId" AS id, SUM(cp.score)::float8 AS value, SUM(cp.penalty)::float8 AS tiebreak, COUNT(*)::float8 AS detail
      FROM "ContestParticipant" cp JOIN "Contest" c ON c.id = cp."contestId"
     WHERE c."eventId" = ${event.id}::uuid AND cp.kind = 'OFFICIAL' AND c."endsAt" <= ${now}
     GROUP BY cp."userId"`;
  const board = await ranked(db, values, 'EVENT_SCORE', { ...input, viewerId: viewer?.id ?? null });
  return { event, ...board };
}
