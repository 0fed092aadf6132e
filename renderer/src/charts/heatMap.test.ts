import { describe, expect, it } from 'vitest';
import { heatIndex, heatLut, paintHeatMap, visibleRange } from './heatMap';
import { TraceBuffer } from '../run/SimulationSession';

/** A 6-neuron probe, 10 samples: neuron e holds e / 5 at every step (a constant per row). */
function rows(): TraceBuffer {
  const buffer = new TraceBuffer('p', 'P', 'v', Int32Array.from([0, 1, 2, 3, 4, 5]), 16);
  const n = 10;
  const values = new Float64Array(6 * n);
  for (let e = 0; e < 6; e++) values.fill(e / 5, e * n, (e + 1) * n);
  buffer.append(
    Float64Array.from({ length: n }, (_, k) => k),
    values,
  );
  return buffer;
}

describe('heat map', () => {
  it('the colour table runs from dark violet to yellow; values clamp to the ends', () => {
    const lut = heatLut();
    expect(lut[0]).toBe(0xff540144);
    expect(lut[255]).toBe(0xff25e7fd);
    expect(heatIndex(-1, 0, 1)).toBe(0);
    expect(heatIndex(2, 0, 1)).toBe(255);
    expect(heatIndex(0.5, 0, 1)).toBe(128);
  });

  it('one band of rows per neuron, each in its value’s colour, over the recorded steps only', () => {
    const buffer = rows();
    const lut = heatLut();
    const width = 40;
    const height = 12;
    const pixels = new Uint32Array(width * height);
    const { lo, hi } = visibleRange([buffer], 0, 9);
    expect({ lo, hi }).toEqual({ lo: 0, hi: 1 });
    // Steps 0..19 across 40 columns: the samples (0..9) fill the left half.
    const paint = paintHeatMap([buffer], 0, 20, lo, hi, lut, pixels, width, height);
    expect(paint.rows).toBe(6);
    expect(paint.columns).toBeGreaterThanOrEqual(19);
    expect(paint.columns).toBeLessThanOrEqual(21);
    for (let y = 0; y < height; y++) {
      const neuron = Math.floor(y / 2);
      expect(pixels[y * width + 5]).toBe(lut[heatIndex(neuron / 5, 0, 1)]);
      expect(pixels[y * width + 35]).toBe(0);
    }
  });
});
