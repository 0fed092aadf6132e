import type { NeuronCore, SpikeBuffer } from '../neuron';

/** A compiled LIF node: constants (per element) and its state arrays. */
export interface LifPlan extends NeuronCore {
  tauM: Float64Array;
  tauRef: Float64Array;
  vTh: Float64Array;
  vReset: Float64Array;
  v: Float64Array;
  /** Time (s) until which each element is refractory. */
  refUntil: Float64Array;
  spikes: SpikeBuffer;
}
