/**
 * The simulator's public contract: what the hosts (worker, CLI, tests) see.
 *
 * A run has N = round(duration / dt) steps; step k advances the network from t_k = k dt to
 * t_{k+1}. Probes sample at t_k for k = 0, every, 2 every, ... while k <= N (docs/format.md#probes). A frame holds
 * everything produced while advancing a contiguous range of steps; concatenating the frames of a
 * run gives the same spikes and traces whatever the chunking (docs/format.md#reproducibility).
 */

/** Samples of one probe produced during one frame. */
export interface TraceChunk {
  probeId: string;
  /** Target node id. */
  target: string;
  variable: string;
  /** Recorded population elements, in order. */
  indices: Int32Array;
  /** Step index k of each sample (t = k dt). Length = sample count. */
  steps: Float64Array;
  /** Element-major samples: values[e * steps.length + s] for element indices[e]. */
  values: Float64Array;
}

/** Spikes of one spiking node (neuron, population or spike source) during one frame, in time order. */
export interface SpikeChunk {
  nodeId: string;
  /** Element index of each spike. */
  index: Int32Array;
  /** Precise spike time in seconds (not rounded to the step grid). */
  time: Float64Array;
}

/**
 * Every typed array in a frame is freshly allocated and owned by the frame: hosts transfer the
 * buffers to another thread, which detaches them, so an engine must never reuse them.
 */
export interface SimulationFrame {
  /** First step advanced in this frame (inclusive). */
  stepFrom: number;
  /** Step reached at the end of the frame (exclusive end of the advanced range). */
  stepTo: number;
  dt: number;
  traces: TraceChunk[];
  spikes: SpikeChunk[];
}

export { SimulationError } from '../util/simulationError';
import { SimulationError } from '../util/simulationError';

/**
 * The SimulationError `advance` throws mid-chunk, with the frame of what the chunk recorded before
 * the failing step (`frame.stepTo` is that step): a host sends it before the error, so the charts
 * show the run up to the failure instead of losing the whole chunk (the runaway example's trace
 * stopped near 1e240 where the values before the failure were near 1e302).
 */
export class ChunkFailure extends SimulationError {
  constructor(
    cause: SimulationError,
    readonly frame: SimulationFrame,
  ) {
    super(cause.nodeId, cause.timeSeconds, cause.detail);
  }
}

export type { Issue } from '../document/issue';
import type { Issue } from '../document/issue';

/**
 * What became of a live edit, as a code (hosts and the app branch on it, never on the text):
 * applied; the run had ended; the change needs a restart; the value is invalid (out of range,
 * wrong shape); no run is active. `EDIT_MESSAGES` holds the sentence shown beside each fixed code.
 */
export type EditCode = 'applied' | 'ended' | 'needsRestart' | 'invalid' | 'noRun';
export const EDIT_MESSAGES = {
  ended: 'the run has ended',
  needsRestart: 'this change needs a restart',
  noRun: 'no run is active',
} as const;

/** A running simulation: advance it in chunks of steps. */
/** One zero-delay cycle of spiking edges and the rule it runs under (engine/exactCycles.ts). */
export interface CycleInfo {
  /** Node ids, in step order. */
  nodes: string[];
  /** Elements in all. */
  elements: number;
  rule: 'exact' | 'end-of-step';
  /** Why the end-of-step rule (absent for exact ones). */
  reason?: string;
}

export interface Simulation {
  readonly dt: number;
  /** The zero-delay cycles of spiking edges and their rules (absent: none, or not reported). */
  readonly cycles?: readonly CycleInfo[];
  /** N: the number of steps of the whole run (Infinity when run forever). */
  readonly totalSteps: number;
  /** Steps done so far. */
  readonly stepsDone: number;
  /**
   * Advance by at most `maxSteps` steps (never past totalSteps) and return what was recorded.
   * Throws SimulationError on a non-finite state (a ChunkFailure, with what the chunk recorded
   * before the failing step, when the engine can give it).
   */
  advance(maxSteps: number): SimulationFrame;
  /**
   * Live edit (issue 6): change one numeric field of a node or edge from the next step on, without
   * a restart. Returns null when applied, or an Issue saying why it cannot be applied live (the app
   * then offers a restart). Optional: a host treats its absence as "this change needs a restart".
   */
  applyEdit?(edit: LiveEdit): Issue | null;
}

/**
 * One live edit. `path` is the CLI's `--set` path in its full form, relative to the node or edge:
 * `params.bias`, `params.tauM`, `signal.value`, `signal.amplitude`, `weight`, `synapse.tauS`.
 */
export interface LiveEdit {
  elementId: string;
  path: string;
  value: unknown;
}
