/** Messages between the sweep service (main process) and a sweep worker thread. */
import type { StartSweepRequest, SweepPoint } from '../../shared/ipc/sweepContract';
import type { NeuronModelId } from '../../shared/models/registry';

export type ToSweepWorker = { type: 'start'; request: StartSweepRequest };

export type FromSweepWorker =
  | { type: 'started'; model: NeuronModelId }
  | { type: 'invalid'; message: string }
  | { type: 'point'; done: number; total: number; point: SweepPoint }
  | { type: 'done'; points: SweepPoint[] }
  | { type: 'failed'; message: string };
