/**
 * The charts panel: one live chart per probe of the document, plus the spike summary.
 * Streamed data reaches the charts through the SimulationSession, never through React state.
 */
import { useSyncExternalStore } from 'react';
import type { NetworkDocument } from '../../../shared/document/model';
import type { SimulationSession } from '../sim/SimulationSession';
import { TraceChart } from './TraceChart';

const TRACE_COLORS = ['#1f6feb', '#8250df', '#1a7f37', '#bf3989', '#9a6700'];

export interface ChartsPanelProps {
  session: SimulationSession;
  document: NetworkDocument;
}

export function ChartsPanel({ session, document }: ChartsPanelProps) {
  const spikeSummary = useSyncExternalStore(
    (notify) => session.subscribe(notify),
    () => summariseSpikes(session),
  );
  return (
    <section className="charts-panel" aria-label="charts">
      <p className="charts-panel__spikes" aria-live="polite" data-testid="spike-summary">
        {spikeSummary}
      </p>
      <div className="charts-panel__grid">
        {document.probes?.map((probe, i) => {
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
      </div>
    </section>
  );
}

/** One entry per spiking node: count and rate (n - 1)/(t_n - t_1) (spec 3.1's measure). */
let lastSummary = '';
function summariseSpikes(session: SimulationSession): string {
  const parts: string[] = [];
  for (const store of session.spikes.values()) {
    const times = store.times;
    const rate = times.length > 1 ? (times.length - 1) / (times[times.length - 1]! - times[0]!) : 0;
    parts.push(`${store.nodeId}: ${store.total} spikes, ${rate.toFixed(2)} Hz`);
  }
  const summary = parts.length > 0 ? parts.join(' · ') : 'No spikes yet: press Run.';
  // useSyncExternalStore needs a stable value while nothing changed.
  if (summary !== lastSummary) lastSummary = summary;
  return lastSummary;
}
