import type { Db } from '@roguelearn/db';

/** Headline numbers for the instructor dashboard's landing page. */
export async function overview(db: Db) {
  const since = new Date(Date.now() - 7 * 24 * 3600_000);
  const [students, instructors, problems, submissionsWeek, pendingJobs, byRole] = await Promise.all([
    db.user.count({ where: { role: 'STUDENT' } }),
    db.user.count({ where: { role: { in: ['INSTRUCTOR', 'ADMIN'] } } }),
    db.problem.count({ where: { status: 'PUBLISHED' } }),
    db.submission.count({ where: { createdAt: { gte: since } } }),
    db.judgeJob.count({ where: { status: { in: ['PENDING', 'RUNNING'] } } }),
    db.user.groupBy({ by: ['role'], _count: { _all: true } }),
  ]);
  return {
    students,
    instructors,
    problems,
    submissionsWeek,
    pendingJobs,
    usersByRole: Object.fromEntries(byRole.map((r) => [r.role, r._count._all])),
  };
}

export function recentUsers(db: Db, limit: number) {
  return db.user.findMany({
    orderBy: { createdAt: 'desc' },
    take: limit,
    select: { id: true, username: true, displayName: true, email: true, role: true, status: true, createdAt: true },
  });
}
