/**
 * The app shell: toolbar (run controls and clock), canvas, and live charts.
 */
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { useStore } from 'zustand';
import { loadDocument } from '../../shared/document/loadDocument';
import type { RunStatus } from '../../shared/ipc/contract';
import { CircuitCanvas } from './components/CircuitCanvas';
import { RunToolbar } from './components/RunToolbar';
import { TraceChart } from './components/TraceChart';
import { getHost } from './host/hostClient';
import { SimulationSession } from './sim/SimulationSession';
import { registerSessionForTests } from './testHooks';
import { documentStore, loadDocumentCommand, setLoadErrorCommand } from './store/documentStore';

const TRACE_COLORS = ['#1f6feb', '#8250df', '#1a7f37', '#bf3989', '#9a6700'];

export function App() {
  const host = useMemo(() => getHost(), []);
  const session = useMemo(() => new SimulationSession(host), [host]);
  const { document, fileName, loadError } = useStore(documentStore);
  const [status, setStatus] = useState<RunStatus | null>(null);

  useEffect(() => session.subscribeStatus(setStatus), [session]);
  useEffect(() => registerSessionForTests(session), [session]);
  useEffect(() => () => session.dispose(), [session]);

  useEffect(() => {
    void host.getStartupDocument().then((result) => {
      if (!result.ok) {
        setLoadErrorCommand(result.error);
        return;
      }
      const loaded = loadDocument(result.value.text);
      if (loaded.ok) loadDocumentCommand(loaded.document, result.value.fileName);
      else setLoadErrorCommand(loaded.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
    });
  }, [host]);

  useEffect(() => {
    window.document.title = `${fileName} — NeuroSketch`;
  }, [fileName]);

  const spikeSummary = useSyncExternalStore(
    (notify) => session.subscribe(notify),
    () => summariseSpikes(session),
  );

  return (
    <div className="app">
      <header className="app__header">
        <h1 className="app__title">
          NeuroSketch <span className="app__file">{document?.name ?? fileName}</span>
        </h1>
        {document && (
          <RunToolbar host={host} session={session} document={document} status={status} />
        )}
      </header>
      {loadError && (
        <div role="alert" className="app__error">
          {loadError}
        </div>
      )}
      {status?.state === 'error' && (
        <div role="alert" className="app__error">
          The run stopped: {status.error}
        </div>
      )}
      <main className="app__main">
        <section className="app__canvas" aria-label="circuit">
          {document ? (
            <CircuitCanvas document={document} />
          ) : (
            <p className="app__loading">Loading…</p>
          )}
        </section>
        <section className="app__charts" aria-label="charts">
          <p className="app__spikes" aria-live="polite" data-testid="spike-summary">
            {spikeSummary}
          </p>
          {document?.probes?.map((probe, i) => {
            const target = document.nodes.find((n) => n.id === probe.target);
            const params = (target && 'params' in target ? target.params : undefined) as
              Record<string, unknown> | undefined;
            const vTh = typeof params?.['vTh'] === 'number' ? params['vTh'] : 1;
            const isLifV = probe.variable === 'v';
            return (
              <TraceChart
                key={probe.id}
                session={session}
                probeId={probe.id}
                title={`${target?.label ?? probe.target} · ${probe.variable}`}
                yLabel={isLifV ? 'v (dimensionless)' : probe.variable}
                durationSeconds={document.simulation.duration}
                threshold={isLifV ? vTh : undefined}
                color={TRACE_COLORS[i % TRACE_COLORS.length]!}
              />
            );
          })}
        </section>
      </main>
    </div>
  );
}

/** One line per spiking node: count and rate (n - 1)/(t_n - t_1) (spec 3.1's measure). */
let lastSummary = '';
function summariseSpikes(session: SimulationSession): string {
  const parts: string[] = [];
  for (const store of session.spikes.values()) {
    const times = store.times;
    const rate = times.length > 1 ? (times.length - 1) / (times[times.length - 1]! - times[0]!) : 0;
    parts.push(`${store.nodeId}: ${store.total} spikes, ${rate.toFixed(2)} Hz`);
  }
  const summary = parts.length > 0 ? parts.join(' · ') : 'No spikes yet: press Run.';
  if (summary !== lastSummary) lastSummary = summary;
  return lastSummary;
}
