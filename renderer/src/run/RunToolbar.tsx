/**
 * Run controls and the clock: Run, Pause/Resume, Stop, Reset, Step (one dt, one ms), the speed
 * (x0.01 to x10 real time, or as fast as possible), run-forever, and the clock with simulated time
 * and the real-time factor achieved. The clock follows the coarse run status (a few times a
 * second), never per sample.
 *
 * A view of the run controller (run/RunController.ts, `useServices().run`), which does what the
 * buttons ask (and what the Simulation menu asks, through the commands of run/commands.ts): it
 * refuses a run while a field holds a draft, turns document changes during a run into live edits,
 * and raises the restart question this toolbar shows as a dialog.
 *
 * The status has a fixed width (the time on one line, the state below, each cut with an ellipsis
 * and whole in the tooltip), so it never moves the other controls as it changes. Messages
 * (`RunMessage`, document/runMessage.ts) show at the top of the inspector column, covering
 * nothing; a refusal goes by itself once its field is fixed ("Show" selects the element so the
 * inspector shows the field).
 */
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useStore } from 'zustand';
import type { NetworkDocument } from '../../../shared/document/model';
import type { RunSpeed } from '../../../shared/ipc/contract';
import type { SimulationSession } from './SimulationSession';
import { liveEditsInDocument } from './liveEdits';
import type { Draft } from '../document/drafts';
import { runMessageStore, showRunMessage, watchRunMessage } from '../document/runMessage';
import { select } from '../document/uiStore';
import { useServices } from './services';
import { PlayIcon } from '../ui/icons';
import { runErrorText } from '../ui/format';
import { nodeName } from '../ui/nodeColors';
import './runToolbar.css';

export interface RunToolbarProps {
  session: SimulationSession;
  document: NetworkDocument;
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

export function RunToolbar({ session, document }: RunToolbarProps) {
  const { run } = useServices();
  const {
    status,
    speed,
    forever,
    restartReasons,
    restartRunEnded,
    pendingRestart,
    editedCount,
    framesDropped,
  } = useSyncExternalStore(run.subscribe, run.getSnapshot);
  const state = status?.state;
  const isActive = state === 'running' || state === 'paused';

  const dt = status?.dt || session.dt || document.simulation.dt;
  const drawnSteps = useDrawnSteps(session, state === 'running');
  // The clock shows the newest of: the host's (throttled) status, and the frames already drawn.
  const simSeconds = status ? Math.max(status.stepsDone, drawnSteps) * status.dt : 0;
  const total = status && Number.isFinite(status.totalSteps) ? status.totalSteps * status.dt : null;
  const canStep = state !== 'running' && state !== 'finished' && state !== 'error';
  const timeText = `t = ${formatClock(simSeconds)}${total !== null ? ` / ${formatClock(total)}` : status ? ' (forever)' : ''}`;
  // Revert (or undo) put the edited values back: the circuit no longer holds live edits.
  const edited = editedCount > 0 && liveEditsInDocument(session.editLog, document);
  // After "Keep running" the canvas shows the edited circuit and the run the one from before (a
  // deleted synapse still drives its target): the clock says so until a restart or the run's end,
  // the changes in its tooltip. In the state line, so the toolbar never grows a row.
  const pending = isActive && !restartReasons && pendingRestart.length > 0;
  const stateText = [
    // (a short line: the clock keeps one width; the changes are in its tooltip)
    pending ? 'runs the old circuit: restart to apply' : (state ?? ''),
    editedCount > 0 ? (edited ? 'edited live' : 'live edits reverted') : '',
    !pending && status && state === 'running' && status.realtimeFactor > 0
      ? `×${status.realtimeFactor.toPrecision(3)} real time`
      : '',
    framesDropped > 0
      ? `this tab fell behind: ${framesDropped} frames skipped, the charts have gaps`
      : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <div className="run-toolbar" role="toolbar" aria-label="simulation controls">
      <button type="button" onClick={() => void run.start()} disabled={isActive}>
        <PlayIcon /> Run
      </button>
      {/* One button, as wide as its longer label, so the controls after it stay put. */}
      <button
        type="button"
        className="run-toolbar__swap"
        onClick={() => void run.togglePause()}
        disabled={state !== 'running' && state !== 'paused'}
      >
        <span className={state === 'paused' ? undefined : 'run-toolbar__ghost'}>Resume</span>
        <span className={state === 'paused' ? 'run-toolbar__ghost' : undefined}>Pause</span>
      </button>
      <button type="button" onClick={() => void run.stop()} disabled={!isActive}>
        Stop
      </button>
      <button type="button" onClick={() => run.reset()}>
        Reset
      </button>
      <span className="run-toolbar__group" role="group" aria-label="step">
        <button
          type="button"
          onClick={() => void run.step(dt)}
          disabled={!canStep}
          aria-label={`Step dt (${formatClock(dt)})`}
          title="Advance one time step"
        >
          Step dt
        </button>
        <button type="button" onClick={() => void run.step(0.001)} disabled={!canStep}>
          Step 1 ms
        </button>
      </span>
      <label className="run-toolbar__group">
        Speed
        <select
          value={String(speed)}
          onChange={(e) =>
            run.setSpeed(e.target.value === 'max' ? 'max' : (Number(e.target.value) as RunSpeed))
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
          onChange={(e) => run.setForever(e.target.checked)}
          disabled={isActive}
        />
        Run forever
      </label>
      <span
        className={`run-toolbar__clock${edited || pending ? ' run-toolbar__clock--edited' : ''}`}
        role="timer"
        aria-label="simulated time"
        data-testid="sim-clock"
        title={[
          timeText,
          stateText,
          pending
            ? `The run simulates the circuit from before: ${pendingRestart.join('; ')}. Stop, then Run to apply.`
            : '',
        ]
          .filter(Boolean)
          .join(' · ')}
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
          ended={restartRunEnded}
          onRestart={() => void run.restart()}
          onKeep={() => run.keepRunning()}
          onRunNow={() => void run.start()}
          onClose={() => run.closeRestartQuestion()}
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
  useEffect(() => watchRunMessage(), []);
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

/**
 * Why the run stopped (a value not finite in a node), under the header. It follows the run
 * messages' rule (document/runMessage.ts): loading another circuit takes it down (the session is
 * cleared, so is the status); otherwise it stays until dismissed or the next run, but not once the
 * node it names is deleted: it would name a node the canvas no longer has.
 */
export function RunError({ document }: { document: NetworkDocument | null }) {
  const { run } = useServices();
  const status = useSyncExternalStore(run.subscribe, () => run.getSnapshot().status);
  const [dismissed, setDismissed] = useState<string | null>(null);
  if (status?.state !== 'error' || dismissed === status.runId) return null;
  const nodeId = status.failure?.nodeId;
  if (nodeId !== undefined && !document?.nodes.some((n) => n.id === nodeId)) return null;
  return (
    <div role="alert" className="app__error run-error">
      <span>The run stopped: {runErrorText(status, (id) => nodeName(document, id))}</span>
      <button
        type="button"
        className="run-error__dismiss"
        aria-label="Dismiss"
        onClick={() => setDismissed(status.runId)}
      />
    </div>
  );
}

const ENDED_WORDS = {
  finished: 'The run has finished',
  stopped: 'The run was stopped',
  error: 'The run stopped with an error',
} as const;

/**
 * The restart question, or, once the run has ended while it was open, what became of the change:
 * nothing is running to keep or restart, the change is in the circuit and the next Run uses it.
 */
function RestartDialog(props: {
  reasons: readonly string[];
  ended: keyof typeof ENDED_WORDS | null;
  onRestart: () => void;
  onKeep: () => void;
  onRunNow: () => void;
  onClose: () => void;
}) {
  const firstRef = useRef<HTMLButtonElement>(null);
  const { ended } = props;
  // focus the first button, again when the question turns into the run's end
  useEffect(() => firstRef.current?.focus(), [ended]);
  return (
    <div className="run-dialog__backdrop">
      <div
        className="run-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="run-dialog-title"
        onKeyDown={(e) => {
          if (e.key === 'Escape') (ended ? props.onClose : props.onKeep)();
        }}
      >
        <h2 id="run-dialog-title">
          {ended
            ? `${ENDED_WORDS[ended]}: this change applies to the next run`
            : 'Restart the run to apply this change?'}
        </h2>
        <p>
          {ended
            ? 'The run ended before it could take these changes; they are in the circuit, and the next Run uses them:'
            : 'The running circuit cannot take these changes while it runs:'}
        </p>
        <ul>
          {props.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
        <div className="run-dialog__buttons">
          {ended ? (
            <>
              <button type="button" ref={firstRef} onClick={props.onRunNow}>
                Run with the change
              </button>
              <button type="button" onClick={props.onClose}>
                Close
              </button>
            </>
          ) : (
            <>
              <button type="button" ref={firstRef} onClick={props.onRestart}>
                Restart
              </button>
              <button type="button" onClick={props.onKeep}>
                Keep running
              </button>
            </>
          )}
        </div>
      </div>
    </div>
  );
}
