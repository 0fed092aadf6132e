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
import { probeVariablesOf } from '../../../shared/document/graph';
import { ID_PATTERN } from '../../../shared/document/schema';

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

export {
  displayName,
  inputUnit,
  isSpikingSource,
  nodeSize,
  probeVariablesOf,
} from '../../../shared/document/graph';

/** Every id in use: nodes, edges and probes share one namespace (docs/format.md#document). */
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

/**
 * One scope per node and variable: a second would draw the same trace again under the same legend
 * name ("B · v" read "B B", walkthrough 4), so no path adds one. The scope that records `variable`
 * of `nodeId` (other than `except`), if any.
 */
export function probeRecording(
  doc: NetworkDocument,
  nodeId: string,
  variable: string,
  except?: string,
): Probe | undefined {
  return (doc.probes ?? []).find(
    (p) => p.id !== except && p.target === nodeId && p.variable === variable,
  );
}

/**
 * The variable a new (or re-aimed) scope of `node` records: `wanted` when no other scope records
 * it, else the node's first variable not recorded yet (as S does); null when every one is.
 */
export function freeProbeVariable(
  doc: NetworkDocument,
  node: NetworkNode,
  wanted?: string,
  except?: string,
): Probe['variable'] | null {
  const variables = probeVariablesOf(node);
  const free = (v: string): boolean => !probeRecording(doc, node.id, v, except);
  const chosen =
    wanted !== undefined && variables.includes(wanted) && free(wanted)
      ? wanted
      : variables.find(free);
  return (chosen ?? null) as Probe['variable'] | null;
}

/** How the student sees a scope: "the v chip on B" or "scope scope1". */
export function probeName(doc: NetworkDocument, probe: Probe): string {
  if (!isChipProbe(doc, probe)) return `scope ${probe.id}`;
  const node = findNode(doc, probe.target);
  return `the ${probe.variable} chip on ${node?.label ?? probe.target}`;
}
