'use client';

import { useDeferredValue, useId } from 'react';
import { Markdown } from '@/components/problems/Markdown';
import { Field } from '@/components/ui/Field';
import styles from './authoring.module.css';

/**
 * Markdown source beside a live preview drawn by the students' renderer (math, code blocks,
 * tables), so authors see exactly what the problem page will show.
 */
export function MarkdownField({
  name,
  label,
  hint,
  value,
  error,
  rows = 10,
  onChange,
}: {
  name: string;
  label: string;
  hint?: string;
  value: string;
  error?: string;
  rows?: number;
  onChange: (value: string) => void;
}) {
  const previewId = useId();
  // Typing stays responsive on long statements: the preview catches up when React has time.
  const preview = useDeferredValue(value);
  return (
    <div className={styles.split}>
      <Field name={name} label={label} hint={hint} error={error}>
        {(props) => (
          <textarea
            {...props}
            className={styles.mono}
            rows={rows}
            value={value}
            onChange={(e) => onChange(e.target.value)}
          />
        )}
      </Field>
      <section aria-labelledby={previewId}>
        <span id={previewId} className={styles.previewLabel}>
          {label}: preview
        </span>
        <div className={styles.preview}>
          {preview.trim() ? <Markdown>{preview}</Markdown> : <p className={styles.muted}>Nothing to preview yet.</p>}
        </div>
      </section>
    </div>
  );
}
