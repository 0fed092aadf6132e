/**
 * The notes' rate unit (notes 1.2.3, 1.3.4): y = sigma(z), z = Wx + b. tau = 0: y follows
 * sigma(z) at every sample; tau > 0: tau y' = sigma(z) - y, exact with z held over the step.
 * Filters of spiking inputs are propagated exactly (arrivals by superposition, ../filters.ts).
 */
import { SimulationError } from '../../util/simulationError';
import { ACTIVATION_CODE, activate, onehot, softmax } from '../activations';
import { addImpulse, propagateBanks } from '../filters';
import type { KernelEnv, NeuronCore, NeuronKernel, NeuronModelDefinition } from '../neuron';
import { ms, type ParamSpec } from '../paramSpec';

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

/** A compiled rate node. */
export interface RatePlan extends NeuronCore {
  activation: number;
  tau: Float64Array;
  y: Float64Array;
  /** z at the current step start (held over the step for tau > 0). */
  z: Float64Array;
  output: Float64Array;
}

class RateNeuron implements NeuronKernel {
  constructor(
    private readonly node: RatePlan,
    private readonly env: KernelEnv,
  ) {}

  setActivation(code: number): void {
    this.node.activation = code;
  }

  paramEdited(): null {
    return null;
  }

  private computeSigma(z: Float64Array): Float64Array {
    const node = this.node;
    const sigma = this.env.scratch;
    const n = node.size;
    if (node.activation === ACTIVATION_CODE.softmax) softmax(z, sigma, n);
    else if (node.activation === ACTIVATION_CODE.onehot) onehot(z, sigma, n);
    else for (let i = 0; i < n; i++) sigma[i] = activate(node.activation, z[i]!);
    return sigma;
  }

  /** Phase C: z and (tau = 0) y at t_k from the drives just computed. */
  evaluate(k: number): void {
    const node = this.node;
    const n = node.size;
    const z = node.z;
    for (let i = 0; i < n; i++) {
      let s = node.bias[i]! + node.direct[i]!;
      for (const bank of node.banks) s += node.stages[bank.first + bank.order]![i]!;
      z[i] = s;
    }
    const sigma = this.computeSigma(z);
    let check = 0;
    for (let i = 0; i < n; i++) {
      if (node.tau[i] === 0) node.y[i] = sigma[i]!;
      check += node.y[i]! + z[i]!;
    }
    if (!Number.isFinite(check)) this.fail(k * this.env.dt);
    if (node.history) node.history.set(node.y, (k % node.historyLength) * n);
  }

  private fail(t: number): never {
    const node = this.node;
    for (let i = 0; i < node.size; i++) {
      if (!Number.isFinite(node.z[i]!))
        throw new SimulationError(
          node.id,
          t,
          `input z of element ${i} is not finite (${node.z[i]})`,
        );
      if (!Number.isFinite(node.y[i]!))
        throw new SimulationError(node.id, t, `y of element ${i} is not finite (${node.y[i]})`);
    }
    throw new SimulationError(node.id, t, 'a value is not finite');
  }

  /** Phase A: filters to t1 (arrivals by superposition); tau > 0: y relaxes toward sigma(z_k). */
  advance(k: number, t0: number, t1: number): void {
    const node = this.node;
    propagateBanks(node, this.env.fullBankCoefs());
    const bucket = node.queue.bucket(k);
    for (let e = 0; e < bucket.count; e++) {
      addImpulse(node, bucket.slot[e]!, bucket.elem[e]!, bucket.amount[e]!, t1 - bucket.time[e]!);
    }
    bucket.count = 0;
    let anyTau = false;
    for (let i = 0; i < node.size; i++) if (node.tau[i]! > 0) anyTau = true;
    if (!anyTau) return;
    const sigma = this.computeSigma(node.z);
    for (let i = 0; i < node.size; i++) {
      const tau = node.tau[i]!;
      if (tau > 0) {
        const s = sigma[i]!;
        node.y[i] = s + (node.y[i]! - s) * Math.exp(-this.env.dt / tau);
      }
    }
    void t0;
  }
}

export const rateModel: NeuronModelDefinition<RatePlan> = {
  id: 'rate',
  label: 'rate unit',
  shortLabel: 'Rate',
  description: 'y = sigma(z): no spikes',
  populationDescription: 'N rate units: a layer',
  summary: [['tau', 'τ']],
  color: '#15803d',
  learnViews: ['activations'],
  fi: { from: -5, to: 5, count: 41, duration: 0.01, axis: 'z' },
  timeScales: [{ param: 'tau', what: 'τ of {node}' }],
  presets: [{ label: 'Instantaneous (τ 0)', params: { tau: 0 } }],
  params: RATE_PARAMS,
  variables: [{ name: 'y', unit: '1', meaning: 'output sigma(z)' }],
  spiking: false,
  hasActivation: true,
  inputUnit: '1',
  inputLabel: 'input z',
  liveParams: ['bias', 'tau'],
  live: {
    variable: 'y',
    legend: 'Rate: the output y from 0 (white) to 1 (orange); arctan scaled to its top.',
    zeroName: '0',
  },
  build: (core, activation) => {
    const y = core.params['y0']!.slice();
    return {
      ...core,
      activation,
      tau: core.params['tau']!,
      y,
      z: new Float64Array(core.size),
      output: y,
    };
  },
  createKernel: (plan, env) => new RateNeuron(plan, env),
  read: (plan, variable, i) => (variable === 'y' ? plan.y[i]! : NaN),
  liveLevel: (plan, i) =>
    plan.y[i]! * (plan.activation === ACTIVATION_CODE.arctan ? 2 / Math.PI : 1),
};
