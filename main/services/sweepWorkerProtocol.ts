/** Messages between the sweep service (main process) and a sweep worker thread. */
import type { StartSweepRequest } from '../../shared/ipc/sweepContract';
import type { SweepReport } from '../../shared/sim/fiSweep';

export type ToSweepWorker = { type: 'start'; request: StartSweepRequest };

/** The worker posts each report of `runSweep` as it comes. */
export type FromSweepWorker = SweepReport;
