import { describe, expect, it } from 'vitest';
import { envelope } from './envelope';
import { TraceBuffer } from '../run/SimulationSession';

function ramp(n: number, capacity = n): TraceBuffer {
  const buffer = new TraceBuffer('p', 'N', 'v', Int32Array.of(0), capacity);
  const steps = Float64Array.from({ length: n }, (_, k) => k);
  const values = Float64Array.from({ length: n }, (_, k) => Math.sin(k / 50) + k / 1000);
  buffer.append(steps, values);
  return buffer;
}

describe('envelope', () => {
  it('keeps the min and max of every pixel column, in time order, at most two per column', () => {
    const buffer = ramp(10_000);
    const points = envelope(buffer, 0, 1, 0, 10_000, -0.5, 100);
    expect(points.length).toBeLessThanOrEqual(200);
    for (let i = 1; i < points.length; i++) expect(points[i]!.x).toBeGreaterThan(points[i - 1]!.x);
    // Every column's extremes are kept exactly.
    for (let c = 0; c < 100; c++) {
      const inColumn = Array.from({ length: 100 }, (_, k) => c * 100 + k);
      const ys = inColumn.map((k) => buffer.values[0]![k]!);
      const kept = points.filter((p) => p.x >= c * 100 && p.x < (c + 1) * 100);
      expect(kept.length).toBeLessThanOrEqual(2);
      expect(Math.min(...kept.map((p) => p.y))).toBe(Math.min(...ys));
      expect(Math.max(...kept.map((p) => p.y))).toBe(Math.max(...ys));
    }
  });

  it('reads a wrapped ring buffer in time order', () => {
    const buffer = ramp(1500, 1000);
    const points = envelope(buffer, 0, 1, 0, 1500, 0, 50);
    expect(points[0]!.x).toBeGreaterThanOrEqual(500);
    expect(points[0]!.x).toBeLessThan(530);
    for (let i = 1; i < points.length; i++) expect(points[i]!.x).toBeGreaterThan(points[i - 1]!.x);
  });
});

describe('population statistics of a many-element probe', () => {
  it('mean, SD (denominator n), min and max per sample, in ring order, enveloped like a trace', () => {
    const elements = 6;
    const buffer = new TraceBuffer(
      'p',
      'P',
      'v',
      Int32Array.from({ length: elements }, (_, k) => k),
      8,
    );
    // Sample s of element e is s + e: mean s + 2.5, SD sqrt(35/12), min s, max s + 5.
    const n = 10;
    const steps = Float64Array.from({ length: n }, (_, s) => s);
    const values = new Float64Array(elements * n);
    for (let e = 0; e < elements; e++) for (let s = 0; s < n; s++) values[e * n + s] = s + e;
    buffer.append(steps, values);
    const stats = buffer.stats!;
    const sd = Math.sqrt(35 / 12);
    for (let k = 0; k < buffer.length; k++) {
      const slot = buffer.slot(k);
      const s = buffer.steps[slot]!;
      expect(stats.mean[slot]).toBeCloseTo(s + 2.5, 12);
      expect(stats.sd[slot]).toBeCloseTo(sd, 12);
      expect(stats.lower[slot]).toBeCloseTo(s + 2.5 - sd, 12);
      expect(stats.upper[slot]).toBeCloseTo(s + 2.5 + sd, 12);
      expect(stats.min[slot]).toBe(s);
      expect(stats.max[slot]).toBe(s + 5);
    }
    const points = envelope(buffer, stats.mean, 1, 0, 10, 0, 1000);
    expect(points.map((p) => p.y)).toEqual([2, 3, 4, 5, 6, 7, 8, 9].map((s) => s + 2.5));
  });

  it('a handful of elements keeps no statistics (drawn as lines)', () => {
    expect(new TraceBuffer('p', 'P', 'v', Int32Array.of(0, 1, 2, 3), 8).stats).toBeNull();
  });
});
