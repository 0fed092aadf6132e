/** A population band never leaves what its variable can be (a ReLU's activity is never negative). */
import { describe, expect, it } from 'vitest';
import type { NetworkDocument } from '../../../shared/document/model';
import { TraceBuffer } from './SimulationSession';
import { variableBounds } from './variableBounds';

const doc = {
  nodes: [
    { id: 'R', kind: 'population', model: 'rate', size: 8, activation: 'relu' },
    { id: 'L', kind: 'population', model: 'rate', size: 8 },
    { id: 'T', kind: 'population', model: 'rate', size: 8, activation: 'tanh' },
    { id: 'H', kind: 'population', model: 'hh', size: 8 },
    { id: 'P', kind: 'population', model: 'lif', size: 8 },
  ],
} as unknown as NetworkDocument;

describe('variableBounds', () => {
  it('knows the activations, the gates and rates; voltages and inputs have none', () => {
    expect(variableBounds(doc, 'R', 'y')).toEqual({ lo: 0 });
    expect(variableBounds(doc, 'L', 'y')).toEqual({ lo: 0, hi: 1 });
    expect(variableBounds(doc, 'T', 'y')).toEqual({ lo: -1, hi: 1 });
    expect(variableBounds(doc, 'H', 'm')).toEqual({ lo: 0, hi: 1 });
    expect(variableBounds(doc, 'H', 'V')).toEqual({});
    expect(variableBounds(doc, 'P', 'v')).toEqual({});
    expect(variableBounds(doc, 'P', 's')).toEqual({});
  });

  it('clamps the band at the lower bound only where it has one', () => {
    // Five neurons: four silent, one at 10: mean 2, SD 4, so mean - SD = -2.
    const values = Float64Array.of(0, 0, 0, 0, 10);
    const indices = Int32Array.of(0, 1, 2, 3, 4);
    const relu = new TraceBuffer('yR', 'R', 'y', indices, 4, { lo: 0 });
    relu.append(Float64Array.of(0), values);
    expect(relu.stats!.mean[0]).toBe(2);
    expect(relu.stats!.lower[0]).toBe(0);
    expect(relu.stats!.upper[0]).toBe(6);
    const voltage = new TraceBuffer('vP', 'P', 'v', indices, 4);
    voltage.append(Float64Array.of(0), values);
    expect(voltage.stats!.lower[0]).toBe(-2);
    const gate = new TraceBuffer('mH', 'H', 'm', indices, 4, { lo: 0, hi: 1 });
    gate.append(Float64Array.of(0), Float64Array.of(0, 0, 0, 0, 1));
    expect(gate.stats!.lower[0]).toBe(0);
    expect(gate.stats!.upper[0]).toBeCloseTo(0.6, 12);
  });
});
