// Who may change a problem: its author, or an administrator. Other instructors may read the
// problem list (and students' view of any problem), never another author's tests or solutions.
import type { Db, DbTx } from '@roguelearn/db';
import { forbidden, notFound } from '../../errors';
import type { SessionUser } from '../auth/service';

export const canEditProblem = (user: SessionUser, p: { authorId: string | null }) =>
  user.role === 'ADMIN' || (user.role === 'INSTRUCTOR' && p.authorId === user.id);

export async function loadProblemForEdit(db: Db | DbTx, user: SessionUser, problemId: string) {
  const p = await db.problem.findUnique({
    where: { id: problemId },
    select: { id: true, slug: true, title: true, status: true, authorId: true },
  });
  if (!p) throw notFound('Problem');
  if (!canEditProblem(user, p)) throw forbidden('Only the problem’s author or an administrator can change it');
  return p;
}
