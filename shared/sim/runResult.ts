/**
 * Collects a run's frames into the CLI's result JSON (docs/format.md#results). Used by the CLI and by exports, so
 * a live run and a headless run of the same file produce the same document.
 */
import { SPIKE_RATE_CEILING } from './admission';
import { SimulationError, type CycleInfo, type Simulation, type SimulationFrame } from './types';

export interface ResultTrace {
  target: string;
  variable: string;
  indices: number[];
  t: number[];
  values: number[][];
}

export interface RunResult {
  format: 'neurosketch-result';
  version: 1;
  dt: number;
  duration: number;
  seed: number;
  spikes: Record<string, number[][]>;
  traces: Record<string, ResultTrace>;
  stats: {
    steps: number;
    spikes: number;
    compileSeconds: number;
    runSeconds: number;
    wallSeconds: number;
    /**
     * Zero-delay cycles of spiking edges and which ran exactly (docs/simulator.md#cycles); only
     * when the network has any.
     */
    zeroDelayCycles?: CycleInfo[];
  };
  [extra: string]: unknown;
}

/**
 * The sample time t_k = k dt as written in results. When 1/dt is a whole number (dt = 0.1 ms:
 * 10,000 steps per second) it is computed as k / (1/dt), the double nearest the decimal value, so a
 * CSV reads 0.0003 rather than 0.00030000000000000003; both are within one ulp of k dt.
 */
export function sampleTime(k: number, dt: number): number {
  const perSecond = Math.round(1 / dt);
  return perSecond > 0 && Math.abs(perSecond * dt - 1) < 1e-12 ? k / perSecond : k * dt;
}

/** Accumulates frames; `spikeNodes` lists every spiking node with its size (empty arrays kept). */
export class ResultCollector {
  private readonly spikes = new Map<string, number[][]>();
  private readonly traces = new Map<string, ResultTrace>();
  private spikeCount = 0;

  /**
   * `maxSpikes` bounds the spikes stored (the admission rule's spike budget, `spikeBudget`): past
   * it `add` throws a SimulationError naming the node, instead of growing until memory runs out.
   */
  constructor(
    spikeNodes: ReadonlyArray<{ id: string; size: number }>,
    private readonly dt: number,
    private readonly maxSpikes = Infinity,
  ) {
    for (const node of spikeNodes) {
      this.spikes.set(
        node.id,
        Array.from({ length: node.size }, () => []),
      );
    }
  }

  add(frame: SimulationFrame): void {
    for (const chunk of frame.spikes) {
      let perElement = this.spikes.get(chunk.nodeId);
      if (!perElement) {
        perElement = [];
        this.spikes.set(chunk.nodeId, perElement);
      }
      for (let k = 0; k < chunk.index.length; k++) {
        const e = chunk.index[k]!;
        while (perElement.length <= e) perElement.push([]);
        perElement[e]!.push(chunk.time[k]!);
        this.spikeCount++;
      }
      if (this.spikeCount > this.maxSpikes) {
        const t = chunk.time.length > 0 ? chunk.time[chunk.time.length - 1]! : 0;
        throw new SimulationError(
          chunk.nodeId,
          t,
          `more than ${this.maxSpikes.toLocaleString('en-US')} spikes stored, the run's budget (${SPIKE_RATE_CEILING} per second per neuron, a Poisson input's own rate): shorten the duration, use fewer neurons or weaker drive`,
        );
      }
    }
    for (const chunk of frame.traces) {
      let trace = this.traces.get(chunk.probeId);
      if (!trace) {
        trace = {
          target: chunk.target,
          variable: chunk.variable,
          indices: Array.from(chunk.indices),
          t: [],
          values: Array.from(chunk.indices, () => []),
        };
        this.traces.set(chunk.probeId, trace);
      }
      const n = chunk.steps.length;
      for (let s = 0; s < n; s++) trace.t.push(sampleTime(chunk.steps[s]!, this.dt));
      for (let e = 0; e < chunk.indices.length; e++) {
        const series = trace.values[e]!;
        for (let s = 0; s < n; s++) series.push(chunk.values[e * n + s]!);
      }
    }
  }

  finish(
    run: { duration: number; seed: number },
    simulation: Simulation,
    timing: { compileSeconds: number; runSeconds: number },
  ): RunResult {
    return {
      format: 'neurosketch-result',
      version: 1,
      dt: simulation.dt,
      duration: run.duration,
      seed: run.seed,
      spikes: Object.fromEntries(this.spikes),
      traces: Object.fromEntries(this.traces),
      stats: {
        steps: simulation.stepsDone,
        spikes: this.spikeCount,
        compileSeconds: timing.compileSeconds,
        runSeconds: timing.runSeconds,
        wallSeconds: timing.compileSeconds + timing.runSeconds,
        ...(simulation.cycles && simulation.cycles.length > 0
          ? { zeroDelayCycles: simulation.cycles.map((c) => ({ ...c })) }
          : {}),
      },
    };
  }
}
