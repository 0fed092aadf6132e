/**
 * Chart.js registration and the options every live chart shares: no animation, no parsing,
 * x zoom/pan feeding the shared TimeView, a background in the theme's surface colour (so a PNG
 * export is not transparent) and the shared hover crosshair.
 *
 * A plain mouse wheel scrolls the charts panel (the charts fill it: a wheel that zoomed left no way
 * to scroll down to the raster); Ctrl+wheel (and a trackpad pinch, which the browser reports as
 * Ctrl+wheel) zooms, a drag pans, a double-click resets, and zoom and pan stop at the run's extent.
 */
import {
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  Tooltip,
  type ChartOptions,
  type Plugin,
} from 'chart.js';
import zoomPlugin from 'chartjs-plugin-zoom';
import type { ChartTheme } from '../ui/chartTheme';
import type { SimulationSession } from '../run/SimulationSession';
import { minRangeMs, type TimeView } from './timeView';

Chart.register(
  LineController,
  ScatterController,
  LineElement,
  PointElement,
  LinearScale,
  Tooltip,
  Legend,
  Filler,
  zoomPlugin,
);

/** The shared hover time as a vertical line across the plot area. */
export function crosshair(timeView: TimeView, theme: ChartTheme): Plugin {
  return {
    id: 'timeCrosshair',
    afterDraw(chart) {
      const hover = timeView.hoverMs;
      const x = chart.scales['x'];
      if (hover === null || !x) return;
      const px = x.getPixelForValue(hover);
      const area = chart.chartArea;
      if (px < area.left || px > area.right) return;
      const { ctx } = chart;
      ctx.save();
      ctx.strokeStyle = theme.crosshair;
      ctx.setLineDash([3, 3]);
      ctx.lineWidth = 1;
      ctx.beginPath();
      ctx.moveTo(Math.round(px) + 0.5, area.top);
      ctx.lineTo(Math.round(px) + 0.5, area.bottom);
      ctx.stroke();
      ctx.restore();
    },
  };
}

/** How the charts say it, in each chart's title tooltip and the hint above them. */
export const ZOOM_HINT = 'Ctrl+wheel zooms time, drag pans, double-click resets';

/**
 * Zoom and pan on x only; the result goes to the shared TimeView (which stops auto-scroll). The
 * limits start at 0 and are set to the run's extent on every redraw (`applyZoomLimits`).
 */
export function zoomOptions(timeView: TimeView): NonNullable<ChartOptions['plugins']>['zoom'] {
  const stopFollowing = (): boolean => {
    timeView.follow = false;
    return true;
  };
  // Every step goes to the TimeView at once (not when the plugin reports the gesture complete,
  // 250 ms after a wheel): the other charts follow as it happens, a frame arriving mid-gesture
  // does not undo it, and a late report cannot override a double-click reset.
  const commit = ({ chart }: { chart: Chart }): void => {
    const x = chart.scales['x'];
    if (!x) return;
    const range = { minMs: Math.max(0, x.min), maxMs: x.max };
    const limits = chart.options.plugins?.zoom?.limits?.['x'];
    if (typeof limits?.min === 'number' && typeof limits.max === 'number')
      timeView.showRange(range, { minMs: limits.min, maxMs: limits.max });
    else timeView.setManual(range.minMs, range.maxMs);
  };
  return {
    zoom: {
      wheel: { enabled: true, modifierKey: 'ctrl' },
      pinch: { enabled: true },
      mode: 'x',
      onZoomStart: stopFollowing,
      onZoom: commit,
    },
    pan: { enabled: true, mode: 'x', onPanStart: stopFollowing, onPan: commit },
    limits: { x: { min: 0, minRange: 1 } },
  };
}

/** Zoom and pan stay inside the run (TimeView.extent), never narrower than ten steps. */
export function applyZoomLimits(
  chart: Chart,
  timeView: TimeView,
  session: SimulationSession,
  fallbackSeconds: number,
): void {
  const zoom = chart.options.plugins?.zoom;
  if (!zoom) return;
  const { minMs, maxMs } = timeView.extent(session, fallbackSeconds);
  zoom.limits = { x: { min: minMs, max: maxMs, minRange: minRangeMs(session) } };
}

/** Double-click on a chart: back to the whole run (or the rolling window), following again. */
export function resetOnDoubleClick(canvas: HTMLCanvasElement, timeView: TimeView): () => void {
  const reset = (): void => timeView.setFollow(true);
  canvas.addEventListener('dblclick', reset);
  return () => canvas.removeEventListener('dblclick', reset);
}

/**
 * Options every live chart starts from: data arrive pre-decimated (no parsing, no animation),
 * hover is our shared crosshair rather than Chart.js tooltips, and x zooms the shared TimeView.
 */
export function liveChartOptions(timeView: TimeView) {
  return {
    animation: false,
    parsing: false,
    normalized: true,
    responsive: true,
    maintainAspectRatio: false,
    events: ['mousemove', 'mouseout', 'mousedown', 'mouseup', 'wheel'],
    plugins: {
      legend: { display: false },
      tooltip: { enabled: false },
      zoom: zoomOptions(timeView),
    },
  } satisfies ChartOptions<'line' | 'scatter'>;
}

/** The shared time axis in ms, from 0 to `maxMs` until the TimeView moves it. */
export function timeAxisOptions(maxMs: number, theme: ChartTheme) {
  return {
    type: 'linear',
    min: 0,
    max: maxMs,
    title: { display: true, text: 'time (ms)', color: theme.text },
    ticks: { maxRotation: 0, includeBounds: false, color: theme.text },
    grid: { color: theme.grid },
    border: { color: theme.grid },
  } as const;
}

/** Keyboard zoom and pan on a focused chart: arrows pan, + and - zoom, 0 or Home follows again. */
export function chartKeyHandler(
  timeView: TimeView,
  zoom: (factor: number) => void,
  pan: (fraction: number) => void,
): (event: KeyboardEvent) => void {
  return (event) => {
    switch (event.key) {
      case 'ArrowLeft':
        pan(-0.2);
        break;
      case 'ArrowRight':
        pan(0.2);
        break;
      case '+':
      case '=':
        zoom(0.5);
        break;
      case '-':
        zoom(2);
        break;
      case '0':
      case 'Home':
        timeView.setFollow(true);
        break;
      default:
        return;
    }
    event.preventDefault();
  };
}

/** Formats a value for readouts: 4 significant digits, no exponent for ordinary magnitudes. */
export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e5)) return value.toExponential(3);
  return Number(value.toPrecision(4)).toString();
}
