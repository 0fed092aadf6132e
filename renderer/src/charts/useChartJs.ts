/**
 * The life of a live chart's Chart.js instance, the same for every chart: built on the canvas when
 * the chart mounts (and rebuilt when its shape or the theme changes), destroyed when it unmounts;
 * redrawn on each session notification (at most once per animation frame) for the shared
 * TimeView's range; the hover crosshair and readout, double-click reset, keyboard zoom and pan,
 * the e2e test hooks and the PNG export. Each chart gives only what it draws: its Chart (datasets,
 * axes, plugins), how it fills its datasets for a range and what its readout says.
 */
import type { Chart } from 'chart.js';
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  type DependencyList,
  type RefObject,
} from 'react';
import type { SimulationSession } from '../run/SimulationSession';
import { registerChartForTests } from '../run/testHooks';
import { applyZoomLimits, chartKeyHandler, resetOnDoubleClick } from './chartSetup';
import { chartPngBlob, type PngKeyEntry } from './chartPng';
import { saveExport } from './runExport';
import type { TimeView } from './timeView';

/** What a chart builds on its canvas. */
export interface LiveChart {
  chart: Chart;
  /**
   * Fills the datasets for the x range just set (ms), before the chart is updated (a trace's
   * envelopes; a chart that paints in a plugin needs none).
   */
  fill?(minMs: number, maxMs: number): void;
  /**
   * The readout's text with the pointer at `hoverMs` on the time axis and at `y` on the y axis
   * (-1: not over a row; only charts with `rows`); null for an empty readout.
   */
  readout(hoverMs: number, y: number): string | null;
  /** Undoes what building it registered besides the chart (its own test hooks). */
  dispose?(): void;
}

export interface ChartJsOptions {
  session: SimulationSession;
  timeView: TimeView;
  /** The x range before any run (the document's duration), in seconds. */
  fallbackSeconds: number;
  /** Test-hook ids the chart answers to (`window.__neurosketchTest`). */
  testIds: readonly string[];
  /**
   * The pointer picks a row as well as a time (raster, heat map): hover counts over the plot area
   * only, and the readout follows the pointer's row.
   */
  rows?: boolean;
  /** While hovering, the readout follows new samples too (a trace's values under the pointer). */
  liveReadout?: boolean;
  /** Builds the chart on its canvas; called again whenever `deps` change. */
  create(canvas: HTMLCanvasElement): LiveChart;
}

export interface ChartJsHandle {
  canvasRef: RefObject<HTMLCanvasElement | null>;
  readoutRef: RefObject<HTMLDivElement | null>;
  /** Redraws now (the session may be idle: after a series was hidden, say). */
  redraw(): void;
  /** Arrow keys pan, + and - zoom, 0 or Home follows the run again. */
  onKeyDown(event: KeyboardEvent): void;
  /** Saves the chart as it is drawn, under `title`, as a PNG file of this name. */
  savePng(fileName: string, title: string, key?: readonly PngKeyEntry[]): Promise<void>;
}

/**
 * Owns the Chart of a live chart. `deps`: what rebuilds it (its shape, the theme); the session
 * and time view always do. Data never goes through React: the chart is mutated and redrawn.
 */
export function useChartJs(options: ChartJsOptions, deps: DependencyList): ChartJsHandle {
  const { session, timeView, fallbackSeconds } = options;
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const readoutRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<Chart | null>(null);
  const redrawRef = useRef<(() => void) | null>(null);
  // The latest fallback for the long-lived chart's callbacks.
  const fallbackRef = useRef(fallbackSeconds);
  useLayoutEffect(() => {
    fallbackRef.current = fallbackSeconds;
  });

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return undefined;
    const { testIds, rows = false, liveReadout = false } = options;
    const built = options.create(canvas);
    const { chart } = built;
    chartRef.current = chart;
    testIds.forEach((id) => registerChartForTests(id, chart));

    let lastRange = '';
    const redraw = (): void => {
      const { minMs, maxMs } = timeView.range(session, fallbackRef.current);
      const x = chart.options.scales!['x']!;
      x.min = minMs;
      x.max = maxMs;
      lastRange = `${minMs}:${maxMs}`;
      applyZoomLimits(chart, timeView, session, fallbackRef.current);
      built.fill?.(minMs, maxMs);
      chart.update('none');
    };

    // The pointer's place on the y axis (a row), -1 when it is not over the plot.
    let hoverY = -1;
    const updateReadout = (): void => {
      const out = readoutRef.current;
      if (!out) return;
      const hover = timeView.hoverMs;
      out.textContent = (hover === null ? null : built.readout(hover, hoverY)) ?? '\u00a0';
    };

    const onMove = (event: MouseEvent): void => {
      const rect = canvas.getBoundingClientRect();
      const px = event.clientX - rect.left;
      const area = chart.chartArea;
      const xs = chart.scales['x'];
      if (!rows) {
        if (!xs || px < area.left || px > area.right) timeView.setHover(null);
        else timeView.setHover(xs.getValueForPixel(px) ?? null);
        return;
      }
      const py = event.clientY - rect.top;
      const ys = chart.scales['y'];
      if (!xs || !ys || px < area.left || px > area.right || py < area.top || py > area.bottom) {
        hoverY = -1;
        timeView.setHover(null);
        return;
      }
      hoverY = ys.getValueForPixel(py) ?? -1;
      timeView.setHover(xs.getValueForPixel(px) ?? null);
      updateReadout();
    };
    const onLeave = (): void => {
      hoverY = -1;
      timeView.setHover(null);
    };
    canvas.addEventListener('mousemove', onMove);
    canvas.addEventListener('mouseleave', onLeave);
    const offDoubleClick = resetOnDoubleClick(canvas, timeView);

    redrawRef.current = redraw;
    redraw();
    const unsubscribe = session.subscribe(() => {
      redraw();
      if (liveReadout && timeView.hoverMs !== null) updateReadout();
    });
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
      testIds.forEach((id) => registerChartForTests(id, null));
      built.dispose?.();
      if (redrawRef.current === redraw) redrawRef.current = null;
      chartRef.current = null;
      chart.destroy();
    };
    // Rebuilt only when the chart's shape changes (deps); data flows through the session.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session, timeView, ...deps]);

  const redraw = useCallback(() => redrawRef.current?.(), []);

  const onKeyDown = (event: KeyboardEvent): void =>
    chartKeyHandler(
      timeView,
      (factor) => timeView.zoom(session, fallbackSeconds, factor),
      (fraction) => timeView.pan(session, fallbackSeconds, fraction),
    )(event);

  const savePng = async (
    fileName: string,
    title: string,
    key: readonly PngKeyEntry[] = [],
  ): Promise<void> => {
    const chart = chartRef.current;
    if (!chart) return;
    await saveExport(fileName, () => chartPngBlob(chart, title, key));
  };

  return { canvasRef, readoutRef, redraw, onKeyDown, savePng };
}
