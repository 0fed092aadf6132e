/**
 * Min/max envelope: what Chart.js is handed per trace and frame. For each pixel column the first,
 * minimum, maximum and last samples are kept (in time order), so a line drawn through them covers
 * exactly the pixels the full data would, with about two to four points per column instead of
 * thousands. Every point is a real sample (x, y), never an average.
 */
import type { TraceBuffer } from './SimulationSession';

export interface Point {
  x: number;
  y: number;
}

/**
 * @param xScale converts a step index to the chart's x unit (e.g. dt * 1000 for ms)
 * @param xMin,xMax the visible x range (chart units)
 * @param pixelLeft,pixelWidth where that range lands on the canvas, in device pixels. Columns are
 *   the canvas' own pixel columns (Math.round of the pixel x, as Chart.js' fast line path rounds),
 *   so each column's points fall on one pixel and no moire appears between data and pixel grid.
 */
export function envelope(
  buffer: TraceBuffer,
  element: number,
  xScale: number,
  xMin: number,
  xMax: number,
  pixelLeft: number,
  pixelWidth: number,
  out: Point[] = [],
): Point[] {
  out.length = 0;
  const n = buffer.length;
  const values = buffer.values[element];
  if (!values || n === 0 || pixelWidth < 1 || !(xMax > xMin)) return out;
  const pixelsPerUnit = pixelWidth / (xMax - xMin);
  let column = -1;
  let firstI = -1;
  let lastI = -1;
  let minI = -1;
  let maxI = -1;
  const flush = (): void => {
    if (firstI < 0) return;
    const picks = [firstI, minI, maxI, lastI].sort((a, b) => buffer.steps[a]! - buffer.steps[b]!);
    let previous = -1;
    for (const i of picks) {
      if (i === previous) continue;
      previous = i;
      out.push({ x: buffer.steps[i]! * xScale, y: values[i]! });
    }
  };
  for (let k = 0; k < n; k++) {
    const slot = buffer.slot(k);
    const x = buffer.steps[slot]! * xScale;
    if (x < xMin || x > xMax) continue;
    const c = Math.round(pixelLeft + (x - xMin) * pixelsPerUnit);
    const y = values[slot]!;
    if (c !== column) {
      flush();
      column = c;
      firstI = minI = maxI = lastI = slot;
      continue;
    }
    lastI = slot;
    if (y < values[minI]!) minI = slot;
    if (y > values[maxI]!) maxI = slot;
  }
  flush();
  return out;
}
