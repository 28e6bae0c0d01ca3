'use client';

import { type PointerEvent, type RefObject, useMemo, useRef, useState } from 'react';
import styles from './integrity.module.css';
import { type CodeRange, lineSpan, segmentLines } from './segments';

const COLOURS = 6;
const colour = (fragment: number) => styles[`f${fragment % COLOURS}`];

export interface Side {
  title: string;
  code: string;
}

function Pane({
  side,
  name,
  ranges,
  active,
  onHover,
  paneRef,
}: {
  side: Side;
  name: 'A' | 'B';
  ranges: CodeRange[];
  active: number | null;
  onHover: (fragment: number | null) => void;
  paneRef: RefObject<HTMLPreElement | null>;
}) {
  const lines = useMemo(() => segmentLines(side.code, ranges), [side.code, ranges]);
  const titleId = `pane-${name}-title`;
  // One listener for the whole pane: a fragment spans many <mark>s and lines.
  const onPointerOver = (e: PointerEvent<HTMLPreElement>) => {
    const mark = (e.target as HTMLElement).closest<HTMLElement>('[data-fragment]');
    onHover(mark ? Number(mark.dataset.fragment) : null);
  };
  return (
    <section className={styles.pane} aria-labelledby={titleId}>
      <h2 id={titleId}>{side.title}</h2>
      <pre
        ref={paneRef}
        className={styles.code}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: keyboard users must be able to scroll long programs
        tabIndex={0}
        data-testid={`code-${name}`}
        onPointerOver={onPointerOver}
        onPointerLeave={() => onHover(null)}
      >
        <code>
          {lines.map((runs, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional
            <span key={i} className={styles.line}>
              <span className={styles.lineNo} aria-hidden="true">
                {i + 1}
              </span>
              {runs.map((run, j) =>
                run.fragment === null ? (
                  // biome-ignore lint/suspicious/noArrayIndexKey: runs are positional
                  <span key={j}>{run.text}</span>
                ) : (
                  <mark
                    // biome-ignore lint/suspicious/noArrayIndexKey: runs are positional
                    key={j}
                    data-fragment={run.fragment}
                    className={`${styles.frag} ${colour(run.fragment)} ${active === run.fragment ? styles.active : ''}`}
                  >
                    {run.text}
                  </mark>
                ),
              )}
              {'\n'}
            </span>
          ))}
        </code>
      </pre>
    </section>
  );
}

/**
 * Both programs side by side, each matched fragment in the same colour on both sides. Pointing
 * at a fragment (or focusing its button in the list) outlines it in both panes; choosing it in
 * the list scrolls both panes to it.
 */
export function CodeCompare({ a, b, fragments }: { a: Side; b: Side; fragments: { a: CodeRange; b: CodeRange }[] }) {
  const [hovered, setHovered] = useState<number | null>(null);
  const [chosen, setChosen] = useState<number | null>(null);
  const paneA = useRef<HTMLPreElement>(null);
  const paneB = useRef<HTMLPreElement>(null);
  const rangesA = useMemo(() => fragments.map((f) => f.a), [fragments]);
  const rangesB = useMemo(() => fragments.map((f) => f.b), [fragments]);
  const active = hovered ?? chosen;

  const choose = (i: number) => {
    setChosen(i);
    for (const pane of [paneA.current, paneB.current]) {
      const mark = pane?.querySelector<HTMLElement>(`[data-fragment="${i}"]`);
      // Scroll the pane only, not the page: the list stays where the reviewer is.
      if (pane && mark) pane.scrollTop = mark.offsetTop - pane.clientHeight / 3;
    }
  };

  return (
    <div className={styles.form}>
      {fragments.length > 0 && (
        <nav aria-label="Matched fragments">
          <ul className={styles.fragments}>
            {fragments.map((f, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: fragments are positional
              <li key={i}>
                <button
                  type="button"
                  className={`${styles.fragButton} ${colour(i)}`}
                  aria-pressed={chosen === i}
                  onClick={() => choose(i)}
                  onFocus={() => setHovered(i)}
                  onBlur={() => setHovered(null)}
                  onMouseEnter={() => setHovered(i)}
                  onMouseLeave={() => setHovered(null)}
                >
                  Fragment {i + 1}: A {lineSpan(f.a)} ↔ B {lineSpan(f.b)}
                </button>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <div className={styles.compare}>
        <Pane side={a} name="A" ranges={rangesA} active={active} onHover={setHovered} paneRef={paneA} />
        <Pane side={b} name="B" ranges={rangesB} active={active} onHover={setHovered} paneRef={paneB} />
      </div>
    </div>
  );
}
