/**
 * The neuron-by-time heat map of a population probe, as pixels: one pass per frame over the plot's
 * device pixels (columns x rows), never over every sample. Each pixel column shows the sample
 * nearest to the column's centre time (a real sample, as the traces' envelope keeps real samples);
 * each pixel row shows one neuron (rows of several pixels when there are fewer neurons than pixels;
 * when there are more, each pixel row shows the neuron at its position, the others are skipped).
 * Colours come from a 256-entry table (viridis: ordered in lightness, readable for colour-blind
 * students and in grey).
 */
import type { TraceBuffer } from '../run/SimulationSession';

/** Viridis, 9 stops (matplotlib's), interpolated to 256 entries. */
const VIRIDIS_STOPS = [
  '#440154',
  '#472d7b',
  '#3b528b',
  '#2c728e',
  '#21918c',
  '#28ae80',
  '#5ec962',
  '#addc30',
  '#fde725',
] as const;

/** The colour scale's stops, for a CSS gradient of the legend. */
export const HEAT_STOPS: readonly string[] = VIRIDIS_STOPS;

function rgbOf(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** 256 colours packed as 0xAABBGGRR (little-endian RGBA over ImageData). */
export function heatLut(): Uint32Array {
  const lut = new Uint32Array(256);
  const stops = VIRIDIS_STOPS.map(rgbOf);
  for (let i = 0; i < 256; i++) {
    const position = (i / 255) * (stops.length - 1);
    const a = Math.min(stops.length - 2, Math.floor(position));
    const f = position - a;
    const [r0, g0, b0] = stops[a]!;
    const [r1, g1, b1] = stops[a + 1]!;
    const r = Math.round(r0 + (r1 - r0) * f);
    const g = Math.round(g0 + (g1 - g0) * f);
    const b = Math.round(b0 + (b1 - b0) * f);
    lut[i] = ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0;
  }
  return lut;
}

/** The colour index (0..255) of a value on the scale [lo, hi]; clamped. */
export function heatIndex(value: number, lo: number, hi: number): number {
  if (!(hi > lo)) return 128;
  const i = Math.round(((value - lo) / (hi - lo)) * 255);
  return i < 0 ? 0 : i > 255 ? 255 : i;
}

/** The range of a set of probes' samples with steps in [stepMin, stepMax] (their statistics). */
export function visibleRange(
  buffers: readonly TraceBuffer[],
  stepMin: number,
  stepMax: number,
): { lo: number; hi: number } {
  let lo = Infinity;
  let hi = -Infinity;
  for (const buffer of buffers) {
    const from = buffer.lowerBound(stepMin);
    const to = buffer.lowerBound(stepMax + 1e-9);
    for (let k = from; k < to; k++) {
      const slot = buffer.slot(k);
      if (buffer.stats) {
        lo = Math.min(lo, buffer.stats.min[slot]!);
        hi = Math.max(hi, buffer.stats.max[slot]!);
      } else
        for (const values of buffer.values) {
          lo = Math.min(lo, values[slot]!);
          hi = Math.max(hi, values[slot]!);
        }
    }
  }
  return Number.isFinite(lo) && Number.isFinite(hi) ? { lo, hi } : { lo: 0, hi: 1 };
}

export interface HeatPaint {
  /** Pixel columns that had a sample. */
  columns: number;
  /** Neurons (rows of all probes together). */
  rows: number;
}

/**
 * Paints `pixels` (width x height, row-major, 0xAABBGGRR) with the probes' elements stacked in
 * order, over steps [stepMin, stepMax]. Pixels without a sample are left transparent (0).
 */
export function paintHeatMap(
  buffers: readonly TraceBuffer[],
  stepMin: number,
  stepMax: number,
  lo: number,
  hi: number,
  lut: Uint32Array,
  pixels: Uint32Array,
  width: number,
  height: number,
): HeatPaint {
  pixels.fill(0);
  let rows = 0;
  for (const buffer of buffers) rows += buffer.values.length;
  if (rows === 0 || width <= 0 || height <= 0 || !(stepMax > stepMin)) return { columns: 0, rows };
  const stepsPerColumn = (stepMax - stepMin) / width;
  let columns = 0;
  for (let c = 0; c < width; c++) {
    const step = stepMin + (c + 0.5) * stepsPerColumn;
    let row0 = 0;
    let painted = false;
    for (const buffer of buffers) {
      const series = buffer.values.length;
      const n = buffer.length;
      if (n === 0) {
        row0 += series;
        continue;
      }
      // The nearest sample, if the column's time lies within the recorded samples.
      let k = buffer.lowerBound(step);
      const first = buffer.steps[buffer.slot(0)]!;
      const last = buffer.steps[buffer.slot(n - 1)]!;
      const every = n > 1 ? (last - first) / (n - 1) : 1;
      if (step < first - every / 2 || step > last + every / 2) {
        row0 += series;
        continue;
      }
      if (k >= n) k = n - 1;
      else if (k > 0) {
        const before = buffer.steps[buffer.slot(k - 1)]!;
        const after = buffer.steps[buffer.slot(k)]!;
        if (step - before <= after - step) k--;
      }
      const slot = buffer.slot(k);
      painted = true;
      const top = Math.floor((row0 / rows) * height);
      const bottom = Math.floor(((row0 + series) / rows) * height);
      for (let y = top; y < bottom; y++) {
        const element = Math.min(series - 1, Math.floor(((y + 0.5) / height) * rows) - row0);
        const value = buffer.values[element < 0 ? 0 : element]![slot]!;
        pixels[y * width + c] = lut[heatIndex(value, lo, hi)]!;
      }
      row0 += series;
    }
    if (painted) columns++;
  }
  return { columns, rows };
}
