/**
 * Read-only facts about a document the editor needs everywhere: element lookup, sizes, which nodes
 * spike, the unit of a node's input J, fresh ids. Pure functions, no React.
 */
import type {
  Edge,
  LayoutPosition,
  NetworkDocument,
  NetworkNode,
  Probe,
} from '../../../shared/document/model';
import { ID_PATTERN } from '../../../shared/document/schema';
import { PROBE_VARIABLES } from '../../../shared/models/paramSpecs';

/** A canvas position (the document's layout entry type). */
export type XY = LayoutPosition;

export function findNode(doc: NetworkDocument, id: string): NetworkNode | undefined {
  return doc.nodes.find((n) => n.id === id);
}

export function findEdge(doc: NetworkDocument, id: string): Edge | undefined {
  return doc.edges.find((e) => e.id === id);
}

export function findProbe(doc: NetworkDocument, id: string): Probe | undefined {
  return doc.probes?.find((p) => p.id === id);
}

/** Number of elements a node has (1 for a single neuron or the bias node). */
export function nodeSize(node: NetworkNode): number {
  if (node.kind === 'population') return node.size;
  if (node.kind === 'input') return node.size ?? 1;
  return 1;
}

/** LIF/HH neurons and populations, and spike-train inputs, emit spikes (spec 4). */
export function isSpikingSource(node: NetworkNode): boolean {
  if (node.kind === 'neuron' || node.kind === 'population') return node.model !== 'rate';
  if (node.kind === 'input') return node.signal.type === 'spikes' || node.signal.type === 'poisson';
  return false;
}

/** Unit of a node's total input J (spec 1), for neurons and populations. */
export function inputUnit(node: NetworkNode): string | null {
  if (node.kind !== 'neuron' && node.kind !== 'population') return null;
  return node.model === 'hh' ? 'uA/cm^2' : '1';
}

/** The probe variables a node offers (spec 6); empty for the bias node. */
export function probeVariablesOf(node: NetworkNode): readonly string[] {
  if (node.kind === 'neuron' || node.kind === 'population') return PROBE_VARIABLES[node.model];
  if (node.kind === 'input') return PROBE_VARIABLES.input;
  return [];
}

/** Every id in use: nodes, edges and probes share one namespace (spec 2). */
export function usedIds(doc: NetworkDocument): Set<string> {
  const ids = new Set<string>();
  for (const n of doc.nodes) ids.add(n.id);
  for (const e of doc.edges) ids.add(e.id);
  for (const p of doc.probes ?? []) ids.add(p.id);
  return ids;
}

/** `base`, or `base2`, `base3`... whichever is free first. */
export function freshId(used: ReadonlySet<string>, base: string): string {
  if (!used.has(base) && ID_PATTERN.test(base)) return base;
  for (let i = 2; ; i++) {
    const candidate = `${base}${i}`;
    if (!used.has(candidate)) return candidate;
  }
}

/** Neurons are named A, B, C... as in the notes; then N27, N28... */
export function freshNeuronId(used: ReadonlySet<string>): string {
  for (let i = 0; i < 26; i++) {
    const letter = String.fromCharCode(65 + i);
    if (!used.has(letter)) return letter;
  }
  return freshId(used, 'N');
}

/** `w` + target + source as in the notes (w_CA), or e1, e2... */
export function freshEdgeId(used: ReadonlySet<string>, source: string, target: string): string {
  const notesStyle = `w${target}${source}`;
  if (!used.has(notesStyle) && ID_PATTERN.test(notesStyle)) return notesStyle;
  return freshNumberedId(used, 'e');
}

/** `prefix1`, `prefix2`... whichever is free first. */
export function freshNumberedId(used: ReadonlySet<string>, prefix: string): string {
  for (let i = 1; ; i++) {
    const candidate = `${prefix}${i}`;
    if (!used.has(candidate)) return candidate;
  }
}

/** Ids of edges and probes that touch any of the given nodes. */
export function attachedTo(doc: NetworkDocument, nodeIds: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const e of doc.edges) if (nodeIds.has(e.source) || nodeIds.has(e.target)) out.add(e.id);
  for (const p of doc.probes ?? []) if (nodeIds.has(p.target)) out.add(p.id);
  return out;
}

/**
 * A scope with no place on the canvas is shown as a chip on the node it records (issue 15: a
 * recording costs no card); one placed on the canvas (the palette's Scope, the examples') is a card.
 */
export function isChipProbe(doc: NetworkDocument, probe: Probe): boolean {
  return doc.layout?.[probe.id] === undefined;
}

/** Scopes shown as cards (those with a place on the canvas). */
export function probeCards(doc: NetworkDocument): Probe[] {
  return (doc.probes ?? []).filter((p) => !isChipProbe(doc, p));
}
