/**
 * Brian2 mapping of each neuron model, keyed by model: the equations written out, the per-element
 * params and initial values taken from the compiled plan, threshold/reset, and the Brian2 name of
 * each probe variable. One entry per model so that each can move into its model's folder
 * (shared/models/<model>/) next to the kernel it mirrors. A model without an entry is reported as
 * not exportable by the exporter, never dropped.
 *
 * Units in the script: time in seconds (Brian2's `second`), everything else dimensionless numbers
 * in the file's own units (LIF v and J dimensionless, HH mV, uA/cm^2, mS/cm^2, uF/cm^2, with its
 * rates in 1/ms written as `/ms`).
 */
import type { TargetPlan } from '../../sim/plan';
import type { HhPlan } from '../../models/hh/model';
import type { LifPlan } from '../../models/lif/plan';
import type { AlifPlan } from '../../models/alif/model';
import type { RatePlan } from '../../models/rate/model';
import { ACTIVATION_CODE } from '../../models/activations';

export interface Brian2Param {
  name: string;
  /** 'second' for time constants, '1' for dimensionless. */
  unit: 'second' | '1';
  values: Float64Array;
}

export interface Brian2ModelMapping {
  /** Why this element cannot be exported (null: it can). */
  refuse(node: TargetPlan): string | null;
  /** Equation lines of the model; `J` is the total input (defined by the exporter). */
  equations(node: TargetPlan): string[];
  params(node: TargetPlan): Brian2Param[];
  /** Initial values of state variables (already as the engine starts them). */
  initial(node: TargetPlan): Array<{ name: string; values: Float64Array; python?: string }>;
  /** Python expression of the integration method (`dt` is the script's step in seconds). */
  method: string;
  threshold: string | null;
  /** The reset statement (a function when it depends on the node, e.g. its own bank's index). */
  reset: string | null | ((node: TargetPlan) => string);
  refractory: string | null;
  /** Spiking model: its spikes are recorded. */
  spiking: boolean;
  /** Probe variable -> Brian2 variable. */
  variables: Record<string, string>;
  /** One line for the export dialog. */
  describe(node: TargetPlan): string;
}

const SIGMA: Record<number, (z: string) => string> = {
  0: (z) => `1/(1 + exp(-(${z})))`,
  1: (z) => `arctan(${z})`,
  2: (z) => `tanh(${z})`,
  3: (z) => `1.0*int((${z}) >= 0)`,
  4: (z) => `clip(${z}, 0, inf)`,
  5: (z) => `exp(${z})/esum`,
  6: () => `1.0*int(nbigger == 0)`,
};

const ACTIVATION_NAMES = ['logistic', 'arctan', 'tanh', 'threshold', 'relu', 'softmax', 'onehot'];

function uniformSign(a: Float64Array): 'zero' | 'positive' | 'mixed' {
  let zero = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === 0) zero++;
  return zero === a.length ? 'zero' : zero === 0 ? 'positive' : 'mixed';
}

const lif: Brian2ModelMapping = {
  refuse: () => null,
  equations: () => ['dv/dt = (J - v)/tauM : 1 (unless refractory)'],
  params: (n) => {
    const p = n as unknown as LifPlan;
    return [
      { name: 'tauM', unit: 'second', values: p.tauM },
      { name: 'tauRef', unit: 'second', values: p.tauRef },
      { name: 'vTh', unit: '1', values: p.vTh },
      { name: 'vReset', unit: '1', values: p.vReset },
    ];
  },
  initial: (n) => [{ name: 'v', values: (n as unknown as LifPlan).v }],
  method: "'rk4'",
  threshold: 'v >= vTh',
  reset: 'v = vReset',
  refractory: 'tauRef',
  spiking: true,
  variables: { v: 'v', J: 'J', s: 's' },
  describe: (n) => `LIF NeuronGroup (${n.size}), dv/dt = (J - v)/tau_m, spikes on Brian2's grid`,
};

/**
 * The adaptive LIF: the engine keeps -a as a filter bank of the node's own (time constant tauA,
 * shared/models/alif), which the exporter writes like every bank and sums into s; a spike adds
 * jump = -b to that bank's stage, as the engine does at the spike's instant.
 */
const alif: Brian2ModelMapping = {
  ...lif,
  params: (n) => [
    ...lif.params(n),
    { name: 'jump', unit: '1', values: (n as unknown as AlifPlan).jump },
  ],
  equations: (n) => [...lif.equations(n), `a = -x${(n as unknown as AlifPlan).adaptBank}_0 : 1`],
  reset: (n) => `v = vReset; x${(n as unknown as AlifPlan).adaptBank}_0 += jump`,
  variables: { v: 'v', J: 'J', s: 's', a: 'a' },
  describe: (n) =>
    `adaptive LIF NeuronGroup (${n.size}): LIF with -a as a filter of tau_a, a += b at each spike`,
};

const HH_PARAMS = ['C', 'gNa', 'gK', 'gL', 'ENa', 'EK', 'EL', 'spikeThreshold'];

const hh: Brian2ModelMapping = {
  refuse: () => null,
  equations: () => [
    'dV/dt = (J - gL*(V - EL) - gNa*m**3*h*(V - ENa) - gK*n**4*(V - EK))/C/ms : 1',
    'dm/dt = (am*(1 - m) - bm*m)/ms : 1',
    'dh/dt = (ah*(1 - h) - bh*h)/ms : 1',
    'dn/dt = (an*(1 - n) - bn*n)/ms : 1',
    'am = 1/exprel(-(V + 40)/10) : 1',
    'bm = 4*exp(-(V + 65)/18) : 1',
    'ah = 0.07*exp(-(V + 65)/20) : 1',
    'bh = 1/(1 + exp(-(V + 35)/10)) : 1',
    'an = 0.1/exprel(-(V + 55)/10) : 1',
    'bn = 0.125*exp(-(V + 65)/80) : 1',
  ],
  params: (n) =>
    HH_PARAMS.map((name) => ({
      name,
      unit: '1' as const,
      values: (n as unknown as HhPlan).params[name]!,
    })),
  initial: (n) => [
    { name: 'V', values: (n as unknown as HhPlan).V },
    // gates at their steady state for V0, as the engine starts them
    { name: 'm', values: (n as unknown as HhPlan).V, python: 'hh_steady("m", {V})' },
    { name: 'h', values: (n as unknown as HhPlan).V, python: 'hh_steady("h", {V})' },
    { name: 'n', values: (n as unknown as HhPlan).V, python: 'hh_steady("n", {V})' },
  ],
  // RK4 is accurate at a fine step and unstable during a spike at 0.1 ms; Brian2's own
  // recommendation for HH, exponential Euler, is stable at any step (less accurate, decision 0004)
  method: "'rk4' if dt <= 2e-5 else 'exponential_euler'",
  threshold: 'V > spikeThreshold',
  reset: null,
  // a new spike only after V has fallen back below the threshold: upward crossings
  refractory: 'V > spikeThreshold',
  spiking: true,
  variables: { V: 'V', m: 'm', h: 'h', n: 'n', J: 'J', s: 's' },
  describe: (n) => `HH NeuronGroup (${n.size}), RK4 at the script's dt, spikes on Brian2's grid`,
};

const rate: Brian2ModelMapping = {
  refuse: (n) => {
    const p = n as unknown as RatePlan;
    if (!SIGMA[p.activation]) return 'activation has no Brian2 mapping';
    if (uniformSign(p.tau) === 'mixed')
      return 'tau is 0 for some elements and > 0 for others (export one node per kind)';
    return null;
  },
  equations: (n) => {
    const p = n as unknown as RatePlan;
    const sigma = SIGMA[p.activation]!('J');
    return uniformSign(p.tau) === 'zero'
      ? [`y = ${sigma} : 1`]
      : [`dy/dt = (${sigma} - y)/tau : 1`];
  },
  params: (n) => {
    const p = n as unknown as RatePlan;
    return uniformSign(p.tau) === 'zero' ? [] : [{ name: 'tau', unit: 'second', values: p.tau }];
  },
  initial: (n) => {
    const p = n as unknown as RatePlan;
    return uniformSign(p.tau) === 'zero' ? [] : [{ name: 'y', values: p.y }];
  },
  method: "'rk4'",
  threshold: null,
  reset: null,
  refractory: null,
  spiking: false,
  variables: { y: 'y', J: 'J', s: 's' },
  describe: (n) => {
    const p = n as unknown as RatePlan;
    const act = ACTIVATION_NAMES[p.activation] ?? '?';
    return `rate NeuronGroup (${n.size}), ${act}, ${uniformSign(p.tau) === 'zero' ? 'instantaneous' : 'tau dy/dt = sigma(z) - y'}`;
  },
};

/** The mapping table, keyed by neuron model. */
export const BRIAN2_MODELS: Partial<Record<string, Brian2ModelMapping>> = { lif, hh, rate, alif };

/** Whether the rate node needs a population-wide sum (softmax) or rank (onehot). */
export function populationActivation(n: TargetPlan): 'softmax' | 'onehot' | null {
  if (n.kind !== 'neuron' || n.model.id !== 'rate') return null;
  const activation = (n as unknown as RatePlan).activation;
  return activation === ACTIVATION_CODE.softmax
    ? 'softmax'
    : activation === ACTIVATION_CODE.onehot
      ? 'onehot'
      : null;
}
