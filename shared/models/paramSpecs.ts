/**
 * Param specs of synapses, delays, signals and the simulation settings (each model's own are in
 * its folder, listed by registry.ts): the tables that drive defaults, validation, the inspector
 * fields and the format docs (docs/format.md#parameters).
 */
import { ms, type ParamSpec } from './paramSpec';

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

/** Variables a probe may record on an input node. */
export const INPUT_PROBE_VARIABLES: readonly string[] = ['u'];
