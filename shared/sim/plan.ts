/**
 * CompiledPlan: what compileNetwork makes of a document, and all the kernels ever see.
 *
 * Struct-of-arrays: every per-element quantity is a Float64Array (or Int32Array) of the node's
 * size; connectivity is stored per edge as a projection (all-to-all with a shared weight, one-to-one,
 * dense source-major matrix, or CSR by source with a shared weight); propagators are computed once.
 * `order` lists the nodes in the topological order of zero-delay edges (cycles condensed, inside a
 * cycle document order). Kernels import this file and shared/util only, never the document.
 */

/** Growable buffer of events for one target node, in struct-of-arrays form. */
export class EventBuffer {
  elem: Int32Array;
  time: Float64Array;
  slot: Int32Array;
  amount: Float64Array;
  count = 0;

  constructor(capacity = 8) {
    this.elem = new Int32Array(capacity);
    this.time = new Float64Array(capacity);
    this.slot = new Int32Array(capacity);
    this.amount = new Float64Array(capacity);
  }

  push(elem: number, time: number, slot: number, amount: number): void {
    if (this.count === this.elem.length) this.grow();
    const k = this.count++;
    this.elem[k] = elem;
    this.time[k] = time;
    this.slot[k] = slot;
    this.amount[k] = amount;
  }

  private grow(): void {
    const cap = this.elem.length * 2;
    const elem = new Int32Array(cap);
    elem.set(this.elem);
    const time = new Float64Array(cap);
    time.set(this.time);
    const slot = new Int32Array(cap);
    slot.set(this.slot);
    const amount = new Float64Array(cap);
    amount.set(this.amount);
    this.elem = elem;
    this.time = time;
    this.slot = slot;
    this.amount = amount;
  }
}

/**
 * Pending events of one target: a ring of per-step buckets (bucket of step k = k mod length), long
 * enough for the largest delay into the target. Times are exact (seconds).
 */
export class EventQueue {
  readonly buckets: EventBuffer[];
  constructor(length: number) {
    this.buckets = Array.from({ length }, () => new EventBuffer());
  }
  bucket(step: number): EventBuffer {
    return this.buckets[step % this.buckets.length]!;
  }
}

/** Growable list of spikes (element, time) of one spiking node. */
export class SpikeBuffer {
  index: Int32Array;
  time: Float64Array;
  count = 0;
  constructor(capacity = 16) {
    this.index = new Int32Array(capacity);
    this.time = new Float64Array(capacity);
  }
  push(index: number, time: number): void {
    if (this.count === this.index.length) {
      const index2 = new Int32Array(this.index.length * 2);
      index2.set(this.index);
      const time2 = new Float64Array(this.time.length * 2);
      time2.set(this.time);
      this.index = index2;
      this.time = time2;
    }
    this.index[this.count] = index;
    this.time[this.count] = time;
    this.count++;
  }
}

/** One PSC filter bank of a target: all incoming edges with the same (tauS, n) share it. */
export interface FilterBank {
  tauS: number;
  order: number;
  /** Index of stage 0 in the target's `stages`. */
  first: number;
  /** Constant-per-segment input into stage 0 from continuous sources (null: none). */
  drive: Float64Array | null;
}

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

interface TargetBase extends NodeBase {
  /** bias param per element. */
  bias: Float64Array;
  /** Sum of unfiltered continuous inputs (bias excluded) over the current step segment. */
  direct: Float64Array;
  banks: FilterBank[];
  /** All filter stages of all banks, stage-major: stages[bank.first + k][i]. */
  stages: Float64Array[];
  queue: EventQueue;
  /** Incoming projections carrying continuous values. */
  continuousIn: Projection[];
}

export interface LifPlan extends TargetBase {
  kind: 'lif';
  tauM: Float64Array;
  tauRef: Float64Array;
  vTh: Float64Array;
  vReset: Float64Array;
  v: Float64Array;
  /** Time (s) until which each element is refractory. */
  refUntil: Float64Array;
  spikes: SpikeBuffer;
}

export interface RatePlan extends TargetBase {
  kind: 'rate';
  activation: number;
  tau: Float64Array;
  y: Float64Array;
  /** z at the current step start (held over the step for tau > 0). */
  z: Float64Array;
  /** Values at the previous sample, for delayed edges (history ring, rows of size). */
  history: Float64Array | null;
  historyLength: number;
}

export interface HhPlan extends TargetBase {
  kind: 'hh';
  params: Record<string, Float64Array>;
  V: Float64Array;
  m: Float64Array;
  h: Float64Array;
  n: Float64Array;
  spikes: SpikeBuffer;
  /** The integrator's own state (opaque to the engine). */
  backend: unknown;
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

export type TargetPlan = LifPlan | RatePlan | HhPlan;
export type NodePlan = TargetPlan | InputPlan;

export interface ProbePlan {
  id: string;
  node: NodePlan;
  variable: string;
  every: number;
  indices: Int32Array;
}

export interface CompiledPlan {
  dt: number;
  /** N (Infinity when the run has no end). */
  totalSteps: number;
  duration: number;
  seed: number;
  nodes: NodePlan[];
  /** Nodes in step order. */
  order: NodePlan[];
  projections: Projection[];
  probes: ProbePlan[];
  /** Nodes whose spikes are recorded (spiking neurons and spike sources), document order. */
  spiking: Array<LifPlan | HhPlan | InputPlan>;
  /** Estimated bytes of the plan (for the memory guard and the benches). */
  estimatedBytes: number;
}
