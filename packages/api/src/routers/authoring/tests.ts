// Test cases and test groups. Ordinals are the judging order; they stay unique per problem (the
// reorderings below go through negative ordinals so the unique index never sees a clash).
// Changing a test's input or output, the set of tests or their order changes the problem's
// judging fingerprint, which invalidates earlier verifications of the reference solutions.
import type { Db, DbTx } from '@roguelearn/db';
import type { z } from 'zod';
import { DomainError, notFound } from '../../errors';
import {
  type addTestInput,
  type BulkTestsInput,
  MAX_TESTS_PER_PROBLEM,
  type reorderTestsInput,
  type saveGroupsInput,
  type updateTestInput,
} from '../../schemas/authoring';
import { recordAudit } from '../admin/audit';
import type { SessionUser } from '../auth/service';
import { loadProblemForEdit } from './access';

const touch = (tx: DbTx, problemId: string) =>
  tx.problem.update({ where: { id: problemId }, data: { updatedAt: new Date() } });

const tooMany = () => new DomainError('BAD_REQUEST', `A problem can have at most ${MAX_TESTS_PER_PROBLEM} tests`);

async function assertGroup(tx: DbTx, problemId: string, groupId: string | null | undefined) {
  if (!groupId) return;
  const g = await tx.testGroup.findUnique({ where: { id: groupId }, select: { problemId: true } });
  if (g?.problemId !== problemId) {
    throw new DomainError('BAD_REQUEST', 'That group belongs to another problem', { groupId: ['Unknown group'] });
  }
}

async function nextOrdinal(tx: DbTx, problemId: string) {
  const last = await tx.testCase.aggregate({ where: { problemId }, _max: { ordinal: true } });
  return (last._max.ordinal ?? -1) + 1;
}

async function loadTest(db: Db, me: SessionUser, testId: string) {
  const t = await db.testCase.findUnique({ where: { id: testId }, select: { id: true, problemId: true } });
  if (!t) throw notFound('Test');
  await loadProblemForEdit(db, me, t.problemId);
  return t;
}

const auditTests = (tx: DbTx, me: SessionUser, problemId: string, what: string, data: object = {}, ip?: string) =>
  recordAudit(tx, me, {
    action: 'problem.tests.changed',
    targetType: 'problem',
    targetId: problemId,
    data: { what, ...data },
    ip,
  });

export async function addTest(db: Db, me: SessionUser, input: z.infer<typeof addTestInput>, ip?: string) {
  await loadProblemForEdit(db, me, input.problemId);
  return db.$transaction(async (tx) => {
    await assertGroup(tx, input.problemId, input.groupId);
    if ((await tx.testCase.count({ where: { problemId: input.problemId } })) >= MAX_TESTS_PER_PROBLEM) throw tooMany();
    const row = await tx.testCase.create({
      data: {
        problemId: input.problemId,
        ordinal: await nextOrdinal(tx, input.problemId),
        input: input.input,
        expectedOutput: input.output,
        isSample: input.sample,
        weight: input.weight,
        explanation: input.explanation,
        groupId: input.groupId,
      },
      select: { id: true, ordinal: true },
    });
    await touch(tx, input.problemId);
    await auditTests(tx, me, input.problemId, 'added', { testId: row.id }, ip);
    return row;
  });
}

export async function updateTest(db: Db, me: SessionUser, input: z.infer<typeof updateTestInput>, ip?: string) {
  const t = await loadTest(db, me, input.testId);
  return db.$transaction(async (tx) => {
    await assertGroup(tx, t.problemId, input.groupId);
    const row = await tx.testCase.update({
      where: { id: t.id },
      data: {
        ...(input.input !== undefined ? { input: input.input } : {}),
        ...(input.output !== undefined ? { expectedOutput: input.output } : {}),
        ...(input.sample !== undefined ? { isSample: input.sample } : {}),
        ...(input.weight !== undefined ? { weight: input.weight } : {}),
        ...(input.explanation !== undefined ? { explanation: input.explanation } : {}),
        ...(input.groupId !== undefined ? { groupId: input.groupId } : {}),
      },
      select: { id: true, ordinal: true },
    });
    await touch(tx, t.problemId);
    await auditTests(tx, me, t.problemId, 'updated', { testId: t.id }, ip);
    return row;
  });
}

export async function deleteTest(db: Db, me: SessionUser, testId: string, ip?: string) {
  const t = await loadTest(db, me, testId);
  await db.$transaction(async (tx) => {
    await tx.testCase.delete({ where: { id: t.id } });
    await touch(tx, t.problemId);
    await auditTests(tx, me, t.problemId, 'deleted', { testId }, ip);
  });
  return { deleted: true };
}

/** One test with its full input and output (the problem view only previews them). */
export async function getTest(db: Db, me: SessionUser, testId: string) {
  await loadTest(db, me, testId);
  const t = await db.testCase.findUniqueOrThrow({
    where: { id: testId },
    select: {
      id: true,
      ordinal: true,
      input: true,
      expectedOutput: true,
      isSample: true,
      weight: true,
      explanation: true,
      groupId: true,
    },
  });
  const { expectedOutput, isSample, ...rest } = t;
  return { ...rest, output: expectedOutput, sample: isSample };
}

/**
 * Many tests at once (e.g. from a folder of .in/.out files). Tests name their group; unknown
 * groups are created with weight 100 after the existing ones. `replace` deletes the old tests.
 */
export async function bulkTests(db: Db, me: SessionUser, input: BulkTestsInput, ip?: string) {
  await loadProblemForEdit(db, me, input.problemId);
  const { problemId } = input;
  return db.$transaction(
    async (tx) => {
      if (input.mode === 'replace') await tx.testCase.deleteMany({ where: { problemId } });
      const existing = await tx.testCase.count({ where: { problemId } });
      if (existing + input.tests.length > MAX_TESTS_PER_PROBLEM) throw tooMany();
      const groups = await tx.testGroup.findMany({
        where: { problemId },
        select: { id: true, name: true, ordinal: true },
      });
      const byName = new Map(groups.map((g) => [g.name.toLowerCase(), g.id]));
      let groupOrdinal = Math.max(-1, ...groups.map((g) => g.ordinal)) + 1;
      const createdGroups: string[] = [];
      for (const name of new Set(input.tests.map((t) => t.group).filter((g): g is string => !!g))) {
        if (byName.has(name.toLowerCase())) continue;
        const g = await tx.testGroup.create({
          data: { problemId, name, ordinal: groupOrdinal++, weight: 100 },
          select: { id: true },
        });
        byName.set(name.toLowerCase(), g.id);
        createdGroups.push(name);
      }
      const start = await nextOrdinal(tx, problemId);
      await tx.testCase.createMany({
        data: input.tests.map((t, i) => ({
          problemId,
          ordinal: start + i,
          input: t.input,
          expectedOutput: t.output,
          isSample: t.sample,
          weight: t.weight,
          explanation: t.explanation,
          groupId: t.group ? (byName.get(t.group.toLowerCase()) ?? null) : null,
        })),
      });
      await touch(tx, problemId);
      await auditTests(
        tx,
        me,
        problemId,
        input.mode === 'replace' ? 'replaced' : 'appended',
        { count: input.tests.length },
        ip,
      );
      return {
        added: input.tests.length,
        total: await tx.testCase.count({ where: { problemId } }),
        createdGroups,
      };
    },
    { timeout: 60_000 },
  );
}

/** Puts the problem's tests in the given order (every test exactly once). */
export async function reorderTests(db: Db, me: SessionUser, input: z.infer<typeof reorderTestsInput>, ip?: string) {
  await loadProblemForEdit(db, me, input.problemId);
  await db.$transaction(async (tx) => {
    const ids = (await tx.testCase.findMany({ where: { problemId: input.problemId }, select: { id: true } })).map(
      (t) => t.id,
    );
    const wanted = new Set(input.testIds);
    if (wanted.size !== input.testIds.length || ids.length !== wanted.size || ids.some((id) => !wanted.has(id))) {
      throw new DomainError('BAD_REQUEST', 'List every test of the problem exactly once');
    }
    for (const [i, id] of input.testIds.entries()) {
      await tx.testCase.update({ where: { id }, data: { ordinal: -(i + 1) } });
    }
    for (const [i, id] of input.testIds.entries()) await tx.testCase.update({ where: { id }, data: { ordinal: i } });
    await touch(tx, input.problemId);
    await auditTests(tx, me, input.problemId, 'reordered', {}, ip);
  });
  return { ok: true };
}

/** Replaces the list of groups; tests of a removed group become ungrouped. */
export async function saveGroups(db: Db, me: SessionUser, input: z.infer<typeof saveGroupsInput>, ip?: string) {
  await loadProblemForEdit(db, me, input.problemId);
  const { problemId } = input;
  await db.$transaction(async (tx) => {
    const existing = await tx.testGroup.findMany({ where: { problemId }, select: { id: true } });
    const known = new Set(existing.map((g) => g.id));
    for (const g of input.groups) {
      if (g.id && !known.has(g.id)) {
        throw new DomainError('BAD_REQUEST', 'That group belongs to another problem', { groups: ['Unknown group'] });
      }
    }
    const kept = new Set(input.groups.map((g) => g.id).filter(Boolean));
    await tx.testGroup.deleteMany({ where: { problemId, id: { notIn: [...kept] as string[] } } });
    for (const [i, id] of [...kept].entries()) {
      await tx.testGroup.update({ where: { id: id as string }, data: { ordinal: -(i + 1) } });
    }
    for (const [ordinal, g] of input.groups.entries()) {
      if (g.id) await tx.testGroup.update({ where: { id: g.id }, data: { ordinal, name: g.name, weight: g.weight } });
      else await tx.testGroup.create({ data: { problemId, ordinal, name: g.name, weight: g.weight } });
    }
    await touch(tx, problemId);
    await recordAudit(tx, me, {
      action: 'problem.groups.changed',
      targetType: 'problem',
      targetId: problemId,
      data: { groups: input.groups.map((g) => ({ name: g.name, weight: g.weight })) },
      ip,
    });
  });
  return db.testGroup.findMany({
    where: { problemId },
    orderBy: { ordinal: 'asc' },
    select: { id: true, name: true, ordinal: true, weight: true },
  });
}
