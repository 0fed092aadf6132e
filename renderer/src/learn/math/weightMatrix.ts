/**
 * Data of the weight-matrix view (notes 1.3.4): everything that drives one target node Y (a neuron,
 * M = 1, or a population of M neurons) as one matrix-vector product,
 *
 *   z = W x + b = [W | b] [x; 1],
 *
 * with one row of W per element of Y and one column per element of every source of its incoming
 * edges (in edge order; several edges from one source add up), W as the run uses it (generators
 * drawn by `materializeWeight`, the compiler's own draw), and b = Y's `bias` param plus its edges
 * from bias nodes (docs/format.md#nodes). z is then the input J of Y that the activities x produce.
 *
 * What x is for each kind of source:
 * - a spiking source (LIF/HH neuron or population, spikes/Poisson input): its firing rate over the
 *   run, (n - 1)/(t_n - t_1) per neuron (docs/format.md#nodes; 0 with fewer than two spikes). Each PSC filter h
 *   has area 1 (notes 1.3.2), so the filtered train s = a * h of a neuron firing at rate r averages
 *   r, and z is the average J (notes 1.3.3-1.3.5: s += w / tau_s per spike);
 * - a rate unit: y, the newest sample of a probe recording it, else what the document says;
 * - an input: u, the newest sample of a probe recording it, else the constant value.
 *
 * When a probe records Y's J (or s: J = s + the bias param), the view compares z with it: the mean
 * over the run after the sources' first spikes when a source spikes, else the sample at the time
 * x was read.
 */
import { MODELS } from '../../../../shared/models/registry';
import type { NetworkDocument, NetworkNode, Weight } from '../../../../shared/document/model';
import { materializeWeight } from '../../../../shared/sim/compile/weightDraws';
import { intervalRate } from '../../../../shared/sim/intervalRate';
import { RandomStream, streamKey } from '../../../../shared/util/random';
import type { LiveSpikes, LiveTrace, LiveTraces } from '../viewProps';
import { activation, SINGLE_ACTIVATION_NAMES, type SingleActivationName } from './activationData';

/** W is built only up to this many entries (M x N); bigger circuits show x and b without it. */
export const MAX_MATRIX_CELLS = 1_000_000;

import {
  displayName as nodeName,
  isSpikingSource as isSpiking,
  nodeSize,
} from '../../../../shared/document/graph';

/** A param or signal field as one value per element; null when it is a random draw. */
function perElement(value: unknown, size: number, fallback: number): number[] | null {
  if (value === undefined) return new Array<number>(size).fill(fallback);
  if (typeof value === 'number') return new Array<number>(size).fill(value);
  if (Array.isArray(value) && value.length === size && value.every((v) => typeof v === 'number')) {
    return value as number[];
  }
  return null;
}

/**
 * A population's `bias` param per element, drawn as the compiler draws it (compileNetwork.ts
 * resolveParam: stream `${seed}/${node}/params.bias`, element order) when it is a draw.
 */
export function biasParam(node: NetworkNode, seed: number): number[] | null {
  if (node.kind !== 'neuron' && node.kind !== 'population') return null;
  const raw = (node.params as Record<string, unknown> | undefined)?.['bias'];
  if (raw === undefined) return null;
  const size = nodeSize(node);
  const fixed = perElement(raw, size, 0);
  if (fixed) return fixed;
  const g = raw as { init?: string; seed?: number; low?: number; high?: number };
  if (g.init !== 'uniform' && g.init !== 'normal') return new Array<number>(size).fill(0);
  const stream = RandomStream.fromKey(streamKey(g.seed ?? seed, node.id, 'params.bias'));
  const out = new Array<number>(size);
  const n = raw as { mean: number; std: number };
  for (let i = 0; i < size; i++)
    out[i] =
      g.init === 'uniform' ? stream.uniformIn(g.low!, g.high!) : n.mean + n.std * stream.normal();
  return out;
}

/** What x of one source is, and where it came from. */
export interface Activity {
  x: number[];
  /** 'rate': a spiking source's measured firing rate; 'probe': a probe's newest sample. */
  kind: 'rate' | 'probe' | 'document';
  how: string;
  /** Probe samples: the step of the sample read. */
  step?: number;
  /** Document values: whether x holds at every time of a run (a constant input, say). */
  constant?: boolean;
  /** Spiking sources: spikes per element, and the time of each element's first spike. */
  spikes?: number[];
  firstSpike?: number;
}

/** Spike-time input: (n - 1)/(t_n - t_1) of the document's times up to `duration`. */
function spikeTimesRate(times: number[], duration: number): number {
  const t = times.filter((x) => x <= duration);
  return intervalRate(t.length, t[0]!, t[t.length - 1]!);
}

/** x of a node from the document alone (no run): what it emits, as far as the file says. */
export function documentActivity(node: NetworkNode, doc?: NetworkDocument): Activity {
  const size = nodeSize(node);
  const zeros = (): number[] => new Array<number>(size).fill(0);
  if (node.kind === 'bias')
    return { x: [1], kind: 'document', constant: true, how: 'a bias node emits 1' };
  if (node.kind === 'input') {
    const signal = node.signal as Record<string, unknown>;
    if (signal['type'] === 'constant') {
      const x = perElement(signal['value'], size, 0);
      if (x) return { x, kind: 'document', constant: true, how: 'u, the constant input value' };
    }
    if (signal['type'] === 'poisson') {
      const x = perElement(signal['rate'], size, 0);
      if (x)
        return {
          x,
          kind: 'document',
          how: 'the Poisson rate of the document (Hz); run the circuit to measure it',
        };
    }
    if (signal['type'] === 'spikes') {
      const times = signal['times'] as number[] | number[][];
      const duration = doc?.simulation.duration ?? Infinity;
      const x = Array.from({ length: size }, (_, i) =>
        spikeTimesRate((Array.isArray(times[0]) ? times[i] : times) as number[], duration),
      );
      return { x, kind: 'document', how: 'the rate (n − 1)/(t_n − t_1) of its spike times (Hz)' };
    }
    return {
      x: zeros(),
      kind: 'document',
      how: `u of a ${String(signal['type'])} input: 0 until the circuit runs with a probe on it`,
    };
  }
  if (MODELS[node.model].hasActivation) {
    const params = (node.params ?? {}) as Record<string, unknown>;
    const tau = typeof params['tau'] === 'number' ? params['tau'] : 0;
    const bias = perElement(params['bias'], size, 0);
    const act = (('activation' in node ? node.activation : undefined) ?? 'logistic') as string;
    if (tau === 0 && bias && (SINGLE_ACTIVATION_NAMES as readonly string[]).includes(act)) {
      const driven = doc?.edges.some((e) => e.target === node.id) ?? true;
      return {
        x: bias.map((z) => activation(act as SingleActivationName, z)),
        kind: 'document',
        constant: !driven,
        how: driven
          ? `y = ${act}(bias) before any input arrives; record its y to read it from the run`
          : `y = ${act}(bias): it has no inputs`,
      };
    }
    const y0 = perElement(params['y0'], size, 0);
    return { x: y0 ?? zeros(), kind: 'document', how: 'y0 of the document' };
  }
  return {
    x: zeros(),
    kind: 'document',
    how: 'its firing rate: 0 until the circuit runs (press Run, then Read x again)',
  };
}

/**
 * Firing rate per element from the recorded spikes: (n - 1)/(t_n - t_1) over the n spikes of each
 * element (docs/format.md#nodes, as the spike summary and the f-I sweep measure it), 0 with fewer than two.
 */
export function firingRates(
  store: LiveSpikes,
  size: number,
): { rate: number[]; spikes: number[]; firstSpike: number } {
  const count = new Array<number>(size).fill(0);
  const first = new Array<number>(size).fill(NaN);
  const last = new Array<number>(size).fill(NaN);
  for (let k = store.start; k < store.end; k++) {
    const e = store.indices[k]!;
    if (e >= size) continue;
    const t = store.times[k]!;
    if (count[e] === 0) first[e] = t;
    last[e] = t;
    count[e]!++;
  }
  const rate = count.map((n, e) => intervalRate(n, first[e]!, last[e]!));
  const firstSpike = store.end > store.start ? store.times[store.start]! : NaN;
  return { rate, spikes: count, firstSpike };
}

/** Logical index of the newest sample whose step is <= `step` (-1 when none). */
function sampleAtOrBefore(buffer: LiveTrace, step: number): number {
  let lo = 0;
  let hi = buffer.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (buffer.steps[buffer.slot(mid)]! <= step) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** The probes of a session on `nodeId` recording one of `variables`, first match first. */
function probeOf(
  session: LiveTraces,
  nodeId: string,
  variables: readonly string[],
): LiveTrace | null {
  for (const variable of variables)
    for (const buffer of session.traces.values())
      if (buffer.target === nodeId && buffer.variable === variable && buffer.length > 0)
        return buffer;
  return null;
}

/** The newest step every probe in `buffers` has reached (the time x and J are read at). */
function commonStep(buffers: LiveTrace[]): number {
  let step = Infinity;
  for (const b of buffers) step = Math.min(step, b.steps[b.slot(b.length - 1)]!);
  return step;
}

/** x of a source during or after a run, else from the document. */
export function liveActivity(
  session: LiveTraces | null,
  node: NetworkNode,
  doc: NetworkDocument,
  atStep: number,
): Activity {
  const size = nodeSize(node);
  const spikes = session && session.stepsReceived > 0 ? session.spikes.get(node.id) : undefined;
  if (isSpiking(node) && spikes) {
    const { rate, spikes: count, firstSpike } = firingRates(spikes, size);
    const total = count.reduce((a, b) => a + b, 0);
    const how =
      size === 1
        ? `its firing rate while it fires, (n − 1)/(t_n − t_1) = ${rateText(rate[0]!)} from ${total} spike${total === 1 ? '' : 's'}${total < 2 ? ' (a rate needs two)' : ''}`
        : `each neuron's firing rate while it fires, (n − 1)/(t_n − t_1) (0 with fewer than two spikes); ${total} spikes in all`;
    return { x: rate, kind: 'rate', how, spikes: count, firstSpike };
  }
  const buffer = session ? probeOf(session, node.id, ['y', 'u']) : null;
  if (session && buffer) {
    const at = sampleAtOrBefore(buffer, atStep);
    const slot = buffer.slot(Math.max(0, at));
    const x = documentActivity(node, doc).x;
    buffer.indices.forEach((element, e) => {
      if (element < size) x[element] = buffer.values[e]![slot]!;
    });
    const step = buffer.steps[slot]!;
    return {
      x,
      kind: 'probe',
      step,
      how: `${buffer.variable} of the run at t = ${fmtTime(step * session.dt)} (probe ${buffer.probeId})`,
    };
  }
  return documentActivity(node, doc);
}

function rateText(hz: number): string {
  return `${Number(hz.toPrecision(4))} Hz`;
}

function fmtTime(seconds: number): string {
  return seconds < 1
    ? `${Number((seconds * 1000).toPrecision(4))} ms`
    : `${Number(seconds.toPrecision(5))} s`;
}

/** The columns of W that come from one source node. */
export interface SourceBlock {
  sourceId: string;
  name: string;
  /** Columns first .. first + size - 1 of W (0-based). */
  first: number;
  size: number;
  edgeIds: string[];
  spiking: boolean;
  activity: Activity;
}

/** Y's J (or s + bias param) from a probe, to compare with z. */
export interface MeasuredInput {
  probeId: string;
  variable: 'J' | 's';
  /** Elements of Y the probe records, and the measured J of each. */
  indices: number[];
  values: number[];
  /** 'mean': the time average over [from, to] (s); 'sample': the value at `to`. */
  how: 'mean' | 'sample';
  from: number;
  to: number;
}

export interface TargetMatrixData {
  targetId: string;
  targetName: string;
  /** Rows of W: the elements of Y. */
  rows: number;
  blocks: SourceBlock[];
  /** M x N as the run uses it; null when too large to build (or an edge's matrix is malformed). */
  W: number[][] | null;
  x: number[];
  /** Whether Y has a bias (a `bias` param, or edges from bias nodes): the augmented column. */
  hasBias: boolean;
  b: number[];
  /** The parts of b: Y's bias param (null without one) and its bias-node edges. */
  biasParam: number[] | null;
  biasEdgeIds: string[];
  /** W x + b (null with W). */
  z: number[] | null;
  /** The probe of Y's J (or s), if any, and what it measured to compare with z. */
  measuredProbeId: string | null;
  measured: MeasuredInput | null;
  /** Why W is not shown, when it is not. */
  note?: string;
}

/** Nodes the view can be opened for: neurons and populations with at least one incoming edge. */
export function targetNodes(doc: NetworkDocument): NetworkNode[] {
  return doc.nodes.filter(
    (n) =>
      (n.kind === 'neuron' || n.kind === 'population') && doc.edges.some((e) => e.target === n.id),
  );
}

/** The matrix of an edge's weight, checked against its shape; null when malformed. */
function edgeMatrix(
  weight: Weight,
  rows: number,
  cols: number,
  seed: number,
  edgeId: string,
): number[][] | null {
  const w = materializeWeight(weight, rows, cols, seed, edgeId);
  return w.length === rows && w.every((r) => r.length === cols) ? w : null;
}

/** Mean of each series of `buffer` over samples with time in [from, to] (s). */
function meanOver(buffer: LiveTrace, dt: number, from: number, to: number): number[] | null {
  const sums = new Array<number>(buffer.values.length).fill(0);
  let n = 0;
  for (let i = 0; i < buffer.length; i++) {
    const slot = buffer.slot(i);
    const t = buffer.steps[slot]! * dt;
    if (t < from || t > to) continue;
    buffer.values.forEach((series, e) => (sums[e] = sums[e]! + series[slot]!));
    n++;
  }
  return n > 0 ? sums.map((s) => s / n) : null;
}

/**
 * W, x, b and z = W x + b for everything that drives `targetId`, with x from `session` (a run in
 * progress or finished) when it has data, else from the document.
 */
export function targetMatrix(
  doc: NetworkDocument,
  targetId: string,
  session: LiveTraces | null = null,
): TargetMatrixData | null {
  const target = doc.nodes.find((n) => n.id === targetId);
  if (!target) return null;
  const m = nodeSize(target);
  const seed = doc.simulation.seed ?? 1;
  const live = session && session.stepsReceived > 0 ? session : null;

  // The time continuous x and an instantaneous J are read at: the newest step all their probes
  // have reached.
  const incoming = doc.edges.filter((e) => e.target === targetId);
  const sourceNodes = [...new Set(incoming.map((e) => e.source))]
    .map((id) => doc.nodes.find((n) => n.id === id))
    .filter((n): n is NetworkNode => n !== undefined);
  const measuredProbe = live ? probeOf(live, targetId, ['J', 's']) : null;
  const continuousProbes = live
    ? sourceNodes
        .filter((n) => n.kind !== 'bias' && !isSpiking(n))
        .map((n) => probeOf(live, n.id, ['y', 'u']))
        .filter((b): b is LiveTrace => b !== null)
    : [];
  const atStep = commonStep(
    measuredProbe ? [...continuousProbes, measuredProbe] : continuousProbes,
  );

  const blocks: SourceBlock[] = [];
  let n = 0;
  for (const source of sourceNodes) {
    if (source.kind === 'bias') continue;
    const size = nodeSize(source);
    blocks.push({
      sourceId: source.id,
      name: nodeName(source),
      first: n,
      size,
      edgeIds: incoming.filter((e) => e.source === source.id).map((e) => e.id),
      spiking: isSpiking(source),
      activity: liveActivity(live, source, doc, atStep),
    });
    n += size;
  }
  const x = blocks.flatMap((block) => block.activity.x.slice(0, block.size));

  let W: number[][] | null = null;
  let note: string | undefined;
  if (m * n > MAX_MATRIX_CELLS) {
    note = `W is ${m} × ${n} (${(m * n).toLocaleString('en-US')} weights): too large to build here`;
  } else {
    const full = Array.from({ length: m }, () => new Array<number>(n).fill(0));
    W = full;
    for (const block of blocks) {
      for (const edgeId of block.edgeIds) {
        const edge = incoming.find((e) => e.id === edgeId)!;
        const w = edgeMatrix(edge.weight, m, block.size, seed, edge.id);
        if (!w) {
          W = null;
          note = `edge ${edge.id}'s matrix is not ${m} × ${block.size} (one row per element of ${nodeName(target)}, one column per element of ${block.name})`;
          break;
        }
        for (let i = 0; i < m; i++) {
          const row = full[i]!;
          for (let j = 0; j < block.size; j++)
            row[block.first + j] = row[block.first + j]! + w[i]![j]!;
        }
      }
      if (!W) break;
    }
  }

  const param = biasParam(target, seed);
  const b = param ? [...param] : new Array<number>(m).fill(0);
  const biasEdgeIds: string[] = [];
  for (const edge of incoming) {
    const from = doc.nodes.find((node) => node.id === edge.source);
    if (from?.kind !== 'bias') continue;
    biasEdgeIds.push(edge.id);
    const col = edgeMatrix(edge.weight, m, 1, seed, edge.id);
    if (col) col.forEach((row, i) => (b[i] = b[i]! + row[0]!));
  }
  const z = W ? W.map((row, i) => row.reduce((acc, w, j) => acc + w * x[j]!, b[i]!)) : null;

  let measured: MeasuredInput | null = null;
  if (live && measuredProbe) {
    const spikingBlocks = blocks.filter((block) => block.activity.kind === 'rate');
    const indices = [...measuredProbe.indices].filter((e) => e < m);
    const offset = measuredProbe.variable === 's' ? (param ?? new Array<number>(m).fill(0)) : null;
    const toJ = (values: number[]): number[] =>
      indices.map((element, e) => values[e]! + (offset ? offset[element]! : 0));
    const end = measuredProbe.steps[measuredProbe.slot(measuredProbe.length - 1)]! * live.dt;
    if (spikingBlocks.length > 0) {
      // After every spiking source has begun to fire: the run's start (filters still empty, the
      // first interval not yet a rate) would pull the mean down.
      const firsts = spikingBlocks.map((block) => block.activity.firstSpike ?? NaN);
      const from = firsts.every(Number.isFinite) ? Math.max(...firsts) : 0;
      const mean = meanOver(measuredProbe, live.dt, from, end);
      if (mean)
        measured = {
          probeId: measuredProbe.probeId,
          variable: measuredProbe.variable as 'J' | 's',
          indices,
          values: toJ(mean),
          how: 'mean',
          from,
          to: end,
        };
    } else if (
      blocks.every((block) => block.activity.kind === 'probe' || block.activity.constant)
    ) {
      // Only when every x is known at that time (probed, or constant).
      const at = sampleAtOrBefore(measuredProbe, atStep);
      if (at >= 0) {
        const slot = measuredProbe.slot(at);
        measured = {
          probeId: measuredProbe.probeId,
          variable: measuredProbe.variable as 'J' | 's',
          indices,
          values: toJ(measuredProbe.values.map((series) => series[slot]!)),
          how: 'sample',
          from: measuredProbe.steps[slot]! * live.dt,
          to: measuredProbe.steps[slot]! * live.dt,
        };
      }
    }
  }

  return {
    targetId,
    targetName: nodeName(target),
    rows: m,
    blocks,
    W,
    x,
    hasBias: param !== null || biasEdgeIds.length > 0,
    b,
    biasParam: param,
    biasEdgeIds,
    z,
    measuredProbeId: measuredProbe?.probeId ?? null,
    measured,
    ...(note ? { note } : {}),
  };
}
