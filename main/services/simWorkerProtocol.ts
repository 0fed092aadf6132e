/** Messages between the simulation host (main process) and its worker thread. */
import type { RunSpeed, RunStatus } from '../../shared/ipc/contract';
import type { SimulationFrame } from '../../shared/sim/types';

export type ToWorker =
  | { type: 'start'; documentText: string; speed: RunSpeed }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'step'; seconds: number }
  | { type: 'speed'; speed: RunSpeed }
  /** The renderer consumed a frame: one more may be sent. */
  | { type: 'credit' };

export type FromWorker =
  | { type: 'started'; dt: number; totalSteps: number }
  | { type: 'invalid'; message: string }
  | { type: 'frame'; frame: SimulationFrame }
  | { type: 'status'; status: Omit<RunStatus, 'runId'> };
