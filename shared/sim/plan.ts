/**
 * CompiledPlan: what compileNetwork makes of a document: read-only once compiled.
 *
 * The plan holds constants and initial values. The engine never writes it: at construction it
 * creates the run state (engine/runState.ts), its own instance of the nodes and projections below
 * with copies of everything a step or a live edit changes, and the kernels step that instance. The
 * node and projection types describe both (the same shape); only the run's are ever written.
 *
 * Struct-of-arrays: every per-element quantity is a Float64Array (or Int32Array) of the node's
 * size; connectivity is stored per edge as a projection (all-to-all with a shared weight, one-to-one,
 * dense source-major matrix, or CSR by source with a shared weight); propagators are computed once.
 * `order` lists the nodes in the topological order of zero-delay edges (cycles condensed, inside a
 * cycle document order). The run-time buffers and a neuron's core come from models/neuron.ts.
 */
import type { NeuronCore, SpikeBuffer } from '../models/neuron';

export const CONN_ALL = 0;
export const CONN_IDENTITY = 1;
export const CONN_DENSE = 2;
export const CONN_CSR = 3;

/** A compiled edge. */
export interface Projection {
  id: string;
  /** Index in document.edges (for issue paths). */
  edgeIndex: number;
  source: NodePlan;
  target: TargetPlan;
  conn: number;
  /** Shared weight (CONN_ALL, CONN_IDENTITY, CONN_CSR). */
  weight: number;
  /** CONN_DENSE: weights source-major, dense[j * targetSize + i] = W[i][j]. */
  dense: Float64Array | null;
  /** CONN_CSR by source: targets of source j are col[rowPtr[j] .. rowPtr[j+1]). */
  rowPtr: Int32Array | null;
  col: Uint16Array | Int32Array | null;
  /** Filter bank in the target, or -1 when the value passes unfiltered. */
  bank: number;
  tauS: number;
  order: number;
  delay: number;
  /** Delay rounded to whole steps (sampled continuous sources only). */
  delaySteps: number;
  /** The source emits spikes (else a continuous value). */
  spiking: boolean;
  /**
   * A spike arriving in the step it was emitted cannot be an exact in-step event: the edge is a
   * zero-delay edge inside a cycle (source and target in one component, self-loops included), or a
   * delayed edge whose target is advanced before its source.
   */
  targetFirst: boolean;
  /** Number of stored synapses (for stats and memory). */
  synapses: number;
}

interface NodeBase {
  id: string;
  /** Index in document.nodes. */
  nodeIndex: number;
  size: number;
  /** Position in the step order. */
  rank: number;
  /** Strongly connected component of the zero-delay edge graph (same value = same cycle). */
  component: number;
  /** Outgoing projections. */
  out: Projection[];
}

/**
 * A neuron or population: the model-independent core (models/neuron.ts) plus the model's own
 * constants and state (built by its `build` step; the model's kernel is the only code that reads
 * them).
 */
export interface NeuronPlan extends NodeBase, NeuronCore {
  /** Incoming projections carrying continuous values. */
  continuousIn: Projection[];
}

export const SIG_CONSTANT = 0;
export const SIG_STEP = 1;
export const SIG_PULSE = 2;
export const SIG_SINE = 3;
export const SIG_NOISE = 4;
export const SIG_SPIKES = 5;
export const SIG_POISSON = 6;
export const SIG_BIAS = 7;

export interface InputPlan extends NodeBase {
  kind: 'input';
  signal: number;
  /** Per-element signal fields by name (constant/pulse/sine/noise/poisson fields). */
  fields: Record<string, Float64Array>;
  /** Step signal: switch times and values (values[k * size + i]). */
  stepTimes: Float64Array;
  stepValues: Float64Array;
  /** Current value u at the current sample time, per element. */
  u: Float64Array;
  /** Spike sources: per element sorted spike times (CSR) and a read pointer; Poisson next times. */
  spikeRowPtr: Int32Array | null;
  spikeTimes: Float64Array | null;
  spikeCursor: Int32Array | null;
  poissonNext: Float64Array | null;
  /** Per-element random streams (noise, poisson). */
  streams: unknown[];
  spikes: SpikeBuffer | null;
  history: Float64Array | null;
  historyLength: number;
}

export type TargetPlan = NeuronPlan;
export type NodePlan = NeuronPlan | InputPlan;

export interface ProbePlan {
  readonly id: string;
  readonly node: NodePlan;
  readonly variable: string;
  readonly every: number;
  readonly indices: Int32Array;
}

export interface CompiledPlan {
  readonly dt: number;
  /** N (Infinity when the run has no end). */
  readonly totalSteps: number;
  readonly duration: number;
  readonly seed: number;
  readonly nodes: readonly NodePlan[];
  /** Nodes in step order. */
  readonly order: readonly NodePlan[];
  readonly projections: readonly Projection[];
  readonly probes: readonly ProbePlan[];
  /** Nodes whose spikes are recorded (spiking neurons and spike sources), document order. */
  readonly spiking: readonly NodePlan[];
  /** Estimated bytes of the plan (for the memory guard and the benches). */
  readonly estimatedBytes: number;
}
