/**
 * The step loop: advances a CompiledPlan step by step in a fixed order and records probes.
 *
 * Step k covers (t_k, t_{k+1}], t_k = k dt (by multiplication). Phase order of one step:
 *   A. For each node in the step order (topological order of zero-delay edges):
 *        spike source  -> emit its spikes in (t_k, t_{k+1}]
 *        LIF           -> add this step's switch events of piecewise inputs, integrate exactly with
 *                         the events of the step (spike arrivals at their exact times), locate spikes
 *        HH            -> integrate with the exact J(t) at every stage (hhInput.ts), then the filters
 *        rate          -> propagate filters exactly (events by superposition); tau > 0: y relaxes
 *                         toward sigma(z_k) with z held over the step
 *      and right after a spiking node: deliver its new spikes. A spike at t_s on an edge with delay d
 *      arrives at t_s + d. If that is inside this step and the target comes later in the order, it
 *      is an exact event of the target's current step; if it is in a later step, it waits in the
 *      target's ring of per-step buckets; if it is inside this step but the target was already
 *      advanced (a cycle of zero-delay edges, e.g. a recurrent population, or a short backwards
 *      delay), it is a "late" spike:
 *   B. Late spikes: added to the target's filter states at t_{k+1} with the exact filter evolution
 *      since their arrival (x_k += (w/tau) E_k((t_{k+1} - t_a)/tau)); their effect on v starts at
 *      t_{k+1} (the docs/format.md#input-j rule for cycles; docs/simulator.md).
 *   C. Continuous values at t_{k+1}, in the step order: inputs (noise: one exact OU update), the
 *      drives of every target from its continuous sources, rate units' z and (tau = 0) y = sigma(z).
 *      Inside a cycle of instantaneous units an edge from a node later in the order reads the value
 *      that node had at t_k (y0 at the first step).
 *   D. Probes sample the state at t_{k+1} (k+1 a multiple of `every`).
 * Before step 0: continuous values at t = 0, spikes at exactly t = 0 (v0 >= vTh, spike times 0)
 * applied to their targets' filters, then sample 0.
 */
import type { StepHelper } from '../../models/lif/order0Threads';
import { BankCoefficients, addImpulse } from '../../models/filters';
import type { KernelEnv, NeuronKernel, RepeatableStep, SpikeBuffer } from '../../models/neuron';
import { EventBuffer, readInput } from '../../models/neuron';

import type { RandomStream } from '../../util/random';
import type {
  CompiledPlan,
  InputPlan,
  NeuronPlan,
  NodePlan,
  Projection,
  TargetPlan,
} from '../plan';
import {
  CONN_ALL,
  CONN_CSR,
  CONN_DENSE,
  CONN_IDENTITY,
  SIG_BIAS,
  SIG_CONSTANT,
  SIG_NOISE,
  SIG_POISSON,
  SIG_SINE,
  SIG_SPIKES,
} from '../plan';
import type {
  CycleInfo,
  Issue,
  LiveEdit,
  Simulation,
  SimulationFrame,
  SpikeChunk,
  TraceChunk,
} from '../types';
import { ChunkFailure, SimulationError } from '../types';
import { findZeroDelayCycles, type CycleRule, type ExactComponent } from './exactCycles';
import { NEEDS_RESTART, applyLiveEdit, restartIssue, type LiveEditContext } from './liveEdit';
import { snapTime, TIME_GRID_TOLERANCE } from '../../util/timeGrid';
import { createRunState, type RunState } from './runState';
import { sortSpikeOrder } from './spikeOrder';
import { forEachSwitch, hasSwitches, isPiecewise, valueAt } from './signals';

/** Counters the benches read. */
export interface EngineStats {
  /** Spike deliveries to single target elements. */
  synapticEvents: number;
  /** Neuron updates (elements x steps, all models). */
  neuronUpdates: number;
}

/** Work buffers of one exactly integrated zero-delay cycle (exactCycles.ts), allocated once. */
interface ExactBlock {
  cycle: ExactComponent;
  steps: RepeatableStep[];
  snapshots: unknown[];
  /** The members' events of the step before the passes add the cycle's own spikes. */
  saved: EventBuffer[];
  before: Int32Array;
  /** The previous pass's spikes: member, element, time. */
  prevMember: Int32Array;
  prevIndex: Int32Array;
  prevTime: Float64Array;
}

interface ProbeFrameState {
  steps: Float64Array;
  values: Float64Array;
  count: number;
}

export class Engine implements Simulation {
  readonly dt: number;
  readonly totalSteps: number;
  private steps = 0;
  readonly stats: EngineStats = { synapticEvents: 0, neuronUpdates: 0 };
  /** The compiled plan: constants and initial values, never written by the run. */
  readonly plan: CompiledPlan;
  /** The engine's own instance of the plan (runState.ts): everything a step or an edit writes. */
  readonly state: RunState;
  private readonly kernels = new Map<NeuronPlan, NeuronKernel>();
  private readonly fullBankCoefs = new Map<TargetPlan, BankCoefficients[]>();
  private readonly scratchBankCoefs: BankCoefficients[] = [];
  private readonly staticDrives = new Set<TargetPlan>();
  // late spikes of the current step
  private lateProj: Projection[] = [];
  private lateElem = new Int32Array(256);
  private lateTime = new Float64Array(256);
  private lateCount = 0;
  private readonly column = new Float64Array(11);
  private readonly sourceScratch: Float64Array;
  private readonly kernelScratch: Float64Array;
  private probeFrames: ProbeFrameState[] = [];
  private sample0Done = false;
  private editContext: LiveEditContext | null = null;
  /** Zero-delay cycles of spiking edges and the rule each runs under (exactCycles.ts). */
  readonly cycles: CycleInfo[];
  /** exactAt[r]: the exact cycle whose first member is plan.order[r]. */
  private readonly exactAt: Array<ExactBlock | null>;
  /** Passes of exact cycles beyond the first, over the run (stats). */
  exactCyclePasses = 0;

  constructor(
    plan: CompiledPlan,
    options: {
      lifFastPath?: boolean;
      simd?: boolean;
      stepHelper?: StepHelper | null;
      cycleRule?: CycleRule;
    } = {},
  ) {
    this.plan = plan;
    this.dt = plan.dt;
    this.totalSteps = plan.totalSteps;
    const state = (this.state = createRunState(plan));
    let maxSize = 1;
    for (const n of state.nodes) maxSize = Math.max(maxSize, n.size);
    this.sourceScratch = new Float64Array(maxSize);
    this.kernelScratch = new Float64Array(maxSize);
    for (let b = 0; b < 16; b++) this.scratchBankCoefs.push(new BankCoefficients());
    for (const n of state.nodes) {
      if (n.kind === 'input') continue;
      const coefs = n.banks.map((bank) => {
        const c = new BankCoefficients();
        c.set(plan.dt, bank.tauS, bank.order);
        return c;
      });
      this.fullBankCoefs.set(n, coefs);
      while (this.scratchBankCoefs.length < n.banks.length)
        this.scratchBankCoefs.push(new BankCoefficients());
      if (n.continuousIn.every((p) => isStaticSource(p))) this.staticDrives.add(n);
    }
    for (const n of state.nodes)
      if (n.kind === 'neuron')
        this.kernels.set(
          n,
          n.model.createKernel(
            n,
            this.kernelEnv(
              n,
              options.lifFastPath ?? true,
              options.simd ?? true,
              options.stepHelper ?? null,
            ),
          ),
        );
    const { cycles, exact } = findZeroDelayCycles(
      state,
      (n) => this.kernels.get(n)?.repeatable !== undefined,
      options.cycleRule,
    );
    this.cycles = cycles;
    this.exactAt = state.order.map(() => null);
    for (const cycle of exact) {
      const steps = cycle.members.map((m) => this.kernels.get(m)!.repeatable!);
      this.exactAt[cycle.first] = {
        cycle,
        steps,
        snapshots: steps.map((step) => step.createSnapshot()),
        saved: cycle.members.map(() => new EventBuffer()),
        before: new Int32Array(cycle.members.length),
        prevMember: new Int32Array(64),
        prevIndex: new Int32Array(64),
        prevTime: new Float64Array(64),
      };
    }
    this.initialise();
    for (const [n, kernel] of this.kernels) if (this.staticDrives.has(n)) kernel.drivesChanged?.();
  }

  /** What a node's kernel may use of the engine. */
  private kernelEnv(
    node: NeuronPlan,
    lifFastPath: boolean,
    simd: boolean,
    stepHelper: StepHelper | null,
  ): KernelEnv {
    return {
      dt: this.dt,
      lifFastPath,
      simd,
      stepHelper,
      staticDrive: this.staticDrives.has(node),
      fullBankCoefs: () => this.fullBankCoefs.get(node)!,
      bankCoefs: (u) => this.bankCoefs(node, u),
      addSwitchEvents: (bucket, t0, t1) => this.addSwitchEvents(node, bucket, t0, t1),
      scratch: this.kernelScratch,
    };
  }

  get stepsDone(): number {
    return this.steps;
  }

  // ---------------------------------------------------------------- live edits

  /**
   * Change one value from the next step on (engine/liveEdit.ts says what is supported and when
   * each change acts). Returns null when applied, else an Issue; a refused edit changes nothing.
   */
  applyEdit(edit: LiveEdit): Issue | null {
    try {
      const issue = applyLiveEdit((this.editContext ??= this.createEditContext()), edit);
      if (issue === null) for (const kernel of this.kernels.values()) kernel.stateChanged?.();
      return issue;
    } catch (e) {
      return restartIssue({
        severity: 'error',
        path: String(edit.path),
        message: `${NEEDS_RESTART}: ${(e as Error)?.message ?? String(e)}`,
        ...(typeof edit.elementId === 'string' ? { elementId: edit.elementId } : {}),
      });
    }
  }

  private createEditContext(): LiveEditContext {
    const nodes = new Map(this.state.nodes.map((n) => [n.id, n]));
    const projections = new Map(this.state.projections.map((p) => [p.id, p]));
    return {
      dt: this.dt,
      stepsDone: () => this.steps,
      projections: this.state.projections,
      node: (id) => nodes.get(id),
      projection: (id) => projections.get(id),
      kernel: (node) => this.kernels.get(node)!,
      coefficientsChanged: (target) => this.updateCoefficients(target),
      drivesChanged: (target) => this.refreshDrives(target),
      inputChanged: (node) => this.refreshInput(node),
    };
  }

  /** Recompute the full-step filter and membrane propagators of a target (tauM or tauS edited). */
  private updateCoefficients(target: TargetPlan): void {
    const coefs = this.fullBankCoefs.get(target)!;
    target.banks.forEach((bank, b) => coefs[b]!.set(this.dt, bank.tauS, bank.order));
    this.kernels.get(target)!.coefficientsChanged?.();
  }

  /**
   * Re-evaluate a target's drives at t_k = stepsDone dt after a value entering them changed. An
   * edge from an instantaneous rate unit advanced after the target (a cycle) carried that unit's
   * previous value when the drives were computed: re-reading it now would change that rule, so
   * such a target takes the change at the next sample instead.
   */
  private refreshDrives(target: TargetPlan): void {
    const k = this.steps;
    const cycleEdge = target.continuousIn.some(
      (p) =>
        p.source.kind === 'neuron' &&
        p.source.output !== null &&
        p.delaySteps === 0 &&
        p.source.rank >= target.rank,
    );
    if (!cycleEdge) this.computeDrives(target, k, k * this.dt);
    this.kernels.get(target)!.drivesChanged?.();
  }

  /** An input's signal changed: its value u at t_k, its history slot, its targets' drives. */
  private refreshInput(node: InputPlan): void {
    const k = this.steps;
    const t = k * this.dt;
    const u = node.u;
    if (node.signal === SIG_NOISE) {
      // u_0 = mean; later the Ornstein-Uhlenbeck state moves toward the new mean by itself
      if (k !== 0) return;
      u.set(node.fields['mean']!);
    } else {
      for (let i = 0; i < node.size; i++) u[i] = valueAt(node, i, t, this.dt);
    }
    if (node.history) node.history.set(u, (k % node.historyLength) * node.size);
    const seen = new Set<TargetPlan>();
    for (const p of node.out) {
      if (p.spiking || seen.has(p.target)) continue;
      seen.add(p.target);
      this.refreshDrives(p.target);
    }
  }

  // ---------------------------------------------------------------- initial state (t = 0)

  private initialise(): void {
    // spikes at exactly t = 0
    for (const node of this.state.order) {
      const before = node.spikes?.count ?? 0;
      if (node.kind === 'neuron') {
        this.kernels.get(node)!.initialSpikes?.();
      } else if (node.signal === SIG_SPIKES) {
        const cursor = node.spikeCursor!;
        for (let i = 0; i < node.size; i++) {
          const end = node.spikeRowPtr![i + 1]!;
          while (cursor[i]! < end && node.spikeTimes![cursor[i]!]! <= 0) {
            node.spikes!.push(i, 0);
            cursor[i]++;
          }
        }
      }
      const buffer = node.spikes;
      if (buffer && buffer.count > before) this.deliverInitial(node, buffer, before);
    }
    this.evaluateContinuous(0);
  }

  /** t = 0 spikes: zero-delay arrivals act on the filter states at t = 0 directly. */
  private deliverInitial(node: NodePlan, buffer: SpikeBuffer, from: number): void {
    for (const p of node.out) {
      for (let s = from; s < buffer.count; s++) {
        const j = buffer.index[s]!;
        const arrival = p.delay === 0 ? 0 : snapTime(p.delay, this.dt);
        if (arrival === 0) {
          this.forTargets(p, j, (i, w) => addImpulse(p.target, p.bank, i, w / p.tauS, 0));
        } else {
          const step = this.stepOfEvent(arrival);
          const bucket = p.target.queue.bucket(step);
          this.forTargets(p, j, (i, w) => bucket.push(i, arrival, p.bank, w / p.tauS));
        }
      }
    }
  }

  /** The step whose interval (t_k, t_{k+1}] contains t (t > 0). */
  private stepOfEvent(t: number): number {
    return Math.max(0, Math.ceil(t / this.dt - TIME_GRID_TOLERANCE) - 1);
  }

  private forTargets(p: Projection, j: number, fn: (i: number, w: number) => void): void {
    const M = p.target.size;
    switch (p.conn) {
      case CONN_ALL:
        for (let i = 0; i < M; i++) fn(i, p.weight);
        break;
      case CONN_IDENTITY:
        fn(j, p.weight);
        break;
      case CONN_DENSE: {
        const d = p.dense!;
        for (let i = 0; i < M; i++) {
          const w = d[j * M + i]!;
          if (w !== 0) fn(i, w);
        }
        break;
      }
      case CONN_CSR: {
        const col = p.col!;
        const end = p.rowPtr![j + 1]!;
        for (let c = p.rowPtr![j]!; c < end; c++) fn(col[c]!, p.weight);
        break;
      }
    }
  }

  // ---------------------------------------------------------------- advance

  advance(maxSteps: number): SimulationFrame {
    const stepFrom = this.steps;
    const stepTo = Math.min(this.totalSteps, stepFrom + Math.max(0, Math.floor(maxSteps)));
    this.beginFrame(this.sample0Done ? stepFrom + 1 : 0, stepTo);
    if (!this.sample0Done) {
      this.record(0);
      this.sample0Done = true;
    }
    try {
      for (let k = stepFrom; k < stepTo; k++) {
        this.step(k);
        this.steps = k + 1;
        this.record(k + 1);
      }
    } catch (e) {
      // The steps before the failing one were recorded: they go with the error, so a host can
      // show the run up to the failure (the failing step's own spikes and samples are left out).
      if (e instanceof SimulationError)
        throw new ChunkFailure(e, this.endFrame(stepFrom, this.steps, true));
      throw e;
    }
    return this.endFrame(stepFrom, stepTo);
  }

  private step(k: number): void {
    const dt = this.dt;
    const t0 = k * dt;
    const t1 = (k + 1) * dt;
    this.lateCount = 0;
    const order = this.state.order;
    for (let r = 0; r < order.length; r++) {
      const exact = this.exactAt[r];
      if (exact) {
        this.advanceExactCycle(exact, k, t0, t1);
        r = exact.cycle.last;
        continue;
      }
      const node = order[r]!;
      if (node.kind === 'input') {
        if (node.spikes) {
          const before = node.spikes.count;
          this.emitSource(node, t0, t1);
          if (node.spikes.count > before) this.deliver(node, node.spikes, before, k);
        }
        continue;
      }
      const spikes = node.spikes;
      const before = spikes ? spikes.count : 0;
      this.kernels.get(node)!.advance(k, t0, t1);
      this.stats.neuronUpdates += node.size;
      if (spikes && spikes.count > before) this.deliver(node, spikes, before, k);
    }
    this.applyLate(t1);
    this.evaluateContinuous(k + 1);
  }

  // ---------------------------------------------------------------- spike sources

  private emitSource(node: InputPlan, t0: number, t1: number): void {
    const spikes = node.spikes!;
    if (node.signal === SIG_SPIKES) {
      const cursor = node.spikeCursor!;
      const times = node.spikeTimes!;
      for (let i = 0; i < node.size; i++) {
        const end = node.spikeRowPtr![i + 1]!;
        let c = cursor[i]!;
        while (c < end && times[c]! <= t1) {
          if (times[c]! > t0) spikes.push(i, times[c]!);
          c++;
        }
        cursor[i] = c;
      }
    } else if (node.signal === SIG_POISSON) {
      const next = node.poissonNext!;
      const rate = node.fields['rate']!;
      for (let i = 0; i < node.size; i++) {
        let t = next[i]!;
        if (t > t1) continue;
        const stream = node.streams[i] as RandomStream;
        const r = rate[i]!;
        while (t <= t1) {
          spikes.push(i, t);
          t += stream.exponential(r);
        }
        next[i] = t;
      }
    }
  }

  // ---------------------------------------------------------------- spike delivery

  /**
   * One step of an exactly integrated zero-delay cycle (exactCycles.ts): passes from the saved
   * start state, each with the previous pass's in-cycle spikes as events at their instants, until
   * the spikes repeat; then the spikes go to every other target as usual.
   */
  private advanceExactCycle(block: ExactBlock, k: number, t0: number, t1: number): void {
    const { members, component } = block.cycle;
    const m = members.length;
    for (let a = 0; a < m; a++) {
      const node = members[a]!;
      block.steps[a]!.begin(k, t0, t1);
      copyEvents(node.queue.bucket(k), block.saved[a]!);
      block.before[a] = node.spikes!.count;
      block.steps[a]!.save(block.snapshots[a]!);
      this.stats.neuronUpdates += node.size;
    }
    // Adding a later event moves a root-finder's bracket, so an earlier crossing can move in its
    // last bits: spikes "repeat" when they agree to well below the root finder's 1e-15 s.
    const tolerance = Math.max(1e-14, 1e-13 * t1);
    let prevCount = 0;
    for (let pass = 0; ; pass++) {
      for (let a = 0; a < m; a++) block.steps[a]!.integrate(k, t0, t1);
      let count = 0;
      let same = true;
      for (let a = 0; a < m; a++) {
        const spikes = members[a]!.spikes!;
        for (let s = block.before[a]!; s < spikes.count; s++, count++) {
          if (
            count >= prevCount ||
            block.prevMember[count] !== a ||
            block.prevIndex[count] !== spikes.index[s] ||
            Math.abs(block.prevTime[count]! - spikes.time[s]!) > tolerance
          )
            same = false;
        }
      }
      // Causality bounds the passes by the spikes of the step + 1; the cap only guards the loop.
      if ((same && count === prevCount) || pass > 2 * count + 8) break;
      this.exactCyclePasses++;
      if (block.prevTime.length < count) growPrevious(block, count);
      prevCount = 0;
      for (let a = 0; a < m; a++) {
        const spikes = members[a]!.spikes!;
        for (let s = block.before[a]!; s < spikes.count; s++, prevCount++) {
          block.prevMember[prevCount] = a;
          block.prevIndex[prevCount] = spikes.index[s]!;
          block.prevTime[prevCount] = spikes.time[s]!;
        }
      }
      for (let a = 0; a < m; a++) {
        const node = members[a]!;
        block.steps[a]!.restore(block.snapshots[a]!);
        node.spikes!.count = block.before[a]!;
        copyEvents(block.saved[a]!, node.queue.bucket(k));
      }
      for (let s = 0; s < prevCount; s++) {
        const out = members[block.prevMember[s]!]!.out;
        for (let pi = 0; pi < out.length; pi++) {
          const p = out[pi]!;
          if (p.delay !== 0 || p.target.component !== component) continue;
          this.pushEvents(
            p,
            block.prevIndex[s]!,
            block.prevTime[s]!,
            1 / p.tauS,
            p.target.queue.bucket(k),
          );
        }
      }
    }
    for (let a = 0; a < m; a++) {
      const node = members[a]!;
      const spikes = node.spikes!;
      if (spikes.count > block.before[a]!)
        this.deliver(node, spikes, block.before[a]!, k, component);
    }
  }

  /**
   * Sends a node's new spikes to its targets. Zero-delay edges into `exactComponent` are skipped:
   * the exact cycle's passes have already integrated them.
   */
  private deliver(
    node: NodePlan,
    buffer: SpikeBuffer,
    from: number,
    k: number,
    exactComponent = -1,
  ): void {
    const out = node.out;
    const dt = this.dt;
    for (let pi = 0; pi < out.length; pi++) {
      const p = out[pi]!;
      if (p.delay === 0 && p.target.component === exactComponent) continue;
      const target = p.target;
      const amountScale = 1 / p.tauS;
      for (let s = from; s < buffer.count; s++) {
        const j = buffer.index[s]!;
        const ts = buffer.time[s]!;
        const arrival = p.delay === 0 ? ts : snapTime(ts + p.delay, dt);
        const step = p.delay === 0 ? k : this.stepOfEvent(arrival);
        if (step <= k && p.targetFirst) {
          this.pushLate(p, j, arrival);
          continue;
        }
        const bucket = target.queue.bucket(step);
        this.pushEvents(p, j, arrival, amountScale, bucket);
      }
    }
  }

  private pushEvents(
    p: Projection,
    j: number,
    time: number,
    scale: number,
    bucket: EventBuffer,
  ): void {
    const M = p.target.size;
    const bank = p.bank;
    switch (p.conn) {
      case CONN_ALL: {
        const a = p.weight * scale;
        for (let i = 0; i < M; i++) bucket.push(i, time, bank, a);
        this.stats.synapticEvents += M;
        break;
      }
      case CONN_IDENTITY:
        bucket.push(j, time, bank, p.weight * scale);
        this.stats.synapticEvents += 1;
        break;
      case CONN_DENSE: {
        const d = p.dense!;
        const o = j * M;
        for (let i = 0; i < M; i++) {
          const w = d[o + i]!;
          if (w !== 0) bucket.push(i, time, bank, w * scale);
        }
        this.stats.synapticEvents += M;
        break;
      }
      case CONN_CSR: {
        const col = p.col!;
        const a = p.weight * scale;
        const end = p.rowPtr![j + 1]!;
        const start = p.rowPtr![j]!;
        for (let c = start; c < end; c++) bucket.push(col[c]!, time, bank, a);
        this.stats.synapticEvents += end - start;
        break;
      }
    }
  }

  private pushLate(p: Projection, j: number, time: number): void {
    if (this.lateCount === this.lateElem.length) {
      const e = new Int32Array(this.lateElem.length * 2);
      e.set(this.lateElem);
      this.lateElem = e;
      const t = new Float64Array(this.lateTime.length * 2);
      t.set(this.lateTime);
      this.lateTime = t;
    }
    this.lateProj[this.lateCount] = p;
    this.lateElem[this.lateCount] = j;
    this.lateTime[this.lateCount] = time;
    this.lateCount++;
  }

  /** Late spikes enter the filters at t1 with their exact partial evolution since arrival. */
  private applyLate(t1: number): void {
    const col = this.column;
    for (let l = 0; l < this.lateCount; l++) {
      const p = this.lateProj[l]!;
      const j = this.lateElem[l]!;
      const r = t1 - this.lateTime[l]!;
      const target = p.target;
      const bank = target.banks[p.bank]!;
      const n = bank.order;
      const a = r / bank.tauS;
      let e = Math.exp(-a) / bank.tauS;
      col[0] = e;
      for (let m = 1; m <= n; m++) {
        e = (e * a) / m;
        col[m] = e;
      }
      const M = target.size;
      const first = bank.first;
      if (n === 0) {
        const x0 = target.stages[first]!;
        const c0 = col[0]!;
        switch (p.conn) {
          case CONN_CSR: {
            const cols = p.col!;
            const f = p.weight * c0;
            const end = p.rowPtr![j + 1]!;
            const start = p.rowPtr![j]!;
            for (let c = start; c < end; c++) x0[cols[c]!] += f;
            this.stats.synapticEvents += end - start;
            continue;
          }
          case CONN_ALL: {
            const f = p.weight * c0;
            for (let i = 0; i < M; i++) x0[i] += f;
            this.stats.synapticEvents += M;
            continue;
          }
          default:
            break;
        }
      }
      this.forTargets(p, j, (i, w) => {
        for (let m = 0; m <= n; m++) target.stages[first + m]![i] += w * col[m]!;
        this.stats.synapticEvents++;
      });
    }
    for (let l = 0; l < this.lateCount; l++) this.lateProj[l] = undefined as unknown as Projection;
    this.lateCount = 0;
  }

  // ---------------------------------------------------------------- piecewise input switches

  /** Switch events of piecewise-constant inputs strictly inside (t0, t1), for LIF/HH targets. */
  private addSwitchEvents(node: TargetPlan, bucket: EventBuffer, t0: number, t1: number): void {
    if (this.staticDrives.has(node)) return;
    const B = node.banks.length;
    for (const p of node.continuousIn) {
      const src = p.source;
      if (src.kind !== 'input' || !hasSwitches(src, p.delay)) continue;
      const slot = p.bank < 0 ? 2 * B : B + p.bank;
      const d = p.delay;
      for (let j = 0; j < src.size; j++) {
        forEachSwitch(src, j, t0 - d, t1 - d, this.dt, (ts, delta) => {
          const time = d === 0 ? ts : snapTime(ts + d, this.dt);
          if (!(time > t0 && time < t1)) return;
          this.forTargets(p, j, (i, w) => bucket.push(i, time, slot, w * delta));
        });
      }
    }
  }

  // ---------------------------------------------------------------- continuous values (phase C)

  private evaluateContinuous(k: number): void {
    const dt = this.dt;
    const t = k * dt;
    for (const node of this.state.order) {
      if (node.kind === 'input') {
        this.evaluateInput(node, k, t);
        continue;
      }
      const kernel = this.kernels.get(node)!;
      if (kernel.evaluate) {
        this.computeDrives(node, k, t);
        kernel.evaluate(k);
      } else if (k === 0 || !this.staticDrives.has(node)) {
        this.computeDrives(node, k, t);
      }
    }
  }

  private evaluateInput(node: InputPlan, k: number, t: number): void {
    const u = node.u;
    switch (node.signal) {
      case SIG_BIAS:
        break;
      case SIG_NOISE: {
        const mean = node.fields['mean']!;
        const std = node.fields['std']!;
        const tau = node.fields['tau']!;
        for (let i = 0; i < node.size; i++) {
          if (k === 0) {
            u[i] = mean[i]!;
            continue;
          }
          const decay = Math.exp(-this.dt / tau[i]!);
          const spread = std[i]! * Math.sqrt(-Math.expm1((-2 * this.dt) / tau[i]!));
          u[i] =
            mean[i]! +
            (u[i]! - mean[i]!) * decay +
            spread * (node.streams[i] as RandomStream).normal();
        }
        break;
      }
      case SIG_SPIKES:
      case SIG_POISSON:
        return;
      default:
        for (let i = 0; i < node.size; i++) u[i] = valueAt(node, i, t, this.dt);
    }
    if (node.history) node.history.set(u, (k % node.historyLength) * node.size);
  }

  /** Values of p's source over the step starting at t_k (delayed, 0 before the delay). */
  private sourceValues(p: Projection, k: number, t: number): Float64Array {
    const src = p.source;
    const N = src.size;
    const out = this.sourceScratch;
    if (src.kind === 'input') {
      if (
        p.delay === 0 ||
        src.signal === SIG_BIAS ||
        isPiecewise(src.signal) ||
        src.signal === SIG_SINE
      ) {
        if (p.delay === 0) return src.u;
        for (let j = 0; j < N; j++) out[j] = valueAt(src, j, t - p.delay, this.dt);
        return out;
      }
      return this.historyValues(src.history!, src.historyLength, N, k - p.delaySteps, out);
    }
    if (src.output) {
      if (p.delaySteps === 0) return src.output;
      return this.historyValues(src.history!, src.historyLength, N, k - p.delaySteps, out);
    }
    out.fill(0, 0, N);
    return out;
  }

  private historyValues(
    history: Float64Array,
    length: number,
    N: number,
    k: number,
    out: Float64Array,
  ): Float64Array {
    if (k < 0) out.fill(0, 0, N);
    else out.set(history.subarray((k % length) * N, (k % length) * N + N));
    return out;
  }

  private computeDrives(node: TargetPlan, k: number, t: number): void {
    node.direct.fill(0);
    for (const bank of node.banks) bank.drive?.fill(0);
    for (const p of node.continuousIn) {
      const values = this.sourceValues(p, k, t);
      const dest = p.bank < 0 ? node.direct : node.banks[p.bank]!.drive!;
      const M = node.size;
      const N = p.source.size;
      switch (p.conn) {
        case CONN_ALL: {
          let s = 0;
          for (let j = 0; j < N; j++) s += values[j]!;
          const a = p.weight * s;
          for (let i = 0; i < M; i++) dest[i] += a;
          break;
        }
        case CONN_IDENTITY:
          for (let i = 0; i < M; i++) dest[i] += p.weight * values[i]!;
          break;
        case CONN_DENSE: {
          const d = p.dense!;
          for (let j = 0; j < N; j++) {
            const v = values[j]!;
            if (v === 0) continue;
            const o = j * M;
            for (let i = 0; i < M; i++) dest[i] += d[o + i]! * v;
          }
          break;
        }
        case CONN_CSR: {
          const col = p.col!;
          for (let j = 0; j < N; j++) {
            const a = p.weight * values[j]!;
            const end = p.rowPtr![j + 1]!;
            for (let c = p.rowPtr![j]!; c < end; c++) dest[col[c]!] += a;
          }
          break;
        }
      }
    }
  }

  private bankCoefs(node: TargetPlan, u: number): BankCoefficients[] {
    const out = this.scratchBankCoefs;
    node.banks.forEach((bank, b) => out[b]!.set(u, bank.tauS, bank.order));
    return out;
  }

  // ---------------------------------------------------------------- probes and frames

  /** Allocate this frame's probe buffers for the samples firstSample..lastSample. */
  private beginFrame(firstSample: number, lastSample: number): void {
    this.probeFrames = this.state.probes.map((probe) => {
      let count = 0;
      const first = Math.ceil(firstSample / probe.every) * probe.every;
      if (lastSample >= first) count = Math.floor((lastSample - first) / probe.every) + 1;
      return {
        steps: new Float64Array(count),
        values: new Float64Array(count * probe.indices.length),
        count: 0,
      };
    });
  }

  private record(k: number): void {
    const probes = this.state.probes;
    for (let pi = 0; pi < probes.length; pi++) {
      const probe = probes[pi]!;
      if (k % probe.every !== 0) continue;
      const frame = this.probeFrames[pi]!;
      const s = frame.count;
      if (s >= frame.steps.length) continue;
      frame.steps[s] = k;
      const total = frame.steps.length;
      const idx = probe.indices;
      for (let e = 0; e < idx.length; e++)
        frame.values[e * total + s] = readVariable(probe.node, probe.variable, idx[e]!);
      frame.count++;
    }
  }

  /**
   * The frame of steps [stepFrom, stepTo); a chunk that `failed` ends before its planned end, at
   * the failing step.
   */
  private endFrame(stepFrom: number, stepTo: number, failed = false): SimulationFrame {
    const traces: TraceChunk[] = this.state.probes.map((probe, pi) => {
      const frame = this.probeFrames[pi]!;
      const { steps, values } = frame.count < frame.steps.length ? trimmed(frame) : frame;
      return {
        probeId: probe.id,
        target: probe.node.id,
        variable: probe.variable,
        indices: probe.indices.slice(),
        steps,
        values,
      };
    });
    // the run simulates [0, duration): a spike exactly at the end is not recorded; a chunk that
    // failed keeps the spikes up to the end of its last whole step
    const limit = Math.min(
      Number.isFinite(this.totalSteps)
        ? this.totalSteps * this.dt - TIME_GRID_TOLERANCE * this.dt
        : Infinity,
      failed ? (stepTo + TIME_GRID_TOLERANCE) * this.dt : Infinity,
    );
    const spikes: SpikeChunk[] = this.state.spiking.map((node) => {
      const buffer = node.spikes!;
      const n = buffer.count;
      let kept = 0;
      const order = new Int32Array(n);
      for (let s = 0; s < n; s++) if (buffer.time[s]! < limit) order[kept++] = s;
      const sorted = order.subarray(0, kept);
      sortSpikeOrder(sorted, buffer.time, buffer.index);
      const index = new Int32Array(kept);
      const time = new Float64Array(kept);
      for (let s = 0; s < kept; s++) {
        index[s] = buffer.index[sorted[s]!]!;
        time[s] = buffer.time[sorted[s]!]!;
      }
      buffer.count = 0;
      return { nodeId: node.id, index, time };
    });
    this.probeFrames = [];
    return { stepFrom, stepTo, dt: this.dt, traces, spikes };
  }
}

/** A probe's frame cut to the samples it holds (element-major, `count` per element). */
function trimmed(frame: { steps: Float64Array; values: Float64Array; count: number }): {
  steps: Float64Array;
  values: Float64Array;
} {
  const total = frame.steps.length;
  const n = frame.count;
  const width = total > 0 ? frame.values.length / total : 0;
  const values = new Float64Array(n * width);
  for (let e = 0; e < width; e++)
    values.set(frame.values.subarray(e * total, e * total + n), e * n);
  return { steps: frame.steps.slice(0, n), values };
}

function isStaticSource(p: Projection): boolean {
  const s = p.source;
  return (
    s.kind === 'input' && (s.signal === SIG_CONSTANT || s.signal === SIG_BIAS) && p.delay === 0
  );
}

function readVariable(node: NodePlan, variable: string, i: number): number {
  if (node.kind === 'input') return variable === 'u' ? node.u[i]! : NaN;
  if (variable === 'J' || variable === 's')
    return node.model.readInput
      ? node.model.readInput(node, variable, i)
      : readInput(node, variable, i);
  return node.model.read(node, variable, i);
}

/** Copies the events of `from` into `to` (replacing what `to` held). */
function copyEvents(from: EventBuffer, to: EventBuffer): void {
  to.count = 0;
  for (let e = 0; e < from.count; e++)
    to.push(from.elem[e]!, from.time[e]!, from.slot[e]!, from.amount[e]!);
}

function growPrevious(block: ExactBlock, needed: number): void {
  const cap = Math.max(needed, 2 * block.prevTime.length);
  const member = new Int32Array(cap);
  member.set(block.prevMember);
  const index = new Int32Array(cap);
  index.set(block.prevIndex);
  const time = new Float64Array(cap);
  time.set(block.prevTime);
  block.prevMember = member;
  block.prevIndex = index;
  block.prevTime = time;
}
