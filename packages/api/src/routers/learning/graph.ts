// Skill-tree graph rules, as pure functions: keys unique, prerequisites known, no cycles.
import { DomainError } from '../../errors';

export interface GraphNode {
  key: string;
  title?: string;
}
export interface GraphEdge {
  from: string;
  to: string;
}

/** One cycle as a list of keys, first key repeated at the end (a → b → a), or null. */
export function findCycle(keys: readonly string[], edges: readonly GraphEdge[]): string[] | null {
  const out = new Map<string, string[]>(keys.map((k) => [k, []]));
  for (const e of edges) out.get(e.from)?.push(e.to);
  const colour = new Map<string, 0 | 1 | 2>(); // white, on the stack, done
  const stack: string[] = [];
  const visit = (k: string): string[] | null => {
    colour.set(k, 1);
    stack.push(k);
    for (const next of out.get(k) ?? []) {
      const c = colour.get(next) ?? 0;
      if (c === 1) return [...stack.slice(stack.indexOf(next)), next];
      if (c === 0) {
        const found = visit(next);
        if (found) return found;
      }
    }
    stack.pop();
    colour.set(k, 2);
    return null;
  };
  for (const k of keys) {
    if ((colour.get(k) ?? 0) === 0) {
      const found = visit(k);
      if (found) return found;
    }
  }
  return null;
}

/**
 * Checks a tree's graph and returns its edges without duplicates. Throws a DomainError whose
 * message names the problem — for a cycle, the nodes that form it, by title.
 */
export function validateGraph(nodes: readonly GraphNode[], edges: readonly GraphEdge[]): GraphEdge[] {
  const seen = new Set<string>();
  for (const n of nodes) {
    if (seen.has(n.key)) {
      throw new DomainError('BAD_REQUEST', `Two nodes share the key “${n.key}”. Keys must be unique within a tree.`, {
        nodes: [`Duplicate key “${n.key}”`],
      });
    }
    seen.add(n.key);
  }
  const name = (k: string) => nodes.find((n) => n.key === k)?.title || k;
  const unique = new Map<string, GraphEdge>();
  for (const e of edges) {
    for (const end of [e.from, e.to]) {
      if (!seen.has(end)) {
        throw new DomainError('BAD_REQUEST', `A link refers to “${end}”, which is not a node of this tree.`, {
          edges: [`Unknown node “${end}”`],
        });
      }
    }
    if (e.from === e.to) {
      throw new DomainError('BAD_REQUEST', `“${name(e.from)}” cannot be its own prerequisite.`, {
        edges: [`“${name(e.from)}” links to itself`],
      });
    }
    unique.set(`${e.from}\u0000${e.to}`, { from: e.from, to: e.to });
  }
  const result = [...unique.values()];
  const cycle = findCycle(
    nodes.map((n) => n.key),
    result,
  );
  if (cycle) {
    const path = cycle.map(name).join(' → ');
    throw new DomainError(
      'BAD_REQUEST',
      `These prerequisites form a cycle: ${path}. A skill cannot (indirectly) require itself; remove one of these links.`,
      { edges: [`Cycle: ${path}`] },
    );
  }
  return result;
}

/** Prerequisite lists (from generated nodes) as edges. */
export function edgesFromPrerequisites(nodes: readonly { key: string; prerequisites: string[] }[]): GraphEdge[] {
  return nodes.flatMap((n) => n.prerequisites.map((p) => ({ from: p, to: n.key })));
}

/**
 * A layered layout for a fresh tree: a node's row is the length of the longest prerequisite chain
 * above it; within a row nodes keep their syllabus order and are centred around x = 0.
 */
export function layoutTree(
  keys: readonly string[],
  edges: readonly GraphEdge[],
): Map<string, { x: number; y: number }> {
  const incoming = new Map<string, string[]>(keys.map((k) => [k, []]));
  for (const e of edges) incoming.get(e.to)?.push(e.from);
  const depth = new Map<string, number>();
  const depthOf = (k: string, guard = 0): number => {
    const known = depth.get(k);
    if (known !== undefined) return known;
    if (guard > keys.length) return 0; // cycles are refused elsewhere; never loop here
    const d = Math.max(-1, ...(incoming.get(k) ?? []).map((p) => depthOf(p, guard + 1))) + 1;
    depth.set(k, d);
    return d;
  };
  const rows = new Map<number, string[]>();
  for (const k of keys) {
    const d = depthOf(k);
    rows.set(d, [...(rows.get(d) ?? []), k]);
  }
  const positions = new Map<string, { x: number; y: number }>();
  for (const [d, row] of rows) {
    for (const [i, k] of row.entries()) {
      positions.set(k, { x: Math.round((i - (row.length - 1) / 2) * 240), y: d * 160 });
    }
  }
  return positions;
}
