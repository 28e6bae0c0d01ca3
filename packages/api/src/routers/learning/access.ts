// Who may see and change learning content. Instructors manage their own classes (assistants
// enrolled with the ASSISTANT role too); admins manage everything; students see published trees
// of the classes they are enrolled in.
import type { Db } from '@roguelearn/db';
import { forbidden, notFound } from '../../errors';
import type { SessionUser } from '../auth/service';

export const isStaff = (u: SessionUser) => u.role === 'INSTRUCTOR' || u.role === 'ADMIN';

export async function canManageClass(db: Db, user: SessionUser, classId: string): Promise<boolean> {
  if (user.role === 'ADMIN') return true;
  if (!isStaff(user)) return false;
  const c = await db.class.findFirst({
    where: {
      id: classId,
      OR: [{ instructorId: user.id }, { enrollments: { some: { userId: user.id, role: 'ASSISTANT' } } }],
    },
    select: { id: true },
  });
  return !!c;
}

export async function assertManageClass(db: Db, user: SessionUser, classId: string): Promise<void> {
  const exists = await db.class.findUnique({ where: { id: classId }, select: { id: true } });
  if (!exists) throw notFound('Class');
  if (!(await canManageClass(db, user, classId))) throw forbidden('Only the class’s instructors can do that');
}

export interface TreeRef {
  id: string;
  authorId: string | null;
  classId: string | null;
  status: 'DRAFT' | 'PUBLISHED' | 'ARCHIVED';
}

export async function canEditTree(db: Db, user: SessionUser, tree: TreeRef): Promise<boolean> {
  if (user.role === 'ADMIN') return true;
  if (!isStaff(user)) return false;
  if (tree.authorId === user.id) return true;
  return tree.classId ? canManageClass(db, user, tree.classId) : false;
}

export async function canViewTree(db: Db, user: SessionUser, tree: TreeRef): Promise<boolean> {
  if (await canEditTree(db, user, tree)) return true;
  if (tree.status !== 'PUBLISHED' || !tree.classId) return false;
  const enrolled = await db.classEnrollment.findUnique({
    where: { classId_userId: { classId: tree.classId, userId: user.id } },
    select: { userId: true },
  });
  return !!enrolled;
}

const treeRefSelect = { id: true, authorId: true, classId: true, status: true } as const;

export async function loadTreeForView(db: Db, user: SessionUser, treeId: string): Promise<TreeRef> {
  const tree = await db.skillTree.findUnique({ where: { id: treeId }, select: treeRefSelect });
  // Invisible and missing look the same: no probing for drafts of other classes.
  if (!tree || !(await canViewTree(db, user, tree))) throw notFound('Skill tree');
  return tree;
}

export async function loadTreeForEdit(db: Db, user: SessionUser, treeId: string): Promise<TreeRef> {
  const tree = await db.skillTree.findUnique({ where: { id: treeId }, select: treeRefSelect });
  if (!tree || !(await canViewTree(db, user, tree))) throw notFound('Skill tree');
  if (!(await canEditTree(db, user, tree)))
    throw forbidden('Only the tree’s author or the class’s instructors can edit it');
  return tree;
}

/** Classes the user teaches, assists or attends. */
export async function myClasses(db: Db, user: SessionUser) {
  const rows = await db.class.findMany({
    where:
      user.role === 'ADMIN'
        ? { archivedAt: null }
        : { archivedAt: null, OR: [{ instructorId: user.id }, { enrollments: { some: { userId: user.id } } }] },
    orderBy: { createdAt: 'asc' },
    select: {
      id: true,
      name: true,
      code: true,
      description: true,
      instructorId: true,
      instructor: { select: { displayName: true } },
      enrollments: { where: { userId: user.id }, select: { role: true } },
      _count: { select: { enrollments: true, skillTrees: { where: { status: 'PUBLISHED' } } } },
    },
  });
  return rows.map((c) => ({
    id: c.id,
    name: c.name,
    code: c.code,
    description: c.description,
    instructor: c.instructor.displayName,
    role:
      c.instructorId === user.id
        ? ('INSTRUCTOR' as const)
        : (c.enrollments[0]?.role ?? (user.role === 'ADMIN' ? ('ADMIN' as const) : ('STUDENT' as const))),
    students: c._count.enrollments,
    publishedTrees: c._count.skillTrees,
  }));
}
