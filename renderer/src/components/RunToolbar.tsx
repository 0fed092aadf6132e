/**
 * Run controls and the clock: Run, Pause/Resume, Stop, Reset, Step (one dt, one ms), the speed
 * (x0.01 to x10 real time, or as fast as possible), run-forever, and the clock with simulated time
 * and the real-time factor achieved. The clock follows the coarse run status (a few times a
 * second), never per sample.
 *
 * It also owns the live-edit controller: document changes during a run become live edits, and a
 * change that needs a restart opens the restart dialog.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { NetworkDocument } from '../../../shared/document/model';
import type { HostApi, RunSpeed, RunStatus } from '../../../shared/ipc/contract';
import type { SimulationSession } from '../sim/SimulationSession';
import { LiveEditController } from '../sim/liveEdits';
import { documentStore } from '../store/documentStore';
import { registerDocumentForTests } from '../testHooks';
import '../sim/charts.css';

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

function formatClock(seconds: number): string {
  return seconds < 10 ? `${(seconds * 1000).toFixed(1)} ms` : `${seconds.toFixed(3)} s`;
}

export function RunToolbar({ host, session, document, status }: RunToolbarProps) {
  const [message, setMessage] = useState<string | null>(null);
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
        notify: (text) => setMessage(text),
      }),
    [host, session],
  );
  useEffect(
    () =>
      documentStore.subscribe((state, previous) => {
        if (state.document !== previous.document) controller.documentChanged(state.document);
      }),
    [controller],
  );
  useEffect(() => session.subscribe(() => setEditedCount(session.editLog.length)), [session]);
  useEffect(() => registerDocumentForTests(() => documentStore.getState().document), []);

  const runId = session.runId;
  const state = status?.state;
  const isActive = state === 'running' || state === 'paused';

  const start = async (paused = false): Promise<boolean> => {
    setMessage(null);
    setRestartReasons(null);
    const doc = documentRef.current;
    const started = await host.startRun({
      documentText: JSON.stringify(doc),
      speed,
      forever,
      paused,
    });
    if (!started.ok) {
      setMessage(started.error);
      return false;
    }
    session.beginRun(started.value.runId, started.value.dt, doc, { forever });
    controller.runStarted(doc);
    return true;
  };
  const control = async (action: 'pause' | 'resume' | 'stop'): Promise<void> => {
    if (!runId) return;
    const result = await host.controlRun({ runId, action });
    if (!result.ok) setMessage(result.error);
  };
  const step = async (seconds: number): Promise<void> => {
    if (!isActive && !(await start(true))) return;
    const id = session.runId;
    if (!id) return;
    const result = await host.stepRun({ runId: id, seconds });
    if (!result.ok) setMessage(result.error);
  };
  const changeSpeed = (value: RunSpeed): void => {
    setSpeed(value);
    if (isActive && runId) void host.setRunSpeed({ runId, speed: value });
  };
  const reset = (): void => {
    setMessage(null);
    setRestartReasons(null);
    session.stopAndClear();
  };
  const restart = async (): Promise<void> => {
    if (isActive && runId) await host.controlRun({ runId, action: 'stop' });
    await start(false);
  };

  const dt = status?.dt || session.dt || document.simulation.dt;
  const simSeconds = status ? status.stepsDone * status.dt : 0;
  const total = status && Number.isFinite(status.totalSteps) ? status.totalSteps * status.dt : null;
  const canStep = state !== 'running' && state !== 'finished' && state !== 'error';
  return (
    <div className="run-toolbar" role="toolbar" aria-label="simulation controls">
      <button type="button" onClick={() => void start()} disabled={isActive}>
        ▶ Run
      </button>
      {state === 'paused' ? (
        <button type="button" onClick={() => void control('resume')}>
          Resume
        </button>
      ) : (
        <button type="button" onClick={() => void control('pause')} disabled={state !== 'running'}>
          Pause
        </button>
      )}
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
      >
        t = {formatClock(simSeconds)}
        {total !== null ? ` / ${formatClock(total)}` : status ? ' (forever)' : ''}
        {status && state === 'running' && status.realtimeFactor > 0
          ? ` · ×${status.realtimeFactor.toPrecision(3)} real time`
          : ''}
        {state ? ` · ${state}` : ''}
        {editedCount > 0 ? ' · edited live' : ''}
      </span>
      {message && (
        <span role="alert" className="run-toolbar__message">
          {message}
        </span>
      )}
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
