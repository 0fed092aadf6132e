/**
 * Which charts a document gets: a probe of a handful of neurons keeps one line each; a probe of
 * more is its mean with a ±1 SD band, offering the heat map and one neuron alone (issue 15).
 */
import { describe, expect, it } from 'vitest';
import type { NetworkDocument } from '../../../shared/document/model';
import { chartSpecs, indexRanges, recordedNeuronsText } from './chartSpecs';

function doc(size: number, probes: NetworkDocument['probes']): NetworkDocument {
  return {
    format: 'neurosketch-network',
    version: 1,
    name: 'specs',
    simulation: { dt: 1e-4, duration: 0.1, seed: 1 },
    nodes: [
      { id: 'P', kind: 'population', size, model: 'lif', label: 'P' },
      { id: 'H', kind: 'population', size, model: 'hh', label: 'H' },
    ],
    edges: [],
    probes,
  } as unknown as NetworkDocument;
}

describe('chartSpecs', () => {
  it('four neurons or fewer: one line each, no population views', () => {
    const [spec] = chartSpecs(doc(4, [{ id: 'vP', target: 'P', variable: 'v' }]), 'x');
    expect(spec!.series.map((s) => s.label)).toEqual(['P[0]', 'P[1]', 'P[2]', 'P[3]']);
    expect(spec!.population).toBeUndefined();
  });

  it('100 neurons: the mean and its band, a heat map of 100 rows, neuron k alone', () => {
    const [spec] = chartSpecs(doc(100, [{ id: 'vP', target: 'P', variable: 'v' }]), 'x');
    expect(spec!.series.map((s) => [s.label, s.band ?? 'line'])).toEqual([
      ['P mean of 100', 'line'],
      ['P mean − 1 SD', 'lower'],
      ['P mean + 1 SD', 'upper'],
    ]);
    const population = spec!.population!;
    expect(population.heatProbes).toEqual([{ probeId: 'vP', label: 'P', size: 100 }]);
    expect(population.recorded).toHaveLength(100);
    expect(population.neuronSeries(42).map((s) => s.label)).toEqual(['P[42]']);
    expect(population.fixedRange).toBeUndefined();
  });

  it('HH gates of a population: a mean and band per gate, heat rows stacked, scale fixed 0 to 1', () => {
    const probes = ['m', 'h', 'n'].map((variable) => ({
      id: `${variable}H`,
      target: 'H',
      variable,
      indices: Array.from({ length: 10 }, (_, k) => k * 2),
    }));
    const [spec] = chartSpecs(doc(20, probes as NetworkDocument['probes']), 'x');
    expect(spec!.series.filter((s) => !s.band).map((s) => s.label)).toEqual([
      'H m mean of 10 recorded (neurons 0, 2, 4, … of 20)',
      'H h mean of 10 recorded (neurons 0, 2, 4, … of 20)',
      'H n mean of 10 recorded (neurons 0, 2, 4, … of 20)',
    ]);
    const population = spec!.population!;
    expect(population.heatProbes.map((p) => p.size)).toEqual([10, 10, 10]);
    expect(population.fixedRange).toEqual({ lo: 0, hi: 1 });
    expect(population.recorded).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
    expect(population.neuronSeries(4).map((s) => s.label)).toEqual(['H[4] m', 'H[4] h', 'H[4] n']);
  });

  it('a probe of 16 of 100 neurons says which: "mean of 16 recorded (neurons 0–15 of 100)"', () => {
    const indices = Array.from({ length: 16 }, (_, k) => k);
    const [spec] = chartSpecs(doc(100, [{ id: 'vP', target: 'P', variable: 'v', indices }]), 'x');
    expect(spec!.series[0]!.label).toBe('P mean of 16 recorded (neurons 0–15 of 100)');
    expect(spec!.population!.recordedText).toBe('neurons 0–15 of 100');
    expect(spec!.population!.bandNote).toContain('(neurons 0–15 of 100)');
    // The exported PNGs say it too (the fifth walkthrough's meansd.png read only "P · v").
    expect(spec!.population!.bandTitle).toBe(
      'P · v: mean ± 1 SD of 16 recorded neurons (0–15 of 100)',
    );
    expect(spec!.population!.heatTitle).toBe(
      `P · v: heat map of 16 recorded neurons (0–15 of 100), one row each; colour: ${spec!.yLabel}`,
    );
    const [all] = chartSpecs(doc(100, [{ id: 'vP', target: 'P', variable: 'v' }]), 'x');
    expect(all!.population!.bandTitle).toBe('P · v: mean ± 1 SD of all 100 neurons');
  });
});

describe('indexRanges and recordedNeuronsText', () => {
  it('runs of consecutive indices, a cut after four runs', () => {
    expect(indexRanges([3, 1, 2, 0, 7])).toBe('0–3, 7');
    expect(indexRanges([0, 2, 4, 6, 8])).toBe('0, 2, 4, …');
    expect(recordedNeuronsText([5], 10)).toBe('neuron 5 of 10');
    expect(recordedNeuronsText([0, 1, 2], 3)).toBe('all 3 neurons');
  });
});
