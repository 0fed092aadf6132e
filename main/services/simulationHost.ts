/**
 * The simulation host: owns one worker thread per run, forwards frames and status to a sink (the
 * Electron window or the web host's socket), and turns renderer acknowledgements into worker
 * credit. Plain Node: no Electron here.
 */
import { Worker } from 'node:worker_threads';
import { admitStep } from '../../shared/sim/admission';
import type {
  HostEvents,
  HostResult,
  LiveEditRequest,
  RunEdited,
  RunSpeed,
  RunStarted,
} from '../../shared/ipc/contract';
import type { FromWorker, ToWorker } from './simWorkerProtocol';

export interface HostEventSink {
  emit<E extends keyof HostEvents>(event: E, payload: HostEvents[E]): void;
}

interface ActiveRun {
  id: string;
  worker: Worker;
  seq: number;
  acked: number;
  /** editRun requests waiting for the worker's answer. */
  pendingEdits: Map<number, (result: HostResult<RunEdited>) => void>;
  /** The last status the worker reported (Stop keeps its clock). */
  last: { stepsDone: number; totalSteps: number; dt: number };
  /** Where this run's frames and status go: the window or the web socket that started it. */
  sink: HostEventSink;
  /** Answers the startRun request; a run superseded before it compiled is answered too. */
  settleStart: (result: HostResult<RunStarted>) => void;
  /** Issue 16 (admission): bytes one step adds to a frame, from the worker's 'started'. */
  bytesPerStep: number;
}

/** Options of a run besides its document. */
export interface RunOptions {
  speed: RunSpeed;
  /** Run until stopped. */
  forever?: boolean;
  /** Compile, then wait paused (for Step). */
  paused?: boolean;
}

export interface SimulationHostOptions {
  /** Absolute path or file URL of the bundled worker script. */
  workerUrl: URL;
}

export class SimulationHost {
  private run: ActiveRun | null = null;
  private nextRunNumber = 1;
  private nextEditId = 1;

  constructor(
    private readonly options: SimulationHostOptions,
    private readonly sink: HostEventSink,
  ) {}

  /**
   * Starts a run (stopping any current one); resolves once the document has compiled, or with an
   * error when it fails to compile or another run supersedes it first. The run's frames and status
   * go to `sink` (default: the host's own), so a second window or tab never receives them.
   */
  startRun(
    documentText: string,
    options: RunSpeed | RunOptions,
    sink: HostEventSink = this.sink,
  ): Promise<HostResult<RunStarted>> {
    const {
      speed,
      forever = false,
      paused = false,
    } = typeof options === 'object' ? options : { speed: options };
    this.stopRun();
    const id = `run-${this.nextRunNumber++}`;
    const worker = new Worker(this.options.workerUrl);
    let resolveStart: (result: HostResult<RunStarted>) => void = () => undefined;
    const started = new Promise<HostResult<RunStarted>>((resolve) => (resolveStart = resolve));
    let settled = false;
    const settle = (result: HostResult<RunStarted>): void => {
      if (!settled) {
        settled = true;
        resolveStart(result);
      }
    };
    const run: ActiveRun = {
      id,
      worker,
      seq: 0,
      acked: 0,
      pendingEdits: new Map(),
      last: { stepsDone: 0, totalSteps: 0, dt: 0 },
      sink,
      settleStart: settle,
      bytesPerStep: 0,
    };
    this.run = run;
    worker.on('message', (message: FromWorker) => {
      switch (message.type) {
        case 'started':
          run.bytesPerStep = message.bytesPerStep;
          run.last = { ...run.last, dt: message.dt, totalSteps: message.totalSteps };
          settle({
            ok: true,
            value: {
              runId: id,
              dt: message.dt,
              totalSteps: message.totalSteps,
              cycles: message.cycles,
            },
          });
          return;
        case 'invalid':
          settle({ ok: false, error: message.message });
          this.endRun(run);
          return;
        case 'frame':
          run.sink.emit('frame', {
            runId: id,
            seq: run.seq++,
            frame: message.frame,
            producedAtMs: message.producedAtMs,
            live: message.live,
          });
          return;
        case 'status':
          run.last = {
            stepsDone: message.status.stepsDone,
            totalSteps: message.status.totalSteps,
            dt: message.status.dt,
          };
          run.sink.emit('status', { runId: id, ...message.status });
          if (message.status.state === 'error') this.endRun(run);
          return;
        case 'edited': {
          const resolve = run.pendingEdits.get(message.requestId);
          run.pendingEdits.delete(message.requestId);
          resolve?.({
            ok: true,
            value: { timeSeconds: message.timeSeconds, outcomes: message.outcomes },
          });
          return;
        }
      }
    });
    worker.on('error', (err) => {
      settle({ ok: false, error: `the simulation worker failed: ${err.message}` });
      run.sink.emit('status', {
        runId: id,
        state: 'error',
        stepsDone: 0,
        totalSteps: 0,
        dt: 0,
        realtimeFactor: 0,
        error: `the simulation worker failed: ${err.message}`,
      });
      this.endRun(run);
    });
    this.post(run, { type: 'start', documentText, speed, forever, paused });
    return started;
  }

  control(runId: string, action: 'pause' | 'resume' | 'stop'): HostResult<null> {
    const run = this.find(runId);
    if (!run) return { ok: false, error: `no run ${runId} is active` };
    if (action === 'stop') {
      this.stopRun();
      return { ok: true, value: null };
    }
    this.post(run, { type: action });
    return { ok: true, value: null };
  }

  step(runId: string, seconds: number): HostResult<null> {
    const run = this.find(runId);
    if (!run) return { ok: false, error: `no run ${runId} is active` };
    // Issue 16 (admission): what one step sends is bounded like a run (admitStep).
    if (run.last.dt > 0) {
      const steps = Math.max(1, Math.round(seconds / run.last.dt));
      const refused = admitStep(run.bytesPerStep, steps, run.last.dt);
      if (refused) return { ok: false, error: refused };
    }
    this.post(run, { type: 'step', seconds });
    return { ok: true, value: null };
  }

  setSpeed(runId: string, speed: RunSpeed): HostResult<null> {
    const run = this.find(runId);
    if (!run) return { ok: false, error: `no run ${runId} is active` };
    this.post(run, { type: 'speed', speed });
    return { ok: true, value: null };
  }

  /** Live edits: the worker applies them before its next chunk and says which it took. */
  editRun(runId: string, edits: LiveEditRequest[]): Promise<HostResult<RunEdited>> {
    const run = this.find(runId);
    if (!run) return Promise.resolve({ ok: false, error: `no run ${runId} is active` });
    const requestId = this.nextEditId++;
    return new Promise((resolve) => {
      run.pendingEdits.set(requestId, resolve);
      this.post(run, { type: 'edit', requestId, edits });
    });
  }

  ack(runId: string, seq: number): HostResult<null> {
    const run = this.find(runId);
    if (!run) return { ok: true, value: null }; // a late ack for a finished run is harmless
    if (seq >= run.acked && seq < run.seq) {
      run.acked = seq + 1;
      this.post(run, { type: 'credit' });
    }
    return { ok: true, value: null };
  }

  /** Stops the active run if it reports to `sink` (its window or tab has gone). */
  stopRunOf(sink: HostEventSink): void {
    if (this.run?.sink === sink) this.stopRun();
  }

  stopRun(): void {
    if (this.run) {
      const run = this.run;
      run.sink.emit('status', {
        runId: run.id,
        state: 'stopped',
        ...run.last,
        realtimeFactor: 0,
      });
      this.endRun(run);
    }
  }

  async dispose(): Promise<void> {
    if (this.run) await this.run.worker.terminate();
    this.run = null;
  }

  private find(runId: string): ActiveRun | null {
    return this.run && this.run.id === runId ? this.run : null;
  }

  private endRun(run: ActiveRun): void {
    run.settleStart({
      ok: false,
      error: 'another run was started before this one had compiled',
    });
    for (const resolve of run.pendingEdits.values())
      resolve({ ok: false, error: `run ${run.id} has ended` });
    run.pendingEdits.clear();
    // Let the last frames and status drain before the thread goes.
    setTimeout(() => void run.worker.terminate(), 0);
    if (this.run === run) this.run = null;
  }

  private post(run: ActiveRun, message: ToWorker): void {
    run.worker.postMessage(message);
  }
}
