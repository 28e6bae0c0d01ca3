'use client';

// CodeMirror 6, created in the browser only (the workspace loads this module with ssr: false).
import { indentWithTab } from '@codemirror/commands';
import { cpp } from '@codemirror/lang-cpp';
import { java } from '@codemirror/lang-java';
import { javascript } from '@codemirror/lang-javascript';
import { python } from '@codemirror/lang-python';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { Compartment, EditorState, type Extension, Prec } from '@codemirror/state';
import { keymap } from '@codemirror/view';
import { tags as t } from '@lezer/highlight';
import { basicSetup, EditorView } from 'codemirror';
import { type CSSProperties, type Ref, useEffect, useImperativeHandle, useRef } from 'react';
import styles from './editor.module.css';

export interface CodeEditorHandle {
  /** Replaces the whole text as one undoable change. */
  setValue(text: string): void;
  focus(): void;
}

export interface CodeEditorProps {
  ref?: Ref<CodeEditorHandle>;
  /** A new key (problem and language) starts a fresh document with its own undo history. */
  docKey: string;
  initialDoc: string;
  /** The language's editor mode from `submission.languages`: python, javascript, typescript, cpp, java. */
  mode: string;
  fontSize: number;
  labelledBy: string;
  describedBy?: string;
  onChange: (doc: string) => void;
  onRun: () => void;
  onSubmit: () => void;
}

export function languageExtension(mode: string): Extension {
  switch (mode) {
    case 'python':
      return python();
    case 'javascript':
      return javascript();
    case 'typescript':
      return javascript({ typescript: true });
    case 'cpp':
    case 'c':
      return cpp();
    case 'java':
      return java();
    default:
      return [];
  }
}

// Colours come from CSS custom properties (editor.module.css), so they follow the page's theme.
export const highlight = HighlightStyle.define([
  { tag: [t.keyword, t.operatorKeyword, t.controlKeyword, t.moduleKeyword], color: 'var(--cm-keyword)' },
  { tag: [t.string, t.special(t.string), t.character, t.regexp], color: 'var(--cm-string)' },
  { tag: [t.number, t.bool, t.null, t.atom], color: 'var(--cm-number)' },
  { tag: [t.comment, t.lineComment, t.blockComment, t.docComment], color: 'var(--cm-comment)', fontStyle: 'italic' },
  { tag: [t.typeName, t.className, t.namespace, t.standard(t.variableName)], color: 'var(--cm-type)' },
  { tag: [t.function(t.variableName), t.function(t.propertyName), t.macroName], color: 'var(--cm-function)' },
  { tag: [t.definition(t.variableName), t.definition(t.propertyName)], color: 'var(--cm-definition)' },
  { tag: [t.meta, t.processingInstruction, t.annotation], color: 'var(--cm-meta)' },
  { tag: t.invalid, color: 'var(--color-danger-text)' },
]);

export const theme = EditorView.theme({
  '&': {
    height: '100%',
    fontSize: 'var(--editor-font-size, 14px)',
    backgroundColor: 'var(--color-surface)',
    color: 'var(--color-text)',
  },
  '&.cm-focused': { outline: 'none' },
  '.cm-scroller': { fontFamily: 'var(--font-mono)', lineHeight: '1.6' },
  '.cm-content': { caretColor: 'var(--color-text)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--color-text)' },
  '.cm-gutters': {
    backgroundColor: 'var(--color-surface-2)',
    color: 'var(--color-text-muted)',
    borderRight: '1px solid var(--color-border)',
  },
  '.cm-activeLine': { backgroundColor: 'var(--cm-active-line)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--cm-active-line-gutter)', color: 'var(--color-text)' },
  '& > .cm-scroller > .cm-selectionLayer .cm-selectionBackground': { background: 'var(--cm-selection-blur)' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground': { background: 'var(--cm-selection)' },
  '.cm-matchingBracket, &.cm-focused .cm-matchingBracket': {
    backgroundColor: 'var(--cm-bracket)',
    outline: '1px solid var(--color-border-strong)',
  },
  '.cm-tooltip': {
    border: '1px solid var(--color-border-strong)',
    backgroundColor: 'var(--color-surface)',
    color: 'var(--color-text)',
  },
  '.cm-tooltip-autocomplete ul li[aria-selected]': {
    background: 'var(--color-primary)',
    color: 'var(--color-on-primary)',
  },
  '.cm-panels': { backgroundColor: 'var(--color-surface-2)', color: 'var(--color-text)' },
  '.cm-searchMatch': { backgroundColor: 'var(--cm-search)' },
  '.cm-foldPlaceholder': { backgroundColor: 'var(--color-surface-2)', color: 'var(--color-text-muted)' },
});

export default function CodeEditor({
  ref,
  docKey,
  initialDoc,
  mode,
  fontSize,
  labelledBy,
  describedBy,
  onChange,
  onRun,
  onSubmit,
}: CodeEditorProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const keyRef = useRef(docKey);
  const language = useRef(new Compartment()).current;
  const aria = useRef(new Compartment()).current;
  // Handlers change every render; the editor calls whatever is current.
  const handlers = useRef({ onChange, onRun, onSubmit });
  handlers.current = { onChange, onRun, onSubmit };
  const config = useRef({ mode, labelledBy, describedBy });
  config.current = { mode, labelledBy, describedBy };

  const ariaAttributes = () =>
    EditorView.contentAttributes.of({
      'aria-labelledby': config.current.labelledBy,
      ...(config.current.describedBy ? { 'aria-describedby': config.current.describedBy } : {}),
    });

  const makeState = (doc: string) =>
    EditorState.create({
      doc,
      extensions: [
        // Run and submit win over basicSetup's Mod-Enter (insert blank line).
        Prec.highest(
          keymap.of([
            {
              key: 'Mod-Enter',
              run: () => {
                handlers.current.onRun();
                return true;
              },
            },
            {
              key: 'Shift-Mod-Enter',
              run: () => {
                handlers.current.onSubmit();
                return true;
              },
            },
          ]),
        ),
        basicSetup,
        // Tab indents; Escape then Tab leaves the editor (CodeMirror's tab focus mode).
        keymap.of([indentWithTab]),
        EditorState.tabSize.of(4),
        syntaxHighlighting(highlight),
        theme,
        language.of(languageExtension(config.current.mode)),
        aria.of(ariaAttributes()),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) handlers.current.onChange(update.state.doc.toString());
        }),
      ],
    });

  // biome-ignore lint/correctness/useExhaustiveDependencies: created once; later props apply below
  useEffect(() => {
    const view = new EditorView({ state: makeState(initialDoc), parent: hostRef.current as HTMLElement });
    viewRef.current = view;
    keyRef.current = docKey;
    return () => {
      view.destroy();
      viewRef.current = null;
    };
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new document only when the key changes
  useEffect(() => {
    const view = viewRef.current;
    if (!view || keyRef.current === docKey) return;
    keyRef.current = docKey;
    view.setState(makeState(initialDoc));
  }, [docKey]);

  useEffect(() => {
    viewRef.current?.dispatch({ effects: language.reconfigure(languageExtension(mode)) });
  }, [mode, language]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: ariaAttributes reads the current ids
  useEffect(() => {
    viewRef.current?.dispatch({ effects: aria.reconfigure(ariaAttributes()) });
  }, [labelledBy, describedBy, aria]);

  useImperativeHandle(
    ref,
    () => ({
      setValue(text: string) {
        const view = viewRef.current;
        if (!view) return;
        view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
      },
      focus() {
        viewRef.current?.focus();
      },
    }),
    [],
  );

  return (
    <div ref={hostRef} className={styles.editor} style={{ '--editor-font-size': `${fontSize}px` } as CSSProperties} />
  );
}

/** Shown while the editor's code loads: same size, so nothing jumps. */
export function EditorPlaceholder() {
  return (
    <div className={`${styles.editor} ${styles.placeholder}`} role="status">
      Loading the editor…
    </div>
  );
}
