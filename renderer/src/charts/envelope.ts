/**
 * Min/max envelope: what Chart.js is handed per trace and frame. For each pixel column the minimum
 * and maximum samples are kept (in time order), so a line drawn through them covers the column's
 * whole vertical extent, with at most two points per column instead of thousands. Every point is a
 * real sample (x, y), never an average.
 *
 * Two, not four (first, min, max, last): in software rendering the cost of stroking a trace grows
 * with its segments; 16 streaming traces drew at 38 frames/s with four and 52 with two (measured,
 * 1 px lines).
 */
import type { TraceBuffer } from '../run/SimulationSession';

export interface Point {
  x: number;
  y: number;
}

/**
 * @param element which recorded element, or a series in the buffer's ring slots (its statistics)
 * @param xScale converts a step index to the chart's x unit (e.g. dt * 1000 for ms)
 * @param xMin,xMax the visible x range (chart units)
 * @param pixelLeft,pixelWidth where that range lands on the canvas, in device pixels. Columns are
 *   the canvas' own pixel columns (Math.round of the pixel x, as Chart.js' fast line path rounds),
 *   so each column's points fall on one pixel and no moire appears between data and pixel grid.
 * @param out reused between frames (no allocation per frame once it has grown)
 *
 * One sample either side of the visible range is kept too, so the line runs to the plot's edges.
 */
export function envelope(
  buffer: TraceBuffer,
  element: number | Float64Array,
  xScale: number,
  xMin: number,
  xMax: number,
  pixelLeft: number,
  pixelWidth: number,
  out: Point[] = [],
): Point[] {
  let used = 0;
  const push = (slot: number): void => {
    const x = buffer.steps[slot]! * xScale;
    const y = values![slot]!;
    const point = out[used];
    if (point) {
      point.x = x;
      point.y = y;
    } else out[used] = { x, y };
    used++;
  };
  const n = buffer.length;
  const values = typeof element === 'number' ? buffer.values[element] : element;
  if (!values || n === 0 || pixelWidth < 1 || !(xMax > xMin) || !(xScale > 0)) {
    out.length = 0;
    return out;
  }
  const pixelsPerUnit = pixelWidth / (xMax - xMin);
  const from = Math.max(0, buffer.lowerBound(xMin / xScale) - 1);
  const to = Math.min(n, buffer.lowerBound(xMax / xScale) + 1);
  let column = NaN;
  // Logical indices (time order) of the column's min and max samples.
  let minK = -1;
  let maxK = -1;
  let minY = 0;
  let maxY = 0;
  const flush = (): void => {
    if (minK < 0) return;
    const a = Math.min(minK, maxK);
    const b = Math.max(minK, maxK);
    push(buffer.slot(a));
    if (b !== a) push(buffer.slot(b));
  };
  for (let k = from; k < to; k++) {
    const slot = buffer.slot(k);
    const x = buffer.steps[slot]! * xScale;
    const c = Math.round(pixelLeft + (x - xMin) * pixelsPerUnit);
    const y = values[slot]!;
    if (c !== column) {
      flush();
      column = c;
      minK = maxK = k;
      minY = maxY = y;
      continue;
    }
    if (y < minY) {
      minY = y;
      minK = k;
    }
    if (y > maxY) {
      maxY = y;
      maxK = k;
    }
  }
  flush();
  out.length = used;
  return out;
}

/** The sample nearest to step `step` (logical index), or -1 when the buffer is empty. */
export function nearestSample(buffer: TraceBuffer, step: number): number {
  const n = buffer.length;
  if (n === 0) return -1;
  const k = buffer.lowerBound(step);
  if (k <= 0) return 0;
  if (k >= n) return n - 1;
  const before = buffer.steps[buffer.slot(k - 1)]!;
  const after = buffer.steps[buffer.slot(k)]!;
  return step - before <= after - step ? k - 1 : k;
}
