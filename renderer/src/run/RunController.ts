/**
 * The run's controller: what Run, Pause/Resume, Stop, Reset, Step (one dt, one ms), the speed and
 * run-forever do, for every way of asking (the run toolbar, the Simulation menu, a command). A
 * plain class, no React: the toolbar is a view of its snapshot (`subscribe`/`getSnapshot`, for
 * `useSyncExternalStore`), and the commands `sim.run|pause|stop|step` (run/commands.ts) call it.
 *
 * It owns the live-edit controller (run/liveEdits.ts): document changes during a run become live
 * edits, and a change that needs a restart raises the restart question (`restartReasons`, which
 * the toolbar shows as a dialog). A run that ends offers to keep or revert its slider changes
 * (document/liveTweaks.ts). Run (and Step, which starts a paused run) refuses to start while an
 * inspector field holds a value that cannot be stored (a draft, document/drafts.ts), or when there
 * is nothing to simulate; the refusal is the run message (document/runMessage.ts, which takes it
 * down when the document changes).
 */
import type { HostApi, RunSpeed, RunStatus } from '../../../shared/ipc/contract';
import { documentStore, type DocumentStore } from '../document/documentStore';
import { runRefusal } from '../document/drafts';
import { runBegan, runEnded, runRestarting } from '../document/liveTweaks';
import { showRunMessage } from '../document/runMessage';
import { nothingToSimulate } from '../document/stateMessages';
import { LiveEditController } from './liveEdits';
import type { SimulationSession } from './SimulationSession';

export interface RunSnapshot {
  /** The host's coarse status of the current run (null: none, or Reset). */
  readonly status: RunStatus | null;
  readonly speed: RunSpeed;
  readonly forever: boolean;
  /** Set while a change needs a restart to apply: the restart question is open. */
  readonly restartReasons: readonly string[] | null;
  /**
   * Set when the run ended (finished, stopped, failed) while the restart question was open: there
   * is nothing left to keep running, the change applies to the next run, and the dialog says so.
   */
  readonly restartRunEnded: 'finished' | 'stopped' | 'error' | null;
  /**
   * Changes of the circuit the running network does not have, kept running after the restart
   * question ("Keep running"): the canvas shows one circuit, the run simulates the one from
   * before, and the clock says so until a restart or the run's end (empty: none).
   */
  readonly pendingRestart: readonly string[];
  /** Live edits applied to this run (the clock says "edited live"). */
  readonly editedCount: number;
  /** Frames of this run the host skipped because this tab fell behind. */
  readonly framesDropped: number;
}

export class RunController {
  private snapshot: RunSnapshot = {
    status: null,
    speed: 1,
    forever: false,
    restartReasons: null,
    restartRunEnded: null,
    pendingRestart: [],
    editedCount: 0,
    framesDropped: 0,
  };
  private readonly listeners = new Set<() => void>();
  private readonly liveEdits: LiveEditController;
  /** The state and run of the last status seen, so an end is acted on once. */
  private seen: { state: RunStatus['state'] | undefined; runId: string | undefined } | null = null;

  constructor(
    private readonly host: HostApi,
    private readonly session: SimulationSession,
    private readonly documents: DocumentStore = documentStore,
  ) {
    this.liveEdits = new LiveEditController(host, session, {
      askRestart: (reasons) => this.update({ restartReasons: reasons, restartRunEnded: null }),
      pendingRestart: (reasons) => {
        const now = this.snapshot.pendingRestart;
        if (reasons.length !== now.length || reasons.some((r, i) => r !== now[i]))
          this.update({ pendingRestart: reasons });
      },
      notify: (text) => showRunMessage(text, 'run'),
    });
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): RunSnapshot => this.snapshot;

  /**
   * Starts following the document and the run (App's effect); returns the function that stops.
   * A loaded circuit (open, New, an example) replaces the running one: its run stops and the
   * session is cleared; any other change of the document during a run is a live edit.
   */
  connect(): () => void {
    const offDocument = this.documents.subscribe((state, previous) => {
      if (state.loadCount !== previous.loadCount) {
        // not a live edit: the old circuit's run, charts, clock and edit log go with it
        this.liveEdits.documentLoaded();
        this.update({ restartReasons: null, restartRunEnded: null, pendingRestart: [] });
        this.session.stopAndClear();
      } else if (state.document !== previous.document)
        this.liveEdits.documentChanged(state.document);
    });
    const offStatus = this.session.subscribeStatus((status) => this.onStatus(status));
    const offData = this.session.subscribe(() => {
      if (this.session.editLog.length !== this.snapshot.editedCount)
        this.update({ editedCount: this.session.editLog.length });
    });
    this.onStatus(this.session.status);
    return () => {
      offDocument();
      offStatus();
      offData();
    };
  }

  /** True while the run can advance (running or paused). */
  get isActive(): boolean {
    const state = this.snapshot.status?.state;
    return state === 'running' || state === 'paused';
  }

  /** Whether Step may act now (it starts a paused run when none is active). */
  get canStep(): boolean {
    const state = this.snapshot.status?.state;
    return state !== 'running' && state !== 'finished' && state !== 'error';
  }

  /** The time step a Step dt advances: the run's, else the document's. */
  get dt(): number {
    return (
      this.snapshot.status?.dt ||
      this.session.dt ||
      this.documents.getState().document?.simulation.dt ||
      0
    );
  }

  /**
   * Starts a run of the open document (paused: for Step). Refused, with the run message, when
   * there is nothing to simulate or a field holds a draft. True when the run started.
   */
  async start(paused = false): Promise<boolean> {
    showRunMessage(null);
    this.update({ restartReasons: null, restartRunEnded: null, pendingRestart: [] });
    const doc = this.documents.getState().document;
    if (!doc) return false;
    const nothing = nothingToSimulate(doc);
    if (nothing) {
      showRunMessage(nothing);
      return false;
    }
    const refusal = runRefusal(doc);
    if (refusal) {
      showRunMessage(refusal.message, 'state', refusal.draft);
      return false;
    }
    const { speed, forever } = this.snapshot;
    const started = await this.host.startRun({
      documentText: JSON.stringify(doc),
      speed,
      forever,
      paused,
    });
    if (!started.ok) {
      // the admission rule's refusal: about this document, checked again at the next Run
      showRunMessage(started.error, 'state');
      return false;
    }
    this.session.beginRun(started.value.runId, started.value.dt, doc, {
      forever,
      cycles: started.value.cycles ?? [],
    });
    this.liveEdits.runStarted(doc);
    runBegan(doc);
    return true;
  }

  pause(): Promise<void> {
    return this.control('pause');
  }

  resume(): Promise<void> {
    return this.control('resume');
  }

  /** Pause a running run, resume a paused one (the toolbar's one button, the menu's Pause). */
  async togglePause(): Promise<void> {
    const state = this.snapshot.status?.state;
    if (state === 'paused') await this.resume();
    else if (state === 'running') await this.pause();
  }

  stop(): Promise<void> {
    return this.control('stop');
  }

  /** Advances by `seconds` of simulated time, starting a paused run when none is active. */
  async step(seconds: number): Promise<void> {
    if (!this.isActive && !(await this.start(true))) return;
    const id = this.session.runId;
    if (!id) return;
    const result = await this.host.stepRun({ runId: id, seconds });
    if (!result.ok) showRunMessage(result.error, 'run');
  }

  /** One time step. */
  stepDt(): Promise<void> {
    return this.step(this.dt);
  }

  setSpeed(speed: RunSpeed): void {
    this.update({ speed });
    const runId = this.session.runId;
    if (this.isActive && runId) void this.host.setRunSpeed({ runId, speed });
  }

  setForever(forever: boolean): void {
    this.update({ forever });
  }

  /** Stops the run, if any, and forgets its data; its slider changes are offered back. */
  reset(): void {
    showRunMessage(null);
    this.update({ restartReasons: null, restartRunEnded: null, pendingRestart: [] });
    this.session.stopAndClear();
    runEnded();
  }

  /** The restart question's "Restart": stop this run and start the edited circuit. */
  async restart(): Promise<void> {
    // The slider changes of the stopped run are asked about when the restarted run ends.
    runRestarting(true);
    const runId = this.session.runId;
    if (this.isActive && runId) await this.host.controlRun({ runId, action: 'stop' });
    if (!(await this.start(false))) {
      runRestarting(false);
      runEnded();
    }
  }

  /** The question of a run that has ended: the change waits for the next Run. */
  closeRestartQuestion(): void {
    this.update({ restartReasons: null, restartRunEnded: null });
  }

  /** The restart question's "Keep running": not asked again about the same change. */
  keepRunning(): void {
    const reasons = this.snapshot.restartReasons;
    if (reasons) this.liveEdits.keepRunning([...reasons]);
    this.update({ restartReasons: null, restartRunEnded: null });
  }

  private async control(action: 'pause' | 'resume' | 'stop'): Promise<void> {
    const runId = this.session.runId;
    if (!runId) return;
    const result = await this.host.controlRun({ runId, action });
    if (!result.ok) showRunMessage(result.error, 'run');
  }

  private onStatus(status: RunStatus | null): void {
    this.update({
      status,
      framesDropped: this.session.framesDropped,
      editedCount: this.session.editLog.length,
    });
    const state = status?.state;
    const runId = status?.runId;
    if (this.seen && this.seen.state === state && this.seen.runId === runId) return;
    this.seen = { state, runId };
    // A run that ends (finished, stopped, failed) offers to keep or revert its slider changes. A
    // status of an earlier run (the one a restart stopped) arriving late is not this run's end.
    if (runId !== undefined && this.session.runId !== null && runId !== this.session.runId) return;
    if (state === 'finished' || state === 'stopped' || state === 'error') {
      runEnded();
      // the next Run simulates the circuit on the canvas: nothing waits for a restart any more
      if (this.snapshot.pendingRestart.length > 0) this.update({ pendingRestart: [] });
      // "Keep running" would offer a run that is over: the open question turns into a notice
      if (this.snapshot.restartReasons) this.update({ restartRunEnded: state });
    }
  }

  private update(patch: Partial<RunSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    this.listeners.forEach((listener) => listener());
  }
}
