/**
 * Spike-train analysis of one spiking node (notes 1.3.3): the ISI histogram, the CV of the ISIs
 * (per neuron, their mean and all ISIs pooled) and the PSTH / population rate with a choosable bin
 * width, from the spikes the session holds. Recomputed at most twice a second while a run streams
 * (and once more when it ends), never per frame; the two Chart.js charts are mutated directly.
 * Exports: CSV (charts/spikeAnalysis.ts) and each chart as PNG.
 */
import { Chart } from 'chart.js';
import { useEffect, useRef, useState } from 'react';
import { FOREVER_RETAIN_SECONDS, type SimulationSession } from '../run/SimulationSession';
import { formatValue } from './chartSetup';
import { chartPngBlob } from './chartPng';
import { chartBackground, chartTheme, themedColor, useTheme } from '../ui/chartTheme';
import { saveExport } from './runExport';
import {
  analyseSpikes,
  PSTH_BINS_SECONDS,
  spikeAnalysisCsv,
  type SpikeAnalysis,
} from './spikeAnalysis';
import { CV_MIN_SPIKES } from '../../../shared/sim/spikeTrainStats';
import { registerChartForTests, registerSpikeAnalysisForTests } from '../run/testHooks';
import './charts.css';

export interface SpikeAnalysisPanelProps {
  session: SimulationSession;
  /** The spiking nodes, in raster order. */
  nodes: Array<{ id: string; label: string; size: number; color: string }>;
  /** Base of export file names. */
  fileBaseName: string;
}

/** Least time between two analyses while a run streams; more if one took long (big runs). */
const RECOMPUTE_MS = 500;

interface Point {
  x: number;
  y: number;
}

/**
 * A histogram as a stepped line: one point per bin start, then the last bin's end and 0. Drawn
 * with `stepped: 'before'`: Chart.js then holds each point's value up to the next point (its bin);
 * 'after' draws a point's value from the previous point on, one bin too early.
 */
function stepPoints(starts: ArrayLike<number>, values: ArrayLike<number>, width: number): Point[] {
  const points: Point[] = [];
  for (let k = 0; k < values.length; k++) points.push({ x: starts[k]!, y: values[k]! });
  if (values.length > 0) {
    const end = starts[values.length - 1]! + width;
    points.push({ x: end, y: values[values.length - 1]! }, { x: end, y: 0 });
  }
  return points;
}

function histogramChart(
  canvas: HTMLCanvasElement,
  xLabel: string,
  yLabel: string,
  color: string,
  theme: ReturnType<typeof useTheme>,
): Chart {
  const colors = chartTheme(theme);
  const line = themedColor(color, theme);
  return new Chart(canvas, {
    type: 'line',
    data: {
      datasets: [
        {
          label: yLabel,
          data: [] as Point[],
          stepped: 'before',
          borderColor: line,
          backgroundColor: `${line}55`,
          fill: 'origin',
          borderWidth: 1,
          pointRadius: 0,
          pointHitRadius: 0,
        },
      ],
    },
    options: {
      animation: false,
      parsing: false,
      normalized: true,
      responsive: true,
      maintainAspectRatio: false,
      plugins: { legend: { display: false }, tooltip: { enabled: false } },
      scales: {
        x: {
          type: 'linear',
          min: 0,
          title: { display: true, text: xLabel, color: colors.text },
          ticks: { maxRotation: 0, color: colors.text },
          grid: { color: colors.grid },
          border: { color: colors.grid },
        },
        y: {
          type: 'linear',
          min: 0,
          title: { display: true, text: yLabel, color: colors.text },
          ticks: { color: colors.text },
          grid: { color: colors.grid },
          border: { color: colors.grid },
        },
      },
    },
    plugins: [chartBackground(colors)],
  });
}

/** The ISI histogram's bins, and how many ISIs lie beyond its range. */
function isiRangeText({ isiHistogram: h }: SpikeAnalysis): string {
  const bins = `bins of ${formatValue(h.binWidth * 1000)} ms`;
  if (h.overflow === 0) return bins;
  const end = formatValue(h.counts.length * h.binWidth * 1000);
  return `${bins}; ${h.overflow} ISIs over ${end} ms not drawn`;
}

function cvText(value: number): string {
  return Number.isFinite(value) ? value.toFixed(2) : '–';
}

export function SpikeAnalysisPanel({ session, nodes, fileBaseName }: SpikeAnalysisPanelProps) {
  const [nodeId, setNodeId] = useState(nodes[0]?.id ?? '');
  const node = nodes.find((n) => n.id === nodeId) ?? nodes[0];
  const [binSeconds, setBinSeconds] = useState(0.01);
  const [analysis, setAnalysis] = useState<SpikeAnalysis | null>(null);
  const isiRef = useRef<HTMLCanvasElement>(null);
  const psthRef = useRef<HTMLCanvasElement>(null);
  const charts = useRef<{ isi: Chart; psth: Chart } | null>(null);
  const theme = useTheme();
  const color = node?.color ?? '#0072b2';

  // The charts, rebuilt with the theme or the node's colour.
  useEffect(() => {
    if (!isiRef.current || !psthRef.current) return undefined;
    const isi = histogramChart(isiRef.current, 'ISI (ms)', 'intervals', color, theme);
    const psth = histogramChart(psthRef.current, 'time (ms)', 'Hz per neuron', color, theme);
    charts.current = { isi, psth };
    registerChartForTests('isi', isi);
    registerChartForTests('psth', psth);
    return () => {
      registerChartForTests('isi', null);
      registerChartForTests('psth', null);
      charts.current = null;
      isi.destroy();
      psth.destroy();
    };
  }, [color, theme]);

  // The analysis, at most every RECOMPUTE_MS while data arrive, and once more after the last.
  useEffect(() => {
    if (!node) return undefined;
    let last = 0;
    let tookMs = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const compute = (): void => {
      timer = null;
      last = performance.now();
      const store = session.spikes.get(node.id);
      if (!store || !session.run) {
        setAnalysis(null);
        registerSpikeAnalysisForTests(null);
        return;
      }
      const now = session.stepsReceived * session.dt;
      const from = session.run.forever ? Math.max(0, now - FOREVER_RETAIN_SECONDS) : 0;
      const a = analyseSpikes(
        store,
        node.label,
        from,
        Math.max(now, from + binSeconds),
        binSeconds,
      );
      tookMs = performance.now() - last;
      setAnalysis(a);
      registerSpikeAnalysisForTests({
        nodeId: a.nodeId,
        size: a.size,
        spikes: a.spikes,
        isiCount: a.isi.isis.length,
        cvMean: a.isi.cvMean,
        cvNeurons: a.isi.cvNeurons,
        cvPooled: a.isi.cvPooled,
        isiBinMs: a.isiHistogram.binWidth * 1000,
        isiCounts: Array.from(a.isiHistogram.counts),
        isiOverflow: a.isiHistogram.overflow,
        psthBinMs: a.psth.binWidth * 1000,
        psthRates: Array.from(a.psth.rates),
      });
    };
    const request = (): void => {
      if (timer !== null) return;
      // At most ~5 % of the time goes to the analysis, whatever the number of spikes.
      const wait = Math.max(0, last + Math.max(RECOMPUTE_MS, 20 * tookMs) - performance.now());
      timer = setTimeout(compute, wait);
    };
    compute();
    const off = session.subscribe(request);
    const offStatus = session.subscribeStatus(request);
    return () => {
      off();
      offStatus();
      if (timer !== null) clearTimeout(timer);
      registerSpikeAnalysisForTests(null);
    };
  }, [session, node, binSeconds]);

  // Hand the analysis to the charts.
  useEffect(() => {
    const c = charts.current;
    if (!c) return;
    if (!analysis) {
      c.isi.data.datasets[0]!.data = [];
      c.psth.data.datasets[0]!.data = [];
    } else {
      const h = analysis.isiHistogram;
      const wMs = h.binWidth * 1000;
      const starts = Array.from(h.counts, (_, k) => k * wMs);
      c.isi.data.datasets[0]!.data =
        analysis.isi.isis.length > 0 ? stepPoints(starts, h.counts, wMs) : [];
      const p = analysis.psth;
      const pMs = p.binWidth * 1000;
      c.psth.data.datasets[0]!.data = stepPoints(
        Array.from(p.starts, (s) => s * 1000),
        p.rates,
        pMs,
      );
      const psthX = c.psth.options.scales!['x']!;
      psthX.min = p.starts.length > 0 ? p.starts[0]! * 1000 : 0;
      psthX.max = p.starts.length > 0 ? p.starts[p.starts.length - 1]! * 1000 + pMs : pMs;
      c.isi.options.scales!['x']!.max = h.counts.length * wMs;
    }
    c.isi.update('none');
    c.psth.update('none');
  }, [analysis, color, theme]);

  if (!node) return null;
  const saveCsv = (): void => {
    if (!analysis) return;
    void saveExport(
      `${fileBaseName}-spike-analysis-${analysis.nodeId}.csv`,
      () => new Blob([spikeAnalysisCsv(analysis)], { type: 'text/csv' }),
    );
  };
  const psthText = `bins of ${formatValue(binSeconds * 1000)} ms, Hz per neuron`;
  // An exported chart's title names the node (the panel's head does on screen).
  const pngTitles = {
    isi: `ISI histogram of ${node.label}${analysis ? ` (${isiRangeText(analysis)})` : ''}`,
    psth: `PSTH / population rate of ${node.label} (${psthText})`,
  };
  const savePng = async (which: 'isi' | 'psth'): Promise<void> => {
    const chart = charts.current?.[which];
    if (!chart) return;
    const title = pngTitles[which];
    await saveExport(`${fileBaseName}-${which}-${node.id}.png`, () => chartPngBlob(chart, title));
  };
  const isiCount = analysis?.isi.isis.length ?? 0;
  const meanRate =
    analysis && analysis.psth.rates.length > 0
      ? analysis.psth.rates.reduce((s, r) => s + r, 0) / analysis.psth.rates.length
      : NaN;
  return (
    <figure
      className="live-chart live-chart--wide spike-analysis"
      aria-label="Spike-train analysis"
    >
      <figcaption className="live-chart__head">
        <span className="live-chart__title">Spike-train analysis</span>
        <label className="spike-analysis__field">
          node
          <select
            aria-label="node to analyse"
            value={node.id}
            onChange={(e) => setNodeId(e.target.value)}
          >
            {nodes.map((n) => (
              <option key={n.id} value={n.id}>
                {n.size > 1 ? `${n.label} (${n.size})` : n.label}
              </option>
            ))}
          </select>
        </label>
        <label className="spike-analysis__field">
          PSTH bin
          <select
            aria-label="PSTH bin width"
            value={String(binSeconds)}
            onChange={(e) => setBinSeconds(Number(e.target.value))}
          >
            {PSTH_BINS_SECONDS.map((w) => (
              <option key={w} value={String(w)}>
                {formatValue(w * 1000)} ms
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="live-chart__button"
          onClick={saveCsv}
          disabled={!analysis}
          aria-label="Save the spike-train analysis as CSV"
        >
          CSV
        </button>
      </figcaption>
      <p className="spike-analysis__stats" data-testid="spike-analysis-stats" aria-live="off">
        {!analysis || analysis.spikes === 0 ? (
          `${node.label}: no spikes yet.`
        ) : (
          <>
            <span>
              {node.label}
              {analysis.size > 1 ? ` (${analysis.size} neurons)` : ''}: {analysis.spikes} spikes,{' '}
              {isiCount} intervals; mean rate {formatValue(meanRate)} Hz per neuron
            </span>
            <span data-testid="spike-analysis-cv">
              {' · '}CV of ISI <strong>{cvText(analysis.isi.cvMean)}</strong>
              {analysis.size > 1
                ? ` (mean over ${analysis.isi.cvNeurons} of ${analysis.size} neurons with ≥ ${CV_MIN_SPIKES} spikes; all ISIs pooled ${cvText(analysis.isi.cvPooled)})`
                : analysis.isi.cvNeurons === 0
                  ? ` (needs ≥ ${CV_MIN_SPIKES} spikes)`
                  : ''}
            </span>
          </>
        )}
      </p>
      <div className="spike-analysis__charts">
        <div className="spike-analysis__chart">
          <div className="spike-analysis__subhead">
            <span>
              ISI histogram
              {analysis ? ` (${isiRangeText(analysis)})` : ''}
            </span>
            <button
              type="button"
              className="live-chart__button"
              onClick={() => void savePng('isi')}
              aria-label="Save the ISI histogram as PNG"
            >
              PNG
            </button>
          </div>
          <div className="live-chart__plot">
            <canvas ref={isiRef} role="img" aria-label="ISI histogram chart" />
          </div>
        </div>
        <div className="spike-analysis__chart">
          <div className="spike-analysis__subhead">
            <span>PSTH / population rate ({psthText})</span>
            <button
              type="button"
              className="live-chart__button"
              onClick={() => void savePng('psth')}
              aria-label="Save the PSTH as PNG"
            >
              PNG
            </button>
          </div>
          <div className="live-chart__plot">
            <canvas ref={psthRef} role="img" aria-label="PSTH chart" />
          </div>
        </div>
      </div>
      <p className="live-chart__note">
        ISI: time between consecutive spikes of one neuron. CV = SD / mean of a neuron’s ISIs (SD
        over its n intervals; 0 for a regular train, 1 for Poisson), for neurons with ≥{' '}
        {CV_MIN_SPIKES} spikes. PSTH: spikes of all neurons per bin ÷ (neurons × bin width).
      </p>
    </figure>
  );
}
