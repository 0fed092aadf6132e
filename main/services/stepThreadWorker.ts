/**
 * Worker-thread entry of the simulation's helper thread (stepThreads.ts): instantiates the LIF fast
 * loop on each population's shared memory it is given, then, on 'go', runs the handshake loop of
 * shared/models/lif/order0Threads.ts until paused (to attach another population) or told to quit.
 * No message per step.
 */
import { parentPort, workerData } from 'node:worker_threads';
import {
  CTL_FAILED,
  CTL_INTS,
  CTL_QUIT,
  CTL_READY,
  instantiateOrder0,
  runHelperLoop,
  type HelperPopulation,
} from '../../shared/models/lif/order0Threads';
import type { ToStepThread } from './stepThreads';
import { optimiseWasmAtOnce } from './v8Flags';

const port = parentPort;
if (!port) throw new Error('stepThreadWorker must run in a worker thread');
optimiseWasmAtOnce();
const control = (workerData as { control: SharedArrayBuffer }).control;
const ctl = new Int32Array(control, 0, CTL_INTS);
const populations: HelperPopulation[] = [];

port.on('message', (message: ToStepThread) => {
  if (message.type === 'attach') {
    try {
      const [, , , , listAt, countsAt] = message.layout;
      const buffer = (message.memory as { buffer: SharedArrayBuffer }).buffer;
      populations[message.slot] = {
        instance: instantiateOrder0(message.memory, message.layout),
        // a chunk count per CHUNK elements (the caller's layout: order0Wasm.ts)
        counts: new Int32Array(buffer, countsAt!, Math.ceil(message.size / message.chunk)),
        listAt: listAt!,
      };
      Atomics.store(ctl, CTL_READY, message.slot + 1);
    } catch {
      Atomics.store(ctl, CTL_FAILED, message.slot + 1);
    }
    Atomics.notify(ctl, CTL_READY);
    Atomics.notify(ctl, CTL_FAILED);
  } else {
    // returns on a pause (a population to attach: back to the messages) or on quit
    runHelperLoop(control, populations);
    if (Atomics.load(ctl, CTL_QUIT) === 1) port.close();
  }
});
