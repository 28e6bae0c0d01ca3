'use client';

// CodeMirror 6 bound to a Y.Text (y-codemirror.next): edits, remote cursors and selections with
// names and colours (from awareness), and undo through Y.UndoManager so only my own changes
// (and restores I make) are undone. Created in the browser only (loaded with ssr: false).
import { indentWithTab } from '@codemirror/commands';
import { syntaxHighlighting } from '@codemirror/language';
import { Compartment, EditorState, Prec } from '@codemirror/state';
import { keymap } from '@codemirror/view';
import { basicSetup, EditorView } from 'codemirror';
import { type CSSProperties, useEffect, useRef } from 'react';
import { yCollab, yUndoManagerKeymap } from 'y-codemirror.next';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { highlight, languageExtension, theme } from '@/components/problems/CodeEditor';
import styles from '@/components/problems/editor.module.css';

export interface CollabEditorProps {
  ytext: Y.Text;
  awareness: Awareness;
  undoManager: Y.UndoManager;
  mode: string;
  readOnly: boolean;
  fontSize: number;
  labelledBy: string;
  describedBy?: string;
  onRun?: () => void;
  onSubmit?: () => void;
  /** Soft-wrap long lines: for prose such as meeting notes, not code. */
  lineWrapping?: boolean;
}

export default function CollabEditor({
  ytext,
  awareness,
  undoManager,
  mode,
  readOnly,
  fontSize,
  labelledBy,
  describedBy,
  onRun,
  onSubmit,
  lineWrapping = false,
}: CollabEditorProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const language = useRef(new Compartment()).current;
  const editable = useRef(new Compartment()).current;
  const handlers = useRef({ onRun, onSubmit });
  handlers.current = { onRun, onSubmit };
  const initial = useRef({ mode, readOnly, labelledBy, describedBy, lineWrapping });

  useEffect(() => {
    const { mode, readOnly, labelledBy, describedBy, lineWrapping } = initial.current;
    const view = new EditorView({
      parent: hostRef.current as HTMLElement,
      state: EditorState.create({
        doc: ytext.toString(),
        extensions: [
          Prec.highest(
            keymap.of([
              {
                key: 'Mod-Enter',
                run: () => {
                  handlers.current.onRun?.();
                  return true;
                },
              },
              {
                key: 'Shift-Mod-Enter',
                run: () => {
                  handlers.current.onSubmit?.();
                  return true;
                },
              },
              // Undo is Yjs's (per person), not CodeMirror's history, which knows nothing of others.
              ...yUndoManagerKeymap,
            ]),
          ),
          basicSetup,
          keymap.of([indentWithTab]),
          EditorState.tabSize.of(4),
          syntaxHighlighting(highlight),
          theme,
          lineWrapping ? EditorView.lineWrapping : [],
          language.of(languageExtension(mode)),
          editable.of([EditorState.readOnly.of(readOnly), EditorView.editable.of(!readOnly)]),
          EditorView.contentAttributes.of({
            'aria-labelledby': labelledBy,
            ...(describedBy ? { 'aria-describedby': describedBy } : {}),
          }),
          yCollab(ytext, awareness, { undoManager }),
        ],
      }),
    });
    viewRef.current = view;
    return () => {
      view.destroy();
      viewRef.current = null;
    };
  }, [ytext, awareness, undoManager, language, editable]);

  useEffect(() => {
    viewRef.current?.dispatch({ effects: language.reconfigure(languageExtension(mode)) });
  }, [mode, language]);

  useEffect(() => {
    viewRef.current?.dispatch({
      effects: editable.reconfigure([EditorState.readOnly.of(readOnly), EditorView.editable.of(!readOnly)]),
    });
  }, [readOnly, editable]);

  return (
    <div
      ref={hostRef}
      className={styles.editor}
      data-testid="collab-editor"
      style={{ '--editor-font-size': `${fontSize}px` } as CSSProperties}
    />
  );
}
