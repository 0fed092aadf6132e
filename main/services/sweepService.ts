/**
 * The sweep service (issue 7): one worker thread per f-I sweep, beside the live run (a sweep never
 * slows or stops it). Forwards each finished input as a `sweepProgress` event and the end as one
 * `sweepResult`; cancelling terminates the thread. Plain Node: no Electron here.
 */
import { Worker } from 'node:worker_threads';
import type { HostEvents, HostResult } from '../../shared/ipc/contract';
import type { StartSweepRequest, SweepStarted } from '../../shared/ipc/sweepContract';
import type { FromSweepWorker, ToSweepWorker } from './sweepWorkerProtocol';

export interface SweepEventSink {
  emit<E extends keyof HostEvents>(event: E, payload: HostEvents[E]): void;
}

/** Sweeps running at once; one more is refused (each holds a thread busy). */
export const MAX_ACTIVE_SWEEPS = 2;

export class SweepService {
  private readonly active = new Map<string, { worker: Worker; sink: SweepEventSink }>();
  private nextSweepNumber = 1;

  constructor(
    private readonly workerUrl: URL,
    private readonly sink: SweepEventSink,
  ) {}

  /** Starts a sweep; resolves once the worker has accepted the document and the node. */
  start(
    request: StartSweepRequest,
    sink: SweepEventSink = this.sink,
  ): Promise<HostResult<SweepStarted>> {
    if (this.active.size >= MAX_ACTIVE_SWEEPS) {
      return Promise.resolve({
        ok: false,
        error: `${MAX_ACTIVE_SWEEPS} sweeps are already running: cancel one first`,
      });
    }
    const sweepId = `sweep-${this.nextSweepNumber++}`;
    const worker = new Worker(this.workerUrl);
    this.active.set(sweepId, { worker, sink });
    return new Promise((resolve) => {
      let started = false;
      const settle = (result: HostResult<SweepStarted>): void => {
        if (!started) {
          started = true;
          resolve(result);
        }
      };
      const end = (): void => {
        this.active.delete(sweepId);
        void worker.terminate();
      };
      worker.on('message', (message: FromSweepWorker) => {
        switch (message.type) {
          case 'started':
            settle({ ok: true, value: { sweepId, model: message.model } });
            return;
          case 'invalid':
            settle({ ok: false, error: message.message });
            end();
            return;
          case 'point':
            sink.emit('sweepProgress', {
              sweepId,
              done: message.done,
              total: message.total,
              point: message.point,
            });
            return;
          case 'done':
            sink.emit('sweepResult', { sweepId, state: 'done', points: message.points });
            end();
            return;
          case 'failed':
            sink.emit('sweepResult', { sweepId, state: 'error', error: message.message });
            end();
            return;
        }
      });
      worker.on('error', (err) => {
        const error = `the sweep worker failed: ${err.message}`;
        if (started) sink.emit('sweepResult', { sweepId, state: 'error', error });
        settle({ ok: false, error });
        end();
      });
      const message: ToSweepWorker = { type: 'start', request };
      worker.postMessage(message);
    });
  }

  /** Cancels a running sweep (a finished or unknown one is a no-op: it may just have ended). */
  cancel(sweepId: string): HostResult<null> {
    const sweep = this.active.get(sweepId);
    if (sweep) {
      this.active.delete(sweepId);
      void sweep.worker.terminate();
      sweep.sink.emit('sweepResult', { sweepId, state: 'cancelled' });
    }
    return { ok: true, value: null };
  }

  /** Cancels the sweeps that report to `sink` (its tab has gone). */
  cancelAllOf(sink: SweepEventSink): void {
    for (const [sweepId, sweep] of this.active) if (sweep.sink === sink) this.cancel(sweepId);
  }

  async dispose(): Promise<void> {
    const workers = [...this.active.values()].map((s) => s.worker);
    this.active.clear();
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
