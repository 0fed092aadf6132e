/**
 * A live trace chart: Chart.js, mutated directly (never through React state). On each session
 * notification (at most once per animation frame) it rebuilds a min/max envelope per visible
 * series for the plot's pixel width and calls `update('none')`. The x range comes from the shared
 * TimeView (follow, rolling window, zoom and pan shared by all charts); hovering shows a crosshair
 * on every chart and a readout of the exact samples under it.
 */
import { Chart } from 'chart.js';
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ChartSeries, ReferenceLine, YBounds } from './chartSpecs';
import type { SimulationSession } from '../run/SimulationSession';
import { crosshair, formatValue, liveChartOptions, timeAxisOptions } from './chartSetup';
import { distinctScientificTicks } from './axisTicks';
import { ChartFrame } from './ChartFrame';
import { envelope, nearestSample, type Point } from './envelope';
import { chartBackground, chartTheme, themedColor, useTheme } from '../ui/chartTheme';
import type { TimeView } from './timeView';
import { useChartJs } from './useChartJs';

export type { ChartSeries, ReferenceLine };

/** `#rrggbb` with an alpha, for a band's fill. */
function withAlpha(hex: string, alpha: number): string {
  if (!/^#[0-9a-f]{6}$/i.test(hex)) return hex;
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

export interface TraceChartProps {
  session: SimulationSession;
  timeView: TimeView;
  /** The x range before any run (the document's duration), in seconds. */
  fallbackSeconds: number;
  /** Test-hook ids this chart answers to (its probe ids). */
  chartIds: string[];
  title: string;
  titleColor?: string;
  yLabel: string;
  series: ChartSeries[];
  references?: ReferenceLine[];
  yBounds?: YBounds;
  /** Base of the PNG file name. */
  fileBaseName: string;
  /** Extra controls in the chart's head (a population chart's view choice). */
  controls?: ReactNode;
  /** A line under the plot (what a band means, a neuron not recorded). */
  note?: ReactNode;
  /** The exported PNG's title when the head's title alone does not say what is drawn. */
  pngTitle?: string;
}

export function TraceChart(props: TraceChartProps) {
  const { session, timeView, fallbackSeconds, title, yLabel, fileBaseName } = props;
  const [hidden, setHidden] = useState<ReadonlySet<string>>(() => new Set());
  // The canvas does not follow CSS: the chart is rebuilt in the theme's colours when it changes.
  const theme = useTheme();
  // The latest props for the long-lived chart's callbacks.
  const live = useRef(props);
  const hiddenRef = useRef(hidden);
  useLayoutEffect(() => {
    live.current = props;
    hiddenRef.current = hidden;
  });
  const shape = useMemo(
    () =>
      JSON.stringify([
        props.series.map((s) => [s.key, s.label, s.color, s.dash, s.band]),
        props.references,
        props.yBounds,
        props.chartIds,
      ]),
    [props.series, props.references, props.yBounds, props.chartIds],
  );

  const { canvasRef, readoutRef, redraw, onKeyDown, savePng } = useChartJs(
    {
      session,
      timeView,
      fallbackSeconds,
      testIds: props.chartIds,
      liveReadout: true,
      create(canvas) {
        const { series, references = [], yBounds = {} } = live.current;
        const seriesData: Point[][] = series.map(() => []);
        const colors = chartTheme(theme);
        const chart = new Chart(canvas, {
          type: 'line',
          data: {
            datasets: [
              ...series.map((s, i) => ({
                label: s.label,
                data: seriesData[i]!,
                borderColor: themedColor(s.color, theme),
                backgroundColor: s.band
                  ? withAlpha(themedColor(s.color, theme), 0.25)
                  : themedColor(s.color, theme),
                fill: s.band === 'upper' ? '-1' : false,
                // 1 px: Skia strokes it as a hairline, several times cheaper in software rendering.
                borderWidth: s.band ? 0 : 1,
                borderDash: s.dash ?? [],
                pointRadius: 0,
                pointHitRadius: 0,
                tension: 0,
                spanGaps: true,
              })),
              ...references.map((r) => ({
                label: r.label,
                data: [] as Point[],
                borderColor: themedColor(r.color, theme),
                backgroundColor: themedColor(r.color, theme),
                borderDash: [6, 4],
                borderWidth: 1,
                pointRadius: 0,
                pointHitRadius: 0,
              })),
            ],
          },
          options: {
            ...liveChartOptions(timeView),
            scales: {
              x: timeAxisOptions(fallbackSeconds * 1000, colors),
              y: {
                type: 'linear',
                title: { display: true, text: yLabel, color: colors.text },
                ticks: { color: colors.text },
                afterTickToLabelConversion: distinctScientificTicks,
                grid: { color: colors.grid },
                border: { color: colors.grid },
                ...yBounds,
              },
            },
          },
          plugins: [chartBackground(colors), crosshair(timeView, colors)],
        });
        return {
          chart,
          // One min/max envelope per visible series for the plot's pixel width.
          fill(minMs, maxMs) {
            const scale = chart.scales['x'];
            const dpr = chart.currentDevicePixelRatio || 1;
            const left = scale ? scale.left * dpr : 0;
            const width = scale ? scale.width * dpr : canvas.width;
            series.forEach((s, i) => {
              const dataset = chart.data.datasets[i]!;
              dataset.hidden = hiddenRef.current.has(s.toggledBy ?? s.key);
              const source = dataset.hidden ? undefined : s.source(session);
              if (!source) {
                seriesData[i]!.length = 0;
                return;
              }
              envelope(
                source.buffer,
                source.element,
                session.dt * 1000,
                minMs,
                maxMs,
                left,
                width,
                seriesData[i],
              );
            });
            references.forEach((r, j) => {
              chart.data.datasets[series.length + j]!.data = [
                { x: minMs, y: r.value },
                { x: maxMs, y: r.value },
              ];
            });
          },
          // The exact samples under the pointer.
          readout(hover) {
            if (session.dt <= 0) return null;
            const step = hover / (session.dt * 1000);
            const parts = [`t = ${formatValue(hover)} ms`];
            for (const s of series) {
              if (hiddenRef.current.has(s.toggledBy ?? s.key)) continue;
              const source = s.source(session);
              if (!source) continue;
              const k = nearestSample(source.buffer, step);
              if (k < 0) continue;
              const values =
                typeof source.element === 'number'
                  ? source.buffer.values[source.element]!
                  : source.element;
              const value = values[source.buffer.slot(k)]!;
              parts.push(`${s.label} ${formatValue(value)}`);
            }
            return parts.join(' · ');
          },
        };
      },
    },
    // The chart is rebuilt only when its shape changes; data flows through the session.
    [shape, yLabel, theme],
  );

  // A hidden series: redraw once now (the session may be idle).
  useEffect(() => {
    redraw();
  }, [hidden, redraw]);

  const toggles = props.series.filter((s) => s.toggledBy === undefined);
  const bands = props.series.filter((s) => s.band === 'upper' && s.legend);
  return (
    <ChartFrame
      title={title}
      titleColor={themedColor(props.titleColor, theme)}
      note={props.note}
      canvasRef={canvasRef}
      readoutRef={readoutRef}
      onKeyDown={onKeyDown}
      onSavePng={() => void savePng(`${fileBaseName}.png`, props.pngTitle ?? title)}
    >
      {toggles.length === 1 && bands.length > 0 && (
        <span className="live-chart__legend live-chart__legend--row" data-testid="chart-key">
          <span className="live-chart__key">
            <span
              className="live-chart__swatch"
              style={{ background: themedColor(toggles[0]!.color, theme) }}
            />
            {toggles[0]!.label}
          </span>
          {bands.map((b) => (
            <span key={b.key} className="live-chart__key">
              <span
                className="live-chart__swatch live-chart__swatch--band"
                style={{ background: withAlpha(themedColor(b.color, theme), 0.35) }}
              />
              {b.legend}
            </span>
          ))}
        </span>
      )}
      {toggles.length > 1 && (
        <span className="live-chart__series" role="group" aria-label={`${title} traces shown`}>
          {toggles.map((s) => (
            <label key={s.key} className="live-chart__toggle">
              <input
                type="checkbox"
                checked={!hidden.has(s.key)}
                onChange={(e) => {
                  const next = new Set(hidden);
                  if (e.target.checked) next.delete(s.key);
                  else next.add(s.key);
                  setHidden(next);
                }}
              />
              <span
                className="live-chart__swatch"
                style={{ background: themedColor(s.color, theme) }}
              />
              {s.label}
              {props.series
                .filter((b) => b.toggledBy === s.key && b.legend)
                .map((b) => (
                  <span key={b.key} className="live-chart__band-key">
                    <span
                      className="live-chart__swatch live-chart__swatch--band"
                      style={{ background: withAlpha(themedColor(b.color, theme), 0.35) }}
                    />
                    {b.legend}
                  </span>
                ))}
            </label>
          ))}
        </span>
      )}
      {props.controls}
    </ChartFrame>
  );
}
