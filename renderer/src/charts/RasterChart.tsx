/**
 * The spike raster: one row per neuron of every spiking node, stacked in document order, in the
 * node's colour. Chart.js keeps the axes, zoom, pan and the shared crosshair; the spikes themselves
 * are a bitmap layer drawn by a plugin (`rasterLayer`): one pass over the visible spikes sets pixels
 * in an ImageData of the plot's device-pixel size, which is blitted in one drawImage. Thousands of
 * rows cost no more than a few.
 */
import { Chart, type Plugin } from 'chart.js';
import { useMemo } from 'react';
import type { SimulationSession } from '../run/SimulationSession';
import { crosshair, formatValue, liveChartOptions, timeAxisOptions } from './chartSetup';
import { ChartFrame } from './ChartFrame';
import { packRgba } from '../ui/nodeColors';
import {
  chartBackground,
  chartTheme,
  themedColor,
  useTheme,
  type ThemeName,
} from '../ui/chartTheme';
import type { TimeView } from './timeView';
import { registerRasterForTests } from '../run/testHooks';
import { useChartJs } from './useChartJs';
import { PixelLayer } from './pixelLayer';

export interface RasterRow {
  id: string;
  label: string;
  size: number;
  color: string;
}

export interface RasterChartProps {
  session: SimulationSession;
  timeView: TimeView;
  fallbackSeconds: number;
  rows: RasterRow[];
  fileBaseName: string;
}

interface RasterLayout {
  rows: RasterRow[];
  offsets: number[];
  total: number;
}

function layoutOf(rows: RasterRow[]): RasterLayout {
  const offsets: number[] = [];
  let total = 0;
  for (const row of rows) {
    offsets.push(total);
    total += row.size;
  }
  return { rows, offsets, total: Math.max(1, total) };
}

/** Draws the visible spikes as a bitmap under the axes. Returns the number of spikes drawn. */
function rasterPlugin(
  session: SimulationSession,
  layout: RasterLayout,
  stats: { drawn: number },
  theme: ThemeName,
) {
  const layer = new PixelLayer();
  const colors = layout.rows.map((r) => packRgba(themedColor(r.color, theme)));
  const plugin: Plugin = {
    id: 'rasterLayer',
    beforeDatasetsDraw(chart) {
      const x = chart.scales['x'];
      const size = x ? layer.begin(chart) : null;
      if (!x || !size) return;
      const { width, height, dpr } = size;
      const pixels = layer.pixels;
      pixels.fill(0);
      const minS = x.min / 1000;
      const maxS = x.max / 1000;
      const colsPerSecond = width / (maxS - minS);
      const rowsPerPixel = layout.total / height;
      const band = height / layout.total;
      // Wide bands (few neurons) get a gap between rows; ticks at least 1 device pixel wide.
      const tickWidth = Math.max(1, Math.round(dpr * (band > 8 ? 2 : 1)));
      let drawn = 0;
      layout.rows.forEach((row, r) => {
        const store = session.spikes.get(row.id);
        if (!store) return;
        const color = colors[r]!;
        const offset = layout.offsets[r]!;
        const from = store.lowerBound(minS);
        const to = store.lowerBound(maxS);
        for (let k = from; k < to; k++) {
          const col = Math.floor((store.times[k]! - minS) * colsPerSecond);
          if (col < 0 || col >= width) continue;
          const rowIndex = offset + store.indices[k]!;
          let top: number;
          let bottom: number;
          if (rowsPerPixel >= 1) {
            top = Math.min(height - 1, Math.floor(rowIndex / rowsPerPixel));
            bottom = top + 1;
          } else {
            top = Math.floor(rowIndex * band);
            bottom = Math.max(top + 1, Math.floor((rowIndex + 1) * band));
            if (band > 8) {
              const inset = Math.floor(band * 0.15);
              top += inset;
              bottom -= inset;
            }
          }
          const right = Math.min(width, col + tickWidth);
          for (let y = top; y < bottom; y++) {
            const base = y * width;
            for (let c = col; c < right; c++) pixels[base + c] = color;
          }
          drawn++;
        }
      });
      stats.drawn = drawn;
      layer.draw(chart);
    },
  };
  return plugin;
}

export function RasterChart(props: RasterChartProps) {
  const { session, timeView, rows, fileBaseName } = props;
  const layout = useMemo(() => layoutOf(rows), [rows]);
  const shape = JSON.stringify(rows);
  // The canvas does not follow CSS: the chart is rebuilt in the theme's colours when it changes.
  const theme = useTheme();

  const { canvasRef, readoutRef, onKeyDown, savePng } = useChartJs(
    {
      session,
      timeView,
      fallbackSeconds: props.fallbackSeconds,
      testIds: ['raster'],
      rows: true,
      create(canvas) {
        const stats = { drawn: 0 };
        const many = layout.total > 40;
        const colors = chartTheme(theme);
        const chart = new Chart(canvas, {
          type: 'scatter',
          data: { datasets: [{ label: 'spikes', data: [], pointRadius: 0 }] },
          options: {
            ...liveChartOptions(timeView),
            scales: {
              x: timeAxisOptions(props.fallbackSeconds * 1000, colors),
              y: {
                type: 'linear',
                min: 0,
                max: layout.total,
                reverse: true,
                title: { display: true, text: many ? 'neuron' : '', color: colors.text },
                grid: { display: false },
                border: { color: colors.grid },
                afterBuildTicks: (axis) => {
                  axis.ticks = layout.rows.map((row, r) => ({
                    value: layout.offsets[r]! + row.size / 2,
                  }));
                },
                ticks: {
                  color: colors.text,
                  autoSkip: false,
                  callback: (value) => {
                    const r = layout.rows.findIndex(
                      (row, i) => Number(value) === layout.offsets[i]! + row.size / 2,
                    );
                    const row = layout.rows[r];
                    return row ? (row.size > 1 ? `${row.label} (${row.size})` : row.label) : '';
                  },
                },
              },
            },
          },
          plugins: [
            chartBackground(colors),
            rasterPlugin(session, layout, stats, theme),
            crosshair(timeView, colors),
          ],
        });
        registerRasterForTests(stats);
        return {
          chart,
          // The time, and the neuron under the pointer with its spikes so far.
          readout(hover, y) {
            const parts = [`t = ${formatValue(hover)} ms`];
            if (y >= 0) {
              const rowIndex = Math.floor(y);
              const r = layout.offsets.findIndex(
                (o, i) => rowIndex >= o && rowIndex < o + layout.rows[i]!.size,
              );
              const row = layout.rows[r];
              if (row) {
                const element = rowIndex - layout.offsets[r]!;
                const store = session.spikes.get(row.id);
                const name = row.size > 1 ? `${row.label}[${element}]` : row.label;
                parts.push(`${name}: ${store?.counts[element] ?? 0} spikes so far`);
              }
            }
            return parts.join(' · ');
          },
          dispose() {
            registerRasterForTests(null);
          },
        };
      },
    },
    // Rebuilt only when the rows change; spikes flow through the session.
    [shape, theme],
  );

  // Big populations get room: up to 120 px of rows per node.
  const height = Math.min(
    360,
    Math.max(140, 60 + rows.reduce((sum, row) => sum + Math.min(row.size * 12, 120), 0)),
  );
  return (
    <ChartFrame
      title="Spike raster"
      wide
      plotHeight={height}
      canvasRef={canvasRef}
      readoutRef={readoutRef}
      onKeyDown={onKeyDown}
      onSavePng={() =>
        // The PNG carries the key of the nodes' colours, as the head does (walkthrough 5).
        void savePng(
          `${fileBaseName}.png`,
          'Spike raster',
          rows.map((row) => ({ label: row.label, color: themedColor(row.color, theme) })),
        )
      }
    >
      <span className="live-chart__legend">
        {rows.map((row) => (
          <span key={row.id} className="live-chart__key">
            <span
              className="live-chart__swatch"
              style={{ background: themedColor(row.color, theme) }}
            />
            {row.label}
          </span>
        ))}
      </span>
    </ChartFrame>
  );
}
