/**
 * The read-only hooks the renderer exposes for tests (renderer/src/testHooks.ts), typed loosely
 * here because e2e must not import renderer code.
 */
interface E2eChart {
  data: { datasets: Array<{ label?: string; data: unknown[] }> };
  chartArea: { width: number; height: number };
}

interface E2eSession {
  traces: Map<string, { count: number; steps: Float64Array; values: Float64Array[] }>;
  spikes: Map<string, { total: number; times: number[]; indices: number[] }>;
}

interface Window {
  __neurosketchTest?: { charts: Record<string, E2eChart>; session?: E2eSession };
}
