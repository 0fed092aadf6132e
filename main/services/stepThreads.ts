/**
 * The simulation's second thread (docs/decisions/0022-two-neurons-per-instruction.md): a worker
 * that steps the upper half of each large LIF population's fast loop while the simulating thread
 * steps the lower half, through shared memory and a handshake of atomics (no message per step;
 * shared/models/lif/order0Threads.ts). Results are the same bit for bit with one thread or two.
 *
 * Used by the CLI and the simulation worker for networks with a population of at least
 * THREAD_MIN_SIZE elements on a machine with two cores or more; `close` ends the thread.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import {
  CHUNK,
  CTL_BYTES,
  CTL_FAILED,
  CTL_GEN,
  CTL_HELPER_CHUNKS,
  CTL_INTS,
  CTL_QUIT,
  CTL_READY,
  PAUSE,
  awaitPause,
  publish,
  type StepHelper,
} from '../../shared/models/lif/order0Threads';
import type { NetworkDocument } from '../../shared/document/model';
import { workerUrl } from './appPaths';

/**
 * Populations of at least this many elements are split over two threads. Below it the handshake
 * (two atomic waits per step) costs more than half a step saves: measured on this project's 2-core
 * machine, cuba-4000 ran no faster with two threads, scaling-64000 ran 1.4x faster (decision 0022).
 */
export const THREAD_MIN_SIZE = 16_000;

/** How long the helper may take to start and instantiate a population's loop. */
const ATTACH_TIMEOUT_MS = 10_000;

export type ToStepThread =
  | {
      type: 'attach';
      slot: number;
      memory: object;
      layout: readonly number[];
      size: number;
      chunk: number;
    }
  | { type: 'go' };

export class StepThreads implements StepHelper {
  readonly control = new SharedArrayBuffer(CTL_BYTES);
  private readonly ctl = new Int32Array(this.control, 0, CTL_INTS);
  private readonly worker: Worker;
  private slots = 0;
  private started = false;
  private closed = false;

  constructor(
    readonly minSize = THREAD_MIN_SIZE,
    readonly chunk = CHUNK,
    url: URL = workerUrl('stepThreadWorker'),
  ) {
    this.worker = new Worker(url, { workerData: { control: this.control } });
    // A helper never keeps the process alive (the CLI exits when its run is written).
    this.worker.unref();
    this.worker.on('error', () => {
      this.closed = true;
    });
  }

  /** Chunks the helper has stepped so far (the rest were the simulating thread's). */
  get helperChunks(): number {
    return Atomics.load(this.ctl, CTL_HELPER_CHUNKS);
  }

  /** How many populations the helper has taken. */
  get attached(): number {
    return this.slots;
  }

  attach(memory: object, layout: readonly number[], size: number): number | null {
    if (this.closed) return null;
    if (this.started && !this.pause()) return null;
    const slot = this.slots++;
    const message: ToStepThread = { type: 'attach', slot, memory, layout, size, chunk: this.chunk };
    this.worker.postMessage(message);
    const deadline = Date.now() + ATTACH_TIMEOUT_MS;
    for (;;) {
      if (Atomics.load(this.ctl, CTL_READY) === slot + 1) return slot;
      if (Atomics.load(this.ctl, CTL_FAILED) === slot + 1) return null;
      const left = deadline - Date.now();
      if (left <= 0) return null;
      Atomics.wait(this.ctl, CTL_READY, Atomics.load(this.ctl, CTL_READY), Math.min(left, 50));
    }
  }

  /** Sends the helper back to its messages (it is between steps); false if it does not answer. */
  private pause(): boolean {
    const gen = publish(this.ctl, PAUSE, 0, this.chunk);
    if (!awaitPause(this.ctl, gen)) {
      this.closed = true;
      return false;
    }
    this.started = false;
    return true;
  }

  /** Starts the handshake loop: after this no population can attach. Idempotent. */
  start(): void {
    if (this.started || this.closed) return;
    this.started = true;
    this.worker.postMessage({ type: 'go' } satisfies ToStepThread);
  }

  /** Ends the thread (a run in progress must not step again). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    Atomics.store(this.ctl, CTL_QUIT, 1);
    Atomics.add(this.ctl, CTL_GEN, 1);
    Atomics.notify(this.ctl, CTL_GEN);
    await this.worker.terminate();
  }
}

/**
 * A helper thread for running `doc`, or null when one thread is as fast (no node of
 * THREAD_MIN_SIZE elements, or one core) or `threads` asks for one.
 */
export function stepThreadsFor(doc: NetworkDocument, threads?: number): StepThreads | null {
  const wanted = threads ?? (availableParallelism() >= 2 ? 2 : 1);
  let largest = 0;
  for (const node of doc.nodes) {
    const size = 'size' in node && typeof node.size === 'number' ? node.size : 1;
    if (size > largest) largest = size;
  }
  if (wanted < 2 || largest < THREAD_MIN_SIZE) return null;
  return new StepThreads();
}
