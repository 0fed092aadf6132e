/** What every "See the math" view receives from the Learn panel. */
import type { NetworkDocument } from '../../../shared/document/model';
import type { HostApi } from '../../../shared/ipc/contract';

/** The samples of one probe, as SimulationSession's TraceBuffer keeps them (a ring). */
export interface LiveTrace {
  readonly probeId: string;
  readonly target: string;
  readonly variable: string;
  readonly indices: Int32Array;
  readonly steps: Float64Array;
  readonly values: Float64Array[];
  readonly length: number;
  slot(i: number): number;
}

/** The spikes of one node, as SimulationSession's SpikeStore keeps them. */
export interface LiveSpikes {
  readonly size: number;
  readonly times: Float64Array;
  readonly indices: Int32Array;
  /** Retained spikes are [start, end) of the arrays. */
  readonly start: number;
  readonly end: number;
}

/**
 * The part of the live SimulationSession the views read: probe samples, and the spikes every run
 * records for every spiking node.
 */
export interface LiveTraces {
  readonly traces: ReadonlyMap<string, LiveTrace>;
  readonly spikes: ReadonlyMap<string, LiveSpikes>;
  readonly dt: number;
  /** Step reached by the frames received so far (0: no run data). */
  readonly stepsReceived: number;
}

export interface LearnViewProps {
  document: NetworkDocument;
  /** The node the view was opened for, if any. */
  nodeId: string | undefined;
  host: HostApi;
  session: LiveTraces | null;
}

/** Colours used across the views (the notes' figures: blue m, orange h, green n). */
export const COLORS = {
  blue: '#1f77b4',
  orange: '#ff7f0e',
  green: '#2ca02c',
  red: '#d62728',
  purple: '#9467bd',
  brown: '#8c564b',
  grey: '#7f7f7f',
  teal: '#17becf',
} as const;

/** x/y points from two columns. */
export function points(
  xs: readonly number[],
  ys: readonly number[],
): Array<{ x: number; y: number }> {
  return xs.map((x, i) => ({ x, y: ys[i]! }));
}

/** A vertical line from y0 to y1 at x (a marker), as a two-point dataset's data. */
export function vline(x: number, y0: number, y1: number): Array<{ x: number; y: number }> {
  return [
    { x, y: y0 },
    { x, y: y1 },
  ];
}

/** Rounds for display. */
export function fmt(value: number, digits = 4): string {
  if (!Number.isFinite(value)) return value > 0 ? '∞' : value < 0 ? '−∞' : '—';
  return Number(value.toPrecision(digits)).toString();
}
