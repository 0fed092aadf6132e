/**
 * A population probe as a neuron-by-time heat map: Chart.js keeps the shared time axis (zoom, pan,
 * crosshair), a plugin paints the image (charts/heatMap.ts) under it, and a colour legend beside the
 * title names the scale's ends. The scale is fixed when the variable has fixed bounds (gates 0 to
 * 1), otherwise it spans the visible samples. Redrawn on each session notification (at most once
 * per animation frame), never through React state.
 */
import { Chart, type Plugin } from 'chart.js';
import { useEffect, useRef, type ReactNode } from 'react';
import type { SimulationSession, TraceBuffer } from '../run/SimulationSession';
import {
  applyZoomLimits,
  chartKeyHandler,
  chartPngBlob,
  crosshair,
  formatValue,
  liveChartOptions,
  resetOnDoubleClick,
  timeAxisOptions,
  ZOOM_HINT,
} from './chartSetup';
import { HEAT_STOPS, heatLut, paintHeatMap, visibleRange } from './heatMap';
import { saveExport } from './runExport';
import { chartBackground, chartTheme, themedColor, useTheme } from '../ui/chartTheme';
import type { TimeView } from './timeView';
import {
  registerChartForTests,
  registerHeatMapForTests,
  type HeatMapStats,
} from '../run/testHooks';
import './charts.css';

export interface HeatMapChartProps {
  session: SimulationSession;
  timeView: TimeView;
  fallbackSeconds: number;
  /** Test-hook ids (the probe ids). */
  chartIds: string[];
  title: string;
  titleColor?: string;
  /** The probes stacked top to bottom, with the name of each block of rows. */
  probes: Array<{ probeId: string; label: string; size: number }>;
  /** What the colour encodes, with its unit. */
  valueLabel: string;
  /** A fixed scale (e.g. gates 0 to 1); otherwise the visible samples' range. */
  fixedRange?: { lo: number; hi: number };
  fileBaseName: string;
  controls?: ReactNode;
}

export function HeatMapChart(props: HeatMapChartProps) {
  const { session, timeView, title, probes, valueLabel, fileBaseName } = props;
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const readoutRef = useRef<HTMLDivElement>(null);
  const loRef = useRef<HTMLSpanElement>(null);
  const hiRef = useRef<HTMLSpanElement>(null);
  const chartRef = useRef<Chart | null>(null);
  const fallbackRef = useRef(props.fallbackSeconds);
  const rangeRef = useRef(props.fixedRange);
  useEffect(() => {
    fallbackRef.current = props.fallbackSeconds;
    rangeRef.current = props.fixedRange;
  });
  const theme = useTheme();
  const shape = JSON.stringify([probes, props.chartIds]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return undefined;
    const colors = chartTheme(theme);
    const lut = heatLut();
    const total = Math.max(
      1,
      probes.reduce((sum, p) => sum + p.size, 0),
    );
    const offsets: number[] = [];
    probes.reduce((sum, p) => (offsets.push(sum), sum + p.size), 0);
    const stats: HeatMapStats = { rows: 0, columns: 0, lo: 0, hi: 1, drawn: 0 };
    const buffersOf = (): TraceBuffer[] =>
      probes
        .map((p) => session.traces.get(p.probeId))
        .filter((b): b is TraceBuffer => b !== undefined);
    let image: ImageData | null = null;
    let pixels: Uint32Array | null = null;
    let scratch: HTMLCanvasElement | null = null;
    const layer: Plugin = {
      id: 'heatLayer',
      beforeDatasetsDraw(chart) {
        const area = chart.chartArea;
        const x = chart.scales['x'];
        if (!x || area.width <= 0 || area.height <= 0 || session.dt <= 0) return;
        const dpr = chart.currentDevicePixelRatio || 1;
        const width = Math.max(1, Math.round(area.width * dpr));
        const height = Math.max(1, Math.round(area.height * dpr));
        if (!image || image.width !== width || image.height !== height) {
          image = new ImageData(width, height);
          pixels = new Uint32Array(image.data.buffer);
          scratch ??= document.createElement('canvas');
          scratch.width = width;
          scratch.height = height;
        }
        const stepMin = x.min / (session.dt * 1000);
        const stepMax = x.max / (session.dt * 1000);
        const buffers = buffersOf();
        const { lo, hi } = rangeRef.current ?? visibleRange(buffers, stepMin, stepMax);
        const paint = paintHeatMap(buffers, stepMin, stepMax, lo, hi, lut, pixels!, width, height);
        Object.assign(stats, { rows: paint.rows, columns: paint.columns, lo, hi });
        stats.drawn++;
        if (loRef.current) loRef.current.textContent = formatValue(lo);
        if (hiRef.current) hiRef.current.textContent = formatValue(hi);
        scratch!.getContext('2d')!.putImageData(image, 0, 0);
        const ctx = chart.ctx;
        ctx.save();
        ctx.imageSmoothingEnabled = false;
        ctx.drawImage(scratch!, area.left, area.top, area.width, area.height);
        ctx.restore();
      },
      // The colour scale inside the canvas too, right of the plot, so a PNG export carries it.
      afterDraw(chart) {
        const area = chart.chartArea;
        if (area.height <= 0) return;
        const ctx = chart.ctx;
        const x = area.right + 10;
        const barWidth = 10;
        ctx.save();
        const gradient = ctx.createLinearGradient(0, area.bottom, 0, area.top);
        HEAT_STOPS.forEach((stop, i) => gradient.addColorStop(i / (HEAT_STOPS.length - 1), stop));
        ctx.fillStyle = gradient;
        ctx.fillRect(x, area.top, barWidth, area.height);
        ctx.fillStyle = colors.text;
        ctx.font = '10px system-ui, sans-serif';
        ctx.textBaseline = 'top';
        ctx.fillText(formatValue(stats.hi), x + barWidth + 3, area.top);
        ctx.textBaseline = 'bottom';
        ctx.fillText(formatValue(stats.lo), x + barWidth + 3, area.bottom);
        ctx.restore();
      },
    };
    const chart = new Chart(canvas, {
      type: 'scatter',
      data: { datasets: [{ label: 'heat map', data: [], pointRadius: 0 }] },
      options: {
        ...liveChartOptions(timeView),
        layout: { padding: { right: 46 } },
        scales: {
          x: timeAxisOptions(fallbackRef.current * 1000, colors),
          y: {
            type: 'linear',
            min: 0,
            max: total,
            reverse: true,
            title: { display: true, text: 'neuron', color: colors.text },
            grid: { display: false },
            border: { color: colors.grid },
            ticks: {
              color: colors.text,
              callback: (value) => {
                const row = Number(value);
                const p = offsets.findIndex((o, i) => row >= o && row < o + probes[i]!.size);
                if (p < 0) return '';
                return probes.length > 1
                  ? `${probes[p]!.label} ${row - offsets[p]!}`
                  : String(row - offsets[p]!);
              },
            },
          },
        },
      },
      plugins: [chartBackground(colors), layer, crosshair(timeView, colors)],
    });
    chartRef.current = chart;
    props.chartIds.forEach((id) => {
      registerChartForTests(id, chart);
      registerHeatMapForTests(id, stats);
    });

    let lastRange = '';
    const redraw = (): void => {
      const { minMs, maxMs } = timeView.range(session, fallbackRef.current);
      const x = chart.options.scales!['x']!;
      x.min = minMs;
      x.max = maxMs;
      lastRange = `${minMs}:${maxMs}`;
      applyZoomLimits(chart, timeView, session, fallbackRef.current);
      chart.update('none');
    };
    const hover = { row: -1 };
    const updateReadout = (): void => {
      const out = readoutRef.current;
      if (!out) return;
      const hoverMs = timeView.hoverMs;
      if (hoverMs === null || session.dt <= 0) {
        out.textContent = '\u00a0';
        return;
      }
      const parts = [`t = ${formatValue(hoverMs)} ms`];
      const row = Math.floor(hover.row);
      const p = offsets.findIndex((o, i) => row >= o && row < o + probes[i]!.size);
      const buffer = p >= 0 ? session.traces.get(probes[p]!.probeId) : undefined;
      if (buffer && buffer.length > 0) {
        const element = row - offsets[p]!;
        const k = buffer.lowerBound(hoverMs / (session.dt * 1000));
        const slot = buffer.slot(Math.min(buffer.length - 1, k));
        const values = buffer.values[element];
        if (values)
          parts.push(
            `${probes[p]!.label}[${buffer.indices[element]}] ${formatValue(values[slot]!)}`,
          );
      }
      out.textContent = parts.join(' · ');
    };
    const onMove = (event: MouseEvent): void => {
      const rect = canvas.getBoundingClientRect();
      const px = event.clientX - rect.left;
      const py = event.clientY - rect.top;
      const area = chart.chartArea;
      const xs = chart.scales['x'];
      const ys = chart.scales['y'];
      if (!xs || !ys || px < area.left || px > area.right || py < area.top || py > area.bottom) {
        hover.row = -1;
        timeView.setHover(null);
        return;
      }
      hover.row = ys.getValueForPixel(py) ?? -1;
      timeView.setHover(xs.getValueForPixel(px) ?? null);
      updateReadout();
    };
    const onLeave = (): void => {
      hover.row = -1;
      timeView.setHover(null);
    };
    canvas.addEventListener('mousemove', onMove);
    canvas.addEventListener('mouseleave', onLeave);
    const offDoubleClick = resetOnDoubleClick(canvas, timeView);
    redraw();
    const unsubscribe = session.subscribe(redraw);
    const unsubscribeView = timeView.subscribe(() => {
      const { minMs, maxMs } = timeView.range(session, fallbackRef.current);
      if (`${minMs}:${maxMs}` !== lastRange) redraw();
      else chart.draw();
      updateReadout();
    });
    return () => {
      unsubscribe();
      unsubscribeView();
      canvas.removeEventListener('mousemove', onMove);
      canvas.removeEventListener('mouseleave', onLeave);
      offDoubleClick();
      props.chartIds.forEach((id) => {
        registerChartForTests(id, null);
        registerHeatMapForTests(id, null);
      });
      chartRef.current = null;
      chart.destroy();
    };
    // Rebuilt only when the probes change; samples flow through the session.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session, timeView, shape, theme]);

  const onKeyDown = (event: KeyboardEvent): void =>
    chartKeyHandler(
      timeView,
      (factor) => timeView.zoom(session, props.fallbackSeconds, factor),
      (fraction) => timeView.pan(session, props.fallbackSeconds, fraction),
    )(event);

  const savePng = async (): Promise<void> => {
    const chart = chartRef.current;
    if (!chart) return;
    await saveExport(`${fileBaseName}-heatmap.png`, () => chartPngBlob(chart));
  };

  return (
    <figure className="live-chart" aria-label={title}>
      <figcaption className="live-chart__head">
        <span
          className="live-chart__title"
          style={{ color: themedColor(props.titleColor, theme) }}
          title={`${title}: ${ZOOM_HINT}`}
        >
          {title}
        </span>
        {/* The colour bar itself is drawn once, inside the canvas right of the plot (so a PNG
            carries it); the head only names what the colours mean and their range. */}
        <span className="live-chart__heat-legend" data-testid="heat-legend">
          <span className="live-chart__heat-label">colour: {valueLabel}</span>
          <span className="live-chart__heat-end" ref={loRef}>
            {'\u00a0'}
          </span>
          <span>to</span>
          <span className="live-chart__heat-end" ref={hiRef}>
            {'\u00a0'}
          </span>
        </span>
        {props.controls}
        <button
          type="button"
          className="live-chart__button"
          onClick={() => void savePng()}
          aria-label={`Save ${title} heat map as PNG`}
        >
          PNG
        </button>
      </figcaption>
      <div
        className="live-chart__plot"
        tabIndex={0}
        onKeyDown={(e) => onKeyDown(e.nativeEvent)}
        aria-label={`${title}: arrow keys pan, plus and minus zoom, 0 follows the run; ${ZOOM_HINT}`}
      >
        <canvas ref={canvasRef} role="img" aria-label={`${title} heat map`} />
      </div>
      <div className="live-chart__readout" ref={readoutRef} aria-live="off">
        {'\u00a0'}
      </div>
    </figure>
  );
}
