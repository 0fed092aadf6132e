/**
 * Read-only hooks the e2e suite uses to assert on what is drawn (the charts' data). Present in
 * every build; they expose nothing the page does not already show.
 */
import type { Chart } from 'chart.js';
import type { SimulationSession } from './sim/SimulationSession';

/** Read-only view of the editor's document store. */
export interface EditorTestHooks {
  /** A deep copy of the open document. */
  document(): unknown;
  /** Undo and redo depth. */
  history(): { past: number; future: number };
}

interface NeuroSketchTestHooks {
  charts: Record<string, Chart>;
  editor?: EditorTestHooks;
  session?: SimulationSession;
  /** The spike raster's bitmap layer: spikes drawn in its last frame. */
  raster?: { drawn: number };
  /** The open document (to check a failed run left it unchanged). */
  document?: () => unknown;
  /** The data each open "See the math" view shows (renderer/src/learn), by view id. */
  learnViews?: Record<string, { data: unknown }>;
  /** Each population heat map's last paint, by probe id. */
  heatMaps?: Record<string, HeatMapStats>;
  /** The spike-train analysis shown (node, CVs, ISI histogram, PSTH). */
  spikeAnalysis?: unknown;
}

/** What a heat map painted last: neurons, pixel columns with a sample, its colour scale. */
export interface HeatMapStats {
  rows: number;
  columns: number;
  lo: number;
  hi: number;
  /** Paints so far. */
  drawn: number;
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

export function registerSpikeAnalysisForTests(data: unknown): void {
  if (data === null) delete hooks().spikeAnalysis;
  else hooks().spikeAnalysis = data;
}
