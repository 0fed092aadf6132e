/**
 * Run controls and the clock. The clock is updated from the coarse run status (a few times a
 * second), never per sample.
 */
import { useState } from 'react';
import type { NetworkDocument } from '../../../shared/document/model';
import type { HostApi, RunStatus } from '../../../shared/ipc/contract';
import type { SimulationSession } from '../sim/SimulationSession';

export interface RunToolbarProps {
  host: HostApi;
  session: SimulationSession;
  document: NetworkDocument;
  status: RunStatus | null;
}

export function RunToolbar({ host, session, document, status }: RunToolbarProps) {
  const [message, setMessage] = useState<string | null>(null);
  const runId = session.runId;
  const state = status?.state;
  const isActive = state === 'running' || state === 'paused';

  const run = async (): Promise<void> => {
    setMessage(null);
    const started = await host.startRun({ documentText: JSON.stringify(document), speed: 1 });
    if (!started.ok) {
      setMessage(started.error);
      return;
    }
    session.beginRun(started.value.runId, started.value.dt);
  };
  const control = (action: 'pause' | 'resume' | 'stop') => async (): Promise<void> => {
    if (!runId) return;
    const result = await host.controlRun({ runId, action });
    if (!result.ok) setMessage(result.error);
  };

  const simSeconds = status ? status.stepsDone * status.dt : 0;
  return (
    <div className="run-toolbar" role="toolbar" aria-label="simulation controls">
      <button type="button" onClick={() => void run()} disabled={state === 'running'}>
        ▶ Run
      </button>
      {state === 'paused' ? (
        <button type="button" onClick={() => void control('resume')()}>
          Resume
        </button>
      ) : (
        <button
          type="button"
          onClick={() => void control('pause')()}
          disabled={state !== 'running'}
        >
          Pause
        </button>
      )}
      <button type="button" onClick={() => void control('stop')()} disabled={!isActive}>
        Stop
      </button>
      <button
        type="button"
        onClick={() => {
          if (isActive && runId) void host.controlRun({ runId, action: 'stop' });
          session.clear();
        }}
      >
        Reset
      </button>
      <span className="run-toolbar__clock" aria-label="simulated time" data-testid="sim-clock">
        t = {(simSeconds * 1000).toFixed(1)} ms
        {status && status.realtimeFactor > 0
          ? ` · ×${status.realtimeFactor.toFixed(2)} real time`
          : ''}
        {state ? ` · ${state}` : ''}
      </span>
      {message && (
        <span role="alert" className="run-toolbar__message">
          {message}
        </span>
      )}
    </div>
  );
}
