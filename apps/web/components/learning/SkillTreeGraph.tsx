'use client';

import { type KeyboardEvent, useId, useRef } from 'react';
import { ArrowMarker, edgeEnds, frame, NODE_R, neighbourInDirection, ring } from './geometry';
import type { TreeView } from './labels';
import { nodeStateLabels } from './labels';
import styles from './learning.module.css';

/**
 * The student's tree: nodes at their authored positions, prerequisites as arrows, state as colour
 * and a ring showing progress. Tab reaches each node; arrow keys move to the nearest neighbour.
 */
export function SkillTreeGraph({
  tree,
  selectedKey,
  onSelect,
}: {
  tree: TreeView;
  selectedKey: string | null;
  onSelect: (key: string) => void;
}) {
  const markerId = useId();
  const refs = useRef(new Map<string, SVGGElement>());
  const byKey = new Map(tree.nodes.map((n) => [n.key, n]));

  const onKeyDown = (event: KeyboardEvent<SVGGElement>, key: string) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelect(key);
      return;
    }
    const from = byKey.get(key);
    const next = from && neighbourInDirection(from, tree.nodes, event.key);
    if (next) {
      event.preventDefault();
      refs.current.get(next.key)?.focus();
    }
  };

  return (
    <div className={styles.graphBox}>
      {/* biome-ignore lint/a11y/useSemanticElements: a <fieldset> cannot hold SVG content. */}
      <svg
        className={styles.graph}
        {...frame(tree.nodes)}
        role="group"
        aria-label={`${tree.title}: ${tree.nodes.length} skills`}
      >
        <ArrowMarker id={markerId} className={styles.arrowHead} />
        {tree.edges.map((e) => {
          const a = byKey.get(e.from);
          const b = byKey.get(e.to);
          if (!a || !b) return null;
          return (
            <line
              key={`${e.from}>${e.to}`}
              className={styles.edge}
              {...edgeEnds(a, b)}
              markerEnd={`url(#${CSS.escape(markerId)})`}
            />
          );
        })}
        {tree.nodes.map((n) => {
          const { r, dasharray } = ring(n.progress);
          const percent = Math.round(n.progress * 100);
          return (
            // biome-ignore lint/a11y/useSemanticElements: SVG has no <button>; the group acts as one.
            <g
              key={n.key}
              ref={(el) => {
                if (el) refs.current.set(n.key, el);
                else refs.current.delete(n.key);
              }}
              className={styles.node}
              data-state={n.state}
              role="button"
              tabIndex={0}
              aria-pressed={selectedKey === n.key}
              aria-label={`${n.title}: ${nodeStateLabels[n.state]}, ${percent}% done`}
              transform={`translate(${n.x} ${n.y})`}
              onClick={() => onSelect(n.key)}
              onKeyDown={(e) => onKeyDown(e, n.key)}
            >
              <circle className={styles.ringTrack} r={r} />
              <circle
                className={styles.ringFill}
                r={r}
                strokeDasharray={dasharray}
                transform="rotate(-90)"
                opacity={n.progress > 0 ? 1 : 0}
              />
              <circle className={styles.nodeBody} r={NODE_R} />
              <text textAnchor="middle" dy="0.35em">
                {n.state === 'mastered' ? '★' : n.state === 'locked' ? '–' : `${percent}%`}
              </text>
              <text textAnchor="middle" y={NODE_R + 22}>
                {n.title}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}
