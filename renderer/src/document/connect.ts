/**
 * What a new connection becomes, and why some cannot be made (docs/format.md#edges): edges only end at neurons
 * and populations; a spiking source gets a default synapse (tauS 5 ms, n 0); a scope is re-aimed
 * at whatever is wired into it (at a variable no other scope records there). Pure functions, so the canvas, the tests and the commands agree.
 */
import type { Edge, NetworkDocument, Weight } from '../../../shared/document/model';
import type { ParamSpec } from '../../../shared/models/paramSpec';
import { SYNAPSE_PARAMS } from '../../../shared/models/paramSpecs';
import { defaultRule, weightForRule } from './connectionRule';
import {
  displayName,
  findEdge,
  findNode,
  findProbe,
  freeProbeVariable,
  inputUnit,
  isSpikingSource,
  nodeSize,
  probeVariablesOf,
} from './graph';

/** tauS 5 ms, n 0: the default synapse of a new edge from a spiking source. */
export const DEFAULT_SYNAPSE = {
  tauS: SYNAPSE_PARAMS.find((p) => p.name === 'tauS')!.default,
  n: SYNAPSE_PARAMS.find((p) => p.name === 'n')!.default,
};
/** A spike through weight w adds w/tauS to J: 0.05 / 5 ms = 10 per second of J (notes 1.3.5). */
export const DEFAULT_SPIKING_WEIGHT = 0.05;
export const DEFAULT_CONTINUOUS_WEIGHT = 1;

/** Why `source -> target` cannot be drawn, or null when it can. */
export function connectionRefusal(
  doc: NetworkDocument,
  sourceId: string,
  targetId: string,
): string | null {
  const sourceProbe = findProbe(doc, sourceId);
  if (sourceProbe) return 'A scope only records: it has no output to connect from.';
  const source = findNode(doc, sourceId);
  if (!source) return `There is no node "${sourceId}".`;
  const targetProbe = findProbe(doc, targetId);
  if (targetProbe) {
    if (probeVariablesOf(source).length === 0)
      return `A scope cannot record ${source.label ?? source.id}: a bias node always outputs 1.`;
    if (!freeProbeVariable(doc, source, targetProbe.variable, targetProbe.id))
      return `Every variable of ${source.label ?? source.id} is recorded already: its traces are in the charts.`;
    return null;
  }
  const target = findNode(doc, targetId);
  if (!target) return `There is no node "${targetId}".`;
  if (target.kind === 'input')
    return `${target.label ?? target.id} is an input: it only sends, so nothing can connect into it.`;
  if (target.kind === 'bias')
    return `${target.label ?? target.id} is a bias node: it always outputs 1, so nothing can connect into it.`;
  if (doc.edges.some((e) => e.source === sourceId && e.target === targetId))
    return `${source.label ?? source.id} already connects to ${target.label ?? target.id}: select that synapse to change its weight.`;
  return null;
}

/** The edge a new connection creates (with the given id). Assumes no refusal. */
export function defaultEdge(
  doc: NetworkDocument,
  id: string,
  sourceId: string,
  targetId: string,
): Edge {
  const source = findNode(doc, sourceId)!;
  const target = findNode(doc, targetId);
  const spiking = isSpikingSource(source);
  const w = spiking ? DEFAULT_SPIKING_WEIGHT : DEFAULT_CONTINUOUS_WEIGHT;
  // Between two populations of one size, one-to-one (decision 0013); otherwise all-to-all.
  const weight = target ? weightForRule(defaultRule(source, target), w) : w;
  if (spiking) {
    return { id, source: sourceId, target: targetId, weight, synapse: { ...DEFAULT_SYNAPSE } };
  }
  return { id, source: sourceId, target: targetId, weight };
}

/**
 * A gentle hint when a value crosses an edge in another unit than its target's input J, or null
 * (docs/format.md#input-j). What crosses a spiking source's edge is a spike train: the weight sets
 * each spike's current in the target's unit (J times seconds), so an HH -> LIF synapse has no
 * mismatch. A continuous input's value is read "as J" of its target, and the bias node's 1 sets
 * the weight as a bias in J's unit. Only a rate unit's activity y, dimensionless, into a target
 * whose J has a unit (an HH neuron) needs its weight to carry that unit.
 */
export function unitHint(doc: NetworkDocument, edge: Edge): string | null {
  const source = findNode(doc, edge.source);
  const target = findNode(doc, edge.target);
  if (!source || !target || isSpikingSource(source)) return null;
  if (source.kind !== 'neuron' && source.kind !== 'population') return null;
  const to = inputUnit(target);
  if (!to || to === '1') return null;
  return `Units: ${displayName(source)}'s activity y is dimensionless, ${displayName(target)}'s input J is in ${to}. The weight carries the unit: J gets w × y ${to}.`;
}

/**
 * The unit of an edge's weight, in words (docs/format.md#edges: on a spiking edge, J times seconds). A continuous
 * input's value is already in the unit of its target's J (spec: "as J"), so its weight is a pure
 * factor; a rate unit's y and the bias node's 1 are dimensionless, so their weight carries J's unit.
 */
export function weightUnit(doc: NetworkDocument, edge: Edge): string {
  const source = findNode(doc, edge.source);
  const target = findNode(doc, edge.target);
  const j = target ? (inputUnit(target) ?? '1') : '1';
  if (source && isSpikingSource(source)) return j === '1' ? 's' : `${j}·s`;
  if (source?.kind === 'input') return '1';
  return j === '1' ? '1' : j;
}

/**
 * The weight field's spec for one synapse or several selected together (the inspector and the live
 * inputs word it the same way): its unit, and what it does, speaking of every synapse and naming
 * each target ("A and B"), so a multi-edit does not read as if it changed one synapse (`spiking`:
 * the source spikes; the inspector passes whether every selected edge's does).
 */
export function weightSpec(
  doc: NetworkDocument,
  edges: readonly Edge[],
  spiking = (() => {
    const source = edges[0] && findNode(doc, edges[0].source);
    return source !== undefined && isSpikingSource(source);
  })(),
): ParamSpec {
  const targets = [
    ...new Set(
      edges.map((e) => {
        const target = findNode(doc, e.target);
        return target ? (target.label ?? target.id) : 'the target';
      }),
    ),
  ];
  const whose =
    targets.length === 1
      ? `${targets[0]}'s input J`
      : `its own target's input J (${listText(targets)})`;
  const several = edges.length > 1;
  return {
    name: 'weight',
    unit: edges[0] ? weightUnit(doc, edges[0]) : '1',
    default: 1,
    meaning: spiking
      ? `each spike ${several ? 'of each synapse ' : ''}adds w/τs to ${whose} (so w is in J's unit times seconds)`
      : several
        ? 'multiplies each source’s output'
        : 'multiplies the source’s output',
  };
}

/** "A", "A and B", "A, B and C". */
export function listText(items: readonly string[]): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Why a weight cannot be used on this edge (matrix shape, identity sizes), or null. */
export function weightRefusal(doc: NetworkDocument, edgeId: string, weight: Weight): string | null {
  const edge = findEdge(doc, edgeId);
  if (!edge) return `There is no edge "${edgeId}".`;
  const source = findNode(doc, edge.source);
  const target = findNode(doc, edge.target);
  if (!source || !target) return null;
  const rows = nodeSize(target);
  const cols = nodeSize(source);
  if (Array.isArray(weight)) {
    if (weight.length !== rows)
      return `The matrix has ${weight.length} rows but ${target.label ?? target.id} has ${rows} elements (one row per target element).`;
    const bad = weight.findIndex((row) => row.length !== cols);
    if (bad >= 0)
      return `Row ${bad + 1} has ${weight[bad]!.length} columns but ${source.label ?? source.id} has ${cols} elements (one column per source element).`;
    return null;
  }
  if (typeof weight === 'object' && weight.init === 'identity' && rows !== cols)
    return `Identity connects element i to element i, so both sides need the same size (${cols} -> ${rows} here).`;
  return null;
}
