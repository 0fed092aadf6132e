/**
 * The charts panel: live-input sliders, one chart per scope (probes of one node grouped: v; V;
 * the HH gates m, h, n; J and s; y; u), the spike raster, the filtered firing rates, all on one
 * shared time axis (follow / rolling window / zoom and pan), plus the spike summary, "record this"
 * and the exports. Streamed data reaches the charts through the SimulationSession, never through
 * React state; React here sees the document and a coarse status only.
 */
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { NetworkDocument, ProbeVariable } from '../../../shared/document/model';
import {
  FOREVER_RETAIN_SECONDS,
  spikeNodesOf,
  type SimulationSession,
} from '../run/SimulationSession';
import { chartSpecs } from './chartSpecs';
import { EditLogBadge } from './EditLog';
import { diffForLiveEdits } from '../run/liveEdits';
import { nodeColor, nodeName } from '../ui/nodeColors';
import { ZOOM_HINT } from './chartSetup';
import { buildRunResult, downloadBlob, exportBaseName, resultToCsv } from './runExport';
import {
  recordableVariables,
  recordNodeCommand,
  recordRateOutputs,
  unrecordedRateUnits,
} from '../document/runCommands';
import { summariseNode, type SpikeCounts, type SpikeSummaryEntry } from './spikeSummary';
import { TimeView, type TimeWindow } from './timeView';
import { LiveInputs } from './LiveInputs';
import { PopulationChart } from './PopulationChart';
import { SpikeAnalysisPanel } from './SpikeAnalysisPanel';
import { RasterChart, type RasterRow } from './RasterChart';
import { TraceChart, type ChartSeries } from './TraceChart';
import './charts.css';
import { noSpikesText } from '../document/stateMessages';
import { cyclesNote } from './cycleNote';

const CYCLES_TITLE =
  'Neurons that excite or inhibit each other without delay form a cycle. In small cycles every spike ' +
  'acts on the others at its exact instant, whatever the time step; in large ones (or with HH or ' +
  'rate units) a spike acts from the end of its step, which makes the result depend a little on dt.';

export interface ChartsPanelProps {
  session: SimulationSession;
  document: NetworkDocument;
  /** For export file names. */
  fileName?: string;
}

const WINDOWS: Array<{ value: TimeWindow; label: string }> = [
  { value: 'all', label: 'whole run' },
  { value: 0.1, label: '100 ms' },
  { value: 0.5, label: '500 ms' },
  { value: 1, label: '1 s' },
  { value: 2, label: '2 s' },
  { value: 5, label: '5 s' },
  { value: 10, label: '10 s' },
];

export function ChartsPanel({ session, document, fileName = 'circuit.neuro' }: ChartsPanelProps) {
  const timeView = useMemo(() => new TimeView(), []);
  const [follow, setFollow] = useState(true);
  const [windowValue, setWindowValue] = useState<TimeWindow>('all');
  // The last summary, handed back while nothing changed (useSyncExternalStore needs that).
  const lastSummary = useRef<SpikeSummaryCache>({ key: '', entries: [] });
  const spikeSummary = useSyncExternalStore(
    (notify) => session.subscribe(notify),
    () => summariseSpikes(session, document, lastSummary.current),
  );
  const edited = useSyncExternalStore(
    (notify) => session.subscribe(notify),
    () => session.editLog.length,
  );
  const runKey = useSyncExternalStore(
    (notify) => session.subscribeStatus(notify),
    () => `${session.runId ?? ''}:${session.run?.forever ? 'forever' : ''}`,
  );
  // Only the cycles the circuit on screen still has, named as the canvas names them now.
  const cyclesLine = useSyncExternalStore(
    (notify) => session.subscribeStatus(notify),
    () => cyclesNote(session.cycles, document),
  );

  // The circuit as it was when the run ended: a summary of that run no longer describes the
  // circuit once it is changed (a param, a node, a synapse), and says so until the next run.
  // The run that has ended (finished, stopped, failed), or null while one runs or before any.
  const endedRunId = useSyncExternalStore(
    (notify) => session.subscribeStatus(notify),
    () => {
      const state = session.status?.state;
      return state === 'finished' || state === 'stopped' || state === 'error'
        ? session.runId
        : null;
    },
  );
  // Keyed by the run: a short run may start and end between two renders, never seen running.
  const [ended, setEnded] = useState<{ runId: string; document: NetworkDocument } | null>(null);
  if (endedRunId !== null && ended?.runId !== endedRunId) setEnded({ runId: endedRunId, document });
  const changedSinceRun =
    endedRunId !== null && ended?.runId === endedRunId && circuitChanged(ended.document, document);

  useEffect(
    () =>
      timeView.subscribe(() => {
        setFollow(timeView.follow);
        setWindowValue(timeView.window);
      }),
    [timeView],
  );
  // A new run follows again; a run-forever gets a rolling window.
  useEffect(() => {
    const forever = runKey.endsWith(':forever');
    if (forever && timeView.window === 'all') timeView.setWindow(1);
    else timeView.setFollow(true);
  }, [runKey, timeView]);

  const baseName = exportBaseName(fileName);
  // Charts are laid out from the document the run runs (a probe added mid-run waits for a restart).
  const shownDocument = session.run?.document ?? document;
  const specs = useMemo(() => chartSpecs(shownDocument, baseName), [shownDocument, baseName]);
  const unrecordedRates = useMemo(() => unrecordedRateUnits(document), [document]);
  const rasterRows = useMemo<RasterRow[]>(
    () =>
      spikeNodesOf(shownDocument).map((n) => ({
        id: n.id,
        size: n.size,
        label: nodeName(shownDocument, n.id),
        color: nodeColor(shownDocument, n.id),
      })),
    [shownDocument],
  );
  const rateSeries = useMemo<ChartSeries[]>(
    () =>
      rasterRows.map((row) => ({
        key: `rate:${row.id}`,
        label: row.label,
        color: row.color,
        source: (s) => {
          const rate = s.rates.get(row.id);
          return rate ? { buffer: rate.buffer, element: 0 } : undefined;
        },
      })),
    [rasterRows],
  );
  const fallbackSeconds = shownDocument.simulation.duration;

  const [exportError, setExportError] = useState<string | null>(null);
  const exportAs = (kind: 'csv' | 'json'): void => {
    setExportError(null);
    try {
      const result = buildRunResult(session);
      if (!result) {
        setExportError(`Nothing to export as ${kind.toUpperCase()} yet: press Run first.`);
        return;
      }
      const text = kind === 'csv' ? resultToCsv(result) : JSON.stringify(result, null, 2) + '\n';
      const type = kind === 'csv' ? 'text/csv' : 'application/json';
      downloadBlob(new Blob([text], { type }), `${baseName}.${kind}`);
    } catch (error) {
      // Never silent: say what failed, and what still works.
      const reason = error instanceof Error ? error.message : String(error);
      setExportError(
        `Export ${kind.toUpperCase()} failed (${reason}). The run is still here: try the other format, ` +
          'or record fewer neurons or a shorter run.',
      );
    }
  };

  return (
    <section className="charts-panel" id="charts-panel" aria-label="charts">
      <div className="run-panel__bar">
        <p className="run-panel__spikes" aria-live="polite" data-testid="spike-summary">
          {spikeSummary.length === 0
            ? noSpikesText(shownDocument, session.stepsReceived > 0)
            : spikeSummary.map((entry, i) => (
                <span key={i} className="run-panel__spike-entry" title={entry.title}>
                  {i > 0 && <span className="visually-hidden">; </span>}
                  {entry.text}
                </span>
              ))}
        </p>
        {changedSinceRun && (
          <p className="run-panel__stale" role="status" data-testid="stale-summary">
            These results are from the last run: the circuit has changed since. Press Run to see the
            changed circuit.
          </p>
        )}
        {cyclesLine && (
          <p className="run-panel__cycles" data-testid="cycles-summary" title={CYCLES_TITLE}>
            {cyclesLine}
          </p>
        )}
        <div className="run-panel__controls">
          {edited > 0 && <EditLogBadge log={session.editLog} document={shownDocument} />}
          <span className="run-panel__hint" title={`Over a chart: ${ZOOM_HINT}`}>
            Ctrl+wheel zooms · double-click resets
          </span>
          <button
            type="button"
            aria-pressed={follow}
            onClick={() => timeView.setFollow(!follow)}
            title="Keep the newest data in view (zooming or panning turns this off)"
          >
            Follow
          </button>
          <label>
            Window
            <select
              value={String(windowValue)}
              onChange={(e) => {
                timeView.setWindow(e.target.value === 'all' ? 'all' : Number(e.target.value));
              }}
            >
              {WINDOWS.map((w) => (
                <option key={String(w.value)} value={String(w.value)}>
                  {w.label}
                </option>
              ))}
            </select>
          </label>
          <RecordThis document={document} />
          <button type="button" onClick={() => exportAs('csv')} disabled={!session.run}>
            Export CSV
          </button>
          <button type="button" onClick={() => exportAs('json')} disabled={!session.run}>
            Export JSON
          </button>
        </div>
        {exportError && (
          <p className="run-panel__export-error" role="alert">
            {exportError}{' '}
            <button type="button" onClick={() => setExportError(null)}>
              Dismiss
            </button>
          </p>
        )}
      </div>
      <div className="run-panel__body">
        <LiveInputs document={document} />
        <div className="run-panel__grid">
          {specs.map(({ key, population, ...spec }) =>
            population ? (
              <PopulationChart
                key={key}
                session={session}
                timeView={timeView}
                fallbackSeconds={fallbackSeconds}
                population={population}
                {...spec}
              />
            ) : (
              <TraceChart
                key={key}
                session={session}
                timeView={timeView}
                fallbackSeconds={fallbackSeconds}
                {...spec}
              />
            ),
          )}
          {rasterRows.length > 0 && (
            <RasterChart
              session={session}
              timeView={timeView}
              fallbackSeconds={fallbackSeconds}
              rows={rasterRows}
              fileBaseName={`${baseName}-raster`}
            />
          )}
          {rateSeries.length > 0 && (
            <TraceChart
              session={session}
              timeView={timeView}
              fallbackSeconds={fallbackSeconds}
              chartIds={['rate']}
              title="Firing rate (filtered, 20 ms)"
              yLabel="Hz per neuron"
              series={rateSeries}
              yBounds={{ suggestedMin: 0, suggestedMax: 10 }}
              fileBaseName={`${baseName}-rate`}
            />
          )}
          {rasterRows.length > 0 && (
            <SpikeAnalysisPanel session={session} nodes={rasterRows} fileBaseName={baseName} />
          )}
          {specs.length === 0 && rasterRows.length === 0 && (
            <p className="run-panel__empty">
              {(document.probes ?? []).length > (shownDocument.probes ?? []).length
                ? 'Recorded: press Run to see it.'
                : 'Nothing is recorded yet: choose a node under “Record this” (or wire a scope to it).'}
              {unrecordedRates.length > 0 && (
                <>
                  {' '}
                  <button type="button" onClick={() => recordRateOutputs()}>
                    Record the output of {namesText(unrecordedRates)}
                  </button>
                </>
              )}
            </p>
          )}
        </div>
      </div>
    </section>
  );
}

/** "A", "A and B", "A, B and C", "A, B, C and 4 more". */
function namesText(nodes: ReadonlyArray<{ id: string; label?: string }>): string {
  const names = nodes.map((n) => n.label ?? n.id);
  if (names.length === 1) return names[0]!;
  const shown = names.length > 4 ? [...names.slice(0, 3), `${names.length - 3} more`] : names;
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/** "Record this": pick a node and a variable, add a scope for it. */
function RecordThis({ document }: { document: NetworkDocument }) {
  const candidates = document.nodes.filter((n) => recordableVariables(document, n.id).length > 0);
  const [nodeId, setNodeId] = useState('');
  const chosen = candidates.some((n) => n.id === nodeId) ? nodeId : (candidates[0]?.id ?? '');
  const variables = chosen ? recordableVariables(document, chosen) : [];
  const [variable, setVariable] = useState<ProbeVariable | ''>('');
  const chosenVariable = variables.includes(variable as ProbeVariable)
    ? (variable as ProbeVariable)
    : variables[0];
  if (candidates.length === 0) return null;
  return (
    <span className="run-toolbar__group" role="group" aria-label="Record this">
      <label>
        Record
        <select
          aria-label="node to record"
          value={chosen}
          onChange={(e) => setNodeId(e.target.value)}
        >
          {candidates.map((n) => (
            <option key={n.id} value={n.id}>
              {n.label ?? n.id}
            </option>
          ))}
        </select>
      </label>
      <select
        aria-label="variable to record"
        value={chosenVariable ?? ''}
        onChange={(e) => setVariable(e.target.value as ProbeVariable)}
      >
        {variables.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
      <button
        type="button"
        onClick={() => chosen && chosenVariable && recordNodeCommand(chosen, chosenVariable)}
      >
        Record this
      </button>
    </span>
  );
}

/** Whether the circuit differs from `before` in anything a run would simulate (not the layout). */
function circuitChanged(before: NetworkDocument, after: NetworkDocument): boolean {
  if (before === after) return false;
  const diff = diffForLiveEdits(before, after);
  return diff.edits.length > 0 || diff.structural.length > 0;
}

interface SpikeSummaryCache {
  key: string;
  entries: SpikeSummaryEntry[];
}

/**
 * One entry per spiking node (charts/spikeSummary.ts), the same array (the cache's) while nothing
 * changed.
 */
function summariseSpikes(
  session: SimulationSession,
  doc: NetworkDocument,
  last: SpikeSummaryCache,
): SpikeSummaryEntry[] {
  const simulatedS = session.stepsReceived * session.dt;
  // A run edited live is summarised since its last edit (spikeSummary.ts says why).
  const lastEditS = session.editLog.reduce<number | null>(
    (t, e) => (t === null ? e.timeSeconds : Math.max(t, e.timeSeconds)),
    null,
  );
  const entries: SpikeSummaryEntry[] = [];
  for (const store of session.spikes.values()) {
    const counts: SpikeCounts = {
      name: nodeName(session.run?.document ?? doc, store.nodeId),
      size: store.size,
      total: store.total,
      retained: store.retained,
      firstS: store.retained > 0 ? store.times[store.start]! : 0,
      lastS: store.retained > 0 ? store.times[store.end - 1]! : 0,
    };
    if (lastEditS !== null) {
      // a run-forever holds the spikes of its last FOREVER_RETAIN_SECONDS only
      const fromS =
        session.run?.forever && store.total > store.retained
          ? Math.max(lastEditS, simulatedS - FOREVER_RETAIN_SECONDS)
          : lastEditS;
      const first = store.lowerBound(fromS);
      const retained = store.end - first;
      counts.sinceEdit = {
        atS: lastEditS,
        fromS,
        retained,
        firstS: retained > 0 ? store.times[first]! : 0,
        lastS: retained > 0 ? store.times[store.end - 1]! : 0,
      };
    }
    entries.push(summariseNode(counts, simulatedS));
  }
  // useSyncExternalStore needs a stable value while nothing changed.
  const key = JSON.stringify(entries);
  if (key !== last.key) {
    last.key = key;
    last.entries = entries;
  }
  return last.entries;
}
