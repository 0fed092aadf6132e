/**
 * The spike-train analysis of one node as the charts panel shows and exports it: ISIs and CVs
 * (shared/sim/spikeTrainStats.ts), the ISI histogram (bins of a "nice" width, about 40 up to the
 * 99th percentile of the ISIs) and the PSTH in Hz per neuron over the run so far (a run-forever: its retained
 * window), from the spikes the session holds.
 */
import {
  analyseIsis,
  histogram,
  niceBinWidth,
  psth,
  quantile,
  type Histogram,
  type IsiAnalysis,
  type Psth,
} from '../../../shared/sim/spikeTrainStats';
import type { SpikeStore } from '../run/spikeStore';

export interface SpikeAnalysis {
  nodeId: string;
  name: string;
  size: number;
  spikes: number;
  isi: IsiAnalysis;
  isiHistogram: Histogram;
  psth: Psth;
}

/** The ISI histogram shows ISIs up to this quantile (of 100 ISIs or more; all of fewer). */
export const ISI_SHOWN_QUANTILE = 0.99;

/** PSTH bin widths offered (s). */
export const PSTH_BINS_SECONDS = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1] as const;

export function analyseSpikes(
  store: SpikeStore,
  name: string,
  fromSeconds: number,
  toSeconds: number,
  psthBinSeconds: number,
): SpikeAnalysis {
  const isi = analyseIsis(store.times, store.indices, store.size, store.start, store.end);
  // The histogram spans the ISIs up to their 99th percentile: a few long pauses would squeeze
  // the rest into a bin or two (the chart counts the ISIs left out).
  const upTo = quantile(isi.isis, isi.isis.length >= 100 ? ISI_SHOWN_QUANTILE : 1);
  return {
    nodeId: store.nodeId,
    name,
    size: store.size,
    spikes: store.retained,
    isi,
    isiHistogram: histogram(isi.isis, niceBinWidth(upTo), upTo),
    psth: psth(
      store.times,
      store.size,
      Math.max(psthBinSeconds, toSeconds - fromSeconds),
      psthBinSeconds,
      store.start,
      store.end,
      fromSeconds,
    ),
  };
}

/** 6 significant digits (bin edges without float noise); empty for NaN. */
function num(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(6))) : '';
}

/** A CV to 6 decimals (a regular train's 1e-13 of rounding is 0). */
function ratio(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toFixed(6))) : '';
}

export const SPIKE_ANALYSIS_CSV_HEADER = 'measure,node,index,from_ms,to_ms,value,unit';

/**
 * The analysis as CSV, one row per value: `isi_count` per histogram bin (ISIs in [from, to) ms;
 * the ISIs beyond the last bin in one row without `to_ms`),
 * `psth_rate` per bin (Hz per neuron), `cv` per neuron with >= 3 spikes, `cv_mean` (over those
 * neurons) and `cv_pooled` (all ISIs together).
 */
export function spikeAnalysisCsv(a: SpikeAnalysis): string {
  const lines = [SPIKE_ANALYSIS_CSV_HEADER];
  const id = a.nodeId;
  const w = a.isiHistogram.binWidth * 1000;
  a.isiHistogram.counts.forEach((count, k) => {
    lines.push(`isi_count,${id},,${num(k * w)},${num((k + 1) * w)},${count},ISIs`);
  });
  // The ISIs beyond the histogram's range: one open-ended row.
  const end = a.isiHistogram.counts.length * w;
  if (a.isiHistogram.overflow > 0)
    lines.push(`isi_count,${id},,${num(end)},,${a.isiHistogram.overflow},ISIs`);
  const pw = a.psth.binWidth * 1000;
  a.psth.rates.forEach((rate, k) => {
    const from = a.psth.starts[k]! * 1000;
    lines.push(`psth_rate,${id},,${num(from)},${num(from + pw)},${num(rate)},Hz per neuron`);
  });
  a.isi.cv.forEach((cv, e) => {
    if (Number.isFinite(cv)) lines.push(`cv,${id},${e},,,${ratio(cv)},dimensionless`);
  });
  lines.push(`cv_mean,${id},,,,${ratio(a.isi.cvMean)},dimensionless`);
  lines.push(`cv_pooled,${id},,,,${ratio(a.isi.cvPooled)},dimensionless`);
  return lines.join('\n') + '\n';
}
