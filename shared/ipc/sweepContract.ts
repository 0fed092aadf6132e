/**
 * The sweep part of the host API (issue 7), spread into HOST_REQUESTS by contract.ts.
 *
 * A sweep runs one neuron of a document alone under a series of constant inputs J, each for
 * `durationSeconds`, in a worker thread of its own, and reports the firing rate for each (an f-I
 * curve). The worker replaces the node's inputs and its `bias` by J, so the x axis is the total
 * constant input (docs/format.md#input-j). Progress arrives as `sweepProgress` events, one per input; the end (done,
 * failed or cancelled) as one `sweepResult`.
 */
import { z } from 'zod';
import type { NeuronModelId } from '../models/registry';
import type { SweepPoint } from '../sim/fiSweep';
import { SWEEP_REQUEST_CHANNELS as C } from './sweepChannels';

/** Most inputs one sweep may take. */
export const MAX_SWEEP_POINTS = 400;

export const sweepIdSchema = z.string().regex(/^sweep-\d+$/);

export const startSweepSchema = z.strictObject({
  /** The document as JSON text (validated again in the worker). */
  documentText: z.string().max(64 * 1024 * 1024),
  /** The neuron or population to sweep (a population: its element 0). */
  nodeId: z.string().regex(/^[A-Za-z_][A-Za-z0-9_-]*$/),
  /** Constant inputs J, in the target's unit (dimensionless for LIF and rate, uA/cm^2 for HH). */
  currents: z.array(z.number().finite()).min(1).max(MAX_SWEEP_POINTS),
  /** Simulated time per input, seconds. */
  durationSeconds: z.number().positive().max(20),
  /** Time step, seconds (default: the document's). */
  dt: z.number().min(1e-7).max(0.01).optional(),
});
export type StartSweepRequest = z.infer<typeof startSweepSchema>;

export const cancelSweepSchema = z.strictObject({ sweepId: sweepIdSchema });

/** What a sweep reports per input: the simulator's measure (shared/sim/fiSweep.ts). */
export type { SweepPoint };

export const SWEEP_REQUESTS = {
  startSweep: { channel: C.startSweep, params: startSweepSchema },
  cancelSweep: { channel: C.cancelSweep, params: cancelSweepSchema },
} as const;

export interface SweepStarted {
  sweepId: string;
  /** The swept node's model. */
  model: NeuronModelId;
}

export interface SweepRequestResults {
  startSweep: SweepStarted;
  cancelSweep: null;
}

export interface SweepProgress {
  sweepId: string;
  /** Inputs finished so far. */
  done: number;
  total: number;
  point: SweepPoint;
}

export type SweepResult =
  | { sweepId: string; state: 'done'; points: SweepPoint[] }
  | { sweepId: string; state: 'cancelled' }
  | { sweepId: string; state: 'error'; error: string };

export interface SweepEvents {
  sweepProgress: SweepProgress;
  sweepResult: SweepResult;
}
