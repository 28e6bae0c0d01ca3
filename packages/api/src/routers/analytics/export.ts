import type { Db } from '@roguelearn/db';
import type { z } from 'zod';
import { DomainError } from '../../errors';
import { type exportCsvInput, strugglingInput } from '../../schemas/analytics';
import type { SessionUser } from '../auth/service';
import { roster } from '../classes/service';
import { toCsv } from './csv';
import * as a from './service';

export async function exportCsv(db: Db, me: SessionUser, input: z.infer<typeof exportCsvInput>) {
  const scope = await a.resolveScope(db, me, input.classId);
  const range = a.resolveRange(input);
  const suffix = `${range.from}_${range.to}`;
  let csv: string;
  switch (input.report) {
    case 'submissions': {
      const { days } = await a.submissionsOverTime(db, scope, range);
      csv = toCsv(days, [
        { header: 'day', value: (d) => d.day },
        { header: 'total', value: (d) => d.total },
        ...a.VERDICT_KEYS.map((v) => ({ header: v, value: (d: (typeof days)[number]) => d[v] })),
      ]);
      break;
    }
    case 'problems':
      csv = toCsv(await a.problemStats(db, scope, range), [
        { header: 'slug', value: (p) => p.slug },
        { header: 'title', value: (p) => p.title },
        { header: 'difficulty', value: (p) => p.difficulty },
        { header: 'attempters', value: (p) => p.attempters },
        { header: 'solvers', value: (p) => p.solvers },
        { header: 'solve_rate', value: (p) => p.solveRate },
        { header: 'submissions', value: (p) => p.submissions },
        { header: 'accepted', value: (p) => p.accepted },
        { header: 'median_attempts_to_ac', value: (p) => p.medianAttemptsToAc },
      ]);
      break;
    case 'skills':
      csv = toCsv(await a.skillMastery(db, scope), [
        { header: 'tree', value: (s) => s.treeTitle },
        { header: 'node', value: (s) => s.key },
        { header: 'title', value: (s) => s.title },
        { header: 'students', value: (s) => s.students },
        { header: 'completed', value: (s) => s.completed },
        { header: 'in_progress', value: (s) => s.inProgress },
        { header: 'avg_points', value: (s) => s.avgPoints },
        { header: 'mastery', value: (s) => s.mastery },
      ]);
      break;
    case 'active-users': {
      const { days } = await a.activeUsers(db, scope, range);
      csv = toCsv(days, [
        { header: 'day', value: (d) => d.day },
        { header: 'active_users', value: (d) => d.users },
      ]);
      break;
    }
    case 'struggling':
      csv = toCsv(
        await a.struggling(db, scope, strugglingInput.omit({ classId: true }).parse(input.struggling ?? {})),
        [
          { header: 'username', value: (s) => s.username },
          { header: 'name', value: (s) => s.displayName },
          { header: 'email', value: (s) => s.email },
          { header: 'reasons', value: (s) => s.reasons.join(' ') },
          { header: 'failed_recently', value: (s) => s.failedRecently },
          { header: 'accepted_recently', value: (s) => s.acceptedRecently },
          { header: 'last_activity', value: (s) => s.lastActivityAt },
          { header: 'stuck_on', value: (s) => s.stuckOn.map((p) => p.slug).join(' ') },
        ],
      );
      break;
    case 'roster': {
      if (!input.classId)
        throw new DomainError('BAD_REQUEST', 'Pick a class for the roster', { classId: ['Pick a class'] });
      const r = await roster(db, me, input.classId);
      csv = toCsv(r.students, [
        { header: 'username', value: (s) => s.username },
        { header: 'name', value: (s) => s.displayName },
        { header: 'email', value: (s) => s.email },
        { header: 'role', value: (s) => s.role },
        { header: 'level', value: (s) => s.level },
        { header: 'xp', value: (s) => s.xp },
        { header: 'problems_solved', value: (s) => s.problemsSolved },
        { header: 'submissions', value: (s) => s.submissions },
        { header: 'nodes_completed', value: (s) => s.nodesCompleted },
        { header: 'quests_completed', value: (s) => s.questsCompleted },
        { header: 'last_activity', value: (s) => s.lastActivityAt },
        { header: 'joined', value: (s) => s.joinedAt },
      ]);
      break;
    }
  }
  return { filename: `${input.report}_${suffix}.csv`, contentType: 'text/csv; charset=utf-8', csv };
}
