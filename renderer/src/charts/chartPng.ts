/**
 * A chart as a PNG file: the canvas as drawn, under a band with the chart's title (the node and
 * variable, "ISI histogram of P1"...) and, for a chart whose colours stand for nodes (the raster),
 * their key at the band's right, so an image handed in on its own says what it shows.
 */
import type { Chart } from 'chart.js';
import { chartTheme, type ChartTheme } from '../ui/chartTheme';

/** Height of the title band, in CSS px (times the chart's pixel ratio in the image). */
export const PNG_TITLE_BAND = 28;
/** The title's font size and left margin, in CSS px; a title too long for the width shrinks. */
const TITLE_SIZE = 14;
const MIN_TITLE_SIZE = 8;
const MARGIN = 10;
/** The key's font size, swatch side and gaps, in CSS px. */
const KEY_SIZE = 12;
const SWATCH = 10;
const KEY_GAP = 12;

/** One entry of a PNG's colour key: a node's name in its colour. */
export interface PngKeyEntry {
  label: string;
  color: string;
}

/** What `drawTitledChart` uses of a 2D context (a stand-in in unit tests). */
export type TitleContext = Pick<
  CanvasRenderingContext2D,
  'fillStyle' | 'font' | 'textBaseline' | 'fillRect' | 'fillText' | 'drawImage' | 'measureText'
>;

/**
 * Draws `source` (a chart's canvas, `width` x `height` device px) under a title band on `ctx`,
 * whose canvas is `PNG_TITLE_BAND * ratio` px taller: the band in the chart's background, the
 * title in its text colour, bold.
 */
export function drawTitledChart(
  ctx: TitleContext,
  source: CanvasImageSource & { width: number; height: number },
  title: string,
  ratio: number,
  theme: Pick<ChartTheme, 'background' | 'text'>,
  fontFamily = 'sans-serif',
  key: readonly PngKeyEntry[] = [],
): void {
  const band = Math.round(PNG_TITLE_BAND * ratio);
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, source.width, band);
  // The key, right-aligned: a swatch and the name per entry; the title gets the room left of it.
  ctx.font = `${KEY_SIZE * ratio}px ${fontFamily}`;
  const widths = key.map((k) => (SWATCH + 4) * ratio + ctx.measureText(k.label).width);
  const keyWidth =
    key.length > 0 ? widths.reduce((a, b) => a + b, 0) + KEY_GAP * ratio * key.length : 0;
  ctx.textBaseline = 'middle';
  let x = source.width - MARGIN * ratio - keyWidth + KEY_GAP * ratio;
  key.forEach((k, i) => {
    ctx.fillStyle = k.color;
    ctx.fillRect(x, band / 2 - (SWATCH * ratio) / 2, SWATCH * ratio, SWATCH * ratio);
    ctx.fillStyle = theme.text;
    ctx.fillText(k.label, x + (SWATCH + 4) * ratio, band / 2);
    x += widths[i]! + KEY_GAP * ratio;
  });
  const room = source.width - 2 * MARGIN * ratio - keyWidth;
  let size = TITLE_SIZE;
  ctx.font = `bold ${size * ratio}px ${fontFamily}`;
  while (size > MIN_TITLE_SIZE && ctx.measureText(title).width > room) {
    size--;
    ctx.font = `bold ${size * ratio}px ${fontFamily}`;
  }
  ctx.fillStyle = theme.text;
  ctx.textBaseline = 'middle';
  ctx.fillText(title, MARGIN * ratio, band / 2);
  ctx.drawImage(source, 0, band);
}

/** The chart as drawn, titled (and keyed), as a PNG (for the browser's download path). */
export function chartPngBlob(
  chart: Chart,
  title: string,
  key: readonly PngKeyEntry[] = [],
): Promise<Blob | null> {
  const source = chart.canvas;
  const ratio = chart.currentDevicePixelRatio;
  const out = document.createElement('canvas');
  out.width = source.width;
  out.height = source.height + Math.round(PNG_TITLE_BAND * ratio);
  const ctx = out.getContext('2d');
  if (!ctx) return Promise.resolve(null);
  drawTitledChart(ctx, source, title, ratio, chartTheme(), chart.options.font?.family, key);
  return new Promise((resolve) => out.toBlob((blob) => resolve(blob), 'image/png'));
}
