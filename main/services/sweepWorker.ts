/**
 * Worker-thread entry of an f-I sweep (issue 7): the thread edge of shared/sim/fiSweep.ts's
 * `runSweep`, posting each of its reports as a message. The thread is busy for the whole sweep;
 * the sweep service cancels it by terminating the thread.
 */
import { parentPort } from 'node:worker_threads';
import { runSweep } from '../../shared/sim/fiSweep';
import type { FromSweepWorker, ToSweepWorker } from './sweepWorkerProtocol';

const port = parentPort;
if (!port) throw new Error('sweepWorker must run in a worker thread');

port.once('message', (message: ToSweepWorker) => {
  runSweep(message.request, (report: FromSweepWorker) => port.postMessage(report));
});
