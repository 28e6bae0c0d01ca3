'use client';

import { TRPCClientError } from '@trpc/client';
import { type FocusEvent, useCallback, useEffect, useRef, useState } from 'react';
import type { z } from 'zod';

export type FieldErrors = Record<string, string | undefined>;

/** The first problem per field, the way forms show them. */
function validate<S extends z.ZodType>(
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

/**
 * Splits a failed call into messages for the form's own fields and one form-level message.
 * Field messages win: when the server names a field the form shows, repeating it above is noise.
 */
export function describeError(
  err: unknown,
  fields: readonly string[],
): { errors: FieldErrors; message: string | null } {
  if (err instanceof TRPCClientError) {
    const data = err.data as { fieldErrors?: Record<string, string[] | undefined> | null } | undefined;
    const errors: FieldErrors = {};
    for (const [field, messages] of Object.entries(data?.fieldErrors ?? {})) {
      if (fields.includes(field) && messages?.[0]) errors[field] = messages[0];
    }
    return { errors, message: Object.keys(errors).length > 0 ? null : err.message };
  }
  if (err instanceof Error && err.message) return { errors: {}, message: err.message };
  return { errors: {}, message: 'Something went wrong. Please try again.' };
}

/** A form's text values as submitted; trimming and lowercasing are the schema's job. */
export function formValues(form: HTMLFormElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of new FormData(form)) if (typeof value === 'string') out[key] = value;
  return out;
}

/**
 * Validation and error display for a form whose fields are the keys of a shared zod schema:
 * the same rules and messages as the server. Showing errors moves focus to the first invalid field.
 */
export function useSchemaForm<S extends z.ZodObject>(schema: S) {
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

  /** Parsed values, or null after showing what is wrong. */
  const check = (values: unknown): z.output<S> | null => {
    const parsed = validate(schema, values);
    if (!parsed.ok) {
      show(parsed.errors);
      return null;
    }
    setErrors({});
    setFormError(null);
    return parsed.data;
  };

  const fail = (err: unknown) => {
    const { errors: fieldErrors, message } = describeError(err, Object.keys(schema.shape));
    show(fieldErrors, message);
  };

  /** Re-checks a field as the user leaves it, so fixed mistakes clear and new ones show early. */
  const onBlur = (e: FocusEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => {
    const { name, value } = e.currentTarget;
    const fieldSchema = schema.shape[name] as z.ZodType | undefined;
    if (!fieldSchema || (!value && !errors[name])) return;
    // Leaving for the submit button: an error appearing now would push the button away from the
    // pointer mid-click and swallow the submit, which validates every field anyway.
    if (e.relatedTarget instanceof HTMLButtonElement && e.relatedTarget.type === 'submit') return;
    const result = fieldSchema.safeParse(value);
    const message = result.success ? undefined : result.error.issues[0]?.message;
    setErrors((prev) => (prev[name] === message ? prev : { ...prev, [name]: message }));
  };

  /** Back to a pristine form: values and messages. */
  const reset = useCallback(() => {
    formRef.current?.reset();
    setErrors({});
    setFormError(null);
  }, []);

  return { formRef, errors, formError, check, fail, show, onBlur, reset };
}
