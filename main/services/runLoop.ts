/**
 * The worker's run loop: advances a Simulation in chunks sized by a wall-clock budget, paces it to
 * the requested speed, and sends one frame per chunk while it holds credit (backpressure: the host
 * returns a credit for every frame the renderer acknowledges, so a slow renderer stalls the
 * simulation instead of growing memory).
 */
import type { EditOutcome, LiveEditRequest, RunSpeed, RunStatus } from '../../shared/ipc/contract';
import { MAX_FRAMES_IN_FLIGHT } from '../../shared/ipc/contract';
import type { Simulation, SimulationFrame } from '../../shared/sim/types';
import { EDIT_MESSAGES, SimulationError } from '../../shared/sim/types';
import { editCode } from '../../shared/sim/engine/liveEdit';

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

  /** Advance a fixed amount of simulated time now (used while paused). */
  step(seconds: number): void {
    if (this.ended) return;
    const steps = Math.max(1, Math.round(seconds / this.sim.dt));
    this.runChunk(steps);
    this.reanchor();
    // The clock must show the step at once (status reports are otherwise throttled).
    if (!this.ended) this.reportStatus(true);
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
    if (this.ended || this.paused || this.credits <= 0) return;
    const budgetSteps = Math.max(1, Math.floor(CHUNK_BUDGET_MS / this.msPerStep));
    let steps = budgetSteps;
    if (this.speed !== 'max') {
      const wallSeconds = (this.io.now() - this.anchorWall) / 1000;
      const dueSim = this.anchorSim + wallSeconds * this.speed + (TICK_MS / 1000) * this.speed;
      const due = Math.floor(dueSim / this.sim.dt + 1e-9) - this.sim.stepsDone;
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
      const message =
        e instanceof SimulationError ? e.message : `the simulation failed: ${(e as Error).message}`;
      this.io.sendStatus({ ...this.baseStatus(), state: 'error', error: message });
      return;
    }
    const elapsed = this.io.now() - started;
    const advanced = frame.stepTo - frame.stepFrom;
    if (advanced > 0) {
      const perStep = Math.max(elapsed, 0.01) / advanced;
      this.msPerStep = 0.7 * this.msPerStep + 0.3 * perStep;
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
