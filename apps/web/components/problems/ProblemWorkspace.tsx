'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import {
  type ButtonHTMLAttributes,
  type KeyboardEvent,
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from 'react';
import { AiReview } from '@/components/learning/AiReview';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Spinner } from '@/components/ui/Spinner';
import { describeError } from '@/lib/forms';
import { useSession } from '@/lib/session';
import { useTRPC } from '@/lib/trpc';
import type { CodeEditorHandle } from './CodeEditor';
import { EditorPlaceholder } from './CodeEditor';
import { type Language, type ProblemDetail, type SubmissionSummary, verdictLabels } from './labels';
import { RunResult } from './RunResult';
import styles from './results.module.css';
import { SubmissionHistory } from './SubmissionHistory';
import { SubmissionResult } from './SubmissionResult';
import { fallbackStarter, loadDraft, loadLanguage, saveDraft, saveLanguage } from './storage';
import { useSubmissionWatch, type WatchTarget } from './useSubmissionWatch';

const CodeEditor = dynamic(() => import('./CodeEditor'), { ssr: false, loading: () => <EditorPlaceholder /> });

const SAVE_DELAY_MS = 400;

export type WorkspaceProblem = Pick<ProblemDetail, 'id' | 'slug' | 'title' | 'starterCode' | 'samples' | 'testCount'>;

type LanguageId = Language['id'];

type Target = WatchTarget & { kind: 'run' | 'submit' };

/** Keyboard shortcut labels for this platform; "Ctrl" until the browser tells us it's a Mac. */
function useShortcutLabels() {
  const [mac, setMac] = useState(false);
  useEffect(() => setMac(/Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent)), []);
  const mod = mac ? '⌘' : 'Ctrl';
  return { run: `${mod}+Enter`, submit: `${mod}+Shift+Enter` };
}

/** The right pane: language, editor, custom input, run and submit, results and history. */
export function ProblemWorkspace({
  problem,
  languages,
  submitCode,
  onCodeChange,
}: {
  problem: WorkspaceProblem;
  languages: readonly Language[];
  /** Where Submit sends the code instead of `submission.create` (a duel or a contest). */
  submitCode?: (input: { language: LanguageId; code: string }) => Promise<{ id: string }>;
  onCodeChange?: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const pathname = usePathname();
  const { status: sessionStatus } = useSession();
  const signedIn = sessionStatus === 'authenticated';
  const me = useQuery(trpc.user.me.queryOptions(undefined, { enabled: signedIn }));
  const prefs = me.data?.preferences;
  const shortcuts = useShortcutLabels();
  const ids = { editorLabel: useId(), editorHint: useId(), input: useId() };

  const languageIds = useMemo(() => new Set<string>(languages.map((l) => l.id)), [languages]);
  const isLanguage = useCallback(
    (id: string | null | undefined): id is LanguageId => languageIds.has(id ?? ''),
    [languageIds],
  );
  const languageNames = useMemo(() => Object.fromEntries(languages.map((l) => [l.id, l.name])), [languages]);

  // The language: this browser's last choice, else the account's preference, else the first one.
  const [language, setLanguage] = useState<LanguageId | null>(null);
  useEffect(() => {
    if (language) return;
    const stored = loadLanguage();
    if (isLanguage(stored)) return setLanguage(stored);
    if (sessionStatus === 'loading' || (signedIn && me.isPending)) return;
    const preferred = prefs?.preferredLanguage;
    setLanguage(isLanguage(preferred) ? preferred : (languages[0]?.id ?? 'python3'));
  }, [language, isLanguage, languages, sessionStatus, signedIn, me.isPending, prefs?.preferredLanguage]);

  const starterFor = useCallback(
    (lang: string) => problem.starterCode.find((s) => s.language === lang)?.code ?? fallbackStarter[lang] ?? '',
    [problem.starterCode],
  );

  // The document: the saved draft for this problem and language, else the starter code.
  const editorRef = useRef<CodeEditorHandle>(null);
  const docKey = language ? `${problem.id}:${language}` : null;
  const initialDoc = useMemo(
    () => (language ? (loadDraft(problem.id, language) ?? starterFor(language)) : ''),
    [language, problem.id, starterFor],
  );
  // What Run and Submit send: the editor's text, reset with each new document.
  const codeRef = useRef('');
  const codeKey = useRef<string | null>(null);
  if (codeKey.current !== docKey) {
    codeKey.current = docKey;
    codeRef.current = initialDoc;
  }

  // Drafts are saved shortly after typing stops, and at once when leaving the language or page.
  const saveTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const flush = useRef<(() => void) | null>(null);
  const onChange = (doc: string) => {
    codeRef.current = doc;
    onCodeChange?.();
    if (!language) return;
    const lang = language;
    clearTimeout(saveTimer.current);
    flush.current = () => {
      clearTimeout(saveTimer.current);
      flush.current = null;
      saveDraft(problem.id, lang, doc, starterFor(lang));
    };
    saveTimer.current = setTimeout(() => flush.current?.(), SAVE_DELAY_MS);
  };
  useEffect(() => {
    const onHide = () => flush.current?.();
    window.addEventListener('pagehide', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      onHide();
    };
  }, []);

  const chooseLanguage = (next: LanguageId) => {
    flush.current?.();
    saveLanguage(next);
    setLanguage(next);
  };

  const resetCode = () => {
    if (!language) return;
    if (!window.confirm('Replace your code with the starter code? You can undo this in the editor.')) return;
    editorRef.current?.setValue(starterFor(language));
    editorRef.current?.focus();
  };

  const [customInput, setCustomInput] = useState(problem.samples[0]?.input ?? '');

  // Run and submit.
  const [target, setTarget] = useState<Target | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const watched = useSubmissionWatch(target);
  const current = watched.data?.id === target?.id ? watched.data : undefined;
  const inProgress = Boolean(target?.live && current?.status !== 'DONE');
  const runMutation = useMutation(trpc.submission.run.mutationOptions());
  const submitMutation = useMutation(trpc.submission.create.mutationOptions());
  const customSubmit = useMutation({
    mutationFn: (input: { language: LanguageId; code: string }) =>
      submitCode ? submitCode(input) : Promise.reject(new Error('Nowhere to submit')),
  });
  const submitting = submitMutation.isPending || customSubmit.isPending;
  const sending = runMutation.isPending || submitting;
  const busy = sending || inProgress;
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const [focusResult, setFocusResult] = useState(0);

  useEffect(() => {
    if (focusResult) resultHeading.current?.focus();
  }, [focusResult]);

  // A new run or submission brings its results into view (without taking focus from the editor).
  const resultPanel = useRef<HTMLElement>(null);
  const [revealResult, setRevealResult] = useState(0);
  useEffect(() => {
    if (!revealResult) return;
    const reduce = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    resultPanel.current?.scrollIntoView({ block: 'start', behavior: reduce ? 'auto' : 'smooth' });
  }, [revealResult]);

  async function start(kind: 'run' | 'submit') {
    if (!signedIn || !language || busy) return;
    flush.current?.();
    const code = codeRef.current;
    if (!code.trim()) {
      setActionError('Write some code first.');
      return;
    }
    setActionError(null);
    try {
      const { id } =
        kind === 'run'
          ? await runMutation.mutateAsync({ problemId: problem.id, language, code, input: customInput })
          : submitCode
            ? await customSubmit.mutateAsync({ language, code })
            : await submitMutation.mutateAsync({ problemId: problem.id, language, code });
      setTarget({ id, kind, live: true });
      setRevealResult((n) => n + 1);
      setAnnouncement(kind === 'run' ? 'Running your code…' : 'Submitted. Judging your solution…');
      if (kind === 'submit') void queryClient.invalidateQueries({ queryKey: trpc.submission.list.pathKey() });
    } catch (err) {
      setActionError(describeError(err, []).message);
    }
  }
  const run = () => void start('run');
  const submit = () => void start('submit');

  // When a live submission finishes: announce the verdict, refresh history and solved marks.
  const finished = useRef<string | null>(null);
  useEffect(() => {
    if (current?.status !== 'DONE' || finished.current === current.id) return;
    finished.current = current.id;
    if (!target?.live) return;
    if (current.kind === 'RUN') {
      setAnnouncement(current.verdict ? `Run failed: ${verdictLabels[current.verdict]}.` : 'Run finished.');
      return;
    }
    const verdict = current.verdict ? verdictLabels[current.verdict] : 'Judged';
    setAnnouncement(
      current.verdict === 'CE'
        ? 'Compilation Error.'
        : `${verdict}. ${current.testsPassed} of ${current.testsTotal} tests passed.`,
    );
    void queryClient.invalidateQueries({ queryKey: trpc.submission.list.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.problem.list.pathKey() });
  }, [current, target?.live, queryClient, trpc]);

  const showSubmission = (s: SubmissionSummary) => {
    setTarget({ id: s.id, kind: 'submit', live: s.status !== 'DONE' });
    setFocusResult((n) => n + 1);
  };

  /** A past submission's code back in the editor (as a draft of its language; undoable if same). */
  const openInEditor = () => {
    if (!current || !isLanguage(current.language)) return;
    if (current.language === language) {
      editorRef.current?.setValue(current.code);
    } else {
      flush.current?.();
      saveDraft(problem.id, current.language, current.code, starterFor(current.language));
      chooseLanguage(current.language);
    }
    editorRef.current?.focus();
  };

  // Ctrl/Cmd+Enter runs and Ctrl/Cmd+Shift+Enter submits from anywhere in the workspace; the
  // editor handles them itself first (and marks the event handled).
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey) || e.defaultPrevented) return;
    e.preventDefault();
    if (e.shiftKey) submit();
    else run();
  };

  const mode = languages.find((l) => l.id === language)?.editor ?? 'python';
  const resultTitle = target?.kind === 'run' ? 'Run result' : 'Submission result';

  return (
    <section className={styles.workspace} aria-labelledby={ids.editorLabel} onKeyDown={onKeyDown}>
      <div className={styles.editorBar}>
        <h2 id={ids.editorLabel} className={styles.editorTitle}>
          Your solution
        </h2>
        <div className={styles.languageField}>
          <label htmlFor="solution-language">Language</label>
          <select
            id="solution-language"
            value={language ?? ''}
            disabled={!language}
            onChange={(e) => isLanguage(e.target.value) && chooseLanguage(e.target.value)}
          >
            {!language && <option value="">Loading…</option>}
            {languages.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </div>
        <Button variant="secondary" className={styles.smallButton} onClick={resetCode} disabled={!language}>
          Reset code
        </Button>
      </div>
      <p id={ids.editorHint} className={styles.hint}>
        Tab indents; press Esc then Tab to leave the editor. {shortcuts.run} runs, {shortcuts.submit} submits.
      </p>
      {language ? (
        <CodeEditor
          ref={editorRef}
          docKey={docKey ?? ''}
          initialDoc={initialDoc}
          mode={mode}
          fontSize={prefs?.editorFontSize ?? 14}
          labelledBy={ids.editorLabel}
          describedBy={ids.editorHint}
          onChange={onChange}
          onRun={run}
          onSubmit={submit}
        />
      ) : (
        <EditorPlaceholder />
      )}

      <div className={styles.inputField}>
        <label htmlFor={ids.input}>Custom input</label>
        <textarea
          id={ids.input}
          value={customInput}
          onChange={(e) => setCustomInput(e.target.value)}
          rows={4}
          spellCheck={false}
          className={styles.mono}
        />
      </div>

      {sessionStatus === 'anonymous' || sessionStatus === 'error' ? (
        <div className={styles.signIn}>
          <Link href={`/sign-in?next=${encodeURIComponent(pathname)}`}>Sign in to run and submit</Link>
          <span className={styles.muted}> — your code stays here while you do.</span>
        </div>
      ) : (
        <div className={styles.actions}>
          <ActionButton
            variant="secondary"
            onClick={run}
            unavailable={!signedIn || !language || busy}
            working={runMutation.isPending || (inProgress && target?.kind === 'run')}
            workingLabel="Running…"
            title={`Run on the custom input (${shortcuts.run})`}
            aria-keyshortcuts="Control+Enter Meta+Enter"
          >
            Run
          </ActionButton>
          <ActionButton
            onClick={submit}
            unavailable={!signedIn || !language || busy}
            working={submitting || (inProgress && target?.kind === 'submit')}
            workingLabel="Judging…"
            title={`Submit for judging on every test (${shortcuts.submit})`}
            aria-keyshortcuts="Control+Shift+Enter Meta+Shift+Enter"
          >
            Submit
          </ActionButton>
        </div>
      )}
      {actionError && <Alert>{actionError}</Alert>}

      <div className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </div>

      {target && (
        <section ref={resultPanel} className={styles.panel} aria-labelledby="result-title">
          <div className={styles.panelHead}>
            <h2 id="result-title" ref={resultHeading} tabIndex={-1}>
              {resultTitle}
            </h2>
            {current && !target.live && current.kind === 'SUBMIT' && (
              <Button variant="secondary" className={styles.smallButton} onClick={openInEditor}>
                Open this code in the editor
              </Button>
            )}
          </div>
          {watched.error && !current ? (
            <Alert title="We couldn't load this result">{watched.error.message}</Alert>
          ) : !current ? (
            <p className={styles.muted} role="status">
              Loading…
            </p>
          ) : current.kind === 'RUN' ? (
            <RunResult run={current} />
          ) : (
            <>
              <SubmissionResult submission={current} testCount={problem.testCount} />
              {current.status === 'DONE' && <AiReview submissionId={current.id} />}
            </>
          )}
        </section>
      )}

      {signedIn && (
        <SubmissionHistory
          problemId={problem.id}
          languageNames={languageNames}
          activeId={target?.kind === 'submit' ? target.id : null}
          onSelect={showSubmission}
        />
      )}
    </section>
  );
}

/**
 * Run and Submit stay focusable while busy (aria-disabled, not disabled), so keyboard focus
 * isn't lost when a click starts the judge.
 */
function ActionButton({
  variant = 'primary',
  unavailable,
  working,
  workingLabel,
  onClick,
  children,
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: 'primary' | 'secondary';
  unavailable: boolean;
  working: boolean;
  workingLabel: string;
}) {
  return (
    <Button
      {...props}
      variant={variant}
      aria-disabled={unavailable || undefined}
      className={unavailable ? styles.unavailable : undefined}
      onClick={unavailable ? undefined : onClick}
    >
      {working && <Spinner />}
      {working ? workingLabel : children}
    </Button>
  );
}
