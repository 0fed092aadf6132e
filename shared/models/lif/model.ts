/**
 * The notes' leaky integrate-and-fire neuron (notes 1.2, 1.3.5), integrated exactly with its PSC
 * filters and spikes located at their precise times (kernel.ts, docs/decisions/0002).
 *   tau_m v' = J - v, J = bias + s; v >= vTh: a spike, v = vReset for tauRef.
 */
import { snapTime } from '../../util/timeGrid';
import {
  SpikeBuffer,
  type KernelEnv,
  type NeuronCore,
  type NeuronKernel,
  type NeuronModelDefinition,
  type RepeatableStep,
} from '../neuron';
import { LifKernel, type LifSnapshot } from './kernel';
import { LIF_PARAMS, thresholdProblem } from './params';
import type { LifPlan } from './plan';

/** A bank of the node's own whose stage 0 jumps by `jump[i]` at each spike of element i. */
export interface SelfJump {
  bank: number;
  jump: Float64Array;
}

/** The LIF node's stepping: the exact kernel, t = 0 spikes, live-edit hooks. */
export class LifNeuron implements NeuronKernel {
  private readonly kernel: LifKernel;
  constructor(
    private readonly plan: LifPlan,
    private readonly env: KernelEnv,
    private readonly self: SelfJump | null = null,
  ) {
    this.kernel = new LifKernel(plan, env.dt, env.lifFastPath, self, env.simd, env.stepHelper);
  }

  initialSpikes(): void {
    const node = this.plan;
    for (let i = 0; i < node.size; i++) {
      if (node.v[i]! >= node.vTh[i]!) {
        node.spikes.push(i, 0);
        node.v[i] = node.vReset[i]!;
        node.refUntil[i] = snapTime(node.tauRef[i]!, this.env.dt);
        if (this.self) node.stages[node.banks[this.self.bank]!.first]![i] += this.self.jump[i]!;
      }
    }
  }

  advance(k: number, t0: number, t1: number): void {
    const bucket = this.plan.queue.bucket(k);
    this.env.addSwitchEvents(bucket, t0, t1);
    this.kernel.advance(k, t0, t1, bucket);
  }

  /** The state a step changes is v, the filter stages and refUntil: exact cycles re-integrate. */
  readonly repeatable: RepeatableStep = {
    createSnapshot: () => this.kernel.createSnapshot(),
    save: (into) => this.kernel.saveState(into as LifSnapshot),
    restore: (from) => this.kernel.restoreState(from as LifSnapshot),
    begin: (k, t0, t1) => this.env.addSwitchEvents(this.plan.queue.bucket(k), t0, t1),
    integrate: (k, t0, t1) => this.kernel.advance(k, t0, t1, this.plan.queue.bucket(k)),
  };

  coefficientsChanged(): void {
    this.kernel.updateCoefficients();
  }

  drivesChanged(): void {
    if (this.env.staticDrive) this.kernel.setStaticDrive();
  }

  stateChanged(): void {
    this.kernel.stateChanged();
  }

  paramEdited(name: string, values: Float64Array, tk: number): 'coefficients' | 'drives' | null {
    const node = this.plan;
    if (name === 'tauM') return 'coefficients';
    if (name === 'bias' || name === 'vTh') return 'drives';
    if (name === 'vReset') {
      // v is held at vReset during the refractory period: hold it at the new value
      for (let i = 0; i < node.size; i++) if (node.refUntil[i]! > tk) node.v[i] = values[i]!;
    }
    return null;
  }
}

/** The LIF plan from the resolved params (also the adaptive LIF's). */
export function buildLif(core: NeuronCore): LifPlan {
  const p = core.params;
  return {
    ...core,
    tauM: p['tauM']!,
    tauRef: p['tauRef']!,
    vTh: p['vTh']!,
    vReset: p['vReset']!,
    v: p['v0']!.slice(),
    refUntil: new Float64Array(core.size).fill(-Infinity),
    spikes: new SpikeBuffer(),
  };
}

/** 0 at vReset, 1 at vTh. */
export function lifLevel(plan: LifPlan, i: number): number {
  return (plan.v[i]! - plan.vReset[i]!) / (plan.vTh[i]! - plan.vReset[i]!);
}

export const lifModel: NeuronModelDefinition<LifPlan> = {
  id: 'lif',
  label: 'LIF (leaky integrate-and-fire)',
  shortLabel: 'LIF',
  description: 'leaky integrate-and-fire: spikes',
  populationDescription: 'N LIF neurons',
  summary: [
    ['tauM', 'τm'],
    ['tauRef', 'τref'],
  ],
  color: '#2563eb',
  learnViews: ['lif'],
  fi: { from: 0, to: 5, count: 51, duration: 1, axis: 'J (dimensionless)' },
  timeScales: [{ param: 'tauM', what: 'τm of {node}' }],
  presets: [
    { label: 'Cortical neuron (τm 20 ms, τref 2 ms)', params: { tauM: 0.02, tauRef: 0.002 } },
    { label: 'Fast-spiking (τm 10 ms, τref 1 ms)', params: { tauM: 0.01, tauRef: 0.001 } },
  ],
  params: LIF_PARAMS,
  variables: [{ name: 'v', unit: '1', meaning: 'membrane potential' }],
  spiking: true,
  hasActivation: false,
  inputUnit: '1',
  inputLabel: 'dimensionless',
  liveParams: ['bias', 'tauM', 'tauRef', 'vTh', 'vReset'],
  live: { variable: 'v', legend: 'LIF: v from vReset (white) to vTh (orange).', zeroName: 'reset' },
  crossCheck: thresholdProblem,
  build: buildLif,
  createKernel: (plan, env) => new LifNeuron(plan, env),
  read: (plan, variable, i) => (variable === 'v' ? plan.v[i]! : NaN),
  liveLevel: lifLevel,
};
