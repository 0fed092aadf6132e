import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RandomStream } from '../util/random';
import {
  analyseIsis,
  coefficientOfVariation,
  histogram,
  niceBinWidth,
  psth,
  quantile,
} from './spikeTrainStats';

/** Spikes of several neurons merged into one time-ordered store (as SpikeStore holds them). */
function merge(trains: number[][]): { times: Float64Array; indices: Int32Array } {
  const all = trains.flatMap((train, e) => train.map((t) => [t, e] as const));
  all.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return {
    times: Float64Array.from(all.map((s) => s[0])),
    indices: Int32Array.from(all.map((s) => s[1])),
  };
}

function regular(periodS: number, count: number, offsetS = 0): number[] {
  return Array.from({ length: count }, (_, k) => offsetS + k * periodS);
}

function poisson(rateHz: number, durationS: number, key: string): number[] {
  const rng = RandomStream.fromKey(key);
  const out: number[] = [];
  for (let t = rng.exponential(rateHz); t < durationS; t += rng.exponential(rateHz)) out.push(t);
  return out;
}

describe('ISIs and CV', () => {
  it('a regular train of period T: every ISI is T, CV 0, the histogram one full bin', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-3, max: 0.2, noNaN: true }),
        fc.integer({ min: 3, max: 200 }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        (periodS, count, offsetS) => {
          const { times, indices } = merge([regular(periodS, count, offsetS)]);
          const result = analyseIsis(times, indices, 1);
          expect(result.isis.length).toBe(count - 1);
          for (const isi of result.isis) expect(isi).toBeCloseTo(periodS, 9);
          expect(result.cv[0]).toBeCloseTo(0, 6);
          expect(result.cvMean).toBeCloseTo(0, 6);
          expect(result.cvNeurons).toBe(1);
          const h = histogram(result.isis, niceBinWidth(periodS));
          const full = [...h.counts].filter((c) => c > 0);
          expect(full).toEqual([count - 1]);
        },
      ),
    );
  });

  it('the histogram of a period that is an exact multiple of the bin width stays in one bin', () => {
    const { times, indices } = merge([regular(0.01, 101, 0.0037)]);
    const h = histogram(analyseIsis(times, indices, 1).isis, 0.0005);
    expect([...h.counts].filter((c) => c > 0)).toEqual([100]);
    expect(h.counts[20]).toBe(100);
  });

  it('two alternating intervals a, b: CV = |a - b| / (a + b), closed form', () => {
    const a = 0.01;
    const b = 0.03;
    const train = [0];
    for (let k = 0; k < 100; k++) train.push(train.at(-1)! + (k % 2 === 0 ? a : b));
    const { times, indices } = merge([train]);
    expect(analyseIsis(times, indices, 1).cv[0]).toBeCloseTo(Math.abs(a - b) / (a + b), 12);
  });

  it('a Poisson train: CV tends to 1 (seeded), per neuron and pooled', () => {
    const trains = Array.from({ length: 20 }, (_, e) => poisson(50, 20, `test/poisson/${e}`));
    const { times, indices } = merge(trains);
    const result = analyseIsis(times, indices, 20);
    expect(result.cvNeurons).toBe(20);
    // 1,000 intervals per neuron: the CV's standard error is about 1/sqrt(1000) ~ 0.03.
    expect(result.cvMean).toBeGreaterThan(0.93);
    expect(result.cvMean).toBeLessThan(1.07);
    expect(result.cvPooled).toBeGreaterThan(0.97);
    expect(result.cvPooled).toBeLessThan(1.03);
    for (const cv of result.cv) expect(Math.abs(cv - 1)).toBeLessThan(0.15);
  });

  it('neurons with fewer than 3 spikes have no CV and are left out of the mean', () => {
    const { times, indices } = merge([regular(0.01, 10), [0.1, 0.2], [0.5], []]);
    const result = analyseIsis(times, indices, 4);
    expect([...result.spikes]).toEqual([10, 2, 1, 0]);
    expect(result.cv[0]).toBeCloseTo(0, 9);
    expect(Number.isNaN(result.cv[1])).toBe(true);
    expect(Number.isNaN(result.cv[2])).toBe(true);
    expect(result.meanIsi[1]).toBeCloseTo(0.1, 12);
    expect(result.cvNeurons).toBe(1);
    expect(result.isis.length).toBe(9 + 1);
  });

  it('pooled CV mixes rates: two regular neurons at T and 2T give CV 1/3 pooled, 0 each', () => {
    // Neuron 0: 2n ISIs of T; neuron 1: n ISIs of 2T -> mean 4T/3, SD sqrt(2)/3 T... closed form:
    // values {T (2n times), 2T (n times)}: mean 4T/3, variance (2(1/3)^2 + (2/3)^2)/3 T^2 = 2/9 T^2.
    const T = 0.01;
    const n = 50;
    const { times, indices } = merge([regular(T, 2 * n + 1), regular(2 * T, n + 1)]);
    const result = analyseIsis(times, indices, 2);
    expect(result.cvMean).toBeCloseTo(0, 9);
    expect(result.cvPooled).toBeCloseTo(Math.sqrt(2 / 9) / (4 / 3), 9);
  });

  it('coefficientOfVariation: NaN below two values', () => {
    expect(coefficientOfVariation(Float64Array.of())).toBeNaN();
    expect(coefficientOfVariation(Float64Array.of(1))).toBeNaN();
    expect(coefficientOfVariation(Float64Array.of(1, 3))).toBeCloseTo(0.5, 12);
  });

  it('honours [from, to) of the store', () => {
    const { times, indices } = merge([regular(0.01, 10)]);
    expect(analyseIsis(times, indices, 1, 5, 10).isis.length).toBe(4);
  });
});

describe('histogram range', () => {
  it('up to a limit: larger values are counted as overflow', () => {
    const h = histogram(Float64Array.of(0.1, 0.5, 0.9, 5, 7), 0.5, 1);
    expect([...h.counts]).toEqual([1, 2, 0]);
    expect(h.overflow).toBe(2);
  });
  it('quantile: nearest rank', () => {
    const values = Float64Array.from({ length: 100 }, (_, k) => 100 - k);
    expect(quantile(values, 0.99)).toBe(99);
    expect(quantile(values, 1)).toBe(100);
    expect(quantile(Float64Array.of(), 0.5)).toBe(0);
  });
});

describe('niceBinWidth', () => {
  it('1, 2 or 5 times a power of ten, about the target bin count', () => {
    expect(niceBinWidth(0.1, 40)).toBeCloseTo(0.005, 12);
    expect(niceBinWidth(1, 10)).toBeCloseTo(0.1, 12);
    expect(niceBinWidth(0.03, 40)).toBeCloseTo(0.001, 12);
  });
});

describe('PSTH (population rate, Hz per neuron)', () => {
  it('known spikes: counts per bin over neurons x width', () => {
    // 4 neurons, 100 ms, 10 ms bins; spikes at 1, 2, 15 ms and 95, 99 ms.
    const times = Float64Array.of(0.001, 0.002, 0.015, 0.095, 0.099);
    const result = psth(times, 4, 0.1, 0.01);
    expect(result.counts.length).toBe(10);
    expect([...result.counts]).toEqual([2, 1, 0, 0, 0, 0, 0, 0, 0, 2]);
    expect(result.rates[0]).toBeCloseTo(2 / (4 * 0.01), 9);
    expect(result.rates[1]).toBeCloseTo(25, 9);
    expect(result.starts[9]).toBeCloseTo(0.09, 12);
  });

  it('a last bin cut short is divided by its own width', () => {
    const result = psth(Float64Array.of(0.101, 0.104), 1, 0.105, 0.01);
    expect(result.counts.length).toBe(11);
    expect(result.rates[10]).toBeCloseTo(2 / 0.005, 6);
  });

  it('the mean rate over the bins is spikes / (neurons x duration), any bin width', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 0.999, noNaN: true }), { maxLength: 200 }),
        fc.constantFrom(0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1),
        fc.integer({ min: 1, max: 50 }),
        (spikes, binWidth, size) => {
          const times = Float64Array.from([...spikes].sort((a, b) => a - b));
          const result = psth(times, size, 1, binWidth);
          let weighted = 0;
          result.rates.forEach((rate, b) => {
            weighted += rate * Math.min(binWidth, 1 - b * binWidth);
          });
          expect(weighted).toBeCloseTo(spikes.length / size, 6);
        },
      ),
    );
  });

  it('a regular train at f Hz: every full bin of width k/f holds k spikes -> f Hz', () => {
    const f = 40;
    const times = Float64Array.from(regular(1 / f, 40, 0.5 / f));
    const result = psth(times, 1, 1, 0.1);
    for (const rate of result.rates) expect(rate).toBeCloseTo(f, 9);
  });
});
