/**
 * f-I sweeps (issue 7): one neuron of a document, alone, under a series of constant inputs.
 *
 * For each input J the node is copied into a one-node document whose `bias` is J (its edges and
 * its own bias are dropped, so J is the total constant input of docs/format.md#input-j) and run by the same
 * simulator as every other run (`createSimulation`). A population is swept through its element 0
 * (a per-element array gives its first value; a random draw its mean, since one element stands for
 * the population).
 *
 * The rate reported for spiking models is the format's (docs/format.md#nodes) measure (n - 1)/(t_n - t_1) over the spikes
 * after the onset transient (the first fifth of the run, at least 50 ms), 0 with fewer than two
 * there (rest, onset spikes only, depolarisation block); spikes only in the transient are reported
 * as `onsetSpikes`. For rate units it is the activity y at the end of the run. Pure: no threads, no
 * I/O; main's sweep worker (main/services/sweepWorker.ts) runs `runSweep` in a thread of its own
 * and posts each report.
 */
import { loadDocument } from '../document/loadDocument';
import type { NetworkDocument, NetworkNode, ParamValue } from '../document/model';
import { isPopulationActivation } from '../models/activations';
import { MODELS, type NeuronModelId } from '../models/registry';
import { createSimulation } from './createSimulation';
import { intervalRate } from './intervalRate';

/** One input of a sweep and what the neuron did under it. */
export interface SweepPoint {
  /** The constant input J. */
  current: number;
  /**
   * Spiking models: the steady firing rate (n - 1)/(t_n - t_1) over the n spikes after the onset
   * transient (docs/format.md#nodes), 0 with fewer than two there (rest, onset spikes only,
   * depolarisation block). Rate units: y at the end of the run.
   */
  rate: number;
  /** Spikes during the run (0 for rate units). */
  spikes: number;
  /**
   * Spiking models: spikes fired only in the onset transient (then silence), when the steady rate
   * is 0. The rate is measured after the transient (transientEndSeconds).
   */
  onsetSpikes?: number;
}

export type SweptModel = NeuronModelId;

/** A node prepared for sweeping: its model and a one-node document builder. */
export interface SweepTarget {
  model: SweptModel;
  /** The one-node document for a constant input `current`. */
  documentFor(current: number): NetworkDocument;
}

const SWEPT_ID = 'swept';
const PROBE_ID = 'y';

function scalarParam(value: ParamValue): number {
  if (typeof value === 'number') return value;
  if (Array.isArray(value)) return value[0] ?? 0;
  return value.init === 'uniform' ? (value.low + value.high) / 2 : value.mean;
}

/**
 * Prepares `nodeId` of `doc` for a sweep, or says why it cannot be swept (not a neuron, or a
 * population-wide activation).
 */
export function sweepTarget(
  doc: NetworkDocument,
  nodeId: string,
  options: { durationSeconds: number; dt?: number },
): { ok: true; target: SweepTarget } | { ok: false; error: string } {
  const node: NetworkNode | undefined = doc.nodes.find((n) => n.id === nodeId);
  if (!node) return { ok: false, error: `there is no node "${nodeId}"` };
  if (node.kind !== 'neuron' && node.kind !== 'population') {
    return { ok: false, error: `"${nodeId}" is not a neuron: only neurons have an f-I curve` };
  }
  const activation = 'activation' in node ? node.activation : undefined;
  if (isPopulationActivation(activation)) {
    return {
      ok: false,
      error: `"${nodeId}" uses ${activation}, which depends on the whole population: sweep a per-neuron activation`,
    };
  }
  const params: Record<string, number> = {};
  for (const [key, value] of Object.entries(node.params ?? {})) {
    params[key] = scalarParam(value as ParamValue);
  }
  const model = node.model;
  const dt = options.dt ?? doc.simulation.dt;
  const steps = Math.max(1, Math.round(options.durationSeconds / dt));
  const documentFor = (current: number): NetworkDocument => ({
    format: doc.format,
    version: doc.version,
    name: `f-I sweep of ${nodeId}`,
    simulation: { dt, duration: steps * dt, seed: doc.simulation.seed },
    nodes: [
      {
        id: SWEPT_ID,
        kind: 'neuron',
        model,
        ...(activation ? { activation } : {}),
        params: { ...params, bias: current },
      },
    ],
    edges: [],
    probes: MODELS[model].spiking
      ? []
      : [{ id: PROBE_ID, target: SWEPT_ID, variable: MODELS[model].live.variable }],
  });
  return { ok: true, target: { model, documentFor } };
}

/** Null when the simulator accepts the swept document, else its problems in one line. */
export function sweepCompileError(target: SweepTarget, current: number): string | null {
  const created = createSimulation(target.documentFor(current));
  return created.ok ? null : created.issues.map((i) => `${i.path}: ${i.message}`).join('; ');
}

/** Runs the swept neuron under one constant input and measures its rate. Throws on a failed run. */
export function sweepPoint(target: SweepTarget, current: number): SweepPoint {
  const created = createSimulation(target.documentFor(current));
  if (!created.ok) {
    throw new Error(created.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  }
  const sim = created.simulation;
  const spikeTimes: number[] = [];
  let lastY = Number.NaN;
  const CHUNK = 10_000;
  while (sim.stepsDone < sim.totalSteps) {
    const frame = sim.advance(CHUNK);
    for (const chunk of frame.spikes) {
      if (chunk.nodeId === SWEPT_ID) for (const t of chunk.time) spikeTimes.push(t);
    }
    for (const trace of frame.traces) {
      if (trace.probeId === PROBE_ID && trace.steps.length > 0) {
        lastY = trace.values[trace.steps.length - 1]!;
      }
    }
  }
  if (!MODELS[target.model].spiking) return { current, rate: lastY, spikes: 0 };
  const durationSeconds = sim.totalSteps * target.documentFor(current).simulation.dt;
  return steadyRate(current, spikeTimes, durationSeconds);
}

/**
 * Where the onset transient ends: a fifth of the run, at least 50 ms (and at most half the run).
 * An HH neuron just below its repetitive-firing threshold fires one or two spikes at the step's
 * onset and then falls silent; measured over the whole run those two spikes would read as ~50 Hz.
 */
export function transientEndSeconds(durationSeconds: number): number {
  return Math.min(durationSeconds / 2, Math.max(0.05, durationSeconds / 5));
}

/**
 * The steady rate: the format's (docs/format.md#nodes) (n - 1)/(t_n - t_1) over the spikes after the onset transient, 0 with
 * fewer than two there. Spikes only in the transient are reported as such (`onsetSpikes`).
 */
export function steadyRate(
  current: number,
  spikeTimes: readonly number[],
  durationSeconds: number,
): SweepPoint {
  const from = transientEndSeconds(durationSeconds);
  const steady = spikeTimes.filter((t) => t >= from);
  const n = steady.length;
  const rate = intervalRate(n, steady[0] ?? 0, steady[n - 1] ?? 0);
  const onset = spikeTimes.length - n;
  return {
    current,
    rate,
    spikes: spikeTimes.length,
    ...(rate === 0 && onset > 0 ? { onsetSpikes: onset } : {}),
  };
}

/** A sweep as asked for (the contract's startSweep payload, after its schema). */
export interface SweepRequest {
  /** The document as JSON text (validated here). */
  documentText: string;
  nodeId: string;
  currents: readonly number[];
  durationSeconds: number;
  /** Time step, seconds (default: the document's). */
  dt?: number;
}

/**
 * What a sweep says as it goes, in order: `started` (or `invalid`, then nothing), one `point` per
 * input, then `done` (or `failed`).
 */
export type SweepReport =
  | { type: 'started'; model: NeuronModelId }
  | { type: 'invalid'; message: string }
  | { type: 'point'; done: number; total: number; point: SweepPoint }
  | { type: 'done'; points: SweepPoint[] }
  | { type: 'failed'; message: string };

/**
 * Runs a whole sweep: loads the document, refuses a node or a document the simulator would refuse
 * before any input runs (so the request is answered at once), then runs each input in turn.
 */
export function runSweep(request: SweepRequest, report: (message: SweepReport) => void): void {
  const loaded = loadDocument(request.documentText);
  if (!loaded.ok) {
    report({
      type: 'invalid',
      message: loaded.issues
        .filter((i) => i.severity === 'error')
        .map((i) => (i.path ? `${i.path}: ${i.message}` : i.message))
        .join('\n'),
    });
    return;
  }
  const prepared = sweepTarget(loaded.document, request.nodeId, {
    durationSeconds: request.durationSeconds,
    dt: request.dt,
  });
  if (!prepared.ok) {
    report({ type: 'invalid', message: prepared.error });
    return;
  }
  const refused = sweepCompileError(prepared.target, request.currents[0] ?? 0);
  if (refused) {
    report({ type: 'invalid', message: `the simulator refused the swept neuron: ${refused}` });
    return;
  }
  report({ type: 'started', model: prepared.target.model });
  const points: SweepPoint[] = [];
  try {
    for (const current of request.currents) {
      const point = sweepPoint(prepared.target, current);
      points.push(point);
      report({ type: 'point', done: points.length, total: request.currents.length, point });
    }
  } catch (e) {
    report({ type: 'failed', message: (e as Error).message });
    return;
  }
  report({ type: 'done', points });
}
