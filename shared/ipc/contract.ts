/**
 * The host API contract between the renderer and the main-process services.
 *
 * One table, `HOST_REQUESTS`, names every request: its channel and a zod parser for its payload.
 * Electron's preload exposes exactly one method per entry (no generic invoke); the web host speaks
 * the same table over a loopback WebSocket. Main parses every payload with the parser here before
 * acting, and answers with a `HostResult` instead of throwing across the bridge.
 */
import type { EditCode } from '../sim/types';
import { z } from 'zod';
import type { NodeLiveState } from '../sim/liveState';
import type { CycleInfo, SimulationFrame } from '../sim/types';
import { HOST_EVENT_CHANNELS, HOST_REQUEST_CHANNELS } from './channels';
import {
  DESKTOP_REQUESTS,
  type DesktopEvents,
  type DesktopRequestResults,
} from './desktopContract';
import {
  FILE_REQUESTS,
  type FileEvents,
  type FileRequestResults,
  type OpenedFile,
} from './fileContract';
import { SWEEP_REQUESTS, type SweepEvents, type SweepRequestResults } from './sweepContract';
import { EXPORT_REQUESTS, type ExportRequestResults } from './exportContract';

export { HOST_EVENT_CHANNELS, HOST_REQUEST_CHANNELS };

/** Either a value or a message a person can act on. */
export type HostResult<T> = { ok: true; value: T } | { ok: false; error: string };

export const runSpeedSchema = z.union([z.number().min(0.01).max(10), z.literal('max')]);
/** Simulated seconds per wall-clock second, or 'max' for as fast as possible. */
export type RunSpeed = z.infer<typeof runSpeedSchema>;

const runIdSchema = z.string().regex(/^run-\d+$/);

export const startRunSchema = z.strictObject({
  /** The document as JSON text (validated again in main). */
  documentText: z.string().max(64 * 1024 * 1024),
  speed: runSpeedSchema.default(1),
  /** Run until stopped (totalSteps = Infinity; the charts show a rolling window). */
  forever: z.boolean().default(false),
  /** Compile and wait paused (Step from a stopped state). */
  paused: z.boolean().default(false),
});

export const runControlSchema = z.strictObject({
  runId: runIdSchema,
  action: z.enum(['pause', 'resume', 'stop']),
});

export const runStepSchema = z.strictObject({
  runId: runIdSchema,
  /** Simulated seconds to advance while paused (one dt or one ms from the UI). */
  seconds: z.number().positive().max(10),
});

export const runSpeedChangeSchema = z.strictObject({
  runId: runIdSchema,
  speed: runSpeedSchema,
});

export const frameAckSchema = z.strictObject({
  runId: runIdSchema,
  seq: z.number().int().nonnegative(),
});

/** One live edit: a field of a node or edge, by the CLI's `--set` path (`params.bias`, `weight`). */
export const liveEditSchema = z.strictObject({
  elementId: z.string().regex(/^[A-Za-z_][A-Za-z0-9_-]*$/),
  path: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/)
    .refine(
      (p) =>
        !p.split('.').some((k) => k === '__proto__' || k === 'constructor' || k === 'prototype'),
      'not a field path',
    ),
  value: z.json(),
});
export type LiveEditRequest = z.infer<typeof liveEditSchema>;

export const runEditSchema = z.strictObject({
  runId: runIdSchema,
  edits: z.array(liveEditSchema).min(1).max(1000),
});

export const emptySchema = z.undefined();

/** Every request of the host API: channel name and payload parser. */
export const HOST_REQUESTS = {
  ...DESKTOP_REQUESTS,
  ...FILE_REQUESTS,
  ...SWEEP_REQUESTS,
  ...EXPORT_REQUESTS,
  getStartupDocument: { channel: HOST_REQUEST_CHANNELS.getStartupDocument, params: emptySchema },
  startRun: { channel: HOST_REQUEST_CHANNELS.startRun, params: startRunSchema },
  controlRun: { channel: HOST_REQUEST_CHANNELS.controlRun, params: runControlSchema },
  stepRun: { channel: HOST_REQUEST_CHANNELS.stepRun, params: runStepSchema },
  setRunSpeed: { channel: HOST_REQUEST_CHANNELS.setRunSpeed, params: runSpeedChangeSchema },
  ackFrame: { channel: HOST_REQUEST_CHANNELS.ackFrame, params: frameAckSchema },
  editRun: { channel: HOST_REQUEST_CHANNELS.editRun, params: runEditSchema },
} as const;

export type HostRequestName = keyof typeof HOST_REQUESTS;
export type HostRequestParams<K extends HostRequestName> = z.input<
  (typeof HOST_REQUESTS)[K]['params']
>;
/**
 * Each request's payload as main acts on it: parsed by its schema, defaults applied. An object
 * type (not a generic alias) so that `HostRequestData[K]` stays one type for a generic K: a table
 * of handlers indexed by K then calls its handler without a cast (main/services/hostService.ts).
 */
export type HostRequestData = {
  [K in HostRequestName]: z.output<(typeof HOST_REQUESTS)[K]['params']>;
};

export interface StartupDocument {
  /** File name shown in the title, e.g. `lif-charging.neuro`. */
  fileName: string;
  text: string;
}

export type RunState = 'running' | 'paused' | 'finished' | 'stopped' | 'error';

export interface RunStatus {
  runId: string;
  state: RunState;
  stepsDone: number;
  /** Infinity for a run-forever (it arrives as null over the web host's JSON). */
  totalSteps: number;
  dt: number;
  /** Simulated seconds per wall-clock second achieved over the last second. */
  realtimeFactor: number;
  /** Present when state is 'error': names the node and the time. */
  error?: string;
  /**
   * With `error`, when the run failed in a node (a value not finite): the node's id, the time and
   * what failed, so the UI can name the node by its label and say the time in ms (`error` is the
   * CLI's wording, in s).
   */
  failure?: RunFailure;
}

export interface RunFailure {
  nodeId: string;
  timeSeconds: number;
  detail: string;
}

export interface RunStarted {
  runId: string;
  dt: number;
  totalSteps: number;
  /** Zero-delay cycles of spiking edges and their rules (the run summary says which were exact). */
  cycles?: CycleInfo[];
}

/** Results of each request. */
export interface HostRequestResults
  extends DesktopRequestResults, FileRequestResults, SweepRequestResults, ExportRequestResults {
  getStartupDocument: StartupDocument;
  startRun: RunStarted;
  controlRun: null;
  stepRun: null;
  setRunSpeed: null;
  ackFrame: null;
  editRun: RunEdited;
}

/** What became of each edit of an editRun request, in order. */
export interface EditOutcome {
  elementId: string;
  path: string;
  /** True when the running simulation took the value at its next chunk. */
  applied: boolean;
  /** What became of it (branch on this, not on `reason`). */
  code: EditCode;
  /** Why not, when not applied, in words (for instance "this change needs a restart"). */
  reason?: string;
}

export interface RunEdited {
  /** Simulated time (s) from which the applied edits act. */
  timeSeconds: number;
  outcomes: EditOutcome[];
}

/** A frame as it crosses to the renderer: the simulator frame plus its run and sequence number. */
export interface HostFrame {
  runId: string;
  seq: number;
  frame: SimulationFrame;
  /** Wall-clock time (ms since the epoch) the worker produced it: for sample-to-pixel latency. */
  producedAtMs?: number;
  /** Every neuron node's state at step frame.stepTo, for the canvas's live colours (display only). */
  live?: NodeLiveState[];
}

/** Push events from the host. */
/**
 * The browser host skipped frames of a run for a tab that fell behind (or one it could not
 * encode): the tab's charts have a gap and it says so.
 */
export interface FramesDropped {
  runId: string;
  count: number;
  reason: string;
}

export interface HostEvents extends DesktopEvents, FileEvents, SweepEvents {
  frame: HostFrame;
  status: RunStatus;
  framesDropped: FramesDropped;
}

/** What the renderer sees: one async method per request, plus event subscriptions. */
export type HostApi = {
  [K in HostRequestName]: (
    ...params: HostRequestParams<K> extends undefined ? [] : [HostRequestParams<K>]
  ) => Promise<HostResult<HostRequestResults[K]>>;
} & {
  on<E extends keyof HostEvents>(event: E, listener: (payload: HostEvents[E]) => void): () => void;
  /** Electron only: open a dropped `File` (the preload resolves its path; the renderer never sees it). */
  openDroppedFile?: (file: unknown) => Promise<HostResult<OpenedFile>>;
};

/** Frames in flight (sent, not yet acknowledged) before the worker waits: bounds memory. */
export const MAX_FRAMES_IN_FLIGHT = 4;
