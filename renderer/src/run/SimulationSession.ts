/**
 * Streamed simulation data lives here, never in React or zustand state.
 *
 * The session receives the host's frames, appends them to per-probe ring buffers, spike stores and
 * filtered firing-rate traces, acknowledges each frame (which returns credit to the worker:
 * backpressure), and notifies subscribers (the charts) at most once per animation frame. React sees
 * only a coarse status. The session also keeps what an export needs: the run's settings and the log
 * of live edits.
 */
import { spikeNodesOf as spikeNodesOfNodes } from '../../../shared/document/graph';
import type { NetworkDocument } from '../../../shared/document/model';
import type { HostApi, HostFrame, RunStatus } from '../../../shared/ipc/contract';
import type { NodeLiveState } from '../../../shared/sim/liveState';
import type { CycleInfo } from '../../../shared/sim/types';
import { gridFloor } from '../../../shared/util/timeGrid';
import { SpikeStore } from './spikeStore';
import { variableBounds, type VariableBounds } from './variableBounds';

/**
 * A probe records more elements than this: its charts show the mean with a band (and offer a
 * neuron-by-time heat map) instead of one line per neuron, and its buffer keeps the statistics.
 */
export const SUMMARY_ABOVE_ELEMENTS = 4;

/**
 * Across-element statistics of each sample of a many-element probe, in the same ring slots as its
 * values: mean, standard deviation (denominator n, the spread of the recorded neurons themselves),
 * minimum and maximum. Written as samples arrive (one pass per sample, no allocation).
 */
export interface ElementStats {
  mean: Float64Array;
  sd: Float64Array;
  /** mean - sd and mean + sd: the band's edges, ready for the envelope. */
  lower: Float64Array;
  upper: Float64Array;
  min: Float64Array;
  max: Float64Array;
}

/** Samples of one probe: step index and one series per recorded element, in a ring. */
export class TraceBuffer {
  readonly steps: Float64Array;
  readonly values: Float64Array[];
  /** Across-element statistics, for probes of more than SUMMARY_ABOVE_ELEMENTS elements. */
  readonly stats: ElementStats | null;
  /** Total samples ever written; the ring holds the last min(count, capacity). */
  count = 0;

  constructor(
    readonly probeId: string,
    readonly target: string,
    readonly variable: string,
    readonly indices: Int32Array,
    readonly capacity: number,
    /** What the variable cannot leave (variableBounds.ts): the band's edges stop there. */
    readonly bounds: VariableBounds = {},
  ) {
    this.steps = new Float64Array(capacity);
    this.values = Array.from(indices, () => new Float64Array(capacity));
    this.stats =
      indices.length > SUMMARY_ABOVE_ELEMENTS
        ? {
            mean: new Float64Array(capacity),
            sd: new Float64Array(capacity),
            lower: new Float64Array(capacity),
            upper: new Float64Array(capacity),
            min: new Float64Array(capacity),
            max: new Float64Array(capacity),
          }
        : null;
  }

  get length(): number {
    return Math.min(this.count, this.capacity);
  }

  /** True once the ring has overwritten its oldest samples. */
  get wrapped(): boolean {
    return this.count > this.capacity;
  }

  /** Ring position of the i-th oldest retained sample. */
  slot(i: number): number {
    const start = this.count > this.capacity ? this.count % this.capacity : 0;
    return (start + i) % this.capacity;
  }

  /** Logical index (0 = oldest retained) of the first sample whose step is >= `step`. */
  lowerBound(step: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.steps[this.slot(mid)]! < step) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  append(steps: Float64Array, values: Float64Array): void {
    const n = steps.length;
    const series = this.values.length;
    for (let s = 0; s < n; s++) {
      const at = this.count % this.capacity;
      this.steps[at] = steps[s]!;
      for (let e = 0; e < series; e++) this.values[e]![at] = values[e * n + s]!;
      if (this.stats) this.summarise(at);
      this.count++;
    }
  }

  /** The statistics of the sample in ring slot `at` (two passes: mean, then spread). */
  private summarise(at: number): void {
    const stats = this.stats!;
    const series = this.values.length;
    let sum = 0;
    let min = Infinity;
    let max = -Infinity;
    for (let e = 0; e < series; e++) {
      const v = this.values[e]![at]!;
      sum += v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    const mean = sum / series;
    let squares = 0;
    for (let e = 0; e < series; e++) {
      const d = this.values[e]![at]! - mean;
      squares += d * d;
    }
    const sd = Math.sqrt(squares / series);
    stats.mean[at] = mean;
    stats.sd[at] = sd;
    // A band below 0 for a rate or a ReLU's activity would show values that cannot happen.
    stats.lower[at] =
      this.bounds.lo === undefined ? mean - sd : Math.max(this.bounds.lo, mean - sd);
    stats.upper[at] =
      this.bounds.hi === undefined ? mean + sd : Math.min(this.bounds.hi, mean + sd);
    stats.min[at] = min;
    stats.max[at] = max;
  }
}

/**
 * A population's (or neuron's) firing rate, filtered: spikes are counted in bins of about 1 ms and
 * passed through a first-order low-pass (time constant RATE_TAU_SECONDS), in Hz per neuron. One
 * sample per bin, at the bin's end step.
 */
export class RateTrace {
  readonly buffer: TraceBuffer;
  private readonly binSteps: number;
  private readonly binSeconds: number;
  private readonly alpha: number;
  /** First bin not yet emitted, and the counts of bins from it on. */
  private nextBin = 0;
  private pending: number[] = [];
  private rate = 0;

  constructor(
    readonly nodeId: string,
    readonly size: number,
    private readonly dt: number,
    capacity: number,
  ) {
    this.binSteps = Math.max(1, Math.round(RATE_BIN_SECONDS / dt));
    this.binSeconds = this.binSteps * dt;
    this.alpha = 1 - Math.exp(-this.binSeconds / RATE_TAU_SECONDS);
    this.buffer = new TraceBuffer(`rate:${nodeId}`, nodeId, 'rate', Int32Array.of(0), capacity);
  }

  addSpikes(times: Float64Array): void {
    for (let k = 0; k < times.length; k++) {
      const bin = gridFloor(times[k]! / this.dt / this.binSteps) - this.nextBin;
      if (bin < 0) continue;
      while (this.pending.length <= bin) this.pending.push(0);
      this.pending[bin]!++;
    }
  }

  /** Emits every bin that ends at or before `stepTo`. */
  advanceTo(stepTo: number): void {
    const steps: number[] = [];
    const values: number[] = [];
    while ((this.nextBin + 1) * this.binSteps <= stepTo) {
      const count = this.pending.shift() ?? 0;
      const instantaneous = count / (this.size * this.binSeconds);
      this.rate += this.alpha * (instantaneous - this.rate);
      this.nextBin++;
      steps.push(this.nextBin * this.binSteps);
      values.push(this.rate);
    }
    if (steps.length > 0) this.buffer.append(Float64Array.from(steps), Float64Array.from(values));
  }
}

export const RATE_BIN_SECONDS = 0.001;
export const RATE_TAU_SECONDS = 0.02;

/** One live edit as the run's log keeps it (spec: time, field, old, new). */
export interface EditLogEntry {
  /** Simulated time (s) from which the new value acted. */
  timeSeconds: number;
  /** `ID.PATH`, as the CLI's --set names it: `A.params.bias`. */
  field: string;
  oldValue: unknown;
  newValue: unknown;
}

/** What the session knows of the run it is showing. */
export interface RunInfo {
  runId: string;
  dt: number;
  /** Simulated seconds (Infinity for run-forever). */
  durationSeconds: number;
  forever: boolean;
  seed: number;
  /** The document as it was when the run started (exports name this file's settings). */
  document: NetworkDocument;
  /** Spiking nodes in document order, with their sizes: the rows of the raster. */
  spikeNodes: Array<{ id: string; size: number }>;
  /** Wall-clock start, for the export's stats. */
  startedAtMs: number;
}

/** Memory bounds: a trace ring holds at most this many numbers (all elements together). */
const MAX_TRACE_NUMBERS = 8_000_000;
/** A run-forever keeps this much simulated time for the charts and exports. */
export const FOREVER_RETAIN_SECONDS = 60;
const MAX_FOREVER_SPIKES = 2_000_000;
const MAX_SPIKES = 20_000_000;

/** Every node whose spikes are recorded: spiking neurons/populations, spike sources. */
export function spikeNodesOf(doc: NetworkDocument): Array<{ id: string; size: number }> {
  return spikeNodesOfNodes(doc.nodes);
}

export class SimulationSession {
  readonly traces = new Map<string, TraceBuffer>();
  readonly spikes = new Map<string, SpikeStore>();
  readonly rates = new Map<string, RateTrace>();
  /** Each neuron node's state at the newest frame's last step (the canvas's live colours). */
  readonly live = new Map<string, NodeLiveState>();
  readonly editLog: EditLogEntry[] = [];
  status: RunStatus | null = null;
  runId: string | null = null;
  run: RunInfo | null = null;
  dt = 0;
  /** Step reached by the frames received so far. */
  stepsReceived = 0;
  /** Increments whenever the data is cleared: charts drop what they drew. */
  generation = 0;
  /** Wall-clock time the newest received frame was produced by the worker (ms since epoch). */
  newestProducedAtMs = 0;
  /** Sample-to-pixel latency of the last drawn frame (ms), measured by the charts. */
  lastLatencyMs = 0;
  private subscribers = new Set<() => void>();
  private statusSubscribers = new Set<(status: RunStatus | null) => void>();
  private notifyPending = false;
  private unsubscribeHost: Array<() => void> = [];
  private lastFrameAtMs = 0;
  /** The run's zero-delay cycles and whether each ran exactly (the run summary says so). */
  cycles: readonly CycleInfo[] = [];
  /** Frames of this run the host skipped because this tab fell behind (the charts have gaps). */
  framesDropped = 0;

  constructor(private readonly host: HostApi) {
    this.unsubscribeHost.push(
      host.on('frame', (frame) => this.onFrame(frame)),
      host.on('status', (status) => this.onStatus(status)),
      host.on('framesDropped', ({ runId, count }) => {
        if (runId !== this.runId) return;
        this.framesDropped += count;
        this.statusSubscribers.forEach((s) => s(this.status));
      }),
    );
  }

  dispose(): void {
    this.unsubscribeHost.forEach((off) => off());
  }

  /** True while a run can still advance (running or paused). */
  get isActive(): boolean {
    const state = this.status?.state;
    return this.runId !== null && (state === 'running' || state === 'paused');
  }

  /** True when parameters were changed while this run ran: the file alone does not reproduce it. */
  get isEditedLive(): boolean {
    return this.editLog.length > 0;
  }

  /** Reset: stop the active run, if any, and forget all its data. */
  stopAndClear(): void {
    if (this.runId && this.isActive)
      void this.host.controlRun({ runId: this.runId, action: 'stop' });
    this.clear();
  }

  /** Forget all data. */
  clear(): void {
    this.traces.clear();
    this.spikes.clear();
    this.rates.clear();
    this.live.clear();
    this.editLog.length = 0;
    // the cycle note is about this run's circuit: New, Open or Reset takes it down with the rest
    this.cycles = [];
    this.stepsReceived = 0;
    this.framesDropped = 0;
    this.status = null;
    this.runId = null;
    this.run = null;
    this.newestProducedAtMs = 0;
    this.lastLatencyMs = 0;
    this.generation++;
    this.scheduleNotify();
    this.statusSubscribers.forEach((s) => s(null));
  }

  beginRun(
    runId: string,
    dt: number,
    document: NetworkDocument,
    options: { forever?: boolean; cycles?: readonly CycleInfo[] } = {},
  ): void {
    this.clear();
    this.cycles = options.cycles ?? [];
    const forever = options.forever ?? false;
    this.runId = runId;
    this.dt = dt;
    this.run = {
      runId,
      dt,
      durationSeconds: forever ? Infinity : document.simulation.duration,
      forever,
      seed: document.simulation.seed ?? 0,
      document,
      spikeNodes: spikeNodesOf(document),
      startedAtMs: Date.now(),
    };
    const retainSteps = forever
      ? Math.ceil(FOREVER_RETAIN_SECONDS / dt)
      : Math.round(document.simulation.duration / dt);
    for (const node of this.run.spikeNodes) {
      this.spikes.set(
        node.id,
        new SpikeStore(node.id, node.size, forever ? MAX_FOREVER_SPIKES : MAX_SPIKES),
      );
      const bins = Math.ceil((retainSteps * dt) / RATE_BIN_SECONDS) + 2;
      this.rates.set(node.id, new RateTrace(node.id, node.size, dt, Math.min(bins, 1 << 20)));
    }
    for (const probe of document.probes ?? []) {
      const target = document.nodes.find((n) => n.id === probe.target);
      const size = target && 'size' in target && typeof target.size === 'number' ? target.size : 1;
      const indices = probe.indices ?? Array.from({ length: size }, (_, k) => k);
      const every = probe.every ?? 1;
      const samples = Math.floor(retainSteps / every) + 2;
      const capacity = Math.max(
        16,
        Math.min(samples, Math.floor(MAX_TRACE_NUMBERS / Math.max(1, indices.length))),
      );
      this.traces.set(
        probe.id,
        new TraceBuffer(
          probe.id,
          probe.target,
          probe.variable,
          Int32Array.from(indices),
          capacity,
          variableBounds(document, probe.target, probe.variable),
        ),
      );
    }
  }

  /** Records a live edit the engine applied. */
  logEdit(entry: EditLogEntry): void {
    this.editLog.push(entry);
    this.scheduleNotify();
  }

  /** Called at most once per animation frame after new data arrived. */
  subscribe(listener: () => void): () => void {
    this.subscribers.add(listener);
    return () => this.subscribers.delete(listener);
  }

  subscribeStatus(listener: (status: RunStatus | null) => void): () => void {
    this.statusSubscribers.add(listener);
    return () => this.statusSubscribers.delete(listener);
  }

  /** Wall-clock seconds the run has streamed (first frame to the latest). */
  get wallSeconds(): number {
    return this.run ? Math.max(0, this.lastFrameAtMs - this.run.startedAtMs) / 1000 : 0;
  }

  private onFrame({ runId, seq, frame, producedAtMs, live }: HostFrame): void {
    if (runId !== this.runId) return;
    for (const state of live ?? []) this.live.set(state.nodeId, state);
    for (const chunk of frame.traces) {
      let buffer = this.traces.get(chunk.probeId);
      if (!buffer) {
        buffer = new TraceBuffer(
          chunk.probeId,
          chunk.target,
          chunk.variable,
          Int32Array.from(chunk.indices),
          1 << 16,
        );
        this.traces.set(chunk.probeId, buffer);
      }
      buffer.append(chunk.steps, chunk.values);
    }
    const forever = this.run?.forever ?? false;
    const keepFrom = forever ? frame.stepTo * frame.dt - FOREVER_RETAIN_SECONDS : -Infinity;
    for (const chunk of frame.spikes) {
      let store = this.spikes.get(chunk.nodeId);
      if (!store) {
        store = new SpikeStore(chunk.nodeId, 1, MAX_SPIKES);
        this.spikes.set(chunk.nodeId, store);
      }
      store.append(chunk.index, chunk.time);
      if (forever) store.dropBefore(keepFrom);
      let rate = this.rates.get(chunk.nodeId);
      if (!rate) {
        rate = new RateTrace(chunk.nodeId, store.size, frame.dt, 1 << 16);
        this.rates.set(chunk.nodeId, rate);
      }
      rate.addSpikes(chunk.time);
    }
    for (const rate of this.rates.values()) rate.advanceTo(frame.stepTo);
    this.stepsReceived = frame.stepTo;
    this.lastFrameAtMs = Date.now();
    if (producedAtMs !== undefined) this.newestProducedAtMs = producedAtMs;
    void this.host.ackFrame({ runId, seq });
    this.scheduleNotify();
  }

  private onStatus(status: RunStatus): void {
    if (status.runId !== this.runId) return;
    // Over JSON an Infinity arrives as null.
    const totalSteps =
      typeof status.totalSteps === 'number' && Number.isFinite(status.totalSteps)
        ? status.totalSteps
        : Infinity;
    this.status = { ...status, totalSteps };
    this.statusSubscribers.forEach((s) => s(this.status));
  }

  private scheduleNotify(): void {
    if (this.notifyPending) return;
    this.notifyPending = true;
    requestAnimationFrame(() => {
      this.notifyPending = false;
      this.subscribers.forEach((s) => s());
      if (this.newestProducedAtMs > 0)
        this.lastLatencyMs = Math.max(0, Date.now() - this.newestProducedAtMs);
    });
  }
}
