/**
 * The worker's run loop: advances a Simulation in chunks sized by a wall-clock budget, paces it to
 * the requested speed, and sends one frame per chunk while it holds credit (backpressure: the host
 * returns a credit for every frame the renderer acknowledges, so a slow renderer stalls the
 * simulation instead of growing memory).
 */
import type { EditOutcome, LiveEditRequest, RunSpeed, RunStatus } from '../../shared/ipc/contract';
import { MAX_FRAMES_IN_FLIGHT } from '../../shared/ipc/contract';
import type { Simulation, SimulationFrame } from '../../shared/sim/types';
import { ChunkFailure, EDIT_MESSAGES, SimulationError } from '../../shared/sim/types';
import { editCode } from '../../shared/sim/engine/liveEdit';
import { gridFloor } from '../../shared/util/timeGrid';

export interface RunLoopIo {
  sendFrame(frame: SimulationFrame): void;
  sendStatus(status: Omit<RunStatus, 'runId'>): void;
  now(): number; // milliseconds
  schedule(callback: () => void, delayMs: number): void;
}

/** Said when the engine cannot take an edit while running. */
export const NEEDS_RESTART = EDIT_MESSAGES.needsRestart;

/** Compute per chunk, in ms: short enough to stay responsive, long enough to amortise a frame. */
const CHUNK_BUDGET_MS = 25;
/**
 * The largest frame a chunk may produce (bytes of samples and spikes): a chunk that recorded more
 * would have to be copied and encoded in one piece. Chunks are shortened to stay under it, learned
 * from the bytes per step of the frames so far.
 */
export const MAX_FRAME_BYTES = 4 * 1024 * 1024;

/** Bytes of samples and spikes a frame carries. */
export function frameBytes(frame: SimulationFrame): number {
  let bytes = 0;
  for (const t of frame.traces) bytes += t.values.byteLength + t.steps.byteLength;
  for (const s of frame.spikes) bytes += s.index.byteLength + s.time.byteLength;
  return bytes;
}
const TICK_MS = 16;
const STATUS_EVERY_MS = 200;

export class RunLoop {
  private paused = false;
  private ended = false;
  private credits = MAX_FRAMES_IN_FLIGHT;
  /** Starts pessimistic so the first chunk is small; then a moving average of measured cost. */
  private msPerStep = 0.25;
  /** Simulated time (s) and wall time (ms) the pacing counts from; reset on resume/speed change. */
  private anchorSim = 0;
  private anchorWall = 0;
  private lastStatusWall = -Infinity;
  private rateWindow: Array<{ wall: number; sim: number }> = [];
  private scheduled = false;
  /** Step count a Step request advances to; its chunks wait for credit like a run's. */
  private stepTarget: number | null = null;
  /** Largest chunk (steps) whose frame stays under MAX_FRAME_BYTES, learned as frames arrive. */
  private maxStepsPerFrame = Infinity;

  constructor(
    private readonly sim: Simulation,
    private speed: RunSpeed,
    private readonly io: RunLoopIo,
    options: { paused?: boolean } = {},
  ) {
    this.anchorWall = io.now();
    this.paused = options.paused ?? false;
  }

  start(): void {
    if (this.paused) this.reportStatus(true);
    else this.kick();
  }

  /**
   * Live edits. The worker handles messages between chunks, so an applied edit acts from the next
   * chunk's first step on (the time returned). An engine without `applyEdit` takes none.
   */
  applyEdits(edits: readonly LiveEditRequest[]): { timeSeconds: number; outcomes: EditOutcome[] } {
    const timeSeconds = this.sim.stepsDone * this.sim.dt;
    const outcomes = edits.map((edit): EditOutcome => {
      const base = { elementId: edit.elementId, path: edit.path };
      if (this.ended)
        return { ...base, applied: false, code: 'ended', reason: EDIT_MESSAGES.ended };
      if (!this.sim.applyEdit)
        return { ...base, applied: false, code: 'needsRestart', reason: NEEDS_RESTART };
      try {
        const issue = this.sim.applyEdit(edit);
        return issue
          ? { ...base, applied: false, code: editCode(issue), reason: issue.message }
          : { ...base, applied: true, code: 'applied' };
      } catch (e) {
        return {
          ...base,
          applied: false,
          code: 'needsRestart',
          reason: `${NEEDS_RESTART}: ${(e as Error).message}`,
        };
      }
    });
    return { timeSeconds, outcomes };
  }

  pause(): void {
    if (this.ended) return;
    this.paused = true;
    this.reportStatus(true);
  }

  resume(): void {
    if (this.ended) return;
    this.paused = false;
    this.reanchor();
    this.kick();
  }

  setSpeed(speed: RunSpeed): void {
    this.speed = speed;
    this.reanchor();
  }

  credit(): void {
    this.credits = Math.min(MAX_FRAMES_IN_FLIGHT, this.credits + 1);
    this.kick();
  }

  /**
   * Advance a fixed amount of simulated time (used while paused): at once while credit lasts,
   * in chunks of bounded frames; what is left goes on as the renderer acknowledges frames.
   */
  step(seconds: number): void {
    if (this.ended) return;
    const steps = Math.max(1, Math.round(seconds / this.sim.dt));
    this.stepTarget = (this.stepTarget ?? this.sim.stepsDone) + steps;
    this.continueStep();
  }

  private continueStep(): void {
    while (this.stepTarget !== null && !this.ended && this.credits > 0) {
      const left = this.stepTarget - this.sim.stepsDone;
      if (left > 0) this.runChunk(Math.min(left, this.budgetSteps()));
      if (this.ended || this.sim.stepsDone >= this.stepTarget) {
        this.stepTarget = null;
        this.reanchor();
        // The clock must show the step at once (status reports are otherwise throttled).
        if (!this.ended) this.reportStatus(true);
      }
    }
  }

  /** Steps one chunk may take: the wall-clock budget, and the frame-size bound. */
  private budgetSteps(): number {
    const byTime = Math.max(1, Math.floor(CHUNK_BUDGET_MS / this.msPerStep));
    return Math.max(1, Math.min(byTime, this.maxStepsPerFrame));
  }

  private reanchor(): void {
    this.anchorWall = this.io.now();
    this.anchorSim = this.sim.stepsDone * this.sim.dt;
  }

  private kick(): void {
    if (this.scheduled || this.ended) return;
    this.scheduled = true;
    this.io.schedule(() => {
      this.scheduled = false;
      this.tick();
    }, 0);
  }

  private tick(): void {
    if (this.ended || this.credits <= 0) return;
    if (this.stepTarget !== null) {
      this.continueStep();
      return;
    }
    if (this.paused) return;
    const budgetSteps = this.budgetSteps();
    let steps = budgetSteps;
    if (this.speed !== 'max') {
      const wallSeconds = (this.io.now() - this.anchorWall) / 1000;
      const dueSim = this.anchorSim + wallSeconds * this.speed + (TICK_MS / 1000) * this.speed;
      const due = gridFloor(dueSim / this.sim.dt) - this.sim.stepsDone;
      if (due <= 0) {
        this.scheduleTick(TICK_MS);
        return;
      }
      steps = Math.min(due, budgetSteps);
      // Falling behind for good: re-anchor so a slow machine does not build up a debt to repay.
      if (due > 4 * budgetSteps) this.reanchor();
    }
    this.runChunk(steps);
    if (!this.ended) this.scheduleTick(this.speed === 'max' ? 0 : TICK_MS);
  }

  private scheduleTick(delayMs: number): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.io.schedule(() => {
      this.scheduled = false;
      this.tick();
    }, delayMs);
  }

  private runChunk(steps: number): void {
    const started = this.io.now();
    let frame: SimulationFrame;
    try {
      frame = this.sim.advance(steps);
    } catch (e) {
      this.ended = true;
      // What the chunk recorded before the failing step goes first, so the charts show the run up
      // to the failure; without it a fast run lost up to a whole chunk of the last values.
      if (e instanceof ChunkFailure) this.sendFailedChunk(e.frame);
      if (e instanceof SimulationError) {
        const { nodeId, timeSeconds, detail } = e;
        const failure = { nodeId, timeSeconds, detail };
        this.io.sendStatus({ ...this.baseStatus(), state: 'error', error: e.message, failure });
      } else {
        const error = `the simulation failed: ${(e as Error).message}`;
        this.io.sendStatus({ ...this.baseStatus(), state: 'error', error });
      }
      return;
    }
    const elapsed = this.io.now() - started;
    const advanced = frame.stepTo - frame.stepFrom;
    if (advanced > 0) {
      const perStep = Math.max(elapsed, 0.01) / advanced;
      this.msPerStep = 0.7 * this.msPerStep + 0.3 * perStep;
      const bytesPerStep = frameBytes(frame) / advanced;
      if (bytesPerStep > 0)
        this.maxStepsPerFrame = Math.max(1, Math.floor(MAX_FRAME_BYTES / bytesPerStep));
    }
    this.credits--;
    try {
      this.io.sendFrame(frame);
    } catch (e) {
      this.ended = true;
      this.io.sendStatus({
        ...this.baseStatus(),
        state: 'error',
        error: `could not send results: ${(e as Error).message}`,
      });
      return;
    }
    if (this.sim.stepsDone >= this.sim.totalSteps) {
      this.ended = true;
      this.reportStatus(true, 'finished');
    } else {
      this.reportStatus(false);
    }
  }

  /** A failed chunk's frame, when it holds anything (the error status follows either way). */
  private sendFailedChunk(frame: SimulationFrame): void {
    const recorded =
      frame.stepTo > frame.stepFrom ||
      frame.traces.some((t) => t.steps.length > 0) ||
      frame.spikes.some((s) => s.time.length > 0);
    if (!recorded) return;
    this.credits--;
    try {
      this.io.sendFrame(frame);
    } catch {
      // the failure is what the student needs to read: its status is sent all the same
    }
  }

  private baseStatus(): Omit<RunStatus, 'runId'> {
    const now = this.io.now();
    const simNow = this.sim.stepsDone * this.sim.dt;
    this.rateWindow.push({ wall: now, sim: simNow });
    while (this.rateWindow.length > 2 && now - this.rateWindow[0]!.wall > 1000)
      this.rateWindow.shift();
    const first = this.rateWindow[0]!;
    const wallSpan = (now - first.wall) / 1000;
    const realtimeFactor = wallSpan > 0 ? (simNow - first.sim) / wallSpan : 0;
    return {
      state: this.paused ? 'paused' : 'running',
      stepsDone: this.sim.stepsDone,
      totalSteps: this.sim.totalSteps,
      dt: this.sim.dt,
      realtimeFactor,
    };
  }

  private reportStatus(force: boolean, state?: RunStatus['state']): void {
    const now = this.io.now();
    if (!force && now - this.lastStatusWall < STATUS_EVERY_MS) return;
    this.lastStatusWall = now;
    const status = this.baseStatus();
    this.io.sendStatus(state ? { ...status, state } : status);
  }
}
