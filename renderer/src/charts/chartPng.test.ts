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
});
