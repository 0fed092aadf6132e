import { describe, expect, it } from 'vitest';
import { analyseSpikes, SPIKE_ANALYSIS_CSV_HEADER, spikeAnalysisCsv } from './spikeAnalysis';
import { SpikeStore } from '../run/spikeStore';

describe('spike analysis of a store, and its CSV', () => {
  it('a regular neuron at 100 Hz and a silent one: CV 0 over one neuron, PSTH 50 Hz per neuron', () => {
    const store = new SpikeStore('P', 2, 1_000_000);
    const times = Float64Array.from({ length: 100 }, (_, k) => 0.005 + k * 0.01);
    store.append(new Int32Array(100), times);
    const a = analyseSpikes(store, 'pop', 0, 1, 0.1);
    expect(a.spikes).toBe(100);
    expect(a.isi.cvNeurons).toBe(1);
    expect(a.isi.cvMean).toBeCloseTo(0, 9);
    expect([...a.isiHistogram.counts].filter((c) => c > 0)).toEqual([99]);
    expect(a.psth.rates.length).toBe(10);
    for (const rate of a.psth.rates) expect(rate).toBeCloseTo(50, 9);

    const csv = spikeAnalysisCsv(a).trim().split('\n');
    expect(csv[0]).toBe(SPIKE_ANALYSIS_CSV_HEADER);
    expect(csv).toContain('psth_rate,P,,0,100,50,Hz per neuron');
    expect(csv).toContain('cv,P,0,,,0,dimensionless');
    expect(csv.filter((l) => l.startsWith('cv,'))).toHaveLength(1);
    expect(csv.at(-2)).toBe('cv_mean,P,,,,0,dimensionless');
    const isiRows = csv.filter((l) => l.startsWith('isi_count,'));
    expect(isiRows.map((l) => Number(l.split(',')[5])).reduce((s, c) => s + c, 0)).toBe(99);
  });
});
