/**
 * Read-only hooks the e2e suite uses to assert on what is drawn (the charts' data). Present in
 * every build; they expose nothing the page does not already show. Their types, and the window's
 * `__neurosketchTest`, are declared once in shared/testHooks.ts, which e2e reads too.
 */
import type { Chart } from 'chart.js';
import type {
  EditorTestHooks,
  HeatMapStats,
  NeuroSketchTestHooks,
  SpikeAnalysisTestHook,
} from '../../../shared/testHooks';
import type { SimulationSession } from './SimulationSession';

// HeatMapChart passes its paint's stats in this shape.
export type { HeatMapStats };

function hooks(): NeuroSketchTestHooks {
  window.__neurosketchTest ??= { charts: {} };
  return window.__neurosketchTest;
}

export function registerChartForTests(id: string, chart: Chart | null): void {
  if (chart) hooks().charts[id] = chart;
  else delete hooks().charts[id];
}

export function registerRasterForTests(stats: { drawn: number } | null): void {
  if (stats) hooks().raster = stats;
  else delete hooks().raster;
}

export function registerDocumentForTests(read: () => unknown): void {
  hooks().document = read;
}

export function registerSessionForTests(session: SimulationSession): void {
  hooks().session = session;
}

export function registerLearnViewForTests(viewId: string, data: unknown): void {
  const views = (hooks().learnViews ??= {});
  if (data === null) delete views[viewId];
  else views[viewId] = { data };
}

export function registerEditorForTests(editor: EditorTestHooks): void {
  hooks().editor = editor;
}

export function registerHeatMapForTests(id: string, stats: HeatMapStats | null): void {
  const maps = (hooks().heatMaps ??= {});
  if (stats) maps[id] = stats;
  else delete maps[id];
}

export function registerSpikeAnalysisForTests(data: SpikeAnalysisTestHook | null): void {
  if (data === null) delete hooks().spikeAnalysis;
  else hooks().spikeAnalysis = data;
}
