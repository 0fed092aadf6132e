import { describe, expect, it } from 'vitest';
import { envelope } from './envelope';
import { TraceBuffer } from './SimulationSession';

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
