/**
 * What a neuron model is (docs/simulator.md#models; ARCHITECTURE.md "Where to add a neuron model").
 *
 * A model is a folder `shared/models/<id>/` exporting one `NeuronModelDefinition`, listed in
 * `registry.ts`. The compiler, the engine, live edits, live state, validation, the inspector, the
 * Learn pickers and the docs iterate the registry; nothing outside `shared/models/` switches on a
 * model id. This file also holds the run-time buffers every kernel shares (events, spikes, filter
 * banks); it imports only `util/` and `models/`.
 */
import type { StepHelper } from './lif/order0Threads';
import type { ParamSpec } from './paramSpec';

/** Growable buffer of events for one target node, in struct-of-arrays form. */
/** Zero-length arrays shared by every empty buffer (never written: a push grows first). */
const NO_INT32 = new Int32Array(0);
const NO_FLOAT64 = new Float64Array(0);

export class EventBuffer {
  elem: Int32Array;
  time: Float64Array;
  slot: Int32Array;
  amount: Float64Array;
  count = 0;

  /**
   * Empty until the first push (capacity 0: no arrays of its own): most buckets of most nodes never
   * hold an event, and a network of 100,000 nodes holds a few hundred thousand of them.
   */
  constructor(capacity = 0) {
    this.elem = capacity > 0 ? new Int32Array(capacity) : NO_INT32;
    this.time = capacity > 0 ? new Float64Array(capacity) : NO_FLOAT64;
    this.slot = capacity > 0 ? new Int32Array(capacity) : NO_INT32;
    this.amount = capacity > 0 ? new Float64Array(capacity) : NO_FLOAT64;
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
    const cap = Math.max(8, this.elem.length * 2);
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
  /** Empty until the first spike (capacity 0: no arrays of its own). */
  constructor(capacity = 0) {
    this.index = capacity > 0 ? new Int32Array(capacity) : NO_INT32;
    this.time = capacity > 0 ? new Float64Array(capacity) : NO_FLOAT64;
  }
  push(index: number, time: number): void {
    if (this.count === this.index.length) {
      const cap = Math.max(16, this.index.length * 2);
      const index2 = new Int32Array(cap);
      index2.set(this.index);
      const time2 = new Float64Array(cap);
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

/**
 * What the compiler gives every neuron node, whatever its model: per-element bias, the unfiltered
 * continuous input D of the current step segment (bias excluded), the PSC filter banks of its
 * incoming edges (stage-major arrays), and its ring of pending events. Models extend it with their
 * own constants and state arrays.
 */
export interface NeuronCore {
  readonly kind: 'neuron';
  readonly model: NeuronModelDefinition;
  id: string;
  size: number;
  /** Resolved params by name, per element (live edits write here). */
  params: Record<string, Float64Array>;
  /** bias param per element. */
  bias: Float64Array;
  /** Sum of unfiltered continuous inputs (bias excluded) over the current step segment. */
  direct: Float64Array;
  banks: FilterBank[];
  /** All filter stages of all banks, stage-major: stages[bank.first + k][i]. */
  stages: Float64Array[];
  queue: EventQueue;
  /** Spikes of the run (spiking models), else null. */
  spikes: SpikeBuffer | null;
  /** The value continuous edges carry (non-spiking models: y), else null. */
  output: Float64Array | null;
  /** Values at past samples for delayed edges from `output` (ring of rows of size). */
  history: Float64Array | null;
  historyLength: number;
}

/** Exact full-interval filter coefficients of one bank (models/filters.ts). */
export interface BankCoefficientsLike {
  readonly e: Float64Array;
  readonly f: Float64Array;
}

/** What the engine offers a kernel. */
export interface KernelEnv {
  readonly dt: number;
  /** Tests turn the LIF order-0 fast path off to compare it with the general integrator. */
  readonly lifFastPath: boolean;
  /** The LIF fast loop may run in WebAssembly SIMD (same results; lif/order0Wasm.ts). */
  readonly simd: boolean;
  /** A second thread for the LIF fast loop of large populations (lif/order0Threads.ts), or null. */
  readonly stepHelper: StepHelper | null;
  /** The drives of this node cannot change during the run (constant inputs and bias only). */
  readonly staticDrive: boolean;
  /** Full-step coefficients of each bank of the node. */
  fullBankCoefs(): BankCoefficientsLike[];
  /** Scratch coefficients of each bank of the node over an interval u (valid until the next call). */
  bankCoefs(u: number): BankCoefficientsLike[];
  /** Add the step's switch events of piecewise-constant inputs into the node's bucket. */
  addSwitchEvents(bucket: EventBuffer, t0: number, t1: number): void;
  /** Scratch of at least the node's size. */
  readonly scratch: Float64Array;
}

/**
 * A kernel that can integrate one step again from a saved start state: what exact zero-delay
 * cycles need (sim/engine/exactCycles.ts, docs/simulator.md#cycles). The engine calls `begin`
 * once per step (the kernel adds the step's own events, e.g. input switches, to its bucket), then
 * `save`, then `integrate` one or more times with `restore` between them.
 */
export interface RepeatableStep {
  /** A buffer for `save` (allocated once). */
  createSnapshot(): unknown;
  save(into: unknown): void;
  restore(from: unknown): void;
  begin(k: number, t0: number, t1: number): void;
  /** Integrate step k with the bucket's events as they are (consumed). */
  integrate(k: number, t0: number, t1: number): void;
}

/** The per-node stepping code of a model. */
export interface NeuronKernel {
  /** Present when the model can integrate a step again (exact zero-delay cycles). */
  readonly repeatable?: RepeatableStep;
  /** Before step 0: elements that start at or above threshold spike at t = 0 (spiking models). */
  initialSpikes?(): void;
  /**
   * Phase A of step k: advance every element over (t0, t1] with the step's events (the bucket
   * `node.queue.bucket(k)`, consumed), pushing spikes at their times into `node.spikes`.
   */
  advance(k: number, t0: number, t1: number): void;
  /**
   * Phase C at t_k, after the node's drives were computed (models whose output is read by other
   * nodes: rate units' z and y). Models with this hook get their drives computed every sample.
   */
  evaluate?(k: number): void;
  /** A param that the cached propagators depend on changed (live edit). */
  coefficientsChanged?(): void;
  /** The node's drives changed at a step boundary (live edit of bias, an input or a weight). */
  drivesChanged?(): void;
  /** Any live edit was applied to the run. */
  stateChanged?(): void;
  /**
   * After a live edit wrote a live param `name` into plan.params (at t_k = tk): copy it where the
   * kernel reads it and say which caches the engine refreshes.
   */
  paramEdited?(name: string, values: Float64Array, tk: number): 'coefficients' | 'drives' | null;
  /** A live edit of the activation (models with hasActivation): its code. */
  setActivation?(code: number): void;
}

/** A state variable of a model: probe-able (and shown live when it is the model's `live` one). */
export interface StateVariable {
  name: string;
  unit: string;
  meaning: string;
}

/** How the compile step reports a problem with a param (path relative to the node's params). */
export type ParamProblem = { param: string; message: string } | null;

export interface NeuronModelDefinition<P extends NeuronCore = NeuronCore> {
  /** `model` in the file. */
  readonly id: string;
  /** Inspector and palette names. */
  readonly label: string;
  readonly shortLabel: string;
  /** One line for the palette's tooltip (a neuron, a population). */
  readonly description: string;
  readonly populationDescription: string;
  /** Params the canvas node shows under its name, with their symbols. */
  readonly summary: readonly (readonly [name: string, symbol: string])[];
  /** Show the summary's values as plain numbers (no unit). */
  readonly summaryPlain?: boolean;
  /** Accent colour of the node on the canvas. */
  readonly color: string;
  /** The "See the math" views about this model (renderer/src/learn/learnViews.ts kinds). */
  readonly learnViews: readonly string[];
  /** The f-I view's default sweep of the input and the axis it is drawn against. */
  readonly fi: { from: number; to: number; count: number; duration: number; axis: string };
  /**
   * The time constants a step dt must resolve (the inspector's dt warning): a param (its default
   * when absent; skipped when not > 0) or a fixed time; `what` names it, `{node}` the node.
   */
  readonly timeScales: readonly { what: string; param?: string; seconds?: number }[];
  /** Inspector presets a student reaches for (values in file units). */
  readonly presets: readonly { label: string; params: Record<string, number> }[];
  /** Params: units, defaults, constraints (the single source). */
  readonly params: readonly ParamSpec[];
  /** The model's own state variables (J and s are every neuron's). */
  readonly variables: readonly StateVariable[];
  /** Emits spikes (its outgoing edges need a synapse) or a continuous value. */
  readonly spiking: boolean;
  /** Takes an `activation` (rate units). */
  readonly hasActivation: boolean;
  /** Unit of its input J (and of the weights into it), in the file and on chart axes. */
  readonly inputUnit: string;
  readonly inputLabel: string;
  /** Params a running network takes live (others need a restart). */
  readonly liveParams: readonly string[];
  /** The variable the canvas colours the node with, and how its level is scaled (legend text). */
  readonly live: { variable: string; legend: string; zeroName: string };
  /** Rules across params, per element (e.g. LIF vReset < vTh): null when fine. */
  crossCheck?(params: Readonly<Record<string, Float64Array>>, size: number): ParamProblem;
  /**
   * Compile step: the model's constants and state arrays from the resolved params. `activation`
   * is the node's activation code (models with hasActivation).
   */
  build(core: NeuronCore, activation: number): P;
  /** After the compiler made the filter banks of incoming edges (a model may add its own). */
  finishBanks?(plan: P): void;
  createKernel(plan: P, env: KernelEnv): NeuronKernel;
  /** A model variable of element i (probes); J and s are read by `readInput` unless overridden. */
  read(plan: P, variable: string, i: number): number;
  /** The live colour level of element i: 0 at reset/rest, 1 at threshold/top. */
  liveLevel(plan: P, i: number): number;
  /** J or s of element i (default: readInput). */
  readInput?(plan: P, variable: 'J' | 's', i: number): number;
}

/** J = bias + D + sum of bank outputs; s = the same without bias. */
export function readInput(plan: NeuronCore, variable: 'J' | 's', i: number): number {
  let s = plan.direct[i]!;
  for (const bank of plan.banks) s += plan.stages[bank.first + bank.order]![i]!;
  return variable === 'J' ? s + plan.bias[i]! : s;
}

/** Variables a probe may record on a node of this model. */
export function probeVariables(model: NeuronModelDefinition): string[] {
  return [...model.variables.map((v) => v.name), 'J', 's'];
}
