/**
 * Worker-thread entry of an f-I sweep (issue 7): loads the document, then runs the swept neuron
 * under each input in turn (fiSweep.ts), posting one message per input. The thread is busy for the
 * whole sweep; the host cancels it by terminating the thread.
 */
import { parentPort } from 'node:worker_threads';
import { loadDocument } from '../../shared/document/loadDocument';
import type { SweepPoint } from '../../shared/ipc/sweepContract';
import { sweepCompileError, sweepPoint, sweepTarget } from './fiSweep';
import type { FromSweepWorker, ToSweepWorker } from './sweepWorkerProtocol';

const port = parentPort;
if (!port) throw new Error('sweepWorker must run in a worker thread');

function post(message: FromSweepWorker): void {
  port!.postMessage(message);
}

port.once('message', (message: ToSweepWorker) => {
  const { request } = message;
  const loaded = loadDocument(request.documentText);
  if (!loaded.ok) {
    post({
      type: 'invalid',
      message: loaded.issues
        .filter((i) => i.severity === 'error')
        .map((i) => (i.path ? `${i.path}: ${i.message}` : i.message))
        .join('\n'),
    });
    return;
  }
  const prepared = sweepTarget(loaded.document, request.nodeId, {
    durationSeconds: request.durationSeconds,
    dt: request.dt,
  });
  if (!prepared.ok) {
    post({ type: 'invalid', message: prepared.error });
    return;
  }
  const refused = sweepCompileError(prepared.target, request.currents[0] ?? 0);
  if (refused) {
    post({ type: 'invalid', message: `the simulator refused the swept neuron: ${refused}` });
    return;
  }
  post({ type: 'started', model: prepared.target.model });
  const points: SweepPoint[] = [];
  try {
    for (const current of request.currents) {
      const point = sweepPoint(prepared.target, current);
      points.push(point);
      post({ type: 'point', done: points.length, total: request.currents.length, point });
    }
  } catch (e) {
    post({ type: 'failed', message: (e as Error).message });
    return;
  }
  post({ type: 'done', points });
});
