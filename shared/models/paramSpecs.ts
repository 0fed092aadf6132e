/**
 * Parameter specs of every model, synapse, signal and the simulation settings: the one table that
 * drives defaults (the engine), validation (the file layer), the inspector fields (the editor) and
 * the format docs. Values are in the file's units (spec 1); `displayUnit`/`displayScale` say how the
 * UI shows them (ms for times: shown = stored * 1000).
 */
import type { Activation, NeuronModel } from '../document/model';

export interface ParamSpec {
  name: string;
  /** Unit in the file. */
  unit: string;
  default: number;
  /** Inclusive lower bound (`>= min`), or exclusive when `exclusiveMin` (`> min`). */
  min?: number;
  exclusiveMin?: boolean;
  max?: number;
  /** Must be a whole number. */
  integer?: boolean;
  /** Unit and scale the UI shows (shown = stored * displayScale). */
  displayUnit?: string;
  displayScale?: number;
  /** One line for a student. */
  meaning: string;
}

const ms = { displayUnit: 'ms', displayScale: 1000 } as const;

export const LIF_PARAMS: readonly ParamSpec[] = [
  {
    name: 'tauM',
    unit: 's',
    default: 0.02,
    min: 0,
    exclusiveMin: true,
    ...ms,
    meaning: 'membrane time constant tau_m',
  },
  {
    name: 'tauRef',
    unit: 's',
    default: 0.002,
    min: 0,
    ...ms,
    meaning: 'refractory period: v is held at vReset this long after a spike',
  },
  {
    name: 'vTh',
    unit: '1',
    default: 1,
    meaning: 'threshold: a spike when v reaches it (must be above vReset)',
  },
  { name: 'vReset', unit: '1', default: 0, meaning: 'v right after a spike' },
  { name: 'v0', unit: '1', default: 0, meaning: 'initial v; v0 >= vTh spikes at t = 0' },
  { name: 'bias', unit: '1', default: 0, meaning: 'constant added to the input J' },
];

export const HH_PARAMS: readonly ParamSpec[] = [
  {
    name: 'C',
    unit: 'uF/cm^2',
    default: 1,
    min: 0,
    exclusiveMin: true,
    meaning: 'membrane capacitance',
  },
  { name: 'gNa', unit: 'mS/cm^2', default: 120, min: 0, meaning: 'maximum sodium conductance' },
  { name: 'gK', unit: 'mS/cm^2', default: 36, min: 0, meaning: 'maximum potassium conductance' },
  { name: 'gL', unit: 'mS/cm^2', default: 0.3, min: 0, meaning: 'leak conductance' },
  { name: 'ENa', unit: 'mV', default: 50, meaning: 'sodium reversal (zero-current) potential' },
  { name: 'EK', unit: 'mV', default: -77, meaning: 'potassium reversal (zero-current) potential' },
  { name: 'EL', unit: 'mV', default: -54.387, meaning: 'leak reversal potential' },
  {
    name: 'V0',
    unit: 'mV',
    default: -65,
    meaning: 'initial membrane voltage (gates start at their steady state)',
  },
  { name: 'spikeThreshold', unit: 'mV', default: 0, meaning: 'a spike is V crossing this upwards' },
  { name: 'bias', unit: 'uA/cm^2', default: 0, meaning: 'constant current density added to J' },
];

export const RATE_PARAMS: readonly ParamSpec[] = [
  { name: 'bias', unit: '1', default: 0, meaning: 'b: constant added to z = Wx + b' },
  {
    name: 'tau',
    unit: 's',
    default: 0,
    min: 0,
    ...ms,
    meaning: 'time constant of y; 0 = instantaneous',
  },
  {
    name: 'y0',
    unit: '1',
    default: 0,
    meaning: 'output before the first step (and what a cycle edge carries first)',
  },
];

export const MODEL_PARAMS: Record<NeuronModel, readonly ParamSpec[]> = {
  lif: LIF_PARAMS,
  hh: HH_PARAMS,
  rate: RATE_PARAMS,
};

export const SINGLE_ACTIVATIONS: readonly Activation[] = [
  'logistic',
  'arctan',
  'tanh',
  'threshold',
  'relu',
];
/** Population-wide activations (need more than one element to be interesting). */
export const POPULATION_ACTIVATIONS: readonly Activation[] = ['softmax', 'onehot'];
export const DEFAULT_ACTIVATION: Activation = 'logistic';

export const SYNAPSE_PARAMS: readonly ParamSpec[] = [
  {
    name: 'tauS',
    unit: 's',
    default: 0.005,
    min: 0,
    exclusiveMin: true,
    ...ms,
    meaning: 'synaptic time constant tau_s',
  },
  {
    name: 'n',
    unit: '1',
    default: 0,
    min: 0,
    max: 10,
    integer: true,
    meaning: 'order of the PSC filter t^n e^(-t/tau_s)',
  },
];

export const EDGE_DELAY: ParamSpec = {
  name: 'delay',
  unit: 's',
  default: 0,
  min: 0,
  ...ms,
  meaning: 'each spike or value arrives this much later',
};

export const SIMULATION_PARAMS: readonly ParamSpec[] = [
  {
    name: 'dt',
    unit: 's',
    default: 0.0001,
    min: 0,
    exclusiveMin: true,
    ...ms,
    meaning: 'time step',
  },
  {
    name: 'duration',
    unit: 's',
    default: 1,
    min: 0,
    exclusiveMin: true,
    ...ms,
    meaning: 'length of the run (a whole number of steps)',
  },
  {
    name: 'seed',
    unit: '1',
    default: 1,
    min: 0,
    integer: true,
    meaning: 'seed of every random draw: the same seed gives the same run',
  },
];

/** Fields of each signal type: required unless `optional`. Times in s, rates in Hz. */
export interface SignalFieldSpec extends ParamSpec {
  optional?: boolean;
}

export const SIGNAL_FIELDS: Record<string, readonly SignalFieldSpec[]> = {
  constant: [{ name: 'value', unit: 'J', default: 1, meaning: 'the constant value u' }],
  step: [],
  pulse: [
    { name: 'start', unit: 's', default: 0.1, min: 0, ...ms, meaning: 'time of the first pulse' },
    {
      name: 'width',
      unit: 's',
      default: 0.001,
      min: 0,
      exclusiveMin: true,
      ...ms,
      meaning: 'pulse width',
    },
    { name: 'amplitude', unit: 'J', default: 1, meaning: 'value during a pulse' },
    {
      name: 'period',
      unit: 's',
      default: 0.05,
      min: 0,
      exclusiveMin: true,
      optional: true,
      ...ms,
      meaning: 'repeat every period (none: one pulse)',
    },
  ],
  sine: [
    { name: 'amplitude', unit: 'J', default: 1, meaning: 'amplitude' },
    { name: 'frequency', unit: 'Hz', default: 5, min: 0, meaning: 'frequency' },
    { name: 'phase', unit: 'rad', default: 0, optional: true, meaning: 'phase at t = 0' },
    { name: 'offset', unit: 'J', default: 0, optional: true, meaning: 'constant added' },
  ],
  noise: [
    { name: 'mean', unit: 'J', default: 0, meaning: 'mean (and starting value)' },
    { name: 'std', unit: 'J', default: 1, min: 0, meaning: 'stationary standard deviation' },
    {
      name: 'tau',
      unit: 's',
      default: 0.005,
      min: 0,
      exclusiveMin: true,
      ...ms,
      meaning: 'correlation time of the Ornstein-Uhlenbeck process',
    },
  ],
  spikes: [],
  poisson: [{ name: 'rate', unit: 'Hz', default: 20, min: 0, meaning: 'mean spike rate' }],
};

export const CONTINUOUS_SIGNALS = ['constant', 'step', 'pulse', 'sine', 'noise'] as const;
export const SPIKE_SIGNALS = ['spikes', 'poisson'] as const;

/** Variables a probe may record, per node model/kind (spec 6). */
export const PROBE_VARIABLES: Record<'lif' | 'hh' | 'rate' | 'input', readonly string[]> = {
  lif: ['v', 'J', 's'],
  hh: ['V', 'm', 'h', 'n', 'J', 's'],
  rate: ['y', 'J', 's'],
  input: ['u'],
};

/** Resolved default for a model's param. */
export function paramDefault(model: NeuronModel, name: string): number | undefined {
  return MODEL_PARAMS[model].find((p) => p.name === name)?.default;
}
