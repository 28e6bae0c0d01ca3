// Classes: an instructor's group of students. Students join with the class's invite code (or
// are enrolled from a list of emails); skill trees and contests are assigned to the class; the
// roster shows each student's progress. A class is managed by its instructor, its assistants
// (enrolled with role ASSISTANT) and administrators.
import crypto from 'node:crypto';
import { type Db, Prisma } from '@roguelearn/db';
import { z } from 'zod';
import { DomainError, forbidden, notFound } from '../../errors';
import type { createClassInput, listClassesInput, updateClassInput } from '../../schemas/classes';
import { recordAudit } from '../admin/audit';
import type { SessionUser } from '../auth/service';
import { assertManageClass, loadTreeForEdit } from '../learning/access';

const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A fresh invite code: 10 characters without look-alikes (about 49 bits). */
export function newInviteCode(): string {
  const bytes = crypto.randomBytes(10);
  return Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('');
}

export const managedBy = (me: SessionUser): Prisma.ClassWhereInput =>
  me.role === 'ADMIN'
    ? {}
    : { OR: [{ instructorId: me.id }, { enrollments: { some: { userId: me.id, role: 'ASSISTANT' } } }] };

export async function createClass(db: Db, me: SessionUser, input: z.infer<typeof createClassInput>, ip?: string) {
  if (await db.class.findUnique({ where: { code: input.code }, select: { id: true } })) {
    throw new DomainError('CONFLICT', `The class code ${input.code} is taken`, {
      code: ['Already used by another class'],
    });
  }
  const c = await db.class.create({
    data: { ...input, instructorId: me.id, inviteCode: newInviteCode() },
    select: { id: true, name: true, code: true, inviteCode: true },
  });
  await recordAudit(db, me, {
    action: 'class.created',
    targetType: 'class',
    targetId: c.id,
    data: { code: c.code },
    ip,
  });
  return c;
}

export async function updateClass(db: Db, me: SessionUser, input: z.infer<typeof updateClassInput>, ip?: string) {
  await assertManageClass(db, me, input.classId);
  const c = await db.class.update({
    where: { id: input.classId },
    data: {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.archived !== undefined ? { archivedAt: input.archived ? new Date() : null } : {}),
    },
    select: { id: true, name: true, description: true, archivedAt: true },
  });
  await recordAudit(db, me, {
    action: 'class.updated',
    targetType: 'class',
    targetId: c.id,
    data: { fields: Object.keys(input).filter((k) => k !== 'classId') },
    ip,
  });
  return c;
}

/** Classes I teach or assist in (administrators: optionally all), newest first. */
export async function listMyClasses(db: Db, me: SessionUser, input: z.infer<typeof listClassesInput>) {
  const rows = await db.class.findMany({
    where: {
      ...(me.role === 'ADMIN' && input.all
        ? {}
        : { OR: [{ instructorId: me.id }, { enrollments: { some: { userId: me.id, role: 'ASSISTANT' } } }] }),
      ...(input.includeArchived ? {} : { archivedAt: null }),
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    select: {
      id: true,
      name: true,
      code: true,
      description: true,
      inviteCode: true,
      createdAt: true,
      archivedAt: true,
      instructor: { select: { id: true, username: true, displayName: true } },
      _count: { select: { skillTrees: true, contests: true } },
    },
  });
  const students = await db.classEnrollment.groupBy({
    by: ['classId'],
    where: { classId: { in: rows.map((r) => r.id) }, role: 'STUDENT' },
    _count: { _all: true },
  });
  return rows.map(({ _count, ...c }) => ({
    ...c,
    students: students.find((s) => s.classId === c.id)?._count._all ?? 0,
    skillTrees: _count.skillTrees,
    contests: _count.contests,
  }));
}

export async function getClass(db: Db, me: SessionUser, classId: string) {
  await assertManageClass(db, me, classId);
  const c = await db.class.findUniqueOrThrow({
    where: { id: classId },
    select: {
      id: true,
      name: true,
      code: true,
      description: true,
      inviteCode: true,
      createdAt: true,
      archivedAt: true,
      instructor: { select: { id: true, username: true, displayName: true } },
      skillTrees: {
        orderBy: { createdAt: 'asc' },
        select: { id: true, title: true, status: true, _count: { select: { nodes: true, quests: true } } },
      },
      contests: {
        orderBy: { startsAt: 'asc' },
        select: { id: true, slug: true, title: true, startsAt: true, endsAt: true, visibility: true },
      },
      enrollments: {
        where: { role: 'ASSISTANT' },
        select: { user: { select: { id: true, username: true, displayName: true } } },
      },
      _count: { select: { enrollments: { where: { role: 'STUDENT' } } } },
    },
  });
  const { enrollments, _count, skillTrees, ...rest } = c;
  return {
    ...rest,
    students: _count.enrollments,
    assistants: enrollments.map((e) => e.user),
    skillTrees: skillTrees.map(({ _count: n, ...t }) => ({ ...t, nodes: n.nodes, quests: n.quests })),
  };
}

/** A new invite code; the old one stops working. */
export async function rotateInvite(db: Db, me: SessionUser, classId: string, ip?: string) {
  await assertManageClass(db, me, classId);
  const c = await db.class.update({
    where: { id: classId },
    data: { inviteCode: newInviteCode() },
    select: { id: true, inviteCode: true },
  });
  await recordAudit(db, me, { action: 'class.invite_rotated', targetType: 'class', targetId: classId, ip });
  return c;
}

/** The open class an invite code belongs to; rotated codes and archived classes match nothing. */
async function openClassByCode(db: Db, code: string) {
  const trimmed = code.trim();
  const c = await db.class.findFirst({
    where: { OR: [{ inviteCode: trimmed }, { inviteCode: trimmed.toLowerCase() }] },
    select: {
      id: true,
      name: true,
      code: true,
      description: true,
      instructorId: true,
      archivedAt: true,
      instructor: { select: { displayName: true } },
    },
  });
  if (!c || c.archivedAt) throw new DomainError('NOT_FOUND', 'That invite code doesn’t match an open class');
  return c;
}

/**
 * What an invite link leads to, for the join page: holding the code is what entitles a student
 * to join, so it may also tell them the class's name first.
 */
export async function previewClass(db: Db, me: SessionUser, code: string) {
  const c = await openClassByCode(db, code);
  const [students, trees, mine] = await Promise.all([
    db.classEnrollment.count({ where: { classId: c.id, role: 'STUDENT' } }),
    db.skillTree.count({ where: { classId: c.id, status: 'PUBLISHED' } }),
    db.classEnrollment.findUnique({
      where: { classId_userId: { classId: c.id, userId: me.id } },
      select: { role: true },
    }),
  ]);
  return {
    id: c.id,
    name: c.name,
    code: c.code,
    description: c.description,
    instructor: c.instructor.displayName,
    students,
    /** Published skill trees: where a new student starts. */
    trees,
    /** enrolled / teaching: the page says so instead of offering a join that would fail or no-op. */
    relation: c.instructorId === me.id ? ('teaching' as const) : mine ? ('enrolled' as const) : null,
  };
}

/** A student joins with an invite code (idempotent). */
export async function joinClass(db: Db, me: SessionUser, code: string) {
  const c = await openClassByCode(db, code);
  if (c.instructorId === me.id) throw new DomainError('BAD_REQUEST', 'You teach this class');
  const existing = await db.classEnrollment.findUnique({
    where: { classId_userId: { classId: c.id, userId: me.id } },
    select: { role: true },
  });
  if (!existing) {
    await db.classEnrollment.create({ data: { classId: c.id, userId: me.id, role: 'STUDENT' } });
    await db.analyticsEvent.create({
      data: { userId: me.id, type: 'class.joined', properties: { classId: c.id, via: 'invite' } },
    });
  }
  return { id: c.id, name: c.name, code: c.code, alreadyEnrolled: !!existing };
}

const emailShape = z.email();

/** The cells of one CSV line: comma, semicolon or tab separated, "quoted" cells with "" escapes. */
export function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"' && !cur.trim()) {
      quoted = true;
      cur = '';
    } else if (ch === ',' || ch === ';' || ch === '\t') {
      cells.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  cells.push(cur.trim());
  return cells;
}

/**
 * Emails from pasted text or a CSV file: with a header row naming an "email" column, that
 * column; otherwise every cell that looks like an address. Returns them lowercased and
 * deduplicated, plus the cells that are neither an email nor a header.
 */
export function parseEmailList(text: string): { emails: string[]; invalid: string[] } {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const split = splitCsvLine;
  let column = -1;
  if (lines.length) {
    const header = split(lines[0]).map((h) => h.toLowerCase());
    column = header.findIndex((h) => h === 'email' || h === 'e-mail' || h === 'email address' || h === 'mail');
  }
  const emails = new Set<string>();
  const invalid: string[] = [];
  const clean = (c: string) => c.replace(/^<|>$/g, '').toLowerCase();
  for (const [i, line] of lines.entries()) {
    if (column >= 0 && i === 0) continue;
    const cells = split(line);
    if (column >= 0) {
      const cell = cells[column] ?? '';
      if (emailShape.safeParse(clean(cell)).success) emails.add(clean(cell));
      else invalid.push(cell || line);
      continue;
    }
    const found = cells.map(clean).filter((c) => c && emailShape.safeParse(c).success);
    for (const e of found) emails.add(e);
    // A line without any address is a mistake, unless it is the first (a header like "name,mail").
    if (!found.length && i > 0) invalid.push(line);
  }
  return { emails: [...emails], invalid };
}

/** Enrols the listed users; unknown emails are reported back, nobody is created or emailed. */
export async function enrollCsv(db: Db, me: SessionUser, classId: string, csv: string, ip?: string) {
  await assertManageClass(db, me, classId);
  const { emails, invalid } = parseEmailList(csv);
  if (emails.length > 2000) throw new DomainError('BAD_REQUEST', 'Enrol at most 2000 students at once');
  const cls = await db.class.findUniqueOrThrow({ where: { id: classId }, select: { instructorId: true } });
  const users = await db.user.findMany({
    where: { email: { in: emails, mode: 'insensitive' } },
    select: { id: true, email: true, username: true, displayName: true },
  });
  const byEmail = new Map(users.map((u) => [u.email.toLowerCase(), u]));
  const existing = new Set(
    (
      await db.classEnrollment.findMany({
        where: { classId, userId: { in: users.map((u) => u.id) } },
        select: { userId: true },
      })
    ).map((e) => e.userId),
  );
  const enrolled: { email: string; username: string; displayName: string }[] = [];
  const alreadyEnrolled: string[] = [];
  const unknown: string[] = [];
  const toCreate: string[] = [];
  for (const email of emails) {
    const u = byEmail.get(email);
    if (!u) unknown.push(email);
    else if (existing.has(u.id) || u.id === cls.instructorId) alreadyEnrolled.push(email);
    else {
      toCreate.push(u.id);
      enrolled.push({ email, username: u.username, displayName: u.displayName });
    }
  }
  if (toCreate.length) {
    await db.classEnrollment.createMany({
      data: toCreate.map((userId) => ({ classId, userId, role: 'STUDENT' as const })),
      skipDuplicates: true,
    });
    await db.analyticsEvent.createMany({
      data: toCreate.map((userId) => ({ userId, type: 'class.joined', properties: { classId, via: 'csv' } })),
    });
  }
  await recordAudit(db, me, {
    action: 'class.enrolled',
    targetType: 'class',
    targetId: classId,
    data: { enrolled: enrolled.length, alreadyEnrolled: alreadyEnrolled.length, unknown: unknown.length },
    ip,
  });
  return { enrolled, alreadyEnrolled, unknown, invalid };
}

export async function removeStudent(db: Db, me: SessionUser, classId: string, userId: string, ip?: string) {
  await assertManageClass(db, me, classId);
  const e = await db.classEnrollment.findUnique({
    where: { classId_userId: { classId, userId } },
    select: { role: true },
  });
  if (!e) throw notFound('Enrolment');
  if (e.role === 'ASSISTANT' && me.role !== 'ADMIN') {
    const cls = await db.class.findUniqueOrThrow({ where: { id: classId }, select: { instructorId: true } });
    if (cls.instructorId !== me.id) throw forbidden('Only the class’s instructor can remove an assistant');
  }
  await db.classEnrollment.delete({ where: { classId_userId: { classId, userId } } });
  await recordAudit(db, me, {
    action: 'class.student_removed',
    targetType: 'class',
    targetId: classId,
    data: { userId },
    ip,
  });
  return { removed: true };
}

async function editableContest(db: Db, me: SessionUser, contestId: string) {
  const c = await db.contest.findUnique({
    where: { id: contestId },
    select: { id: true, createdById: true, startsAt: true, visibility: true, classId: true },
  });
  if (!c) throw notFound('Contest');
  if (me.role !== 'ADMIN' && c.createdById !== me.id) throw forbidden('Only the contest’s author can assign it');
  return c;
}

/**
 * Assigns a skill tree (students of the class see it once published) or a contest (it becomes
 * visible to the class only; only before it starts, as contest visibility can't change later).
 */
export async function assign(
  db: Db,
  me: SessionUser,
  input: { classId: string; skillTreeId?: string; contestId?: string },
  ip?: string,
) {
  await assertManageClass(db, me, input.classId);
  if (input.skillTreeId) {
    await loadTreeForEdit(db, me, input.skillTreeId);
    await db.skillTree.update({ where: { id: input.skillTreeId }, data: { classId: input.classId } });
  } else if (input.contestId) {
    const c = await editableContest(db, me, input.contestId);
    if (!(c.visibility === 'CLASS' && c.classId === input.classId)) {
      if (c.startsAt <= new Date()) {
        throw new DomainError('CONFLICT', 'A contest’s visibility can’t change once it started');
      }
      await db.contest.update({
        where: { id: c.id },
        data: { visibility: 'CLASS', classId: input.classId, guildId: null },
      });
    }
  }
  await recordAudit(db, me, {
    action: 'class.assigned',
    targetType: 'class',
    targetId: input.classId,
    data: { skillTreeId: input.skillTreeId ?? null, contestId: input.contestId ?? null },
    ip,
  });
  return getClass(db, me, input.classId);
}

/** Takes a tree or (before it starts) a contest away from the class; the contest becomes public. */
export async function unassign(
  db: Db,
  me: SessionUser,
  input: { classId: string; skillTreeId?: string; contestId?: string },
  ip?: string,
) {
  await assertManageClass(db, me, input.classId);
  if (input.skillTreeId) {
    const tree = await loadTreeForEdit(db, me, input.skillTreeId);
    if (tree.classId !== input.classId) throw new DomainError('BAD_REQUEST', 'That tree isn’t assigned to this class');
    await db.skillTree.update({ where: { id: input.skillTreeId }, data: { classId: null } });
  } else if (input.contestId) {
    const c = await editableContest(db, me, input.contestId);
    if (c.classId !== input.classId) throw new DomainError('BAD_REQUEST', 'That contest isn’t assigned to this class');
    if (c.startsAt <= new Date())
      throw new DomainError('CONFLICT', 'A contest’s visibility can’t change once it started');
    await db.contest.update({ where: { id: c.id }, data: { visibility: 'PUBLIC', classId: null } });
  }
  await recordAudit(db, me, {
    action: 'class.unassigned',
    targetType: 'class',
    targetId: input.classId,
    data: { skillTreeId: input.skillTreeId ?? null, contestId: input.contestId ?? null },
    ip,
  });
  return getClass(db, me, input.classId);
}

export interface RosterRow {
  userId: string;
  username: string;
  displayName: string;
  email: string;
  role: 'STUDENT' | 'ASSISTANT';
  status: 'ACTIVE' | 'SUSPENDED';
  joinedAt: Date;
  xp: number;
  level: number;
  problemsSolved: number;
  submissions: number;
  accepted: number;
  nodesCompleted: number;
  questsCompleted: number;
  lastActivityAt: Date | null;
}

/**
 * Everyone enrolled with their progress: problems solved, XP and level, submissions, skill
 * nodes and quests completed in the class's trees, and their last activity (a submission, a
 * tracked event, or being seen online).
 */
export async function roster(db: Db, me: SessionUser, classId: string) {
  await assertManageClass(db, me, classId);
  const rows = await db.$queryRaw<RosterRow[]>(Prisma.sql`
    SELECT u.id AS "userId", u.username, u."displayName", u.email, e.role::text AS role, u.status::text AS status,
           e."joinedAt",
           COALESCE(c.xp, 0)::int AS xp, COALESCE(c.level, 1)::int AS level,
           COALESCE(s.solved, 0)::int AS "problemsSolved",
           COALESCE(s.total, 0)::int AS submissions,
           COALESCE(s.accepted, 0)::int AS accepted,
           (SELECT count(*) FROM "SkillProgress" sp JOIN "SkillNode" n ON n.id = sp."nodeId"
              JOIN "SkillTree" t ON t.id = n."treeId"
             WHERE sp."userId" = u.id AND sp.status = 'COMPLETED' AND t."classId" = e."classId")::int AS "nodesCompleted",
           (SELECT count(*) FROM "QuestProgress" qp JOIN "Quest" q ON q.id = qp."questId"
              JOIN "SkillTree" t ON t.id = q."treeId"
             WHERE qp."userId" = u.id AND qp.status = 'COMPLETED' AND t."classId" = e."classId")::int AS "questsCompleted",
           NULLIF(GREATEST(
             COALESCE(u."lastSeenAt", 'epoch'::timestamp),
             COALESCE(s.last, 'epoch'::timestamp),
             COALESCE((SELECT max(a."createdAt") FROM "AnalyticsEvent" a WHERE a."userId" = u.id), 'epoch'::timestamp)
           ), 'epoch'::timestamp) AS "lastActivityAt"
      FROM "ClassEnrollment" e
      JOIN "User" u ON u.id = e."userId"
      LEFT JOIN "Character" c ON c."userId" = u.id
      LEFT JOIN LATERAL (
        SELECT count(*) AS total,
               count(*) FILTER (WHERE sub.verdict = 'AC') AS accepted,
               count(DISTINCT sub."problemId") FILTER (WHERE sub.verdict = 'AC') AS solved,
               max(sub."createdAt") AS last
          FROM "Submission" sub
         WHERE sub."userId" = u.id AND sub.kind = 'SUBMIT' AND sub."problemId" IS NOT NULL
      ) s ON true
     WHERE e."classId" = ${classId}::uuid
     ORDER BY e.role DESC, u."displayName" ASC, u.id ASC`);
  const [nodesTotal, questsTotal] = await Promise.all([
    db.skillNode.count({ where: { tree: { classId, status: 'PUBLISHED' } } }),
    db.quest.count({ where: { tree: { classId, status: 'PUBLISHED' } } }),
  ]);
  return { classId, nodesTotal, questsTotal, students: rows };
}
