import { z } from 'zod';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** A collaborative room: `pair:<pairSessionId>` or `meeting:<meetingId>`. */
export const roomSchema = z
  .string()
  .regex(new RegExp(`^(pair|meeting):${UUID}$`, 'i'), { error: 'Unknown room' })
  .transform((s) => s.toLowerCase());

export const roomInput = z.object({ room: roomSchema });

export const historyInput = z.object({
  room: roomSchema,
  /** Page on: the `nextAfterSeq` of the previous page. */
  afterSeq: z
    .string()
    .regex(/^\d{1,19}$/, { error: 'Not a sequence number' })
    .optional(),
  limit: z.number().int().min(1).max(5000).default(1000),
});

export const saveVersionInput = z.object({
  room: roomSchema,
  name: z
    .string()
    .trim()
    .min(1, { error: 'Name the version' })
    .max(100, { error: 'A version name is at most 100 characters' }),
  /** The Y.Text whose content is saved as the version's text. */
  field: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,50}$/)
    .default('code'),
});

export const versionInput = z.object({ room: roomSchema, id: z.uuid({ error: 'Unknown version' }) });

export const chatListInput = z.object({
  room: roomSchema,
  limit: z.number().int().min(1).max(200).default(100),
});

export const chatSendInput = z.object({
  room: roomSchema,
  body: z
    .string()
    .trim()
    .min(1, { error: 'Write a message' })
    .max(2000, { error: 'A message is at most 2000 characters' }),
});
