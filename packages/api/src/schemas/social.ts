import { z } from 'zod';
import { pageInput } from './user';

const id = (what: string) => z.uuid({ error: `Unknown ${what}` });

/** The person a friend request, block or invitation is about, by username (case-insensitive). */
export const targetUsernameInput = z.object({
  username: z.string().trim().toLowerCase().min(1, { error: 'Enter a username' }).max(24),
});
export const friendRequestIdInput = z.object({ id: id('friend request') });

export const partyNameSchema = z
  .string()
  .trim()
  .min(1, { error: 'Name your party' })
  .max(40, { error: 'Party names are at most 40 characters' });
export const createPartyInput = z.object({ name: partyNameSchema });
export const partyIdInput = z.object({ partyId: id('party') });
export const partyInviteInput = partyIdInput.extend({ username: targetUsernameInput.shape.username });
export const partyMemberInput = partyIdInput.extend({ userId: id('member') });

const linkLifetime = z
  .number()
  .int()
  .min(1, { error: 'At least one hour' })
  .max(24 * 30, { error: 'At most 30 days' })
  .default(24 * 7);
export const partyLinkInput = partyIdInput.extend({ expiresInHours: linkLifetime });

export const guildNameSchema = z
  .string()
  .trim()
  .min(3, { error: 'Guild names are at least 3 characters' })
  .max(40, { error: 'Guild names are at most 40 characters' });
export const guildSlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, { error: 'At least 3 characters' })
  .max(40, { error: 'At most 40 characters' })
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'Use lowercase letters, digits and single dashes' });
export const guildTagSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{2,5}$/, { error: 'Tags are 2 to 5 letters or digits' });
const description = z.string().trim().max(1000, { error: 'At most 1000 characters' });

export const createGuildInput = z.object({
  name: guildNameSchema,
  /** Derived from the name when omitted. */
  slug: guildSlugSchema.optional(),
  tag: guildTagSchema.optional(),
  description: description.default(''),
});
export const guildIdInput = z.object({ guildId: id('guild') });
export const guildSlugInput = z.object({ slug: z.string().trim().toLowerCase().min(1).max(40) });
export const updateGuildInput = guildIdInput.extend({
  name: guildNameSchema.optional(),
  tag: z.union([guildTagSchema, z.literal('')]).optional(),
  description: description.optional(),
});
const message = z.string().trim().max(300, { error: 'At most 300 characters' }).optional();
export const guildInviteInput = guildIdInput.extend({ username: targetUsernameInput.shape.username, message });
export const guildLinkInput = guildIdInput.extend({ expiresInHours: linkLifetime });
export const guildJoinRequestInput = guildIdInput.extend({ message });
export const guildMemberInput = guildIdInput.extend({ userId: id('member') });
export const guildSetRoleInput = guildMemberInput.extend({
  role: z.enum(['OFFICER', 'MEMBER'], { error: 'Pick officer or member' }),
});
export const guildActivityInput = guildIdInput.extend(pageInput.shape);

export const invitationIdInput = z.object({ id: id('invitation') });
export const invitationCodeInput = z.object({
  code: z
    .string()
    .trim()
    .min(8)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, { error: 'Not an invitation code' }),
});
export const respondJoinRequestInput = invitationIdInput.extend({ accept: z.boolean() });
