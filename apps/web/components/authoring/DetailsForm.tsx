'use client';

import { type CheckerInput, checkerKinds, createProblemInput, difficulties } from '@roguelearn/api/schemas';
import { type FormEvent, useState } from 'react';
import { difficultyLabels } from '@/components/problems/labels';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Field } from '@/components/ui/Field';
import { describeError, type FieldErrors } from '@/lib/forms';
import styles from './authoring.module.css';
import { checkerLabels } from './labels';
import { MarkdownField } from './MarkdownField';

type Difficulty = (typeof difficulties)[number];
type CheckerKind = (typeof checkerKinds)[number];

/** What this form edits; the API's create and update take the same fields. */
export interface ProblemDetails {
  title: string;
  slug: string;
  difficulty: Difficulty;
  category: string;
  tags: string[];
  timeLimitMs: number;
  memoryLimitKb: number;
  checker: CheckerInput;
  statement: string;
  inputFormat: string;
  outputFormat: string;
  constraints: string;
}

export const blankDetails: ProblemDetails = {
  title: '',
  slug: '',
  difficulty: 'EASY',
  category: '',
  tags: [],
  timeLimitMs: 2000,
  memoryLimitKb: 256 * 1024,
  checker: { kind: 'TOKENS' },
  statement: '',
  inputFormat: '',
  outputFormat: '',
  constraints: '',
};

const fields = [
  'title',
  'slug',
  'difficulty',
  'category',
  'tags',
  'timeLimitMs',
  'memoryLimitKb',
  'checker',
  'statement',
  'inputFormat',
  'outputFormat',
  'constraints',
] as const;

const checkerHelp: Record<CheckerKind, string> = {
  EXACT: 'Output must match byte for byte (a trailing newline aside).',
  TOKENS: 'Runs of spaces and line breaks count as one separator.',
  FLOAT: 'Numbers may differ by the tolerance (absolute or relative); other tokens must match.',
  CUSTOM: 'Run as python3 checker.py <input> <expected> <output>; exit 0 accepts, 1 rejects.',
};

export function DetailsForm({
  initial,
  submitLabel,
  pendingLabel,
  onSubmit,
}: {
  initial: ProblemDetails;
  submitLabel: string;
  pendingLabel: string;
  /** Throws the server's error, which the form shows beside the fields it names. */
  onSubmit: (details: ReturnType<typeof createProblemInput.parse>) => Promise<unknown>;
}) {
  const [v, setV] = useState(initial);
  // The text boxes keep what was typed (a half-written number, "1e-") until it parses.
  const [tags, setTags] = useState(initial.tags.join(', '));
  const [memoryMb, setMemoryMb] = useState(String(initial.memoryLimitKb / 1024));
  const [tolerance, setTolerance] = useState(
    String(initial.checker.kind === 'FLOAT' ? initial.checker.tolerance : 1e-6),
  );
  const [checkerSource, setCheckerSource] = useState(initial.checker.kind === 'CUSTOM' ? initial.checker.source : '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const set = <K extends keyof ProblemDetails>(key: K, value: ProblemDetails[K]) =>
    setV((p) => ({ ...p, [key]: value }));

  const checker = (): CheckerInput => {
    switch (v.checker.kind) {
      case 'FLOAT':
        return { kind: 'FLOAT', tolerance: Number(tolerance) };
      case 'CUSTOM':
        return { kind: 'CUSTOM', source: checkerSource };
      default:
        return { kind: v.checker.kind };
    }
  };

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const parsed = createProblemInput.safeParse({
      ...v,
      slug: v.slug.trim() || undefined,
      tags: tags
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
      memoryLimitKb: Math.round(Number(memoryMb) * 1024),
      checker: checker(),
    });
    if (!parsed.success) {
      const next: FieldErrors = {};
      for (const issue of parsed.error.issues) next[String(issue.path[0])] ??= issue.message;
      setErrors(next);
      setFormError('Some fields need attention.');
      return;
    }
    setErrors({});
    setFormError(null);
    setPending(true);
    try {
      await onSubmit(parsed.data);
    } catch (err) {
      const d = describeError(err, fields);
      setErrors(d.errors);
      setFormError(d.message);
    } finally {
      setPending(false);
    }
  }

  return (
    <form className={styles.form} onSubmit={submit} noValidate>
      <div className={styles.grid}>
        <Field name="title" label="Title" error={errors.title}>
          {(p) => <input {...p} value={v.title} maxLength={120} onChange={(e) => set('title', e.target.value)} />}
        </Field>
        <Field name="slug" label="Slug" hint="The URL name; made from the title when empty." error={errors.slug}>
          {(p) => (
            <input
              {...p}
              value={v.slug}
              maxLength={80}
              spellCheck={false}
              placeholder="e.g. two-sum"
              onChange={(e) => set('slug', e.target.value)}
            />
          )}
        </Field>
        <Field name="difficulty" label="Difficulty" error={errors.difficulty}>
          {(p) => (
            <select {...p} value={v.difficulty} onChange={(e) => set('difficulty', e.target.value as Difficulty)}>
              {difficulties.map((d) => (
                <option key={d} value={d}>
                  {difficultyLabels[d]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="category" label="Category" hint="e.g. strings, graphs, math" error={errors.category}>
          {(p) => <input {...p} value={v.category} maxLength={50} onChange={(e) => set('category', e.target.value)} />}
        </Field>
        <Field name="tags" label="Tags" hint="Comma-separated, at most 12." error={errors.tags}>
          {(p) => <input {...p} value={tags} onChange={(e) => setTags(e.target.value)} />}
        </Field>
        <Field name="timeLimitMs" label="Time limit (ms)" hint="100 to 20,000" error={errors.timeLimitMs}>
          {(p) => (
            <input
              {...p}
              type="number"
              inputMode="numeric"
              min={100}
              max={20_000}
              step={100}
              value={Number.isNaN(v.timeLimitMs) ? '' : v.timeLimitMs}
              onChange={(e) => set('timeLimitMs', e.target.valueAsNumber)}
            />
          )}
        </Field>
        <Field name="memoryLimitKb" label="Memory limit (MB)" hint="16 to 1,024" error={errors.memoryLimitKb}>
          {(p) => (
            <input
              {...p}
              type="number"
              inputMode="numeric"
              min={16}
              max={1024}
              value={memoryMb}
              onChange={(e) => setMemoryMb(e.target.value)}
            />
          )}
        </Field>
      </div>

      <fieldset className={styles.fieldset}>
        <legend>Checker</legend>
        {checkerKinds.map((k) => (
          <label key={k} className={styles.radio}>
            <input
              type="radio"
              name="checker"
              value={k}
              checked={v.checker.kind === k}
              onChange={() =>
                set(
                  'checker',
                  k === 'FLOAT' ? { kind: k, tolerance: 1e-6 } : k === 'CUSTOM' ? { kind: k, source: '' } : { kind: k },
                )
              }
            />
            <span>
              {checkerLabels[k]} <span className={`${styles.muted} ${styles.small}`}>— {checkerHelp[k]}</span>
            </span>
          </label>
        ))}
        {v.checker.kind === 'FLOAT' && (
          <Field name="tolerance" label="Tolerance (epsilon)" hint="e.g. 0.000001" error={errors.checker}>
            {(p) => (
              <input
                {...p}
                inputMode="decimal"
                value={tolerance}
                spellCheck={false}
                onChange={(e) => setTolerance(e.target.value)}
              />
            )}
          </Field>
        )}
        {v.checker.kind === 'CUSTOM' && (
          <Field name="checkerSource" label="Checker source (Python 3)" error={errors.checker}>
            {(p) => (
              <textarea
                {...p}
                className={styles.mono}
                rows={12}
                spellCheck={false}
                value={checkerSource}
                onChange={(e) => setCheckerSource(e.target.value)}
              />
            )}
          </Field>
        )}
      </fieldset>

      <MarkdownField
        name="statement"
        label="Statement"
        hint="Markdown, with $inline$ and $$display$$ math and fenced code blocks."
        rows={14}
        value={v.statement}
        error={errors.statement}
        onChange={(s) => set('statement', s)}
      />
      <MarkdownField
        name="inputFormat"
        label="Input format"
        rows={4}
        value={v.inputFormat}
        error={errors.inputFormat}
        onChange={(s) => set('inputFormat', s)}
      />
      <MarkdownField
        name="outputFormat"
        label="Output format"
        rows={4}
        value={v.outputFormat}
        error={errors.outputFormat}
        onChange={(s) => set('outputFormat', s)}
      />
      <MarkdownField
        name="constraints"
        label="Constraints"
        rows={4}
        value={v.constraints}
        error={errors.constraints}
        onChange={(s) => set('constraints', s)}
      />
      <p className={`${styles.muted} ${styles.small}`}>
        Examples on the problem page are the tests marked “sample”, with their explanations (see the Tests tab).
      </p>

      {formError && <Alert>{formError}</Alert>}
      <div className={styles.actions}>
        <Button type="submit" pending={pending} pendingLabel={pendingLabel}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
