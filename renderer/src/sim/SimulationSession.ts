/**
 * Streamed simulation data lives here, never in React or zustand state.
 *
 * The session receives the host's frames, appends them to per-probe ring buffers and spike
 * stores, acknowledges each frame (which returns credit to the worker: backpressure), and notifies
 * subscribers (the charts) at most once per animation frame. React sees only a coarse status.
 */
import type { HostApi, HostFrame, RunStatus } from '../../../shared/ipc/contract';

/** Samples of one probe: step index and one series per recorded element, in a ring. */
export class TraceBuffer {
  readonly steps: Float64Array;
  readonly values: Float64Array[];
  /** Total samples ever written; the ring holds the last min(count, capacity). */
  count = 0;

  constructor(
    readonly probeId: string,
    readonly target: string,
    readonly variable: string,
    readonly indices: Int32Array,
    readonly capacity: number,
  ) {
    this.steps = new Float64Array(capacity);
    this.values = Array.from(indices, () => new Float64Array(capacity));
  }

  get length(): number {
    return Math.min(this.count, this.capacity);
  }

  /** Ring position of the i-th oldest retained sample. */
  slot(i: number): number {
    const start = this.count > this.capacity ? this.count % this.capacity : 0;
    return (start + i) % this.capacity;
  }

  append(steps: Float64Array, values: Float64Array): void {
    const n = steps.length;
    for (let s = 0; s < n; s++) {
      const at = this.count % this.capacity;
      this.steps[at] = steps[s]!;
      for (let e = 0; e < this.values.length; e++) this.values[e]![at] = values[e * n + s]!;
      this.count++;
    }
  }
}

export interface SpikeStore {
  nodeId: string;
  /** Spike count per element index (grown on demand). */
  counts: number[];
  total: number;
  /** Recent spike times and indices (bounded) for rasters. */
  times: number[];
  indices: number[];
}

const DEFAULT_CAPACITY = 1 << 18;
const MAX_RASTER_SPIKES = 200_000;

export class SimulationSession {
  readonly traces = new Map<string, TraceBuffer>();
  readonly spikes = new Map<string, SpikeStore>();
  status: RunStatus | null = null;
  runId: string | null = null;
  dt = 0;
  stepsReceived = 0;
  private subscribers = new Set<() => void>();
  private statusSubscribers = new Set<(status: RunStatus | null) => void>();
  private notifyPending = false;
  private unsubscribeHost: Array<() => void> = [];

  constructor(private readonly host: HostApi) {
    this.unsubscribeHost.push(
      host.on('frame', (frame) => this.onFrame(frame)),
      host.on('status', (status) => this.onStatus(status)),
    );
  }

  dispose(): void {
    this.unsubscribeHost.forEach((off) => off());
  }

  /** Forget all data (Reset). */
  clear(): void {
    this.traces.clear();
    this.spikes.clear();
    this.stepsReceived = 0;
    this.status = null;
    this.runId = null;
    this.scheduleNotify();
    this.statusSubscribers.forEach((s) => s(null));
  }

  beginRun(runId: string, dt: number): void {
    this.clear();
    this.runId = runId;
    this.dt = dt;
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

  private onFrame({ runId, seq, frame }: HostFrame): void {
    if (runId !== this.runId) return;
    for (const chunk of frame.traces) {
      let buffer = this.traces.get(chunk.probeId);
      if (!buffer) {
        buffer = new TraceBuffer(
          chunk.probeId,
          chunk.target,
          chunk.variable,
          Int32Array.from(chunk.indices),
          DEFAULT_CAPACITY,
        );
        this.traces.set(chunk.probeId, buffer);
      }
      buffer.append(chunk.steps, chunk.values);
    }
    for (const chunk of frame.spikes) {
      let store = this.spikes.get(chunk.nodeId);
      if (!store) {
        store = { nodeId: chunk.nodeId, counts: [], total: 0, times: [], indices: [] };
        this.spikes.set(chunk.nodeId, store);
      }
      for (let k = 0; k < chunk.index.length; k++) {
        const e = chunk.index[k]!;
        store.counts[e] = (store.counts[e] ?? 0) + 1;
        store.total++;
        store.times.push(chunk.time[k]!);
        store.indices.push(e);
      }
      if (store.times.length > MAX_RASTER_SPIKES) {
        const drop = store.times.length - MAX_RASTER_SPIKES;
        store.times.splice(0, drop);
        store.indices.splice(0, drop);
      }
    }
    this.stepsReceived = frame.stepTo;
    void this.host.ackFrame({ runId, seq });
    this.scheduleNotify();
  }

  private onStatus(status: RunStatus): void {
    if (status.runId !== this.runId) return;
    this.status = status;
    this.statusSubscribers.forEach((s) => s(status));
  }

  private scheduleNotify(): void {
    if (this.notifyPending) return;
    this.notifyPending = true;
    requestAnimationFrame(() => {
      this.notifyPending = false;
      this.subscribers.forEach((s) => s());
    });
  }
}
