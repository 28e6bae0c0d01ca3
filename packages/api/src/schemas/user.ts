import { z } from 'zod';
import { displayNameSchema } from './auth';

export const skillLevels = ['BEGINNER', 'INTERMEDIATE', 'ADVANCED', 'EXPERT'] as const;
export const languageIds = ['python3', 'javascript', 'typescript', 'c', 'cpp', 'java'] as const;

const optionalUrl = z
  .union([z.url({ protocol: /^https?$/, error: 'Enter a full http(s) URL' }), z.literal('')])
  .optional();

export const updateProfileInput = z.object({
  displayName: displayNameSchema.optional(),
  bio: z.string().max(500, { error: 'Bio must be at most 500 characters' }).optional(),
  location: z.string().trim().max(80).optional(),
  website: optionalUrl,
  avatarUrl: optionalUrl,
  github: z
    .string()
    .trim()
    .max(39)
    .regex(/^[a-zA-Z0-9-]*$/, { error: 'Not a GitHub username' })
    .optional(),
});

export const updatePreferencesInput = z.object({
  theme: z.enum(['system', 'light', 'dark']).optional(),
  editorKeymap: z.enum(['default', 'vim', 'emacs']).optional(),
  editorFontSize: z.number().int().min(10).max(28).optional(),
  preferredLanguage: z.enum(languageIds).optional(),
  publicProfile: z.boolean().optional(),
  showOnline: z.boolean().optional(),
});

export const setSkillLevelInput = z.object({ skillLevel: z.enum(skillLevels) });

export const byUsernameInput = z.object({ username: z.string().trim().toLowerCase().min(1).max(24) });

export const pageInput = z.object({
  cursor: z.string().uuid().optional(),
  limit: z.number().int().min(1).max(100).default(20),
});
