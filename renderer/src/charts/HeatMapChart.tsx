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
import { crosshair, formatValue, liveChartOptions, timeAxisOptions } from './chartSetup';
import { ChartFrame } from './ChartFrame';
import { HEAT_STOPS, heatLut, paintHeatMap, visibleRange } from './heatMap';
import { chartBackground, chartTheme, themedColor, useTheme } from '../ui/chartTheme';
import type { TimeView } from './timeView';
import { registerHeatMapForTests, type HeatMapStats } from '../run/testHooks';
import { useChartJs } from './useChartJs';
import { PixelLayer } from './pixelLayer';

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
  /** The exported PNG's title (which neurons the rows are); else the title and the colour. */
  pngTitle?: string;
}

export function HeatMapChart(props: HeatMapChartProps) {
  const { session, timeView, title, probes, valueLabel, fileBaseName } = props;
  const loRef = useRef<HTMLSpanElement>(null);
  const hiRef = useRef<HTMLSpanElement>(null);
  const rangeRef = useRef(props.fixedRange);
  useEffect(() => {
    rangeRef.current = props.fixedRange;
  });
  const theme = useTheme();
  const shape = JSON.stringify([probes, props.chartIds]);

  const { canvasRef, readoutRef, onKeyDown, savePng } = useChartJs(
    {
      session,
      timeView,
      fallbackSeconds: props.fallbackSeconds,
      testIds: props.chartIds,
      rows: true,
      create(canvas) {
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
        const bitmap = new PixelLayer();
        const layer: Plugin = {
          id: 'heatLayer',
          beforeDatasetsDraw(chart) {
            const x = chart.scales['x'];
            const size = x && session.dt > 0 ? bitmap.begin(chart) : null;
            if (!x || !size) return;
            const { width, height } = size;
            const stepMin = x.min / (session.dt * 1000);
            const stepMax = x.max / (session.dt * 1000);
            const buffers = buffersOf();
            const { lo, hi } = rangeRef.current ?? visibleRange(buffers, stepMin, stepMax);
            const paint = paintHeatMap(
              buffers,
              stepMin,
              stepMax,
              lo,
              hi,
              lut,
              bitmap.pixels,
              width,
              height,
            );
            Object.assign(stats, { rows: paint.rows, columns: paint.columns, lo, hi });
            stats.drawn++;
            if (loRef.current) loRef.current.textContent = formatValue(lo);
            if (hiRef.current) hiRef.current.textContent = formatValue(hi);
            bitmap.draw(chart);
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
            HEAT_STOPS.forEach((stop, i) =>
              gradient.addColorStop(i / (HEAT_STOPS.length - 1), stop),
            );
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
              x: timeAxisOptions(props.fallbackSeconds * 1000, colors),
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
        props.chartIds.forEach((id) => registerHeatMapForTests(id, stats));
        return {
          chart,
          // The time, and the value of the neuron under the pointer.
          readout(hoverMs, y) {
            if (session.dt <= 0) return null;
            const parts = [`t = ${formatValue(hoverMs)} ms`];
            const row = Math.floor(y);
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
            return parts.join(' · ');
          },
          dispose() {
            props.chartIds.forEach((id) => registerHeatMapForTests(id, null));
          },
        };
      },
    },
    // Rebuilt only when the probes change; samples flow through the session.
    [shape, theme],
  );

  return (
    <ChartFrame
      title={title}
      titleColor={themedColor(props.titleColor, theme)}
      kind="heat map"
      canvasRef={canvasRef}
      readoutRef={readoutRef}
      onKeyDown={onKeyDown}
      onSavePng={() =>
        void savePng(
          `${fileBaseName}-heatmap.png`,
          props.pngTitle ?? `${title} (heat map, colour: ${valueLabel})`,
        )
      }
    >
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
    </ChartFrame>
  );
}
