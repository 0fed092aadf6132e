/**
 * f-I sweeps: the one-node document each input builds, and the rate measured by the simulator
 * against the closed form G(J) of docs/format.md#nodes
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDocument } from '../document/loadDocument';
import type { NetworkDocument } from '../document/model';
import { lifRate } from '../models/lifRate';
import {
  runSweep,
  steadyRate,
  sweepPoint,
  sweepTarget,
  transientEndSeconds,
  type SweepReport,
} from './fiSweep';

function load(file: string): NetworkDocument {
  const loaded = loadDocument(readFileSync(file, 'utf8'));
  if (!loaded.ok) throw new Error(`${file} is invalid`);
  return loaded.document;
}

describe('fiSweep', () => {
  const doc = load('examples/lif-charging.neuro');

  it('builds a one-node document whose bias is the input and which drops the edges', () => {
    const prepared = sweepTarget(doc, 'N', { durationSeconds: 0.5 });
    expect(prepared.ok).toBe(true);
    if (!prepared.ok) return;
    const swept = prepared.target.documentFor(2);
    expect(swept.nodes).toHaveLength(1);
    expect(swept.edges).toEqual([]);
    expect(swept.nodes[0]).toMatchObject({ model: 'lif', params: { bias: 2, tauM: 0.02 } });
    expect(swept.simulation.duration).toBeCloseTo(0.5, 12);
  });

  it('measures the LIF rate G(J) of docs/format.md#nodes', () => {
    const prepared = sweepTarget(doc, 'N', { durationSeconds: 1 });
    if (!prepared.ok) throw new Error(prepared.error);
    const p = { tauM: 0.02, tauRef: 0.002, vTh: 1, vReset: 0 };
    for (const j of [0.5, 1, 1.2, 2, 5]) {
      const point = sweepPoint(prepared.target, j);
      expect(Math.abs(point.rate - lifRate(j, p))).toBeLessThan(1e-6);
    }
  });

  it('sweeps HH (silent, one onset spike, repetitive) and rate units (y = sigma(J))', () => {
    const hh = load('shared/document/__fixtures__/spec/hh-current-steps.neuro');
    const prepared = sweepTarget(hh, 'H', { durationSeconds: 0.3 });
    if (!prepared.ok) throw new Error(prepared.error);
    expect(sweepPoint(prepared.target, 1)).toMatchObject({ rate: 0, spikes: 0 });
    expect(sweepPoint(prepared.target, 4)).toMatchObject({ rate: 0, spikes: 1 });
    expect(sweepPoint(prepared.target, 10).rate).toBeGreaterThan(50);

    const layer = load('shared/document/__fixtures__/spec/layer-softmax.neuro');
    const relu = sweepTarget(layer, 'X', { durationSeconds: 0.01 });
    if (!relu.ok) throw new Error(relu.error);
    expect(sweepPoint(relu.target, -1).rate).toBe(0);
    expect(sweepPoint(relu.target, 2.5).rate).toBe(2.5);
    expect(sweepTarget(layer, 'Y', { durationSeconds: 1 })).toMatchObject({ ok: false });
  });

  it('HH at J = 6: two onset spikes then silence is a 0 Hz steady rate, reported as an onset transient', () => {
    const hh = load('shared/document/__fixtures__/spec/hh-current-steps.neuro');
    const prepared = sweepTarget(hh, 'H', { durationSeconds: 0.5 });
    if (!prepared.ok) throw new Error(prepared.error);
    const at6 = sweepPoint(prepared.target, 6);
    expect(at6.spikes).toBeGreaterThanOrEqual(1);
    expect(at6.rate).toBe(0);
    expect(at6.onsetSpikes).toBe(at6.spikes);
    // Above the repetitive-firing threshold (~6.2 uA/cm^2) it fires on.
    const at7 = sweepPoint(prepared.target, 7);
    expect(at7.rate).toBeGreaterThan(40);
    expect(at7.onsetSpikes).toBeUndefined();
  });

  it('steadyRate: the transient is a fifth of the run (at least 50 ms); the rate is over what follows', () => {
    expect(transientEndSeconds(1)).toBeCloseTo(0.2, 12);
    expect(transientEndSeconds(0.1)).toBeCloseTo(0.05, 12);
    expect(transientEndSeconds(0.06)).toBeCloseTo(0.03, 12);
    expect(steadyRate(6, [0.0026, 0.023], 0.5)).toEqual({
      current: 6,
      rate: 0,
      spikes: 2,
      onsetSpikes: 2,
    });
    // 10 ms intervals after 100 ms: 100 Hz.
    const regular = Array.from({ length: 50 }, (_, k) => 0.005 + k * 0.01);
    expect(steadyRate(8, regular, 0.5).rate).toBeCloseTo(100, 9);
  });

  it('refuses what has no f-I curve, with a reason', () => {
    const none = sweepTarget(doc, 'nope', { durationSeconds: 1 });
    expect(none).toMatchObject({ ok: false });
    const input = sweepTarget(doc, 'drive', { durationSeconds: 1 });
    expect(input.ok ? '' : input.error).toMatch(/not a neuron/);
  });

  it('runSweep reports started, one point per input, then done; rates equal G(J)', () => {
    const reports: SweepReport[] = [];
    const currents = [0.5, 2, 3];
    const text = readFileSync('examples/lif-charging.neuro', 'utf8');
    runSweep({ documentText: text, nodeId: 'N', currents, durationSeconds: 1 }, (r) =>
      reports.push(r),
    );
    expect(reports.map((r) => r.type)).toEqual(['started', 'point', 'point', 'point', 'done']);
    expect(reports[0]).toEqual({ type: 'started', model: 'lif' });
    const last = reports[reports.length - 1]!;
    if (last.type !== 'done') throw new Error('no done report');
    const p = { tauM: 0.02, tauRef: 0.002, vTh: 1, vReset: 0 };
    last.points.forEach((point, i) => {
      expect(point.current).toBe(currents[i]);
      expect(Math.abs(point.rate - lifRate(point.current, p))).toBeLessThan(1e-6);
    });
  });

  it('runSweep refuses a bad document or node at once, with nothing run', () => {
    const text = readFileSync('examples/lif-charging.neuro', 'utf8');
    const reportsFor = (documentText: string, nodeId: string): SweepReport[] => {
      const reports: SweepReport[] = [];
      runSweep({ documentText, nodeId, currents: [1], durationSeconds: 1 }, (r) => reports.push(r));
      return reports;
    };
    const notNeuron = reportsFor(text, 'drive');
    expect(notNeuron).toHaveLength(1);
    expect(notNeuron[0]).toMatchObject({
      type: 'invalid',
      message: expect.stringMatching(/not a neuron/),
    });
    const broken = reportsFor('{"format": "neurosketch"}', 'N');
    expect(broken).toHaveLength(1);
    expect(broken[0]?.type).toBe('invalid');
  });
});
