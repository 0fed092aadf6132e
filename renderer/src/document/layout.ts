/**
 * Tidy layout with dagre (a layered graph layout, as in React Flow's own examples): sources on the
 * left, each synapse's label given room between the layers (dagre places edge labels as nodes of
 * their own, so no label lands on a card), cycles broken by dagre's feedback-arc heuristic so a
 * loop of neurons stays a compact block whose return edges run underneath. Scopes follow their
 * target; nodes with no connection sit below the circuit in a grid.
 *
 * Three neurons connected both ways round (a winner-take-all triangle) would come out of dagre as a
 * chain of three layers whose return edges loop under the whole row; such a cycle is laid out as
 * a triangle instead (two cards stacked on the left, the third right of them, level with their
 * middle), dagre placing the triangle as one block among the rest of the circuit.
 */
import { Graph, layout } from '@dagrejs/dagre';
import type { NetworkDocument } from '../../../shared/document/model';
import { estimateLabelSize } from './edgeLabel';
import { probeCards, type XY } from './graph';

export const COLUMN_GAP = 260;
export const ROW_GAP = 140;

const NODE = { width: 180, height: 100 };
const SCOPE = { width: 150, height: 80 };

export type Sizes = Record<string, { width: number; height: number }>;

/** Room between the triangle's stacked cards (a lane and its label) and before its third card. */
const TRIANGLE_ROW_GAP = 120;
const TRIANGLE_COLUMN_GAP = 180;

/**
 * Groups of three nodes in which every node reaches the other two directly, in document order
 * (the first two are stacked, the third sits right of them); a node belongs to one group at most.
 */
export function mutualTriangles(doc: NetworkDocument): string[][] {
  const linked = new Set(doc.edges.map((e) => `${e.source}\u0000${e.target}`));
  const both = (a: string, b: string): boolean =>
    linked.has(`${a}\u0000${b}`) && linked.has(`${b}\u0000${a}`);
  const ids = doc.nodes.map((n) => n.id);
  const used = new Set<string>();
  const out: string[][] = [];
  for (let i = 0; i < ids.length; i++)
    for (let j = i + 1; j < ids.length; j++)
      for (let k = j + 1; k < ids.length; k++) {
        const [a, b, c] = [ids[i]!, ids[j]!, ids[k]!];
        if (used.has(a) || used.has(b) || used.has(c)) continue;
        if (both(a, b) && both(a, c) && both(b, c)) {
          out.push([a, b, c]);
          [a, b, c].forEach((id) => used.add(id));
        }
      }
  return out;
}

export function tidyPositions(doc: NetworkDocument, sizes: Sizes = {}): Record<string, XY> {
  const connected = new Set<string>();
  for (const e of doc.edges) {
    connected.add(e.source);
    connected.add(e.target);
  }
  const g = new Graph({ multigraph: true });
  g.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 40, edgesep: 24, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  const sizeOf = (id: string, scope: boolean): { width: number; height: number } =>
    sizes[id] ?? (scope ? SCOPE : NODE);
  // Each mutual triangle is one block for dagre, named after its first node.
  const blockOf = new Map<string, string>();
  const triangles = mutualTriangles(doc);
  const offsets = new Map<string, XY>();
  for (const [a, b, c] of triangles as [string, string, string][]) {
    const [sa, sb, sc] = [sizeOf(a, false), sizeOf(b, false), sizeOf(c, false)];
    const left = Math.max(sa.width, sb.width);
    const height = sa.height + TRIANGLE_ROW_GAP + sb.height;
    offsets.set(a, { x: 0, y: 0 });
    offsets.set(b, { x: 0, y: sa.height + TRIANGLE_ROW_GAP });
    offsets.set(c, { x: left + TRIANGLE_COLUMN_GAP, y: Math.round((height - sc.height) / 2) });
    for (const id of [a, b, c]) blockOf.set(id, a);
    g.setNode(a, {
      width: left + TRIANGLE_COLUMN_GAP + sc.width,
      height: Math.max(height, sc.height),
    });
  }
  for (const n of doc.nodes)
    if (connected.has(n.id) && !blockOf.has(n.id)) g.setNode(n.id, { ...sizeOf(n.id, false) });
  for (const e of doc.edges) {
    if (e.source === e.target) continue;
    const [source, target] = [blockOf.get(e.source) ?? e.source, blockOf.get(e.target) ?? e.target];
    if (blockOf.has(e.source) && source === target) continue;
    const label = estimateLabelSize(doc, e);
    g.setEdge(
      source,
      target,
      { width: label.width + 16, height: label.height + 12, labelpos: 'c', minlen: 1 },
      e.id,
    );
  }
  const positions: Record<string, XY> = {};
  let bottom = 0;
  if (g.nodeCount() > 0) {
    layout(g);
    for (const id of g.nodes()) {
      const v = g.node(id);
      const x = Math.round(v.x - v.width / 2);
      const y = Math.round(v.y - v.height / 2);
      positions[id] = { x, y };
      bottom = Math.max(bottom, y + v.height);
    }
    for (const [id, block] of blockOf) {
      const at = positions[block]!;
      const off = offsets.get(id)!;
      positions[id] = { x: at.x + off.x, y: at.y + off.y };
    }
    // Routed-around (return) edges run under the block: keep the grid below them.
    bottom += 120;
  }
  const scopes = new Map<string, string[]>();
  for (const p of probeCards(doc)) scopes.set(p.target, [...(scopes.get(p.target) ?? []), p.id]);
  // Unconnected nodes, each followed by its scopes, fill a grid below the circuit.
  const loose = doc.nodes.filter((n) => !connected.has(n.id));
  const cells = loose.flatMap((n) => [n.id, ...(scopes.get(n.id) ?? [])]);
  const columns = Math.max(2, Math.ceil(Math.sqrt(cells.length)));
  cells.forEach((id, i) => {
    positions[id] = {
      x: (i % columns) * COLUMN_GAP,
      y: bottom + Math.floor(i / columns) * ROW_GAP,
    };
  });
  // Scopes of connected nodes: a column right of the circuit, level with their target.
  let right = 0;
  for (const id of connected) {
    const p = positions[id];
    if (p) right = Math.max(right, p.x + sizeOf(id, false).width);
  }
  const lastColumn = right + 80;
  const taken: number[] = [];
  for (const [target, ids] of scopes) {
    if (!connected.has(target)) continue;
    const at = positions[target] ?? { x: 0, y: 0 };
    ids.forEach((id, k) => {
      let y = at.y + k * 90;
      while (taken.some((t) => Math.abs(t - y) < 90)) y += 90;
      taken.push(y);
      positions[id] = { x: lastColumn, y };
    });
  }
  return positions;
}
