import { describe, expect, it } from 'vitest';
import { drawTitledChart, PNG_TITLE_BAND, type TitleContext } from './chartPng';

/** A 2D context that records what is drawn; text is 7 px per character at 1 px per font px. */
function recorder() {
  const calls: string[] = [];
  const ctx = {
    fillStyle: '',
    font: '',
    textBaseline: 'alphabetic',
    fillRect: (x: number, y: number, w: number, h: number) =>
      calls.push(`rect ${x},${y},${w},${h} ${ctx.fillStyle}`),
    fillText: (text: string, x: number, y: number) =>
      calls.push(`text "${text}" at ${x},${y} ${ctx.fillStyle} ${ctx.font}`),
    drawImage: (_image: unknown, x: number, y: number) => calls.push(`image at ${x},${y}`),
    measureText: (text: string) => ({
      width: text.length * 0.5 * Number(/(\d+)px/.exec(ctx.font)![1]),
    }),
  };
  return { ctx: ctx as unknown as TitleContext, calls };
}

const theme = { background: '#ffffff', text: '#666666' };

describe('drawTitledChart', () => {
  it('draws the title in a band above the chart, in the theme’s colours', () => {
    const { ctx, calls } = recorder();
    const source = { width: 800, height: 400 } as unknown as HTMLCanvasElement;
    drawTitledChart(ctx, source, 'ISI histogram of P1 (bins of 1 ms)', 2, theme, 'Arial');
    const band = PNG_TITLE_BAND * 2;
    expect(calls).toEqual([
      `rect 0,0,800,${band} #ffffff`,
      `text "ISI histogram of P1 (bins of 1 ms)" at 20,${band / 2} #666666 bold 28px Arial`,
      `image at 0,${band}`,
    ]);
  });

  it('shrinks a title too long for the image', () => {
    const { ctx, calls } = recorder();
    const source = { width: 200, height: 100 } as unknown as HTMLCanvasElement;
    drawTitledChart(ctx, source, 'A rather long node label · v', 1, theme);
    // 28 characters at 0.5 em fit 180 px at 12 px.
    expect(calls[1]).toMatch(/ bold 12px sans-serif$/);
  });

  it('draws a colour key of the nodes at the band’s right, the title left of it', () => {
    const { ctx, calls } = recorder();
    const source = { width: 1000, height: 300 } as unknown as HTMLCanvasElement;
    drawTitledChart(ctx, source, 'Spike raster', 1, theme, 'Arial', [
      { label: 'in1', color: '#1f77b4' },
      { label: 'P1', color: '#c2410c' },
    ]);
    // "in1" 18 px wide at 12 px, "P1" 12 px: entries of 14 + 18 and 14 + 12 px, a 12 px gap
    // before each; the last ends 10 px from the right edge.
    expect(calls).toEqual([
      `rect 0,0,1000,${PNG_TITLE_BAND} #ffffff`,
      `rect 920,9,10,10 #1f77b4`,
      `text "in1" at 934,14 #666666 12px Arial`,
      `rect 964,9,10,10 #c2410c`,
      `text "P1" at 978,14 #666666 12px Arial`,
      `text "Spike raster" at 10,14 #666666 bold 14px Arial`,
      `image at 0,${PNG_TITLE_BAND}`,
    ]);
  });
});
