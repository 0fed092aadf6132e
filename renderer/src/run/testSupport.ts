/**
 * For tests: a host that only delivers frames, and a document run to the end in the simulator
 * with its frames streamed into a SimulationSession, as the app does.
 */
import type { NetworkDocument } from '../../../shared/document/model';
import type { HostApi, HostEvents, HostFrame } from '../../../shared/ipc/contract';
import { createSimulation } from '../../../shared/sim/createSimulation';
import { SimulationSession } from './SimulationSession';

/** A HostApi whose `frame` events the test emits; every other call is absent. */
export function frameHost(): { host: HostApi; emit(frame: HostFrame): void } {
  let listener: ((f: HostFrame) => void) | null = null;
  const host = {
    on<E extends keyof HostEvents>(event: E, l: (payload: HostEvents[E]) => void) {
      if (event === 'frame') listener = l as unknown as (f: HostFrame) => void;
      return () => undefined;
    },
    ackFrame: async () => ({ ok: true as const, value: null }),
  } as unknown as HostApi;
  return { host, emit: (f) => listener?.(f) };
}

/** Run `doc` to the end (chunks of `chunk` steps) and stream its frames into a new session. */
export function runInSession(doc: NetworkDocument, chunk = 997): SimulationSession {
  const { host, emit } = frameHost();
  const session = new SimulationSession(host);
  const created = createSimulation(doc);
  if (!created.ok) throw new Error(JSON.stringify(created.issues));
  const sim = created.simulation;
  session.beginRun('run-1', sim.dt, doc);
  for (let seq = 0; sim.stepsDone < sim.totalSteps; seq++)
    emit({ runId: 'run-1', seq, frame: sim.advance(chunk) });
  return session;
}
