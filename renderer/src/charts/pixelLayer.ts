/**
 * A bitmap in device pixels drawn under a chart's axes: the raster's spike ticks and the heat map's
 * cells are set pixel by pixel in one pass (no Chart.js point per spike or cell), then put on the
 * plot area crisp (no smoothing). The bitmap is kept between frames and made anew only when the
 * plot area's size changes, so a frame allocates nothing.
 */
import type { Chart } from 'chart.js';

export class PixelLayer {
  private image: ImageData | null = null;
  private scratch: HTMLCanvasElement | null = null;
  /** The bitmap's pixels (RGBA packed, row after row), `width` × `height` of the last `begin`. */
  pixels = new Uint32Array(0);

  /**
   * Fits the bitmap to the chart's plot area in device pixels and returns its size, or null when
   * the plot has no area yet. The pixels keep what they held unless the size changed.
   */
  begin(chart: Chart): { width: number; height: number; dpr: number } | null {
    const area = chart.chartArea;
    if (area.width <= 0 || area.height <= 0) return null;
    const dpr = chart.currentDevicePixelRatio || 1;
    const width = Math.max(1, Math.round(area.width * dpr));
    const height = Math.max(1, Math.round(area.height * dpr));
    if (!this.image || this.image.width !== width || this.image.height !== height) {
      this.image = new ImageData(width, height);
      this.pixels = new Uint32Array(this.image.data.buffer);
      this.scratch ??= document.createElement('canvas');
      this.scratch.width = width;
      this.scratch.height = height;
    }
    return { width, height, dpr };
  }

  /** Puts the bitmap on the chart's plot area. */
  draw(chart: Chart): void {
    if (!this.image || !this.scratch) return;
    const area = chart.chartArea;
    this.scratch.getContext('2d')!.putImageData(this.image, 0, 0);
    const ctx = chart.ctx;
    ctx.save();
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(this.scratch, area.left, area.top, area.width, area.height);
    ctx.restore();
  }
}
