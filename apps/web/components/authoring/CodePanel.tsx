'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import { useId, useState } from 'react';
import { EditorPlaceholder } from '@/components/problems/CodeEditor';
import type { Language } from '@/components/problems/labels';
import { ConfirmButton } from '@/components/social/ConfirmButton';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { useToast } from '@/components/ui/Toast';
import { describeError } from '@/lib/forms';
import { useTRPC, useTRPCClient } from '@/lib/trpc';
import styles from './authoring.module.css';
import { useRefreshProblem, useVerification } from './hooks';
import type { AuthoredProblem } from './labels';
import { SolutionState } from './PublishBar';

const CodeEditor = dynamic(() => import('@/components/problems/CodeEditor'), {
  ssr: false,
  loading: () => <EditorPlaceholder />,
});

type Kind = 'solutions' | 'starter';

const copy: Record<Kind, { title: string; intro: string; empty: string; noun: string }> = {
  solutions: {
    title: 'Reference solutions',
    intro: 'Programs known to be correct. “Verify” runs each through the judge on the current tests.',
    empty: 'No reference solution yet: add one to verify and publish the problem.',
    noun: 'solution',
  },
  starter: {
    title: 'Starter code',
    intro: 'What students’ editors start with, per language. Languages without starter code start empty.',
    empty: 'No starter code: students start from an empty editor.',
    noun: 'starter code',
  },
};

export function CodePanel({ problem }: { problem: AuthoredProblem }) {
  const trpc = useTRPC();
  const languages = useQuery(
    trpc.submission.languages.queryOptions(undefined, { staleTime: Number.POSITIVE_INFINITY }),
  );
  if (!languages.data) return languages.isError ? <Alert>{languages.error.message}</Alert> : <EditorPlaceholder />;
  return (
    <>
      <CodeSet kind="solutions" problem={problem} languages={languages.data} saved={problem.solutions} />
      <CodeSet kind="starter" problem={problem} languages={languages.data} saved={problem.starterCode} />
    </>
  );
}

function CodeSet({
  kind,
  problem,
  languages,
  saved,
}: {
  kind: Kind;
  problem: AuthoredProblem;
  languages: readonly Language[];
  saved: { language: string; code: string }[];
}) {
  const [added, setAdded] = useState<string[]>([]);
  const shown = [...saved.map((s) => s.language), ...added.filter((l) => !saved.some((s) => s.language === l))];
  const free = languages.filter((l) => !shown.includes(l.id));
  const [pick, setPick] = useState('');
  const pickId = useId();
  const c = copy[kind];
  const chosen = free.some((l) => l.id === pick) ? pick : (free[0]?.id ?? '');

  return (
    <Card title={c.title} id={kind}>
      <p className={`${styles.muted} ${styles.small}`}>{c.intro}</p>
      {shown.length === 0 && <p className={styles.muted}>{c.empty}</p>}
      <ul className={styles.list}>
        {languages
          .filter((l) => shown.includes(l.id))
          .map((language) => (
            <CodeItem
              key={language.id}
              kind={kind}
              problem={problem}
              language={language}
              savedCode={saved.find((s) => s.language === language.id)?.code}
              onDiscard={() => setAdded((a) => a.filter((l) => l !== language.id))}
            />
          ))}
      </ul>
      {free.length > 0 && (
        <div className={styles.actions}>
          <label htmlFor={pickId} className="visually-hidden">
            Language for the new {c.noun}
          </label>
          <select id={pickId} value={chosen} onChange={(e) => setPick(e.target.value)} className={styles.narrow}>
            {free.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
          <Button variant="secondary" onClick={() => chosen && setAdded((a) => [...a, chosen])}>
            Add {c.noun}
          </Button>
        </div>
      )}
    </Card>
  );
}

function CodeItem({
  kind,
  problem,
  language,
  savedCode,
  onDiscard,
}: {
  kind: Kind;
  problem: AuthoredProblem;
  language: Language;
  savedCode: string | undefined;
  onDiscard: () => void;
}) {
  const client = useTRPCClient();
  const toast = useToast();
  const refresh = useRefreshProblem(problem.id);
  const verification = useVerification(problem);
  const headingId = useId();
  const [code, setCode] = useState(savedCode ?? '');
  const [error, setError] = useState<string | null>(null);
  const key = { problemId: problem.id, language: language.id };
  // The two kinds answer differently; callers only wait for them.
  const set = useMutation({
    mutationFn: async (code: string) => {
      await client.authoring[kind].set.mutate({ ...key, code });
    },
  });
  const remove = useMutation({
    mutationFn: async () => {
      await client.authoring[kind].delete.mutate(key);
    },
  });
  const dirty = code !== (savedCode ?? '');
  const state = kind === 'solutions' ? verification.data.solutions.find((s) => s.language === language.id) : undefined;
  const label = `${language.name} ${copy[kind].noun}`;

  async function save() {
    setError(null);
    try {
      await set.mutateAsync(code);
      await refresh();
      toast(`${label} saved.${kind === 'solutions' ? ' Verify it to publish.' : ''}`);
    } catch (err) {
      setError(describeError(err, []).message);
    }
  }

  return (
    <li className={styles.item}>
      <div className={styles.itemHead}>
        <h3 id={headingId}>{label}</h3>
        {state && !dirty && <SolutionState s={state} />}
        {dirty && <span className={`${styles.muted} ${styles.small}`}>Unsaved changes</span>}
      </div>
      <div className={styles.editor}>
        <CodeEditor
          docKey={`${problem.id}:${kind}:${language.id}`}
          initialDoc={savedCode ?? ''}
          mode={language.editor}
          fontSize={14}
          labelledBy={headingId}
          onChange={setCode}
          onRun={save}
          onSubmit={save}
        />
      </div>
      <p className={`${styles.muted} ${styles.small}`}>Ctrl/⌘ + Enter saves.</p>
      {error && <Alert>{error}</Alert>}
      <div className={styles.actions}>
        <Button pending={set.isPending} pendingLabel="Saving…" disabled={!dirty} onClick={save}>
          Save {copy[kind].noun}
        </Button>
        {savedCode === undefined ? (
          <Button variant="secondary" onClick={onDiscard}>
            Discard
          </Button>
        ) : (
          <ConfirmButton
            label={`Delete ${label}`}
            title={`Delete the ${label}?`}
            confirmLabel="Delete"
            onConfirm={async () => {
              await remove.mutateAsync();
              onDiscard();
              await refresh();
              toast(`${label} deleted.`);
            }}
          >
            <p>The code is removed{kind === 'solutions' ? ' and no longer counts towards publishing' : ''}.</p>
          </ConfirmButton>
        )}
      </div>
    </li>
  );
}
