/**
 * Copy, paste and duplicate: a clip holds whole nodes, the edges between them and their scopes;
 * pasting renames every id to a free one (references follow) and offsets the positions.
 */
import type { Edge, NetworkDocument, NetworkNode, Probe } from '../../../shared/document/model';
import { freshEdgeId, freshId, freshNeuronId, freshNumberedId, usedIds, type XY } from './graph';

export interface Clip {
  nodes: NetworkNode[];
  edges: Edge[];
  probes: Probe[];
  layout: Record<string, XY>;
}

/** The selected nodes, the edges among them (also selected edges between them) and their scopes. */
export function copySelection(doc: NetworkDocument, ids: readonly string[]): Clip {
  const set = new Set(ids);
  const nodes = doc.nodes.filter((n) => set.has(n.id));
  const nodeIds = new Set(nodes.map((n) => n.id));
  const edges = doc.edges.filter((e) => nodeIds.has(e.source) && nodeIds.has(e.target));
  const probes = (doc.probes ?? []).filter((p) => nodeIds.has(p.target));
  const layout: Record<string, XY> = {};
  for (const el of [...nodes, ...probes]) {
    const p = doc.layout?.[el.id];
    if (p) layout[el.id] = { x: p.x, y: p.y };
  }
  return structuredClone({ nodes, edges, probes, layout });
}

/** The clip with fresh ids for this document, moved by `offset`; `ids` lists the new ids. */
export function planPaste(doc: NetworkDocument, clip: Clip, offset: XY): Clip & { ids: string[] } {
  const used = usedIds(doc);
  const rename = new Map<string, string>();
  const take = (id: string): string => {
    used.add(id);
    return id;
  };
  for (const n of clip.nodes) {
    const isLetter = /^[A-Z]$/.test(n.id) || n.kind === 'neuron';
    rename.set(n.id, take(isLetter ? freshNeuronId(used) : similarId(used, n.id)));
  }
  for (const p of clip.probes) rename.set(p.id, take(similarId(used, p.id)));
  const nodes = clip.nodes.map((n) => ({ ...structuredClone(n), id: rename.get(n.id)! }));
  const edges = clip.edges.map((e) => {
    const source = rename.get(e.source)!;
    const target = rename.get(e.target)!;
    return { ...structuredClone(e), id: take(freshEdgeId(used, source, target)), source, target };
  });
  const probes = clip.probes.map((p) => ({
    ...structuredClone(p),
    id: rename.get(p.id)!,
    target: rename.get(p.target) ?? p.target,
  }));
  const layout: Record<string, XY> = {};
  for (const [id, p] of Object.entries(clip.layout)) {
    const to = rename.get(id);
    if (to) layout[to] = { x: p.x + offset.x, y: p.y + offset.y };
  }
  return {
    nodes,
    edges,
    probes,
    layout,
    ids: [...nodes.map((n) => n.id), ...edges.map((e) => e.id), ...probes.map((p) => p.id)],
  };
}

/** P1 -> P2 (numbered ids keep counting), one -> one2. */
function similarId(used: ReadonlySet<string>, id: string): string {
  const base = id.replace(/\d+$/, '');
  return base !== id ? freshNumberedId(used, base) : freshId(used, id);
}
