/**
 * Run controls and the clock: Run, Pause/Resume, Stop, Reset, Step (one dt, one ms), the speed
 * (x0.01 to x10 real time, or as fast as possible), run-forever, and the clock with simulated time
 * and the real-time factor achieved. The clock follows the coarse run status (a few times a
 * second), never per sample.
 *
 * It also owns the live-edit controller: document changes during a run become live edits, and a
 * change that needs a restart opens the restart dialog.
 *
 * Run (and Step, which starts a paused run) refuses to start while an inspector field holds a
 * value that cannot be stored (a draft, document/drafts.ts), naming the node and the field; "Show"
 * selects that element so the inspector shows the field. The status has a fixed width (the time
 * on one line, the state below, each cut with an ellipsis and whole in the tooltip), so it never
 * moves the other controls as it changes. Messages (`RunMessage`, document/runMessage.ts) show at the
 * top of the inspector column, covering nothing; a refusal goes by itself once its field is fixed.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { NetworkDocument } from '../../../shared/document/model';
import type { HostApi, RunSpeed, RunStatus } from '../../../shared/ipc/contract';
import type { SimulationSession } from './SimulationSession';
import { LiveEditController } from './liveEdits';
import { documentStore } from '../document/documentStore';
import { nothingToSimulate } from '../document/stateMessages';
import { runRefusal, type Draft } from '../document/drafts';
import { runMessageStore, showRunMessage, watchRefusal } from '../document/runMessage';
import { runBegan, runEnded, runRestarting } from '../document/liveTweaks';
import { select } from '../document/uiStore';
import { registerDocumentForTests } from './testHooks';
import { PlayIcon } from '../ui/icons';
import './runToolbar.css';

export interface RunToolbarProps {
  host: HostApi;
  session: SimulationSession;
  document: NetworkDocument;
  status: RunStatus | null;
}

const SPEEDS: Array<{ value: RunSpeed; label: string }> = [
  { value: 0.01, label: '×0.01' },
  { value: 0.1, label: '×0.1' },
  { value: 0.25, label: '×0.25' },
  { value: 0.5, label: '×0.5' },
  { value: 1, label: '×1 (real time)' },
  { value: 2, label: '×2' },
  { value: 5, label: '×5' },
  { value: 10, label: '×10' },
  { value: 'max', label: 'as fast as possible' },
];

/**
 * The steps the charts have received, read twenty times a second while a run goes (frames arrive
 * far more often; one re-render of this toolbar per frame would be waste), so the clock keeps up
 * with the charts between the host's status reports.
 */
function useDrawnSteps(session: SimulationSession, running: boolean): number {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setTick((t) => t + 1), 50);
    return () => clearInterval(timer);
  }, [running]);
  return session.stepsReceived;
}

function formatClock(seconds: number): string {
  return seconds < 10 ? `${(seconds * 1000).toFixed(1)} ms` : `${seconds.toFixed(3)} s`;
}

/** Selects the draft's element(s) and focuses its field once the inspector shows it. */
function showDraft(draft: Draft): void {
  select(draft.owner.ids);
  requestAnimationFrame(() => {
    const fields = window.document.querySelectorAll<HTMLElement>('[data-field-key]');
    [...fields].find((f) => f.dataset['fieldKey'] === draft.key)?.focus();
  });
}

export function RunToolbar({ host, session, document, status }: RunToolbarProps) {
  const [speed, setSpeed] = useState<RunSpeed>(1);
  const [forever, setForever] = useState(false);
  const [restartReasons, setRestartReasons] = useState<string[] | null>(null);
  const [editedCount, setEditedCount] = useState(0);
  const documentRef = useRef(document);
  useEffect(() => {
    documentRef.current = document;
  }, [document]);

  const controller = useMemo(
    () =>
      new LiveEditController(host, session, {
        askRestart: (reasons) => setRestartReasons(reasons),
        notify: (text) => showRunMessage(text),
      }),
    [host, session],
  );
  useEffect(
    () =>
      documentStore.subscribe((state, previous) => {
        if (state.loadCount !== previous.loadCount) {
          // a loaded circuit replaces the running one (App stops that run); it is not a live edit
          controller.documentLoaded();
          setRestartReasons(null);
        } else if (state.document !== previous.document) controller.documentChanged(state.document);
      }),
    [controller],
  );
  useEffect(() => session.subscribe(() => setEditedCount(session.editLog.length)), [session]);
  useEffect(() => registerDocumentForTests(() => documentStore.getState().document), []);

  const runId = session.runId;
  const state = status?.state;
  const isActive = state === 'running' || state === 'paused';
  // A run that ends (finished, stopped, failed) offers to keep or revert its slider changes.
  // A status of an earlier run (the one a restart stopped) arriving late is not this run's end.
  const statusRunId = status?.runId;
  useEffect(() => {
    if (statusRunId !== undefined && session.runId !== null && statusRunId !== session.runId)
      return;
    if (state === 'finished' || state === 'stopped' || state === 'error') runEnded();
  }, [state, statusRunId, session]);

  const start = async (paused = false): Promise<boolean> => {
    showRunMessage(null);
    setRestartReasons(null);
    const doc = documentRef.current;
    const nothing = nothingToSimulate(doc);
    if (nothing) {
      showRunMessage(nothing);
      return false;
    }
    const refusal = runRefusal(doc);
    if (refusal) {
      showRunMessage(refusal.message, refusal.draft);
      return false;
    }
    const started = await host.startRun({
      documentText: JSON.stringify(doc),
      speed,
      forever,
      paused,
    });
    if (!started.ok) {
      showRunMessage(started.error);
      return false;
    }
    session.beginRun(started.value.runId, started.value.dt, doc, {
      forever,
      cycles: started.value.cycles ?? [],
    });
    controller.runStarted(doc);
    runBegan(doc);
    return true;
  };
  const control = async (action: 'pause' | 'resume' | 'stop'): Promise<void> => {
    if (!runId) return;
    const result = await host.controlRun({ runId, action });
    if (!result.ok) showRunMessage(result.error);
  };
  const step = async (seconds: number): Promise<void> => {
    if (!isActive && !(await start(true))) return;
    const id = session.runId;
    if (!id) return;
    const result = await host.stepRun({ runId: id, seconds });
    if (!result.ok) showRunMessage(result.error);
  };
  const changeSpeed = (value: RunSpeed): void => {
    setSpeed(value);
    if (isActive && runId) void host.setRunSpeed({ runId, speed: value });
  };
  const reset = (): void => {
    showRunMessage(null);
    setRestartReasons(null);
    session.stopAndClear();
    runEnded();
  };
  const restart = async (): Promise<void> => {
    // The slider changes of the stopped run are asked about when the restarted run ends.
    runRestarting(true);
    if (isActive && runId) await host.controlRun({ runId, action: 'stop' });
    if (!(await start(false))) {
      runRestarting(false);
      runEnded();
    }
  };

  const dt = status?.dt || session.dt || document.simulation.dt;
  const drawnSteps = useDrawnSteps(session, state === 'running');
  // The clock shows the newest of: the host's (throttled) status, and the frames already drawn.
  const simSeconds = status ? Math.max(status.stepsDone, drawnSteps) * status.dt : 0;
  const total = status && Number.isFinite(status.totalSteps) ? status.totalSteps * status.dt : null;
  const canStep = state !== 'running' && state !== 'finished' && state !== 'error';
  const timeText = `t = ${formatClock(simSeconds)}${total !== null ? ` / ${formatClock(total)}` : status ? ' (forever)' : ''}`;
  const stateText = [
    state ?? '',
    editedCount > 0 ? 'edited live' : '',
    status && state === 'running' && status.realtimeFactor > 0
      ? `×${status.realtimeFactor.toPrecision(3)} real time`
      : '',
    session.framesDropped > 0
      ? `this tab fell behind: ${session.framesDropped} frames skipped, the charts have gaps`
      : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <div className="run-toolbar" role="toolbar" aria-label="simulation controls">
      <button type="button" onClick={() => void start()} disabled={isActive}>
        <PlayIcon /> Run
      </button>
      {/* One button, as wide as its longer label, so the controls after it stay put. */}
      <button
        type="button"
        className="run-toolbar__swap"
        onClick={() => void control(state === 'paused' ? 'resume' : 'pause')}
        disabled={state !== 'running' && state !== 'paused'}
      >
        <span className={state === 'paused' ? undefined : 'run-toolbar__ghost'}>Resume</span>
        <span className={state === 'paused' ? 'run-toolbar__ghost' : undefined}>Pause</span>
      </button>
      <button type="button" onClick={() => void control('stop')} disabled={!isActive}>
        Stop
      </button>
      <button type="button" onClick={reset}>
        Reset
      </button>
      <span className="run-toolbar__group" role="group" aria-label="step">
        <button
          type="button"
          onClick={() => void step(dt)}
          disabled={!canStep}
          aria-label={`Step dt (${formatClock(dt)})`}
          title="Advance one time step"
        >
          Step dt
        </button>
        <button type="button" onClick={() => void step(0.001)} disabled={!canStep}>
          Step 1 ms
        </button>
      </span>
      <label className="run-toolbar__group">
        Speed
        <select
          value={String(speed)}
          onChange={(e) =>
            changeSpeed(e.target.value === 'max' ? 'max' : (Number(e.target.value) as RunSpeed))
          }
        >
          {SPEEDS.map((s) => (
            <option key={String(s.value)} value={String(s.value)}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
      <label className="run-toolbar__group">
        <input
          type="checkbox"
          checked={forever}
          onChange={(e) => setForever(e.target.checked)}
          disabled={isActive}
        />
        Run forever
      </label>
      <span
        className={`run-toolbar__clock${editedCount > 0 ? ' run-toolbar__clock--edited' : ''}`}
        role="timer"
        aria-label="simulated time"
        data-testid="sim-clock"
        title={stateText ? `${timeText} · ${stateText}` : timeText}
      >
        <span className="run-toolbar__time">{timeText}</span>
        {stateText && (
          <>
            {' '}
            <span className="run-toolbar__state">{stateText}</span>
          </>
        )}
      </span>
      {restartReasons && (
        <RestartDialog
          reasons={restartReasons}
          onRestart={() => void restart()}
          onKeep={() => {
            controller.keepRunning(restartReasons);
            setRestartReasons(null);
          }}
        />
      )}
    </div>
  );
}

/**
 * The run controls' message, at the top of the inspector column (App.tsx): Run refused (with
 * "Show", which brings the field back), or what the host or a live edit answered.
 */
export function RunMessage() {
  const message = useStore(runMessageStore, (s) => s.message);
  useEffect(() => watchRefusal(), []);
  if (!message) return null;
  return (
    <div role="alert" className="run-message">
      <span className="run-message__text">{message.text}</span>
      <span className="run-message__buttons">
        {message.draft && (
          <button type="button" onClick={() => showDraft(message.draft!)}>
            Show
          </button>
        )}
        <button
          type="button"
          className="run-message__dismiss"
          aria-label="Dismiss"
          onClick={() => showRunMessage(null)}
        >
          ✕
        </button>
      </span>
    </div>
  );
}

function RestartDialog(props: { reasons: string[]; onRestart: () => void; onKeep: () => void }) {
  const restartRef = useRef<HTMLButtonElement>(null);
  useEffect(() => restartRef.current?.focus(), []);
  return (
    <div className="run-dialog__backdrop">
      <div
        className="run-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="run-dialog-title"
        onKeyDown={(e) => {
          if (e.key === 'Escape') props.onKeep();
        }}
      >
        <h2 id="run-dialog-title">Restart the run to apply this change?</h2>
        <p>The running circuit cannot take these changes while it runs:</p>
        <ul>
          {props.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
        <div className="run-dialog__buttons">
          <button type="button" ref={restartRef} onClick={props.onRestart}>
            Restart
          </button>
          <button type="button" onClick={props.onKeep}>
            Keep running
          </button>
        </div>
      </div>
    </div>
  );
}
