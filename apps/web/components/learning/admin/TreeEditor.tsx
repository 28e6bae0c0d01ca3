'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { type FormEvent, type KeyboardEvent, type PointerEvent, useEffect, useId, useRef, useState } from 'react';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Field } from '@/components/ui/Field';
import { PageLoading } from '@/components/ui/Spinner';
import { describeError } from '@/lib/forms';
import { useTRPC } from '@/lib/trpc';
import { AiModeBadge } from '../AiModeBadge';
import { ArrowMarker, edgeEnds, frame, NODE_R } from '../geometry';
import type { TreeView } from '../labels';
import styles from '../learning.module.css';
import { StaffOnly } from './StaffOnly';

interface EditNode {
  key: string;
  title: string;
  description: string;
  tags: string[];
  difficulty: TreeView['nodes'][number]['difficulty'];
  x: number;
  y: number;
}
interface Edge {
  from: string;
  to: string;
}

const KEY_STEP = 20;

function slug(title: string, taken: ReadonlySet<string>): string {
  const base =
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 56) || 'skill';
  let key = base;
  for (let i = 2; taken.has(key); i++) key = `${base}-${i}`;
  return key;
}

function toEditable(tree: TreeView) {
  return {
    nodes: tree.nodes.map(({ key, title, description, tags, difficulty, x, y }) => ({
      key,
      title,
      description,
      tags,
      difficulty,
      x,
      y,
    })),
    edges: tree.edges,
  };
}

function NodeForm({
  node,
  onChange,
  onDelete,
  onConnect,
  connecting,
}: {
  node: EditNode;
  onChange: (patch: Partial<EditNode>) => void;
  onDelete: () => void;
  onConnect: () => void;
  connecting: boolean;
}) {
  return (
    <div className={styles.form}>
      <h3>Skill “{node.title}”</h3>
      <Field name="title" label="Title">
        {(props) => <input {...props} value={node.title} onChange={(e) => onChange({ title: e.target.value })} />}
      </Field>
      <Field name="description" label="Description">
        {(props) => (
          <textarea
            {...props}
            rows={3}
            value={node.description}
            onChange={(e) => onChange({ description: e.target.value })}
          />
        )}
      </Field>
      <Field name="tags" label="Tags" hint="Comma separated">
        {(props) => (
          <input
            {...props}
            defaultValue={node.tags.join(', ')}
            key={node.key}
            onChange={(e) =>
              onChange({
                tags: e.target.value
                  .split(',')
                  .map((t) => t.trim())
                  .filter(Boolean),
              })
            }
          />
        )}
      </Field>
      <div className={styles.row}>
        <Button variant="secondary" onClick={onConnect} aria-pressed={connecting}>
          {connecting ? 'Cancel connecting' : 'Connect to…'}
        </Button>
        <Button variant="danger" onClick={onDelete}>
          Delete skill
        </Button>
      </div>
      {connecting && (
        <p className={styles.muted} role="status">
          Now pick the skill that needs “{node.title}” first.
        </p>
      )}
    </div>
  );
}

function Editor({ tree }: { tree: TreeView }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const markerId = useId();
  const svg = useRef<SVGSVGElement>(null);
  const [graph, setGraph] = useState(() => toEditable(tree));
  const [selected, setSelected] = useState<string | null>(null);
  const [connectFrom, setConnectFrom] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [classId, setClassId] = useState(tree.class?.id ?? '');
  const drag = useRef<{ key: string; dx: number; dy: number } | null>(null);
  // The view box stays put while dragging; refitting under the pointer would make the node jump.
  const [frozenFrame, setFrozenFrame] = useState<ReturnType<typeof frame> | null>(null);
  const classes = useQuery(trpc.learning.classes.queryOptions());
  const manageable = (classes.data ?? []).filter((c) => c.role !== 'STUDENT');
  useEffect(() => {
    if (!classId && manageable[0]) setClassId(manageable[0].id);
  }, [classId, manageable]);

  const onSaved = (saved: TreeView) => {
    queryClient.setQueryData(trpc.learning.tree.get.queryKey({ treeId: tree.id }), saved);
    void queryClient.invalidateQueries({ queryKey: trpc.learning.tree.list.queryKey() });
  };
  const update = useMutation(trpc.learning.tree.update.mutationOptions());
  const publish = useMutation(trpc.learning.tree.publish.mutationOptions());

  const save = async (next = graph): Promise<boolean> => {
    setError(null);
    setNotice(null);
    try {
      const saved = await update.mutateAsync({ treeId: tree.id, nodes: next.nodes, edges: next.edges });
      onSaved(saved);
      setDirty(false);
      return true;
    } catch (err) {
      // The server's message names the offending skills (for a cycle, the whole loop).
      setError(describeError(err, []).message);
      return false;
    }
  };

  const change = (next: typeof graph) => {
    setGraph(next);
    setDirty(true);
  };

  // A new prerequisite goes to the server at once: it alone can refuse a cycle and say why.
  const connect = async (from: string, to: string) => {
    setConnectFrom(null);
    if (from === to || graph.edges.some((e) => e.from === from && e.to === to)) return;
    const next = { ...graph, edges: [...graph.edges, { from, to }] };
    if (await save(next)) {
      setGraph(next);
      setNotice('Connection saved.');
    }
  };

  const pick = (key: string) => {
    if (connectFrom) void connect(connectFrom, key);
    else setSelected(key);
  };

  const patchNode = (key: string, patch: Partial<EditNode>) =>
    change({ ...graph, nodes: graph.nodes.map((n) => (n.key === key ? { ...n, ...patch } : n)) });

  const deleteNode = (key: string) => {
    const node = graph.nodes.find((n) => n.key === key);
    if (!node || !window.confirm(`Delete “${node.title}”, its connections and its quests when you save?`)) return;
    change({
      nodes: graph.nodes.filter((n) => n.key !== key),
      edges: graph.edges.filter((e) => e.from !== key && e.to !== key),
    });
    setSelected(null);
  };

  const deleteEdge = (edge: Edge) => {
    const title = (k: string) => graph.nodes.find((n) => n.key === k)?.title ?? k;
    if (!window.confirm(`Remove the connection “${title(edge.from)}” → “${title(edge.to)}”?`)) return;
    change({ ...graph, edges: graph.edges.filter((e) => e !== edge) });
  };

  const addNode = () => {
    const key = slug('New skill', new Set(graph.nodes.map((n) => n.key)));
    const maxY = Math.max(0, ...graph.nodes.map((n) => n.y));
    change({
      ...graph,
      nodes: [
        ...graph.nodes,
        { key, title: 'New skill', description: '', tags: [], difficulty: null, x: 0, y: maxY + 150 },
      ],
    });
    setSelected(key);
  };

  const toSvg = (e: PointerEvent) => {
    const m = svg.current?.getScreenCTM();
    if (!m) return { x: 0, y: 0 };
    const p = new DOMPoint(e.clientX, e.clientY).matrixTransform(m.inverse());
    return { x: p.x, y: p.y };
  };

  const onPointerDown = (e: PointerEvent<SVGGElement>, node: EditNode) => {
    if (connectFrom) return;
    const p = toSvg(e);
    drag.current = { key: node.key, dx: node.x - p.x, dy: node.y - p.y };
    setFrozenFrame(frame(graph.nodes));
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent<SVGGElement>) => {
    const d = drag.current;
    if (!d) return;
    const p = toSvg(e);
    setGraph((g) => ({
      ...g,
      nodes: g.nodes.map((n) => (n.key === d.key ? { ...n, x: Math.round(p.x + d.dx), y: Math.round(p.y + d.dy) } : n)),
    }));
    setDirty(true);
  };
  const onPointerUp = () => {
    drag.current = null;
    setFrozenFrame(null);
  };

  // Keyboard: Enter picks (or completes a connection), arrows move the node, Delete removes it.
  const onKeyDown = (e: KeyboardEvent<SVGGElement>, node: EditNode) => {
    const moves: Record<string, [number, number]> = {
      ArrowUp: [0, -KEY_STEP],
      ArrowDown: [0, KEY_STEP],
      ArrowLeft: [-KEY_STEP, 0],
      ArrowRight: [KEY_STEP, 0],
    };
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      pick(node.key);
    } else if (moves[e.key]) {
      e.preventDefault();
      const [dx, dy] = moves[e.key];
      patchNode(node.key, { x: node.x + dx, y: node.y + dy });
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      deleteNode(node.key);
    } else if (e.key === 'Escape') {
      setConnectFrom(null);
    }
  };

  const onPublish = async (e: FormEvent) => {
    e.preventDefault();
    if (!classId) return;
    if (dirty && !(await save())) return;
    setError(null);
    try {
      const published = await publish.mutateAsync({ treeId: tree.id, classId });
      onSaved(published);
      setNotice(`Published to ${published.class?.code ?? 'the class'}. Students can see it now.`);
    } catch (err) {
      setError(describeError(err, []).message);
    }
  };

  const byKey = new Map(graph.nodes.map((n) => [n.key, n]));
  const node = selected ? byKey.get(selected) : undefined;

  return (
    <>
      <header>
        <p className={styles.muted}>
          <Link href="/admin/syllabi">Syllabi and skill trees</Link>
        </p>
        <h1>{tree.title}</h1>
        <p className={styles.row}>
          <span className={styles.badge}>{tree.status.toLowerCase()}</span>
          <span className={styles.badge}>
            {tree.generatedBy === 'AI' ? 'Generated by Gemini' : 'Generated offline'}
          </span>
          <AiModeBadge />
          {dirty && <span className={styles.badge}>Unsaved changes</span>}
        </p>
        <p className={styles.muted}>
          Drag skills to move them (or focus one and use the arrow keys). Select a skill to edit it; “Connect to…” then
          pick the skill that requires it.
        </p>
      </header>
      <div aria-live="assertive">{error && <Alert title="Not saved">{error}</Alert>}</div>
      <div aria-live="polite">{notice && <Alert tone="success">{notice}</Alert>}</div>
      <div className={styles.row}>
        <Button
          onClick={() => void save().then((ok) => ok && setNotice('Saved.'))}
          pending={update.isPending}
          pendingLabel="Saving…"
          disabled={!dirty}
        >
          Save
        </Button>
        <Button variant="secondary" onClick={addNode}>
          Add skill
        </Button>
        <form className={styles.row} onSubmit={onPublish}>
          <label>
            <span className="visually-hidden">Class to publish to</span>
            <select value={classId} onChange={(e) => setClassId(e.target.value)} aria-label="Class to publish to">
              {manageable.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.code}
                </option>
              ))}
            </select>
          </label>
          <Button type="submit" variant="secondary" pending={publish.isPending} pendingLabel="Publishing…">
            Publish
          </Button>
        </form>
      </div>
      <div className={styles.treeLayout}>
        <div className={styles.graphBox}>
          {/* biome-ignore lint/a11y/useSemanticElements: a <fieldset> cannot hold SVG content. */}
          <svg
            ref={svg}
            className={styles.graph}
            {...(frozenFrame ?? frame(graph.nodes))}
            role="group"
            aria-label="Skill tree editor"
          >
            <ArrowMarker id={markerId} className={styles.arrowHead} />
            {graph.edges.map((e) => {
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
            {graph.nodes.map((n) => (
              // biome-ignore lint/a11y/useSemanticElements: SVG has no <button>; the group acts as one.
              <g
                key={n.key}
                className={styles.node}
                data-state="available"
                data-selected={selected === n.key || connectFrom === n.key}
                role="button"
                tabIndex={0}
                aria-label={`${n.title}${connectFrom && connectFrom !== n.key ? ': make it require the selected skill' : ''}`}
                transform={`translate(${n.x} ${n.y})`}
                onPointerDown={(e) => onPointerDown(e, n)}
                onPointerMove={onPointerMove}
                onPointerUp={onPointerUp}
                onClick={() => pick(n.key)}
                onKeyDown={(e) => onKeyDown(e, n)}
              >
                <circle className={styles.nodeBody} r={NODE_R} />
                <text textAnchor="middle" y={NODE_R + 22}>
                  {n.title}
                </text>
              </g>
            ))}
          </svg>
        </div>
        <aside className={styles.panel} aria-label="Selected skill">
          {node ? (
            <NodeForm
              node={node}
              onChange={(patch) => patchNode(node.key, patch)}
              onDelete={() => deleteNode(node.key)}
              onConnect={() => setConnectFrom(connectFrom ? null : node.key)}
              connecting={connectFrom === node.key}
            />
          ) : (
            <p className={styles.muted}>Select a skill to edit it.</p>
          )}
          <h3>Connections</h3>
          {graph.edges.length === 0 ? (
            <p className={styles.muted}>No prerequisites yet.</p>
          ) : (
            <ul className={styles.list}>
              {graph.edges.map((e) => (
                <li key={`${e.from}>${e.to}`} className={styles.spread}>
                  <span>
                    {byKey.get(e.from)?.title} → {byKey.get(e.to)?.title}
                  </span>
                  <Button
                    variant="secondary"
                    onClick={() => deleteEdge(e)}
                    aria-label={`Remove connection ${byKey.get(e.from)?.title} to ${byKey.get(e.to)?.title}`}
                  >
                    Remove
                  </Button>
                </li>
              ))}
            </ul>
          )}
        </aside>
      </div>
    </>
  );
}

function LoadedEditor({ treeId }: { treeId: string }) {
  const trpc = useTRPC();
  const tree = useQuery(trpc.learning.tree.get.queryOptions({ treeId }, { refetchOnWindowFocus: false }));
  if (tree.isPending) return <PageLoading label="Loading the tree…" />;
  if (tree.isError) return <Alert title="We couldn't load this tree">{tree.error.message}</Alert>;
  if (!tree.data.canEdit) return <Alert title="Read only">You can view this tree but not edit it.</Alert>;
  return <Editor tree={tree.data} />;
}

export function TreeEditorPage({ treeId }: { treeId: string }) {
  return (
    <StaffOnly>
      {() => (
        <div className={styles.page}>
          <LoadedEditor treeId={treeId} />
        </div>
      )}
    </StaffOnly>
  );
}
