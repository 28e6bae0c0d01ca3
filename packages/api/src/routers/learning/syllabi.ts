// Syllabi: the text an instructor pastes (or extracts from a PDF) for a class.
import type { Db, Prisma } from '@roguelearn/db';
import type { z } from 'zod';
import { forbidden, notFound } from '../../errors';
import type { createSyllabusInput, listSyllabiInput } from '../../schemas/learning';
import type { SessionUser } from '../auth/service';
import { assertManageClass, canManageClass } from './access';

export async function createSyllabus(db: Db, user: SessionUser, input: z.infer<typeof createSyllabusInput>) {
  if (input.classId) await assertManageClass(db, user, input.classId);
  return db.syllabus.create({
    data: { title: input.title, content: input.content, classId: input.classId ?? null, authorId: user.id },
    select: { id: true, title: true, classId: true, createdAt: true },
  });
}

/** A syllabus the instructor may use: their own, one of a class they manage, or any for admins. */
export async function loadSyllabus(db: Db, user: SessionUser, syllabusId: string) {
  const s = await db.syllabus.findUnique({ where: { id: syllabusId } });
  if (!s) throw notFound('Syllabus');
  const allowed =
    user.role === 'ADMIN' || s.authorId === user.id || (s.classId ? await canManageClass(db, user, s.classId) : false);
  if (!allowed) throw forbidden('This syllabus belongs to another instructor');
  return s;
}

export async function listSyllabi(db: Db, user: SessionUser, input: z.infer<typeof listSyllabiInput>) {
  const where: Prisma.SyllabusWhereInput =
    user.role === 'ADMIN'
      ? {}
      : {
          OR: [
            { authorId: user.id },
            { class: { instructorId: user.id } },
            { class: { enrollments: { some: { userId: user.id, role: 'ASSISTANT' } } } },
          ],
        };
  return db.syllabus.findMany({
    where: { ...where, ...(input.classId ? { classId: input.classId } : {}) },
    orderBy: { createdAt: 'desc' },
    take: 200,
    select: {
      id: true,
      title: true,
      createdAt: true,
      class: { select: { id: true, name: true, code: true } },
      author: { select: { displayName: true } },
      _count: { select: { trees: true } },
    },
  });
}

export async function getSyllabus(db: Db, user: SessionUser, syllabusId: string) {
  const s = await loadSyllabus(db, user, syllabusId);
  const trees = await db.skillTree.findMany({
    where: { syllabusId },
    orderBy: { createdAt: 'desc' },
    select: { id: true, title: true, status: true, generatedBy: true, createdAt: true },
  });
  return { ...s, trees };
}
