/**
 * The canvas's React Flow nodes and edges, derived from the document and a little UI state
 * (selection, hover, a drag's transient positions, measured sizes, the wiring plan). Pure: the
 * same inputs give equal objects. `createFlowDeriver()` memoises per element, so a node or edge
 * object stays the same object while what it shows is unchanged: React Flow (and the memoised
 * cards in CircuitNodes.tsx) then skip it, and moving one card or editing one param redraws that
 * element, not the circuit.
 */
import type { Edge as FlowEdge } from '@xyflow/react';
import type { NetworkDocument } from '../../../shared/document/model';
import { weightMagnitude } from '../ui/format';
import { unitHint } from '../document/connect';
import {
  driveWarning,
  offersWeightMatrix,
  ruleText,
  strongSynapseWarning,
} from '../document/connectionRule';
import { estimateLabelSize, pairText } from '../document/edgeLabel';
import { isChipProbe, probeCards, type XY } from '../document/graph';
import { issuesById } from '../document/issues';
import { DEFAULT_NODE_SIZE, DEFAULT_SCOPE_SIZE, defaultNodePosition } from '../document/placement';
import type { CircuitFlowNode, RecordChip, ScopeFlowNode, SynapseFlowEdge } from './CircuitNodes';
import type { Box, LabelPlacement, WiringEdge } from './wiring';

export type AnyFlowNode = CircuitFlowNode | ScopeFlowNode;
export interface Measured {
  width: number;
  height: number;
}
/** Problems by element id (`document/issues.ts`). */
export type IssueMap = ReadonlyMap<string, readonly string[]>;

/** What the nodes show besides the document. */
export interface FlowNodeInputs {
  /** The selected element ids. */
  selected: ReadonlySet<string>;
  /** The document's problems by element (default: `issuesById(doc)`). */
  issues?: IssueMap;
  /** Positions of the cards being dragged, ahead of the layout (none: not dragging). */
  drag?: Readonly<Record<string, XY>> | null;
  /** Sizes React Flow measured; an unmeasured card has none. */
  measured?: Readonly<Record<string, Measured>>;
  /** The node a Scope dragged from the palette would record if dropped now (it is highlighted). */
  dropTarget?: string | null;
}

/** What the edges show besides the document. */
export interface FlowEdgeInputs {
  /** The selected element ids. */
  selected: ReadonlySet<string>;
  /** The document's problems by element (default: `issuesById(doc)`). */
  issues?: IssueMap;
  /** The hovered node or edge: its synapses are highlighted, the others dimmed. */
  hoverId?: string | null;
  /** Where each synapse's label sits (canvas/wiring.ts); none while a card is dragged. */
  plan?: ReadonlyMap<string, LabelPlacement> | null;
}

export type FlowInputs = FlowNodeInputs & FlowEdgeInputs;

/** The id of the line from a recorded node to its scope card (not an element of the document). */
export function probeWireId(probeId: string): string {
  return `probe-wire-${probeId}`;
}

const NO_WARNINGS: readonly string[] = [];
const NO_CHIPS: readonly RecordChip[] = [];

/** Makes an object, or returns the one made for `id` before when every part of `key` is identical. */
type Memo = <T>(id: string, key: readonly unknown[], make: () => T) => T;

const fresh: Memo = (_id, _key, make) => make();

/** Where the canvas draws a card: the drag's position, else the layout's, else the standard one. */
function cardPosition(
  doc: NetworkDocument,
  drag: FlowNodeInputs['drag'],
  id: string,
  fallback: () => XY,
): XY {
  return drag?.[id] ?? doc.layout?.[id] ?? fallback();
}

/** Every card's box in flow coordinates (its measured size, else the standard one). */
export function flowBoxes(
  doc: NetworkDocument,
  drag: FlowNodeInputs['drag'] = null,
  measured: Readonly<Record<string, Measured>> = {},
): Map<string, Box> {
  const out = new Map<string, Box>();
  doc.nodes.forEach((n, i) => {
    const p = cardPosition(doc, drag, n.id, () => defaultNodePosition(i));
    const m = measured[n.id] ?? DEFAULT_NODE_SIZE;
    out.set(n.id, { x: p.x, y: p.y, w: m.width, h: m.height });
  });
  for (const probe of probeCards(doc)) {
    const p = drag?.[probe.id] ?? doc.layout![probe.id]!;
    const m = measured[probe.id] ?? DEFAULT_SCOPE_SIZE;
    out.set(probe.id, { x: p.x, y: p.y, w: m.width, h: m.height });
  }
  return out;
}

/** The synapses as the wiring plan sees them: ends and label size (measured, else estimated). */
export function flowWiringEdges(
  doc: NetworkDocument,
  labelSizes: Readonly<Record<string, Measured>> = {},
): WiringEdge[] {
  return doc.edges.map((e) => {
    const size = labelSizes[e.id] ?? estimateLabelSize(doc, e);
    return {
      id: e.id,
      source: e.source,
      target: e.target,
      labelW: size.width,
      labelH: size.height,
    };
  });
}

function nodesWith(doc: NetworkDocument, ui: FlowNodeInputs, memo: Memo): AnyFlowNode[] {
  const { selected, drag = null, measured = {}, dropTarget = null } = ui;
  const issues = ui.issues ?? issuesById(doc);
  const out: AnyFlowNode[] = [];
  const names = new Map(doc.nodes.map((n) => [n.id, n.label ?? n.id]));
  // Scopes without a place on the canvas show as chips on the node they record.
  const chips = new Map<string, RecordChip[]>();
  for (const probe of doc.probes ?? []) {
    if (!isChipProbe(doc, probe)) continue;
    const list = chips.get(probe.target) ?? [];
    list.push({ id: probe.id, variable: probe.variable, selected: selected.has(probe.id) });
    chips.set(probe.target, list);
  }
  doc.nodes.forEach((node, i) => {
    const warnings = issues.get(node.id) ?? NO_WARNINGS;
    const records = chips.get(node.id) ?? NO_CHIPS;
    const recordsKey = records.map((r) => `${r.id}:${r.variable}:${r.selected}`).join(',');
    const data = memo(`data:${node.id}`, [node, warnings.join('\n'), recordsKey], () => ({
      node,
      warnings,
      records,
    }));
    const p = cardPosition(doc, drag, node.id, () => defaultNodePosition(i));
    const m = measured[node.id];
    const isSelected = selected.has(node.id);
    const isDropTarget = node.id === dropTarget;
    out.push(
      memo(node.id, [data, p.x, p.y, m, isSelected, isDropTarget], () => ({
        id: node.id,
        type: 'circuit' as const,
        position: { x: p.x, y: p.y },
        data,
        selected: isSelected,
        ...(isDropTarget ? { className: 'is-drop-target' } : {}),
        ...(m ? { measured: m } : {}),
      })),
    );
  });
  probeCards(doc).forEach((probe, i) => {
    const warnings = issues.get(probe.id) ?? NO_WARNINGS;
    const targetName = names.get(probe.target) ?? probe.target;
    const data = memo(`data:${probe.id}`, [probe, targetName, warnings.join('\n')], () => ({
      probe,
      targetName,
      warnings,
    }));
    const p = cardPosition(doc, drag, probe.id, () => ({ x: 600, y: i * 120 }));
    const m = measured[probe.id];
    const isSelected = selected.has(probe.id);
    out.push(
      memo(probe.id, [data, p.x, p.y, m, isSelected], () => ({
        id: probe.id,
        type: 'scope' as const,
        position: { x: p.x, y: p.y },
        data,
        selected: isSelected,
        ...(m ? { measured: m } : {}),
      })),
    );
  });
  return out;
}

function edgesWith(doc: NetworkDocument, ui: FlowEdgeInputs, memo: Memo): FlowEdge[] {
  const { selected, hoverId = null, plan = null } = ui;
  const issues = ui.issues ?? issuesById(doc);
  const names = new Map(doc.nodes.map((n) => [n.id, n.label ?? n.id]));
  // Widths are relative to the largest |w| in the circuit.
  let scale = 0;
  for (const e of doc.edges) scale = Math.max(scale, weightMagnitude(e.weight));
  const out: FlowEdge[] = [];
  for (const edge of doc.edges) {
    const isSelected = selected.has(edge.id);
    // Hovering fades the synapses of other nodes, never a selected one: after Ctrl-clicking six
    // labels the pointer rests on the last, and the five others looked unselected.
    const related = edge.source === hoverId || edge.target === hoverId || edge.id === hoverId;
    const highlight = hoverId === null ? null : related ? true : isSelected ? null : false;
    const warnings = issues.get(edge.id) ?? NO_WARNINGS;
    const sourceName = names.get(edge.source) ?? edge.source;
    const targetName = names.get(edge.target) ?? edge.target;
    const hint = unitHint(doc, edge);
    // What the inspector warns of for this synapse (a mean drive, else one spike, far beyond its
    // target's threshold), marked on its label too: seen without selecting it.
    const strong = driveWarning(doc, edge) ?? strongSynapseWarning(doc, edge);
    const matrix = offersWeightMatrix(doc, edge);
    const rule = ruleText(doc, edge);
    const pair = pairText(doc, edge);
    const placement: LabelPlacement | null = plan?.get(edge.id) ?? null;
    out.push(
      memo(
        edge.id,
        [
          edge,
          sourceName,
          targetName,
          scale,
          hint,
          strong,
          matrix,
          rule,
          pair,
          warnings.join('\n'),
          highlight,
          isSelected,
          placement?.t,
          placement?.ox,
          placement?.oy,
          placement?.loopY,
          placement?.reach,
        ],
        (): SynapseFlowEdge => ({
          id: edge.id,
          type: 'synapse',
          source: edge.source,
          target: edge.target,
          sourceHandle: 'out',
          targetHandle: 'in',
          selected: isSelected,
          zIndex: highlight ? 5 : 0,
          data: {
            edge,
            sourceName,
            targetName,
            scale,
            unitHint: hint,
            strong,
            matrix,
            rule,
            pair,
            placement,
            warnings,
            highlight,
          },
        }),
      ),
    );
  }
  // The line from a recorded node to its scope card: drawn, never selected or deleted.
  for (const probe of probeCards(doc)) {
    const id = probeWireId(probe.id);
    out.push(
      memo(id, [probe.target, probe.id], () => ({
        id,
        source: probe.target,
        target: probe.id,
        sourceHandle: 'out',
        targetHandle: 'in',
        className: 'edge--probe',
        selectable: false,
        focusable: false,
        deletable: false,
      })),
    );
  }
  return out;
}

/** The node cards and scope cards of the document, as React Flow nodes (new objects). */
export function deriveFlowNodes(doc: NetworkDocument, ui: FlowNodeInputs): AnyFlowNode[] {
  return nodesWith(doc, ui, fresh);
}

/** The synapses and the scope cards' wires, as React Flow edges (new objects). */
export function deriveFlowEdges(doc: NetworkDocument, ui: FlowEdgeInputs): FlowEdge[] {
  return edgesWith(doc, ui, fresh);
}

/** Nodes and edges at once (new objects). */
export function deriveFlow(
  doc: NetworkDocument,
  ui: FlowInputs,
): { nodes: AnyFlowNode[]; edges: FlowEdge[] } {
  return { nodes: deriveFlowNodes(doc, ui), edges: deriveFlowEdges(doc, ui) };
}

export interface FlowDeriver {
  /** As `deriveFlowNodes`, keeping the objects of unchanged nodes (and of their data). */
  nodes(doc: NetworkDocument, ui: FlowNodeInputs): AnyFlowNode[];
  /** As `deriveFlowEdges`, keeping the objects of unchanged edges. */
  edges(doc: NetworkDocument, ui: FlowEdgeInputs): FlowEdge[];
  /** Both. */
  flow(doc: NetworkDocument, ui: FlowInputs): { nodes: AnyFlowNode[]; edges: FlowEdge[] };
}

interface CacheEntry {
  key: readonly unknown[];
  value: unknown;
}

/**
 * A memo over one derivation: returns the previous object for an id when every part of its key
 * is identical (Object.is); entries not asked for in a pass are dropped at its end, so the cache
 * holds only what is on the canvas.
 */
function memoPass(cache: Map<string, CacheEntry>): { memo: Memo; end(): void } {
  const used = new Set<string>();
  const memo: Memo = <T>(id: string, key: readonly unknown[], make: () => T): T => {
    used.add(id);
    const prev = cache.get(id);
    if (prev && prev.key.length === key.length && prev.key.every((k, i) => Object.is(k, key[i])))
      return prev.value as T;
    const value = make();
    cache.set(id, { key, value });
    return value;
  };
  return {
    memo,
    end() {
      for (const id of cache.keys()) if (!used.has(id)) cache.delete(id);
    },
  };
}

/**
 * A derivation that memoises per element: an unchanged node or edge (same document element, same
 * position, size, selection, warnings, label placement...) keeps its object identity, a changed
 * one gets a new object. One deriver per canvas; nodes and edges are memoised separately (hover
 * redraws edges only, a drag nodes only).
 */
export function createFlowDeriver(): FlowDeriver {
  const nodeCache = new Map<string, CacheEntry>();
  const edgeCache = new Map<string, CacheEntry>();
  const deriver: FlowDeriver = {
    nodes(doc, ui) {
      const pass = memoPass(nodeCache);
      const out = nodesWith(doc, ui, pass.memo);
      pass.end();
      return out;
    },
    edges(doc, ui) {
      const pass = memoPass(edgeCache);
      const out = edgesWith(doc, ui, pass.memo);
      pass.end();
      return out;
    },
    flow(doc, ui) {
      return { nodes: deriver.nodes(doc, ui), edges: deriver.edges(doc, ui) };
    },
  };
  return deriver;
}
