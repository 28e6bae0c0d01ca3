'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { type KeyboardEvent, useRef } from 'react';
import { StaffOnly } from '@/components/learning/admin/StaffOnly';
import { ButtonLink } from '@/components/ui/Button';
import { Panel } from '@/components/ui/Panel';
import { PageLoading } from '@/components/ui/Spinner';
import { useToast } from '@/components/ui/Toast';
import { useTRPC } from '@/lib/trpc';
import { StatusBadge } from './AuthoringList';
import styles from './authoring.module.css';
import { CodePanel } from './CodePanel';
import { DetailsForm } from './DetailsForm';
import { ExtrasPanel } from './ExtrasPanel';
import { useRefreshProblem } from './hooks';
import type { AuthoredProblem } from './labels';
import { PublishBar } from './PublishBar';
import { TestsPanel } from './TestsPanel';

const tabs = [
  { id: 'details', label: 'Statement & settings' },
  { id: 'tests', label: 'Tests' },
  { id: 'solutions', label: 'Solutions & starter code' },
  { id: 'extras', label: 'Hints & editorial' },
] as const;
type Tab = (typeof tabs)[number]['id'];

export function ProblemEditorPage({ problemId }: { problemId: string }) {
  return <StaffOnly>{() => <ProblemEditor problemId={problemId} />}</StaffOnly>;
}

function ProblemEditor({ problemId }: { problemId: string }) {
  const trpc = useTRPC();
  const problem = useQuery(trpc.authoring.get.queryOptions({ problemId }, { retry: false }));

  if (problem.isPending) return <PageLoading label="Opening the problem…" />;
  if (problem.isError) {
    const code = (problem.error.data as { code?: string } | undefined)?.code;
    return (
      <Panel
        icon="✎"
        title={code === 'FORBIDDEN' ? 'You can’t edit this problem' : 'No such problem'}
        actions={<ButtonLink href="/admin/problems">Back to your problems</ButtonLink>}
      >
        <p>{problem.error.message}</p>
      </Panel>
    );
  }
  return <Editor problem={problem.data} />;
}

function Editor({ problem }: { problem: AuthoredProblem }) {
  const trpc = useTRPC();
  const router = useRouter();
  const params = useSearchParams();
  const toast = useToast();
  const refresh = useRefreshProblem(problem.id);
  const update = useMutation(trpc.authoring.update.mutationOptions());
  const wanted = params.get('tab');
  const tab: Tab = tabs.some((t) => t.id === wanted) ? (wanted as Tab) : 'details';
  const tabRefs = useRef<Record<string, HTMLButtonElement | null>>({});

  const select = (next: Tab, focus = false) => {
    router.replace(`/admin/problems/${problem.id}${next === 'details' ? '' : `?tab=${next}`}`, { scroll: false });
    if (focus) tabRefs.current[next]?.focus();
  };
  // Arrow keys move between tabs (the WAI-ARIA tabs pattern); Tab goes into the panel.
  const onKey = (e: KeyboardEvent) => {
    const i = tabs.findIndex((t) => t.id === tab);
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (e.key === 'Home') select(tabs[0].id, true);
    else if (e.key === 'End') select(tabs[tabs.length - 1].id, true);
    else if (step) select(tabs[(i + step + tabs.length) % tabs.length].id, true);
    else return;
    e.preventDefault();
  };

  return (
    <div className={styles.page}>
      <header>
        <p>
          <Link href="/admin/problems">
            <span aria-hidden="true">←</span> Problems
          </Link>
        </p>
        <div className={styles.head}>
          <h1>{problem.title}</h1>
          <StatusBadge status={problem.status} />
        </div>
        <p className={`${styles.muted} ${styles.small}`}>
          {problem.status === 'PUBLISHED' ? (
            <Link href={`/problems/${problem.slug}`}>/problems/{problem.slug}</Link>
          ) : (
            <>/problems/{problem.slug} (students can’t see it until it is published)</>
          )}
        </p>
      </header>

      <PublishBar problem={problem} />

      <div>
        <div role="tablist" aria-label="Problem sections" className={styles.tabs} onKeyDown={onKey}>
          {tabs.map((t) => (
            <button
              key={t.id}
              ref={(el) => {
                tabRefs.current[t.id] = el;
              }}
              type="button"
              role="tab"
              id={`tab-${t.id}`}
              aria-selected={tab === t.id}
              aria-controls={`panel-${t.id}`}
              tabIndex={tab === t.id ? 0 : -1}
              className={styles.tab}
              onClick={() => select(t.id)}
            >
              {t.label}
              {t.id === 'tests' && ` (${problem.tests.length})`}
            </button>
          ))}
        </div>
        <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className={styles.tabPanel}>
          {tab === 'details' && (
            <DetailsForm
              key={problem.updatedAt.toISOString()}
              initial={{ ...problem, tags: problem.tags.map((t) => t.name) }}
              submitLabel="Save changes"
              pendingLabel="Saving…"
              onSubmit={async ({ editorial: _kept, ...details }) => {
                await update.mutateAsync({ problemId: problem.id, ...details });
                await refresh();
                toast('Saved.');
              }}
            />
          )}
          {tab === 'tests' && <TestsPanel problem={problem} />}
          {tab === 'solutions' && <CodePanel problem={problem} />}
          {tab === 'extras' && <ExtrasPanel problem={problem} />}
        </div>
      </div>
    </div>
  );
}
