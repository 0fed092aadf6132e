/**
 * Spike-train analysis of one node's spikes (notes 1.3.3: a spike train is a sum of deltas at the
 * times t_p): inter-spike intervals (ISI), their coefficient of variation (CV) and the
 * peri-stimulus time histogram (PSTH), here of one run, i.e. the population rate.
 *
 * Definitions (what the charts panel states beside the numbers):
 * - ISI: t_{p+1} - t_p between consecutive spikes of the same neuron.
 * - CV of a neuron: SD / mean of its ISIs, the SD with denominator n (as Elephant's `cv` and
 *   NumPy's default), defined for a neuron with >= 3 spikes (>= 2 ISIs). 0 for a perfectly regular
 *   train, 1 for a Poisson train.
 * - CV (mean over neurons): the mean of the per-neuron CVs over neurons with >= 3 spikes.
 * - CV of all ISIs pooled: SD / mean of every ISI of every neuron together (mixes neurons of
 *   different rates, so it exceeds the per-neuron CVs when rates differ).
 * - PSTH / population rate: spikes of all neurons in bins of width w, divided by (neurons x w): Hz
 *   per neuron. A last bin cut short by the end of the run is divided by its own width.
 *
 * Inputs are the typed arrays of a spike store (times in s, time-ordered, with an element index
 * per spike); one pass, no allocation per spike.
 */

export interface IsiAnalysis {
  /** Every ISI of every neuron (s), in the order they ended. */
  isis: Float64Array;
  /** Per neuron: spikes, mean ISI (s; NaN below 2 spikes) and CV (NaN below 3 spikes). */
  spikes: Uint32Array;
  meanIsi: Float64Array;
  cv: Float64Array;
  /** Mean of the per-neuron CVs over the neurons with >= 3 spikes (NaN when there are none). */
  cvMean: number;
  /** How many neurons have >= 3 spikes (those the mean CV is over). */
  cvNeurons: number;
  /** SD / mean of all ISIs pooled (NaN below 2 ISIs). */
  cvPooled: number;
}

/** Spikes a neuron needs for its CV: two ISIs at least. */
export const CV_MIN_SPIKES = 3;

/**
 * ISIs and CVs of the spikes [from, to) of a store with `size` elements.
 */
export function analyseIsis(
  times: Float64Array,
  indices: Int32Array,
  size: number,
  from = 0,
  to = times.length,
): IsiAnalysis {
  const n = Math.max(1, size);
  const last = new Float64Array(n).fill(NaN);
  const spikes = new Uint32Array(n);
  const sum = new Float64Array(n);
  const isis = new Float64Array(Math.max(0, to - from));
  let count = 0;
  for (let k = from; k < to; k++) {
    const e = indices[k]!;
    if (e < 0 || e >= n) continue;
    const t = times[k]!;
    const previous = last[e]!;
    if (previous === previous) {
      const isi = t - previous;
      isis[count++] = isi;
      sum[e] = sum[e]! + isi;
    }
    last[e] = t;
    spikes[e]!++;
  }
  const meanIsi = new Float64Array(n).fill(NaN);
  for (let e = 0; e < n; e++) if (spikes[e]! >= 2) meanIsi[e] = sum[e]! / (spikes[e]! - 1);
  // Second pass for the SDs (numerically safer than sums of squares).
  const squares = new Float64Array(n);
  last.fill(NaN);
  for (let k = from; k < to; k++) {
    const e = indices[k]!;
    if (e < 0 || e >= n) continue;
    const t = times[k]!;
    const previous = last[e]!;
    if (previous === previous) {
      const d = t - previous - meanIsi[e]!;
      squares[e] = squares[e]! + d * d;
    }
    last[e] = t;
  }
  const cv = new Float64Array(n).fill(NaN);
  let cvSum = 0;
  let cvNeurons = 0;
  for (let e = 0; e < n; e++) {
    if (spikes[e]! < CV_MIN_SPIKES) continue;
    const mean = meanIsi[e]!;
    const sd = Math.sqrt(squares[e]! / (spikes[e]! - 1));
    cv[e] = mean > 0 ? sd / mean : NaN;
    if (cv[e] === cv[e]) {
      cvSum += cv[e]!;
      cvNeurons++;
    }
  }
  const all = isis.subarray(0, count);
  return {
    isis: all,
    spikes,
    meanIsi,
    cv,
    cvMean: cvNeurons > 0 ? cvSum / cvNeurons : NaN,
    cvNeurons,
    cvPooled: coefficientOfVariation(all),
  };
}

/** SD / mean of the values, the SD with denominator n; NaN below two values or for mean 0. */
export function coefficientOfVariation(values: Float64Array): number {
  const n = values.length;
  if (n < 2) return NaN;
  let sum = 0;
  for (let k = 0; k < n; k++) sum += values[k]!;
  const mean = sum / n;
  let squares = 0;
  for (let k = 0; k < n; k++) {
    const d = values[k]! - mean;
    squares += d * d;
  }
  return mean > 0 ? Math.sqrt(squares / n) / mean : NaN;
}

export interface Histogram {
  /** Bin width (the values' unit). */
  binWidth: number;
  /** counts[k] holds values in [k w, (k + 1) w). */
  counts: Uint32Array;
  /** Values beyond the last bin (not drawn; the chart says how many). */
  overflow: number;
}

/**
 * Counts of non-negative values in bins [k w, (k + 1) w) from 0, enough bins for `upTo` (default:
 * the largest value; at most `maxBins`); larger values are counted in `overflow`. A value within
 * 1e-9 (relative) below an edge counts in the bin above it: a train with period T = m w computed
 * in floating point lands in one bin, not two.
 */
export function histogram(
  values: Float64Array,
  binWidth: number,
  upTo = maxOf(values),
  maxBins = 10_000,
): Histogram {
  const bins = Math.min(maxBins, Math.max(1, binIndex(upTo, binWidth) + 1));
  const counts = new Uint32Array(bins);
  let overflow = 0;
  for (let k = 0; k < values.length; k++) {
    const v = values[k]!;
    if (!(v >= 0)) continue;
    const b = binIndex(v, binWidth);
    if (b < bins) counts[b]!++;
    else overflow++;
  }
  return { binWidth, counts, overflow };
}

function maxOf(values: Float64Array): number {
  let max = 0;
  for (let k = 0; k < values.length; k++) if (values[k]! > max) max = values[k]!;
  return max;
}

/** The q-quantile (0..1) of the values (nearest rank, on a sorted copy); 0 when empty. */
export function quantile(values: Float64Array, q: number): number {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

function binIndex(value: number, binWidth: number): number {
  return Math.floor((value / binWidth) * (1 + 1e-9));
}

/**
 * A "nice" bin width (1, 2 or 5 times a power of ten) giving about `target` bins up to `max`.
 */
export function niceBinWidth(max: number, target = 40): number {
  if (!(max > 0)) return 1e-3;
  const raw = max / target;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].find((m) => m * power >= raw * (1 - 1e-12)) ?? 10;
  return step * power;
}

export interface Psth {
  binWidth: number;
  /** Spikes in each bin [k w, (k + 1) w), all neurons together. */
  counts: Uint32Array;
  /** counts / (neurons x width of the bin): Hz per neuron. */
  rates: Float64Array;
  /** Start of each bin (s). */
  starts: Float64Array;
}

/**
 * The PSTH of spikes [from, to) of `size` neurons over [startSeconds, startSeconds +
 * durationSeconds), bins of `binWidth` seconds, as a rate in Hz per neuron.
 */
export function psth(
  times: Float64Array,
  size: number,
  durationSeconds: number,
  binWidth: number,
  from = 0,
  to = times.length,
  startSeconds = 0,
): Psth {
  const bins = Math.max(1, Math.ceil(durationSeconds / binWidth - 1e-9));
  const counts = new Uint32Array(bins);
  for (let k = from; k < to; k++) {
    const t = times[k]! - startSeconds;
    if (!(t >= 0) || t > durationSeconds) continue;
    counts[Math.min(bins - 1, binIndex(t, binWidth))]!++;
  }
  const rates = new Float64Array(bins);
  const starts = new Float64Array(bins);
  const neurons = Math.max(1, size);
  for (let b = 0; b < bins; b++) {
    starts[b] = startSeconds + b * binWidth;
    const width = Math.min(binWidth, durationSeconds - b * binWidth);
    rates[b] = width > 0 ? counts[b]! / (neurons * width) : 0;
  }
  return { binWidth, counts, rates, starts };
}
