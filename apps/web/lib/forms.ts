'use client';

import { TRPCClientError } from '@trpc/client';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { z } from 'zod';

export type FieldErrors = Record<string, string | undefined>;

/** First message per field, the way forms show them. */
function firstMessages(errors: Record<string, string[] | undefined> | null | undefined): FieldErrors {
  const out: FieldErrors = {};
  for (const [field, messages] of Object.entries(errors ?? {})) if (messages?.[0]) out[field] = messages[0];
  return out;
}

export function validate<S extends z.ZodType>(
  schema: S,
  values: unknown,
): { ok: true; data: z.output<S> } | { ok: false; errors: FieldErrors } {
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '');
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}

/** The message for one field of an object schema, for checking a field as the user leaves it. */
export function validateField(schema: z.ZodObject, field: string, value: unknown): string | undefined {
  const fieldSchema = schema.shape[field];
  if (!fieldSchema) return undefined;
  const result = fieldSchema.safeParse(value);
  return result.success ? undefined : result.error.issues[0]?.message;
}

/**
 * Splits a failed call into messages for the form's own fields and one form-level message.
 * Field messages win: when the server names a field the form shows, repeating it above is noise.
 */
export function describeError(err: unknown, fields: readonly string[]): { errors: FieldErrors; message: string | null } {
  if (err instanceof TRPCClientError) {
    const data = err.data as { fieldErrors?: Record<string, string[]> | null } | undefined;
    const all = firstMessages(data?.fieldErrors);
    const errors = Object.fromEntries(Object.entries(all).filter(([f]) => fields.includes(f)));
    return { errors, message: Object.keys(errors).length > 0 ? null : err.message };
  }
  if (err instanceof Error && err.message) return { errors: {}, message: err.message };
  return { errors: {}, message: 'Something went wrong. Please try again.' };
}

/** Error state for one form; showing errors moves focus to the first invalid field. */
export function useFormErrors() {
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);

  useEffect(() => {
    if (focusRequest) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusRequest]);

  const show = useCallback((fieldErrors: FieldErrors, message: string | null = null) => {
    setErrors(fieldErrors);
    setFormError(message);
    setFocusRequest((n) => n + 1);
  }, []);

  const clear = useCallback(() => {
    setErrors({});
    setFormError(null);
  }, []);

  /** Re-checks one field as the user leaves it, so fixed mistakes disappear and new ones show early. */
  const setFieldError = useCallback((field: string, message: string | undefined) => {
    setErrors((prev) => (prev[field] === message ? prev : { ...prev, [field]: message }));
  }, []);

  return { formRef, errors, formError, show, clear, setFieldError };
}

/** A form's text values as submitted; trimming and lowercasing are the schemas' job. */
export function formValues(form: HTMLFormElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of new FormData(form)) if (typeof value === 'string') out[key] = value;
  return out;
}
