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
import { envelope, nearestSample, type Point } from './envelope';
import { saveExport } from './runExport';
import { chartBackground, chartTheme, themedColor, useTheme } from '../ui/chartTheme';
import type { TimeView } from './timeView';
import { registerChartForTests } from '../run/testHooks';
import './charts.css';

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
}

export function TraceChart(props: TraceChartProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const readoutRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<Chart | null>(null);
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

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return undefined;
    const { series, references = [], yBounds = {}, chartIds } = live.current;
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
            grid: { color: colors.grid },
            border: { color: colors.grid },
            ...yBounds,
          },
        },
      },
      plugins: [chartBackground(colors), crosshair(timeView, colors)],
    });
    chartRef.current = chart;
    chartIds.forEach((id) => registerChartForTests(id, chart));

    let lastRange = '';
    const redraw = (): void => {
      const { minMs, maxMs } = timeView.range(session, live.current.fallbackSeconds);
      const x = chart.options.scales!['x']!;
      x.min = minMs;
      x.max = maxMs;
      lastRange = `${minMs}:${maxMs}`;
      applyZoomLimits(chart, timeView, session, live.current.fallbackSeconds);
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
      chart.update('none');
    };

    const updateReadout = (): void => {
      const out = readoutRef.current;
      if (!out) return;
      const hover = timeView.hoverMs;
      if (hover === null || session.dt <= 0) {
        out.textContent = '\u00a0';
        return;
      }
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
      out.textContent = parts.join(' · ');
    };

    const onViewChange = (): void => {
      const { minMs, maxMs } = timeView.range(session, live.current.fallbackSeconds);
      if (`${minMs}:${maxMs}` !== lastRange) redraw();
      else chart.draw();
      updateReadout();
    };

    const onMove = (event: MouseEvent): void => {
      const rect = canvas.getBoundingClientRect();
      const px = event.clientX - rect.left;
      const area = chart.chartArea;
      const scale = chart.scales['x'];
      if (!scale || px < area.left || px > area.right) timeView.setHover(null);
      else timeView.setHover(scale.getValueForPixel(px) ?? null);
    };
    const onLeave = (): void => timeView.setHover(null);
    canvas.addEventListener('mousemove', onMove);
    canvas.addEventListener('mouseleave', onLeave);
    const offDoubleClick = resetOnDoubleClick(canvas, timeView);

    (canvas as HTMLCanvasElement & { redraw?: () => void }).redraw = redraw;
    redraw();
    const unsubscribe = session.subscribe(() => {
      redraw();
      if (timeView.hoverMs !== null) updateReadout();
    });
    const unsubscribeView = timeView.subscribe(onViewChange);
    return () => {
      unsubscribe();
      unsubscribeView();
      canvas.removeEventListener('mousemove', onMove);
      canvas.removeEventListener('mouseleave', onLeave);
      offDoubleClick();
      chartIds.forEach((id) => registerChartForTests(id, null));
      chartRef.current = null;
      chart.destroy();
    };
    // The chart is rebuilt only when its shape changes; data flows through the session.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session, timeView, shape, yLabel, theme]);

  // A hidden series: redraw once now (the session may be idle).
  useEffect(() => {
    const canvas = canvasRef.current as (HTMLCanvasElement & { redraw?: () => void }) | null;
    canvas?.redraw?.();
  }, [hidden]);

  const onKeyDown = (event: KeyboardEvent): void =>
    chartKeyHandler(
      timeView,
      (factor) => timeView.zoom(session, fallbackSeconds, factor),
      (fraction) => timeView.pan(session, fallbackSeconds, fraction),
    )(event);

  const savePng = async (): Promise<void> => {
    const chart = chartRef.current;
    if (!chart) return;
    await saveExport(`${fileBaseName}.png`, () => chartPngBlob(chart));
  };

  const toggles = props.series.filter((s) => s.toggledBy === undefined);
  const bands = props.series.filter((s) => s.band === 'upper' && s.legend);
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
        {toggles.length === 1 && bands.length > 0 && (
          <span className="live-chart__legend" data-testid="chart-key">
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
        <button
          type="button"
          className="live-chart__button"
          onClick={() => void savePng()}
          aria-label={`Save ${title} chart as PNG`}
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
        <canvas ref={canvasRef} role="img" aria-label={`${title} chart`} />
      </div>
      {props.note && <div className="live-chart__note">{props.note}</div>}
      <div className="live-chart__readout" ref={readoutRef} aria-live="off">
        {'\u00a0'}
      </div>
    </figure>
  );
}
