/**
 * Read-only hooks the e2e suite uses to assert on what is drawn (the charts' data). Present in
 * every build; they expose nothing the page does not already show.
 */
import type { Chart } from 'chart.js';
import type { SimulationSession } from './sim/SimulationSession';

interface NeuroSketchTestHooks {
  charts: Record<string, Chart>;
  session?: SimulationSession;
}

declare global {
  interface Window {
    __neurosketchTest?: NeuroSketchTestHooks;
  }
}

function hooks(): NeuroSketchTestHooks {
  window.__neurosketchTest ??= { charts: {} };
  return window.__neurosketchTest;
}

export function registerChartForTests(id: string, chart: Chart | null): void {
  if (chart) hooks().charts[id] = chart;
  else delete hooks().charts[id];
}

export function registerSessionForTests(session: SimulationSession): void {
  hooks().session = session;
}
