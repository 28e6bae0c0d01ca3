import { z } from 'zod';

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: 'Enter a valid email address' }));

export const passwordSchema = z
  .string()
  .min(8, { error: 'Password must be at least 8 characters' })
  .max(128, { error: 'Password must be at most 128 characters' });

export const usernameSchema = z
  .string()
  .trim()
  .min(3, { error: 'Username must be at least 3 characters' })
  .max(24, { error: 'Username must be at most 24 characters' })
  .regex(/^[a-zA-Z0-9_-]+$/, { error: 'Use letters, digits, _ or - only' })
  .transform((s) => s.toLowerCase());

export const displayNameSchema = z
  .string()
  .trim()
  .min(1, { error: 'Enter a display name' })
  .max(60, { error: 'Display name must be at most 60 characters' });

export const signUpInput = z.object({
  email: emailSchema,
  username: usernameSchema,
  displayName: displayNameSchema,
  password: passwordSchema,
});

export const signInInput = z.object({
  email: emailSchema,
  password: z.string().min(1, { error: 'Enter your password' }).max(128),
});

export const changePasswordInput = z
  .object({
    currentPassword: z.string().min(1, { error: 'Enter your current password' }).max(128),
    newPassword: passwordSchema,
  })
  .refine((v) => v.currentPassword !== v.newPassword, {
    path: ['newPassword'],
    error: 'The new password must differ from the current one',
  });

export const deleteAccountInput = z.object({
  password: z.string().max(128).optional(),
  confirm: z.literal('DELETE', { error: 'Type DELETE to confirm' }),
});

export type SignUpInput = z.infer<typeof signUpInput>;
export type SignInInput = z.infer<typeof signInInput>;
