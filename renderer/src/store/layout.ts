/**
 * Tidy layout: connected nodes in columns by their depth in the feed-forward order (sources on
 * the left, edges inside cycles ignored), rows in document order; unconnected nodes in a grid
 * below them; scopes in a last column level with their target (or in the grid after it).
 */
import type { NetworkDocument } from '../../../shared/document/model';
import type { XY } from './graph';

export const COLUMN_GAP = 260;
export const ROW_GAP = 140;

export function tidyPositions(doc: NetworkDocument): Record<string, XY> {
  const incoming = new Map<string, string[]>();
  for (const n of doc.nodes) incoming.set(n.id, []);
  for (const e of doc.edges) {
    if (e.source !== e.target) incoming.get(e.target)?.push(e.source);
  }
  const depth = new Map<string, number>();
  const visiting = new Set<string>();
  const depthOf = (id: string): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return 0; // a cycle: this edge does not push the node right
    visiting.add(id);
    let d = 0;
    for (const src of incoming.get(id) ?? []) d = Math.max(d, depthOf(src) + 1);
    visiting.delete(id);
    depth.set(id, d);
    return d;
  };
  const rows = new Map<number, number>();
  const positions: Record<string, XY> = {};
  const connected = new Set<string>();
  for (const e of doc.edges) {
    connected.add(e.source);
    connected.add(e.target);
  }
  const loose = doc.nodes.filter((n) => !connected.has(n.id));
  for (const n of doc.nodes) {
    if (!connected.has(n.id)) continue;
    const d = depthOf(n.id);
    const row = rows.get(d) ?? 0;
    rows.set(d, row + 1);
    positions[n.id] = { x: d * COLUMN_GAP, y: row * ROW_GAP };
  }
  const top = rows.size === 0 ? 0 : (Math.max(...rows.values()) + 0.5) * ROW_GAP;
  const scopes = new Map<string, string[]>();
  for (const p of doc.probes ?? []) scopes.set(p.target, [...(scopes.get(p.target) ?? []), p.id]);
  // Unconnected nodes, each followed by its scopes, fill a grid.
  const cells = loose.flatMap((n) => [n.id, ...(scopes.get(n.id) ?? [])]);
  const columns = Math.max(2, Math.ceil(Math.sqrt(cells.length)));
  cells.forEach((id, i) => {
    positions[id] = { x: (i % columns) * COLUMN_GAP, y: top + Math.floor(i / columns) * ROW_GAP };
  });
  // Scopes of connected nodes: one column right of the last layer, level with their target.
  const lastColumn = (Math.max(-1, ...rows.keys()) + 1) * COLUMN_GAP;
  for (const [target, ids] of scopes) {
    if (!connected.has(target)) continue;
    const at = positions[target] ?? { x: 0, y: 0 };
    ids.forEach((id, k) => {
      positions[id] = { x: lastColumn, y: at.y + k * 80 };
    });
  }
  return positions;
}
