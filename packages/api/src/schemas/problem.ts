import { z } from 'zod';

export const difficulties = ['EASY', 'MEDIUM', 'HARD'] as const;

export const listProblemsInput = z.object({
  search: z.string().trim().max(100).optional(),
  difficulty: z.enum(difficulties).optional(),
  category: z.string().trim().max(50).optional(),
  tag: z.string().trim().max(50).optional(),
  page: z.number().int().min(1).max(1000).default(1),
  pageSize: z.number().int().min(1).max(100).default(20),
});

export const problemSlugInput = z.object({ slug: z.string().trim().min(1).max(100) });
