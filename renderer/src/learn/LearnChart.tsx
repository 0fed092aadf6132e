/**
 * One chart of a "See the math" view: Chart.js on a canvas, fed small, precomputed datasets (no
 * streaming here), `animation: false`, updated in place when the data change. The chart paints the
 * theme's background so its PNG export looks like the screen, and takes the theme's colours for
 * axes, legend and lines (rebuilt when the theme changes). Optional: `onPickX` turns a press or
 * drag on the plot into an x value (a draggable marker).
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartDataset,
} from 'chart.js';
import { useEffect, useRef } from 'react';
import {
  chartBackground,
  chartTheme,
  themedColor,
  useTheme,
  withAxisColors,
  type ThemeName,
} from '../ui/chartTheme';
import { registerChartForTests } from '../run/testHooks';
import { downloadCanvasPng } from './download';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
);

/** A dataset's line and fill colours for the theme (lighter in the dark theme). */
function themedDataset<D extends { borderColor?: unknown; backgroundColor?: unknown }>(
  dataset: D,
  theme: ThemeName,
): D {
  if (theme === 'light') return dataset;
  return {
    ...dataset,
    borderColor: themedColor(dataset.borderColor, theme, 0.25),
    backgroundColor: themedColor(dataset.backgroundColor, theme, 0.25),
  };
}

export interface AxisSpec {
  label: string;
  min?: number;
  max?: number;
}

export interface LearnChartProps {
  /** Test-hook and file name id, e.g. `learn-hh-gating-steady`. */
  id: string;
  /** Caption, the canvas' accessible name and the PNG's title. */
  title: string;
  kind?: 'line' | 'bar';
  /** Bar charts: the category labels. */
  labels?: string[];
  datasets: Array<
    ChartDataset<'line', Array<{ x: number; y: number | null }>> | ChartDataset<'bar', number[]>
  >;
  x: AxisSpec;
  y: AxisSpec;
  onPickX?: (x: number) => void;
  /** CSS height of the plot. */
  height?: number;
}

export function LearnChart(props: LearnChartProps) {
  const { id, title, kind = 'line', labels, datasets, x, y, onPickX, height = 320 } = props;
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const chartRef = useRef<Chart | null>(null);
  const pickRef = useRef(onPickX);
  // The canvas does not follow CSS: the chart is rebuilt in the theme's colours when it changes.
  const theme = useTheme();
  useEffect(() => {
    pickRef.current = onPickX;
  }, [onPickX]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return undefined;
    const colors = chartTheme(theme);
    const chart = new Chart(canvas, {
      type: kind,
      data: { datasets: [] },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        plugins: {
          legend: {
            position: 'top',
            align: 'end',
            labels: { boxWidth: 12, font: { size: 11 }, color: colors.text },
          },
          tooltip: { mode: 'nearest', intersect: false },
        },
      },
      plugins: [chartBackground(colors)],
    });
    chartRef.current = chart;
    registerChartForTests(id, chart);
    let dragging = false;
    const pick = (event: PointerEvent): void => {
      const scale = chart.scales['x'];
      if (!scale || !pickRef.current) return;
      const rect = canvas.getBoundingClientRect();
      const value = scale.getValueForPixel(event.clientX - rect.left);
      if (value !== undefined && Number.isFinite(value)) pickRef.current(value);
    };
    const down = (event: PointerEvent): void => {
      if (!pickRef.current) return;
      dragging = true;
      canvas.setPointerCapture(event.pointerId);
      pick(event);
    };
    const move = (event: PointerEvent): void => {
      if (dragging) pick(event);
    };
    const up = (): void => {
      dragging = false;
    };
    canvas.addEventListener('pointerdown', down);
    canvas.addEventListener('pointermove', move);
    canvas.addEventListener('pointerup', up);
    canvas.addEventListener('pointercancel', up);
    return () => {
      canvas.removeEventListener('pointerdown', down);
      canvas.removeEventListener('pointermove', move);
      canvas.removeEventListener('pointerup', up);
      canvas.removeEventListener('pointercancel', up);
      registerChartForTests(id, null);
      chart.destroy();
      chartRef.current = null;
    };
  }, [id, kind, theme]);

  useEffect(() => {
    const chart = chartRef.current;
    if (!chart) return;
    chart.data.labels = labels;
    // Legend swatches are filled with backgroundColor: default it to the line's colour.
    chart.data.datasets = datasets.map((d) =>
      themedDataset(
        kind === 'line' && d.backgroundColor === undefined
          ? { ...d, backgroundColor: d.borderColor }
          : d,
        theme,
      ),
    ) as Chart['data']['datasets'];
    const colors = chartTheme(theme);
    const axis = (spec: AxisSpec, type: 'linear' | 'category') =>
      withAxisColors(
        {
          type,
          min: spec.min,
          max: spec.max,
          title: { display: true, text: spec.label },
        },
        colors,
      );
    chart.options.scales = {
      x: axis(x, kind === 'bar' ? 'category' : 'linear'),
      y: axis(y, 'linear'),
    } as Chart['options']['scales'];
    chart.update('none');
  }, [datasets, labels, x, y, kind, theme]);

  return (
    <figure className="learn-chart">
      <figcaption className="learn-chart__caption">
        <span>{title}</span>
        <button
          type="button"
          className="learn-button learn-button--small"
          aria-label={`Save ${title} as PNG`}
          onClick={() => canvasRef.current && downloadCanvasPng(canvasRef.current, `${id}.png`)}
        >
          PNG
        </button>
      </figcaption>
      <div
        className={onPickX ? 'learn-chart__plot learn-chart__plot--pick' : 'learn-chart__plot'}
        style={{ height }}
      >
        <canvas ref={canvasRef} role="img" aria-label={`${title} chart`} />
      </div>
    </figure>
  );
}
