/**
 * The read-only hooks the renderer exposes to the e2e suite, declared once: the renderer writes
 * them (renderer/src/run/testHooks.ts, renderer/src/files/testHooks.ts) and the e2e specs read them
 * (tsconfig.test.json includes this file), so the two cannot drift apart.
 *
 * Type-only, and structural: it names what e2e reads of a Chart.js chart or of the
 * SimulationSession instead of importing them (shared/ imports no UI library and no renderer
 * code, and e2e must not import renderer code). The renderer's typecheck proves the real objects
 * fit these shapes. The hooks expose nothing the page does not already show.
 */

/** What e2e reads of a chart (a Chart.js chart in the renderer). */
export interface ChartTestHook {
  data: { datasets: Array<{ label?: string; data: unknown[] }> };
  chartArea: { width: number; height: number };
  /** The axes' visible ranges (the time axis in ms) and where a value is drawn, in CSS pixels. */
  scales: Record<
    string,
    {
      min: number;
      max: number;
      getPixelForValue(value: number): number;
      ticks: Array<{ value: number; label?: string | string[] }>;
    }
  >;
}

/** What e2e reads of the SimulationSession (renderer/src/run/SimulationSession.ts). */
export interface SessionTestHook {
  traces: ReadonlyMap<string, { count: number; steps: Float64Array; values: Float64Array[] }>;
  /** Spike times of a node are times[start..end) (a run-forever drops the oldest). */
  spikes: ReadonlyMap<
    string,
    { total: number; times: Float64Array; indices: Int32Array; start: number; end: number }
  >;
  stepsReceived: number;
  dt: number;
  lastLatencyMs: number;
  editLog: ReadonlyArray<{
    timeSeconds: number;
    field: string;
    oldValue: unknown;
    newValue: unknown;
  }>;
}

/** Read-only view of the editor's document store. */
export interface EditorTestHooks {
  /** A deep copy of the open document. */
  document(): unknown;
  /** Undo and redo depth. */
  history(): { past: number; future: number };
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

/** The spike-train analysis shown (renderer/src/charts/SpikeAnalysisPanel.tsx). */
export interface SpikeAnalysisTestHook {
  nodeId: string;
  size: number;
  spikes: number;
  isiCount: number;
  cvMean: number;
  cvNeurons: number;
  cvPooled: number;
  isiBinMs: number;
  isiCounts: number[];
  isiOverflow: number;
  psthBinMs: number;
  psthRates: number[];
}

/** `window.__neurosketchTest`: charts, session, editor and views, as drawn. */
export interface NeuroSketchTestHooks {
  charts: Record<string, ChartTestHook>;
  editor?: EditorTestHooks;
  session?: SessionTestHook;
  /** The spike raster's bitmap layer: spikes drawn in its last frame. */
  raster?: { drawn: number };
  /** The open document (to check a failed run left it unchanged). */
  document?: () => unknown;
  /** The data each open "See the math" view shows (renderer/src/learn), by view id. */
  learnViews?: Record<string, { data: unknown }>;
  /** Each population heat map's last paint, by probe id. */
  heatMaps?: Record<string, HeatMapStats>;
  spikeAnalysis?: SpikeAnalysisTestHook;
}

/**
 * `window.__neurosketchFilesTest`: an edit that does not depend on the editor's UI (so the unsaved
 * marker, autosave and recovery are tested on their own), and a read of the file session.
 */
export interface FilesTestHooks {
  /** Renames the circuit (a document edit, like typing a new name in the inspector). */
  renameCircuit(name: string): void;
  state(): { fileName: string; dirty: boolean; hasHandle: boolean; documentName: string | null };
}

declare global {
  // The page's window (the renderer and e2e compile with the DOM; elsewhere this only adds a name).
  interface Window {
    __neurosketchTest?: NeuroSketchTestHooks;
    __neurosketchFilesTest?: FilesTestHooks;
  }
}
