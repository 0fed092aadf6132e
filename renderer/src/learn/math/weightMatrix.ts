/**
 * Data of the weight-matrix view (notes 1.3.4): between a source node X (N elements) and a target
 * Y (M elements), the matrix W (M x N) of the edges X -> Y, the activity x of X, the bias b of Y
 * (its `bias` param plus the edges from bias nodes, spec 3.2) and z = W x + b, with the augmented
 * form [W | b][x; 1].
 */
import type { NetworkDocument, NetworkNode } from '../../../../shared/document/model';
import { activation, SINGLE_ACTIVATION_NAMES, type SingleActivationName } from './activationData';

export function nodeSize(node: NetworkNode): number {
  return node.kind === 'population' || node.kind === 'input' ? (node.size ?? 1) : 1;
}

/** A param or signal field as one value per element; null when it is a random draw. */
function perElement(value: unknown, size: number, fallback: number): number[] | null {
  if (value === undefined) return new Array<number>(size).fill(fallback);
  if (typeof value === 'number') return new Array<number>(size).fill(value);
  if (Array.isArray(value) && value.length === size && value.every((v) => typeof v === 'number')) {
    return value as number[];
  }
  return null;
}

export interface WeightMatrixData {
  sourceId: string;
  targetId: string;
  /** M x N, or null when an edge's weights are drawn at random (known only to the engine). */
  W: number[][] | null;
  x: number[];
  b: number[];
  /** W x + b (null with W). */
  z: number[] | null;
  /** Where x came from, for the text. */
  xSource: string;
  /** Edges X -> Y that make up W. */
  edgeIds: string[];
  /** Why W is unknown, when it is. */
  note?: string;
}

/** Dense W of an edge's weight (M x N), or null for random generators. */
export function denseWeights(weight: unknown, m: number, n: number): number[][] | null {
  if (typeof weight === 'number')
    return Array.from({ length: m }, () => new Array<number>(n).fill(weight));
  if (Array.isArray(weight)) return (weight as number[][]).map((row) => [...row]);
  if (weight && typeof weight === 'object' && (weight as { init?: string }).init === 'identity') {
    const value = (weight as { value?: number }).value ?? 1;
    return Array.from({ length: m }, (_, i) =>
      Array.from({ length: n }, (_, j) => (i === j ? value : 0)),
    );
  }
  return null;
}

/** x of a node from the document alone (no run): what it emits at t = 0. */
export function documentActivity(node: NetworkNode): { x: number[]; how: string } {
  const size = nodeSize(node);
  if (node.kind === 'bias') return { x: [1], how: 'a bias node emits 1' };
  if (node.kind === 'input') {
    const signal = node.signal as Record<string, unknown>;
    if (signal['type'] === 'constant') {
      const x = perElement(signal['value'], size, 0);
      if (x) return { x, how: 'the constant input value' };
    }
    return {
      x: new Array<number>(size).fill(0),
      how: `a ${String(signal['type'])} input: run the circuit to see x`,
    };
  }
  if (node.model === 'rate') {
    const params = (node.params ?? {}) as Record<string, unknown>;
    const tau = typeof params['tau'] === 'number' ? params['tau'] : 0;
    const bias = perElement(params['bias'], size, 0);
    const act = (('activation' in node ? node.activation : undefined) ?? 'logistic') as string;
    if (tau === 0 && bias && (SINGLE_ACTIVATION_NAMES as readonly string[]).includes(act)) {
      return {
        x: bias.map((z) => activation(act as SingleActivationName, z)),
        how: `y = ${act}(bias) before any input arrives`,
      };
    }
    const y0 = perElement(params['y0'], size, 0);
    return { x: y0 ?? new Array<number>(size).fill(0), how: 'y0 of the document' };
  }
  return { x: new Array<number>(size).fill(0), how: 'spiking neurons: 0 until the circuit runs' };
}

/** W, b and z = W x + b from the document; `x` overrides the activity (a live run's). */
export function weightMatrix(
  doc: NetworkDocument,
  sourceId: string,
  targetId: string,
  live?: { x: number[]; how: string },
): WeightMatrixData | null {
  const source = doc.nodes.find((n) => n.id === sourceId);
  const target = doc.nodes.find((n) => n.id === targetId);
  if (!source || !target) return null;
  const n = nodeSize(source);
  const m = nodeSize(target);
  const edges = doc.edges.filter((e) => e.source === sourceId && e.target === targetId);
  let W: number[][] | null = Array.from({ length: m }, () => new Array<number>(n).fill(0));
  let note: string | undefined;
  for (const edge of edges) {
    const dense = denseWeights(edge.weight, m, n);
    if (!dense || !W) {
      W = null;
      note = `edge ${edge.id} draws its weights at random: the simulator knows them, the document does not`;
      break;
    }
    W = W.map((row, i) => row.map((w, j) => w + (dense[i]?.[j] ?? 0)));
  }
  const params = (
    target.kind === 'neuron' || target.kind === 'population' ? (target.params ?? {}) : {}
  ) as Record<string, unknown>;
  const b = perElement(params['bias'], m, 0) ?? new Array<number>(m).fill(0);
  for (const edge of doc.edges) {
    const from = doc.nodes.find((x) => x.id === edge.source);
    if (edge.target !== targetId || from?.kind !== 'bias' || edge.source === sourceId) continue;
    const col = denseWeights(edge.weight, m, 1);
    if (col) col.forEach((row, i) => (b[i] = b[i]! + (row[0] ?? 0)));
  }
  const activity = live ?? documentActivity(source);
  const x = activity.x.slice(0, n);
  const z = W ? W.map((row, i) => row.reduce((acc, w, j) => acc + w * (x[j] ?? 0), b[i]!)) : null;
  return {
    sourceId,
    targetId,
    W,
    x,
    b,
    z,
    xSource: activity.how,
    edgeIds: edges.map((e) => e.id),
    ...(note ? { note } : {}),
  };
}
