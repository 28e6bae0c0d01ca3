import { z } from 'zod';

/** Someone else's sheet by username (public profiles only); your own without input. */
export const characterGetInput = z.object({ username: z.string().trim().min(1).max(40).optional() }).optional();

export const characterHistoryInput = z
  .object({
    cursor: z.uuid().optional(),
    limit: z.number().int().min(1).max(100).default(30),
  })
  .default({ limit: 30 });
