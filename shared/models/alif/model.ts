/**
 * Adaptive LIF: the notes' LIF with a spike-triggered adaptation current (spike-frequency
 * adaptation, as Neuronify's "adaptation neuron" and the adaptive integrate-and-fire models of
 * NEST and Brian2):
 *   tau_m v' = J - v,   J = bias + s - a,   tau_a a' = -a,   a += b at each spike.
 * The sub-threshold system stays linear: a is one more order-0 filter stage of the node's own
 * (holding -a, time constant tauA) that jumps by -b at each spike time, so the LIF kernel
 * integrates it exactly and still locates spikes at their precise times (docs/decisions/0002).
 * tauA is one value per node (a filter bank has one time constant).
 */
import type { NeuronCore, NeuronModelDefinition, ParamProblem } from '../neuron';
import { readInput } from '../neuron';
import { LifNeuron, buildLif, lifLevel } from '../lif/model';
import { LIF_PARAMS, thresholdProblem } from '../lif/params';
import type { LifPlan } from '../lif/plan';
import { ms, type ParamSpec } from '../paramSpec';

export const ALIF_PARAMS: readonly ParamSpec[] = [
  ...LIF_PARAMS,
  {
    name: 'tauA',
    unit: 's',
    default: 0.1,
    min: 0,
    exclusiveMin: true,
    ...ms,
    meaning: 'adaptation time constant tau_a (one value for the whole node)',
  },
  {
    name: 'b',
    unit: '1',
    default: 0.2,
    min: 0,
    meaning: 'adaptation jump: a += b at each spike (J = bias + s - a)',
  },
];

export interface AlifPlan extends LifPlan {
  /** Index of the adaptation bank (its stage 0 holds -a). */
  adaptBank: number;
  /** -b per element: the jump of that stage at a spike. */
  jump: Float64Array;
}

function adaptation(plan: AlifPlan, i: number): number {
  // 0 - x: a reads 0, not -0, before the first spike
  return 0 - plan.stages[plan.banks[plan.adaptBank]!.first]![i]!;
}

class AlifNeuron extends LifNeuron {
  constructor(
    private readonly alif: AlifPlan,
    env: ConstructorParameters<typeof LifNeuron>[1],
  ) {
    super(alif, env, { bank: alif.adaptBank, jump: alif.jump });
  }

  override paramEdited(
    name: string,
    values: Float64Array,
    tk: number,
  ): 'coefficients' | 'drives' | null {
    if (name === 'b') {
      for (let i = 0; i < values.length; i++) this.alif.jump[i] = -values[i]!;
      return null;
    }
    if (name === 'tauA') {
      this.alif.banks[this.alif.adaptBank]!.tauS = values[0]!;
      return 'coefficients';
    }
    return super.paramEdited(name, values, tk);
  }
}

function crossCheck(params: Readonly<Record<string, Float64Array>>, size: number): ParamProblem {
  const tauA = params['tauA']!;
  for (let i = 1; i < size; i++)
    if (tauA[i] !== tauA[0])
      return { param: 'tauA', message: 'must be one value for the whole population' };
  return thresholdProblem(params, size);
}

export const alifModel: NeuronModelDefinition<AlifPlan> = {
  id: 'alif',
  label: 'Adaptive LIF (spike-frequency adaptation)',
  shortLabel: 'aLIF',
  description: 'LIF with adaptation: each spike slows the next',
  populationDescription: 'N adaptive LIF neurons',
  summary: [
    ['tauA', 'τa'],
    ['b', 'b'],
  ],
  color: '#0e7490',
  learnViews: [],
  fi: { from: 0, to: 5, count: 51, duration: 1, axis: 'J (dimensionless)' },
  timeScales: [
    { param: 'tauM', what: 'τm of {node}' },
    { param: 'tauA', what: 'τa of {node}' },
  ],
  presets: [
    { label: 'Strong, slow adaptation (τa 100 ms, b 0.2)', params: { tauA: 0.1, b: 0.2 } },
    { label: 'Weak, fast adaptation (τa 30 ms, b 0.05)', params: { tauA: 0.03, b: 0.05 } },
  ],
  params: ALIF_PARAMS,
  variables: [
    { name: 'v', unit: '1', meaning: 'membrane potential' },
    { name: 'a', unit: '1', meaning: 'adaptation current (subtracted from J)' },
  ],
  spiking: true,
  hasActivation: false,
  inputUnit: '1',
  inputLabel: 'dimensionless',
  liveParams: ['bias', 'tauM', 'tauRef', 'vTh', 'vReset', 'tauA', 'b'],
  live: {
    variable: 'v',
    legend: 'Adaptive LIF: v from vReset (white) to vTh (orange).',
    zeroName: 'reset',
  },
  crossCheck,
  build: (core: NeuronCore) => ({
    ...buildLif(core),
    adaptBank: -1,
    jump: core.params['b']!.map((b) => -b),
  }),
  finishBanks: (plan) => {
    plan.adaptBank = plan.banks.length;
    plan.banks.push({
      tauS: plan.params['tauA']![0]!,
      order: 0,
      first: plan.stages.length,
      drive: null,
    });
    plan.stages.push(new Float64Array(plan.size));
  },
  createKernel: (plan, env) => new AlifNeuron(plan, env),
  read: (plan, variable, i) =>
    variable === 'v' ? plan.v[i]! : variable === 'a' ? adaptation(plan, i) : NaN,
  readInput: (plan, variable, i) => {
    if (variable === 'J') return readInput(plan, 'J', i);
    let s = plan.direct[i]!;
    plan.banks.forEach((bank, b) => {
      if (b !== plan.adaptBank) s += plan.stages[bank.first + bank.order]![i]!;
    });
    return s;
  },
  liveLevel: lifLevel,
};
