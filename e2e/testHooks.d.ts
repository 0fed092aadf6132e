/**
 * The read-only hooks the renderer exposes for tests (renderer/src/testHooks.ts), typed loosely
 * here because e2e must not import renderer code.
 */
interface E2eChart {
  data: { datasets: Array<{ label?: string; data: unknown[] }> };
  chartArea: { width: number; height: number };
  /** The time axis's visible range, in ms. */
  scales: Record<string, { min: number; max: number }>;
}

interface E2eSession {
  traces: Map<string, { count: number; steps: Float64Array; values: Float64Array[] }>;
  /** Spike times of a node are times[start..end) (a run-forever drops the oldest). */
  spikes: Map<
    string,
    { total: number; times: Float64Array; indices: Int32Array; start: number; end: number }
  >;
  stepsReceived: number;
  dt: number;
  lastLatencyMs: number;
  editLog: Array<{ timeSeconds: number; field: string; oldValue: unknown; newValue: unknown }>;
}

/** renderer/src/testHooks.ts: the editor's document store, read-only. */
interface E2eEditor {
  document(): unknown;
  history(): { past: number; future: number };
}

interface Window {
  __neurosketchTest?: {
    editor?: E2eEditor;
    charts: Record<string, E2eChart>;
    session?: E2eSession;
    raster?: { drawn: number };
    document?: () => unknown;
    /** renderer/src/learn: the data of each open "See the math" view, by view id. */
    learnViews?: Record<string, { data: unknown }>;
    /** Population heat maps' last paint, by probe id. */
    heatMaps?: Record<
      string,
      { rows: number; columns: number; lo: number; hi: number; drawn: number }
    >;
    /** renderer/src/components/SpikeAnalysis.tsx: what it shows. */
    spikeAnalysis?: {
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
    };
  };
  __neurosketchFilesTest?: {
    renameCircuit(name: string): void;
    state(): { fileName: string; dirty: boolean; hasHandle: boolean; documentName: string | null };
  };
}
