/**
 * The simulation host: owns one worker thread per run, forwards frames and status to a sink (the
 * Electron window or the web host's socket), and turns renderer acknowledgements into worker
 * credit. Plain Node: no Electron here.
 */
import { Worker } from 'node:worker_threads';
import type { HostEvents, HostResult, RunSpeed, RunStarted } from '../../shared/ipc/contract';
import type { FromWorker, ToWorker } from './simWorkerProtocol';

export interface HostEventSink {
  emit<E extends keyof HostEvents>(event: E, payload: HostEvents[E]): void;
}

interface ActiveRun {
  id: string;
  worker: Worker;
  seq: number;
  acked: number;
}

export interface SimulationHostOptions {
  /** Absolute path or file URL of the bundled worker script. */
  workerUrl: URL;
}

export class SimulationHost {
  private run: ActiveRun | null = null;
  private nextRunNumber = 1;

  constructor(
    private readonly options: SimulationHostOptions,
    private readonly sink: HostEventSink,
  ) {}

  /** Starts a run (stopping any current one); resolves once the document has compiled. */
  startRun(documentText: string, speed: RunSpeed): Promise<HostResult<RunStarted>> {
    this.stopRun();
    const id = `run-${this.nextRunNumber++}`;
    const worker = new Worker(this.options.workerUrl);
    const run: ActiveRun = { id, worker, seq: 0, acked: 0 };
    this.run = run;
    return new Promise((resolve) => {
      let settled = false;
      const settle = (result: HostResult<RunStarted>): void => {
        if (!settled) {
          settled = true;
          resolve(result);
        }
      };
      worker.on('message', (message: FromWorker) => {
        switch (message.type) {
          case 'started':
            settle({
              ok: true,
              value: { runId: id, dt: message.dt, totalSteps: message.totalSteps },
            });
            return;
          case 'invalid':
            settle({ ok: false, error: message.message });
            this.endRun(run);
            return;
          case 'frame':
            this.sink.emit('frame', { runId: id, seq: run.seq++, frame: message.frame });
            return;
          case 'status':
            this.sink.emit('status', { runId: id, ...message.status });
            if (message.status.state === 'error') this.endRun(run);
            return;
        }
      });
      worker.on('error', (err) => {
        settle({ ok: false, error: `the simulation worker failed: ${err.message}` });
        this.sink.emit('status', {
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
      this.post(run, { type: 'start', documentText, speed });
    });
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
    this.post(run, { type: 'step', seconds });
    return { ok: true, value: null };
  }

  setSpeed(runId: string, speed: RunSpeed): HostResult<null> {
    const run = this.find(runId);
    if (!run) return { ok: false, error: `no run ${runId} is active` };
    this.post(run, { type: 'speed', speed });
    return { ok: true, value: null };
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

  stopRun(): void {
    if (this.run) {
      const run = this.run;
      this.sink.emit('status', {
        runId: run.id,
        state: 'stopped',
        stepsDone: 0,
        totalSteps: 0,
        dt: 0,
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
    // Let the last frames and status drain before the thread goes.
    setTimeout(() => void run.worker.terminate(), 0);
    if (this.run === run) this.run = null;
  }

  private post(run: ActiveRun, message: ToWorker): void {
    run.worker.postMessage(message);
  }
}
