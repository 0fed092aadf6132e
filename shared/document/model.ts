/**
 * The `.neuro` network document (../shared/spec/network-format.md, sections 2-6), as TypeScript types.
 *
 * Units are those of the file: seconds for every time, hertz for rates, dimensionless LIF voltage,
 * HH in mV / uA/cm^2 / mS/cm^2 / uF/cm^2. The UI may show ms; the document stores seconds.
 *
 * Every object may carry unknown keys (preserved on load/save, never read by the simulator), hence
 * the index signatures on the open objects below.
 */

/** The current format version this program writes. */
export const FORMAT_NAME = 'neurosketch-network';
export const FORMAT_VERSION = 1;

/** A per-neuron random draw for a population param (spec 3.1; seeds: spec 8). */
export interface UniformInit {
  init: 'uniform';
  low: number;
  high: number;
  seed?: number;
}
export interface NormalInit {
  init: 'normal';
  mean: number;
  std: number;
  seed?: number;
}
export type RandomInit = UniformInit | NormalInit;

/** A numeric param: shared value, one value per element, or a per-element draw. */
export type ParamValue = number | number[] | RandomInit;

export type NeuronModel = 'lif' | 'hh' | 'rate';
export type Activation =
  'logistic' | 'arctan' | 'tanh' | 'threshold' | 'relu' | 'softmax' | 'onehot';

export interface NeuronNode {
  id: string;
  kind: 'neuron';
  model: NeuronModel;
  /** Rate model only (default logistic). */
  activation?: Activation;
  label?: string;
  params?: Record<string, number>;
  [unknown: string]: unknown;
}

export interface PopulationNode {
  id: string;
  kind: 'population';
  size: number;
  model: NeuronModel;
  activation?: Activation;
  label?: string;
  params?: Record<string, ParamValue>;
  [unknown: string]: unknown;
}

export interface BiasNode {
  id: string;
  kind: 'bias';
  label?: string;
  [unknown: string]: unknown;
}

/** A numeric signal field: one value for every element, or one per element. */
export type SignalNumber = number | number[];

export interface ConstantSignal {
  type: 'constant';
  value: SignalNumber;
}
export interface StepSignal {
  type: 'step';
  times: number[];
  values: SignalNumber[];
}
export interface PulseSignal {
  type: 'pulse';
  start: SignalNumber;
  width: SignalNumber;
  amplitude: SignalNumber;
  period?: SignalNumber;
}
export interface SineSignal {
  type: 'sine';
  amplitude: SignalNumber;
  frequency: SignalNumber;
  phase?: SignalNumber;
  offset?: SignalNumber;
}
export interface NoiseSignal {
  type: 'noise';
  mean: SignalNumber;
  std: SignalNumber;
  tau: SignalNumber;
  seed?: number;
}
export interface SpikesSignal {
  type: 'spikes';
  /** One array shared by all elements, or one array per element. */
  times: number[] | number[][];
}
export interface PoissonSignal {
  type: 'poisson';
  rate: SignalNumber;
  seed?: number;
}
export type ContinuousSignal = ConstantSignal | StepSignal | PulseSignal | SineSignal | NoiseSignal;
export type SpikeSignal = SpikesSignal | PoissonSignal;
export type Signal = ContinuousSignal | SpikeSignal;

export interface InputNode {
  id: string;
  kind: 'input';
  size?: number;
  label?: string;
  signal: Signal;
  [unknown: string]: unknown;
}

export type NetworkNode = NeuronNode | PopulationNode | BiasNode | InputNode;
export type NodeKind = NetworkNode['kind'];

/** Weight generators (spec 4). */
export interface UniformWeights {
  init: 'uniform';
  low: number;
  high: number;
  seed?: number;
}
export interface NormalWeights {
  init: 'normal';
  mean: number;
  std: number;
  seed?: number;
}
export interface IdentityWeights {
  init: 'identity';
  value: number;
}
export interface SparseWeights {
  init: 'sparse';
  p: number;
  value: number;
  seed?: number;
}
export type WeightGenerator = UniformWeights | NormalWeights | IdentityWeights | SparseWeights;
/** A scalar (all-to-all), a matrix with one row per target element, or a generator. */
export type Weight = number | number[][] | WeightGenerator;

/** The PSC filter h(t) = t^n e^{-t/tauS} / (n! tauS^(n+1)) (notes 1.3.2). */
export interface Synapse {
  tauS: number;
  n?: number;
  [unknown: string]: unknown;
}

export interface Edge {
  id: string;
  source: string;
  target: string;
  weight: Weight;
  synapse?: Synapse | null;
  delay?: number;
  [unknown: string]: unknown;
}

export type ProbeVariable = 'v' | 'V' | 'm' | 'h' | 'n' | 'y' | 'J' | 's' | 'u';

export interface Probe {
  id: string;
  target: string;
  variable: ProbeVariable;
  every?: number;
  indices?: number[];
  [unknown: string]: unknown;
}

export interface SimulationSettings {
  dt: number;
  duration: number;
  seed: number;
  [unknown: string]: unknown;
}

export interface LayoutPosition {
  x: number;
  y: number;
  [unknown: string]: unknown;
}

export interface NetworkDocument {
  format: typeof FORMAT_NAME;
  version: number;
  name?: string;
  description?: string;
  author?: string;
  simulation: SimulationSettings;
  nodes: NetworkNode[];
  edges: Edge[];
  probes?: Probe[];
  layout?: Record<string, LayoutPosition>;
  [unknown: string]: unknown;
}
