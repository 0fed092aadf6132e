/** Messages between the simulation host (main process) and its worker thread. */
import type { EditOutcome, LiveEditRequest, RunSpeed, RunStatus } from '../../shared/ipc/contract';
import type { NodeLiveState } from '../../shared/sim/liveState';
import type { CycleInfo, SimulationFrame } from '../../shared/sim/types';

export type ToWorker =
  | { type: 'start'; documentText: string; speed: RunSpeed; forever: boolean; paused: boolean }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'step'; seconds: number }
  | { type: 'speed'; speed: RunSpeed }
  /** Live edits: applied before the next chunk; answered by an `edited` message. */
  | { type: 'edit'; requestId: number; edits: LiveEditRequest[] }
  /** The renderer consumed a frame: one more may be sent. */
  | { type: 'credit' };

export type FromWorker =
  | {
      type: 'started';
      dt: number;
      totalSteps: number;
      /** Bytes of samples and spikes one step adds to a frame (the admission rule's estimate). */
      bytesPerStep: number;
      /** Zero-delay cycles of spiking edges and their rules. */
      cycles: CycleInfo[];
    }
  | { type: 'invalid'; message: string }
  | { type: 'frame'; frame: SimulationFrame; producedAtMs: number; live: NodeLiveState[] }
  | { type: 'status'; status: Omit<RunStatus, 'runId'> }
  | { type: 'edited'; requestId: number; timeSeconds: number; outcomes: EditOutcome[] };
