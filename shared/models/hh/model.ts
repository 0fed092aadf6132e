/**
 * The notes' Hodgkin-Huxley neuron (notes 1.1.4): Dormand-Prince with the exact synaptic current
 * J(t) at every stage (advanceHh.ts, hhInput.ts, docs/decisions/0004), filters advanced exactly.
 */
import { SimulationError } from '../../util/simulationError';
import { addImpulse, propagateBanks } from '../filters';
import {
  SpikeBuffer,
  type EventBuffer,
  type KernelEnv,
  type NeuronCore,
  type NeuronKernel,
  type NeuronModelDefinition,
} from '../neuron';
import { advanceHh, type HhSpikeSink } from './advanceHh';
import { HhInput } from './hhInput';
import {
  createHhPopulation,
  invalidateHhDerivatives,
  type HhParams,
  type HhPopulation,
} from './hhPopulation';
import { HH_PARAMS } from './params';

/** The resting potential of the notes' HH neuron (squid axon, 6.3 °C): live level 0. */
export const HH_LIVE_REST_MV = -65;

/** A compiled HH node: its params and the integrator's state arrays (V, m, h, n). */
export interface HhPlan extends NeuronCore {
  V: Float64Array;
  m: Float64Array;
  h: Float64Array;
  n: Float64Array;
  spikes: SpikeBuffer;
}

/**
 * One HH node's stepping. The neurons are integrated over the whole step with their exact input
 * current J(t): the filter states at t0 and this step's events at their times go to advanceHh
 * through an HhInput, which evaluates J at every Runge-Kutta stage. Then the filters themselves
 * are advanced to t1 exactly, segment by segment between input switches, spikes entering with
 * their partial evolution (../filters.ts).
 */
class HhNeuron implements NeuronKernel {
  private readonly pop: HhPopulation;
  private input: HhInput | undefined;
  private readonly order: number[] = [];
  private readonly cuts: number[] = [];
  private fill = new Int32Array(0);
  private readonly sink: HhSpikeSink;

  constructor(
    private readonly node: HhPlan,
    private readonly env: KernelEnv,
  ) {
    const p = node.params;
    const params: HhParams = {};
    for (const spec of HH_PARAMS) params[spec.name as keyof HhParams] = p[spec.name]!;
    this.pop = createHhPopulation(node.size, params);
    // the plan's state arrays are the integrator's
    node.V = this.pop.V;
    node.m = this.pop.m;
    node.h = this.pop.h;
    node.n = this.pop.n;
    this.sink = (index, time) => {
      node.spikes.push(index, time);
    };
  }

  paramEdited(name: string, values: Float64Array): null {
    // the plan's copy (J probes read bias from it) was written; now the integrator's own
    (this.pop as unknown as Record<string, Float64Array>)[name]!.set(values);
    if (name !== 'bias' && name !== 'spikeThreshold') invalidateHhDerivatives(this.pop);
    return null;
  }

  advance(k: number, t0: number, t1: number): void {
    const node = this.node;
    const bucket = node.queue.bucket(k);
    this.env.addSwitchEvents(bucket, t0, t1);
    const B = node.banks.length;
    const n = bucket.count;
    // sort event indices by time (few per step in practice)
    const order = this.order;
    order.length = 0;
    for (let e = 0; e < n; e++) order.push(e);
    if (n > 1) order.sort((a, b) => bucket.time[a]! - bucket.time[b]! || a - b);

    // 1. the neurons, with the exact J(t)
    const input = this.loadInput(bucket, order, t0);
    const failed = advanceHh(this.pop, t0, t1, node.direct, this.sink, input);
    if (failed >= 0) {
      throw new SimulationError(
        node.id,
        t1,
        `the HH state of element ${failed} is not finite (or its integration failed)`,
      );
    }

    // 2. the filters, exactly to t1 (cut at input switches, which change their drive)
    if (B === 0 && n === 0) return;
    const cuts = this.cuts;
    cuts.length = 0;
    for (const e of order)
      if (bucket.slot[e]! >= B && cuts[cuts.length - 1] !== bucket.time[e])
        cuts.push(bucket.time[e]!);
    cuts.push(t1);
    // drives may change inside the step: work on the arrays and restore them at the end
    const savedDirect = cuts.length > 1 ? node.direct.slice() : null;
    const savedDrives = cuts.length > 1 ? node.banks.map((b) => b.drive?.slice() ?? null) : null;
    let ta = t0;
    let ei = 0;
    for (const tb of cuts) {
      const u = tb - ta;
      if (u > 0) {
        const coefs = u === this.env.dt ? this.env.fullBankCoefs() : this.env.bankCoefs(u);
        propagateBanks(node, coefs);
        while (ei < n && bucket.time[order[ei]!]! <= tb) {
          const e = order[ei]!;
          if (bucket.slot[e]! < B)
            addImpulse(
              node,
              bucket.slot[e]!,
              bucket.elem[e]!,
              bucket.amount[e]!,
              tb - bucket.time[e]!,
            );
          else if (bucket.time[e]! < tb) break;
          ei++;
        }
      }
      // switch events at tb
      while (ei < n && bucket.time[order[ei]!]! <= tb) {
        const e = order[ei]!;
        const slot = bucket.slot[e]!;
        if (slot < B) addImpulse(node, slot, bucket.elem[e]!, bucket.amount[e]!, 0);
        else if (slot < 2 * B) node.banks[slot - B]!.drive![bucket.elem[e]!] += bucket.amount[e]!;
        else node.direct[bucket.elem[e]!] += bucket.amount[e]!;
        ei++;
      }
      ta = tb;
    }
    if (savedDirect) {
      node.direct.set(savedDirect);
      node.banks.forEach((b, i) => {
        if (b.drive) b.drive.set(savedDrives![i]!);
      });
    }
    bucket.count = 0;
  }

  /**
   * The node's HhInput for this step: filter states, drives and D at t0, and the step's events per
   * element in time order (ms from t0). Undefined when the node has no banks and no events (every J
   * is then the constant node.direct).
   */
  private loadInput(
    bucket: EventBuffer,
    order: readonly number[],
    t0: number,
  ): HhInput | undefined {
    const node = this.node;
    const n = bucket.count;
    const B = node.banks.length;
    if (B === 0 && n === 0) return undefined;
    let input = this.input;
    if (!input) {
      input = new HhInput(
        node.size,
        node.banks.map((b) => b.order),
        node.banks.map((b) => b.first),
        node.banks.map((b) => b.tauS),
      );
      this.input = input;
    }
    const size = node.size;
    const S = input.stagesPerElement;
    node.banks.forEach((bank, b) => {
      input.invTauMs[b] = 1 / (bank.tauS * 1000);
      for (let kk = 0; kk <= bank.order; kk++) {
        const xs = node.stages[bank.first + kk]!;
        for (let i = 0; i < size; i++) input.state[i * S + bank.first + kk] = xs[i]!;
      }
      const drive = bank.drive;
      for (let i = 0; i < size; i++) input.drive[i * B + b] = drive ? drive[i]! : 0;
    });
    input.direct.set(node.direct);
    // events per element (counting sort by element, stable in time order)
    const ptr = input.evPtr;
    ptr.fill(0);
    for (let e = 0; e < n; e++) ptr[bucket.elem[e]! + 1]++;
    for (let i = 0; i < size; i++) ptr[i + 1] += ptr[i]!;
    input.reserveEvents(n);
    if (this.fill.length < size) this.fill = new Int32Array(Math.max(size, 2 * this.fill.length));
    const fill = this.fill;
    fill.set(ptr.subarray(0, size));
    for (const e of order) {
      const i = bucket.elem[e]!;
      const at = fill[i]!++;
      input.evTimeMs[at] = (bucket.time[e]! - t0) * 1000;
      input.evSlot[at] = bucket.slot[e]!;
      input.evAmount[at] = bucket.amount[e]!;
    }
    return input;
  }
}

const GATES: Record<string, (plan: HhPlan) => Float64Array> = {
  V: (p) => p.V,
  m: (p) => p.m,
  h: (p) => p.h,
  n: (p) => p.n,
};

export const hhModel: NeuronModelDefinition<HhPlan> = {
  id: 'hh',
  label: 'HH (Hodgkin-Huxley)',
  shortLabel: 'HH',
  description: 'Hodgkin-Huxley: spikes, mV',
  populationDescription: 'N HH neurons',
  summary: [
    ['gNa', 'gNa'],
    ['gK', 'gK'],
  ],
  summaryPlain: true,
  color: '#7c3aed',
  learnViews: ['hhGating', 'hhCurrent'],
  fi: { from: 0, to: 20, count: 41, duration: 0.5, axis: 'J (µA/cm²)' },
  // its fastest gate (m) moves in well under a millisecond near threshold
  timeScales: [{ seconds: 0.001, what: 'the sodium gate m of {node} (about 1 ms)' }],
  presets: [
    {
      label: 'Squid axon (standard values)',
      params: { C: 1, gNa: 120, gK: 36, gL: 0.3, ENa: 50, EK: -77, EL: -54.387 },
    },
  ],
  params: HH_PARAMS,
  variables: [
    { name: 'V', unit: 'mV', meaning: 'membrane voltage' },
    { name: 'm', unit: '1', meaning: 'sodium activation gate' },
    { name: 'h', unit: '1', meaning: 'sodium inactivation gate' },
    { name: 'n', unit: '1', meaning: 'potassium activation gate' },
  ],
  spiking: true,
  hasActivation: false,
  inputUnit: 'uA/cm^2',
  inputLabel: 'µA/cm²',
  liveParams: ['bias', 'C', 'gNa', 'gK', 'gL', 'ENa', 'EK', 'EL', 'spikeThreshold'],
  live: {
    variable: 'V',
    legend: 'HH: V from rest, −65 mV (white), to spikeThreshold (orange).',
    zeroName: 'rest',
  },
  build: (core) => ({
    ...core,
    V: core.params['V0']!.slice(),
    m: new Float64Array(core.size),
    h: new Float64Array(core.size),
    n: new Float64Array(core.size),
    spikes: new SpikeBuffer(),
  }),
  createKernel: (plan, env) => new HhNeuron(plan, env),
  read: (plan, variable, i) => GATES[variable]?.(plan)[i] ?? NaN,
  liveLevel: (plan, i) => {
    const span = plan.params['spikeThreshold']![i]! - HH_LIVE_REST_MV;
    return span > 0 ? (plan.V[i]! - HH_LIVE_REST_MV) / span : 0;
  },
};
