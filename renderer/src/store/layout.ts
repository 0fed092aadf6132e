/**
 * Tidy layout with dagre (a layered graph layout, as in React Flow's own examples): sources on the
 * left, each synapse's label given room between the layers (dagre places edge labels as nodes of
 * their own, so no label lands on a card), cycles broken by dagre's feedback-arc heuristic so a
 * loop of neurons stays a compact block whose return edges run underneath. Scopes follow their
 * target; nodes with no connection sit below the circuit in a grid.
 */
import { Graph, layout } from '@dagrejs/dagre';
import type { NetworkDocument } from '../../../shared/document/model';
import { estimateLabelSize } from '../editor/wiring';
import { probeCards, type XY } from './graph';

export const COLUMN_GAP = 260;
export const ROW_GAP = 140;

const NODE = { width: 180, height: 100 };
const SCOPE = { width: 150, height: 80 };

export type Sizes = Record<string, { width: number; height: number }>;

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
  for (const n of doc.nodes) if (connected.has(n.id)) g.setNode(n.id, { ...sizeOf(n.id, false) });
  for (const e of doc.edges) {
    if (e.source === e.target) continue;
    const label = estimateLabelSize(doc, e);
    g.setEdge(
      e.source,
      e.target,
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
