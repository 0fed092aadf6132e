/**
 * The shared time axis stays inside the data: zoom and pan (keys, and the charts' limits) never go
 * before 0 or past the end of the run, nor narrower than ten time steps.
 */
import { describe, expect, it } from 'vitest';
import type { SimulationSession } from '../run/SimulationSession';
import { clampRange, minRangeMs, TimeView } from './timeView';

function sessionOf(durationSeconds: number, stepsReceived: number, dt = 1e-4): SimulationSession {
  return { run: { durationSeconds }, stepsReceived, dt } as unknown as SimulationSession;
}

describe('clampRange', () => {
  const extent = { minMs: 0, maxMs: 600 };
  it('keeps a range inside the extent, shifted, with its width', () => {
    expect(clampRange({ minMs: -50, maxMs: 50 }, extent, 1)).toEqual({ minMs: 0, maxMs: 100 });
    expect(clampRange({ minMs: 550, maxMs: 650 }, extent, 1)).toEqual({ minMs: 500, maxMs: 600 });
    expect(clampRange({ minMs: 100, maxMs: 200 }, extent, 1)).toEqual({ minMs: 100, maxMs: 200 });
  });
  it('is never wider than the extent nor narrower than the minimum width', () => {
    expect(clampRange({ minMs: -300, maxMs: 1200 }, extent, 1)).toEqual(extent);
    expect(clampRange({ minMs: 100, maxMs: 100.1 }, extent, 1)).toEqual({
      minMs: 99.55,
      maxMs: 100.55,
    });
  });
});

describe('TimeView zoom and pan', () => {
  it('zooming out stops at the whole run', () => {
    const view = new TimeView();
    const session = sessionOf(0.6, 6000);
    view.zoom(session, 1, 0.5);
    expect(view.range(session, 1)).toEqual({ minMs: 150, maxMs: 450 });
    view.zoom(session, 1, 8);
    expect(view.range(session, 1)).toEqual({ minMs: 0, maxMs: 600 });
    // all the way out with the whole-run window: the default view, following again
    expect(view.follow).toBe(true);
    // with a rolling window, the whole run is not what following shows: it stays manual
    view.setWindow(0.1);
    view.zoom(session, 1, 100);
    expect(view.range(session, 1)).toEqual({ minMs: 0, maxMs: 600 });
    expect(view.follow).toBe(false);
  });

  it('panning stops at either end, and zoom in stops at ten steps', () => {
    const view = new TimeView();
    const session = sessionOf(0.6, 6000);
    view.zoom(session, 1, 0.5);
    for (let i = 0; i < 10; i++) view.pan(session, 1, 0.2);
    expect(view.range(session, 1)).toEqual({ minMs: 300, maxMs: 600 });
    for (let i = 0; i < 10; i++) view.pan(session, 1, -0.2);
    expect(view.range(session, 1)).toEqual({ minMs: 0, maxMs: 300 });
    for (let i = 0; i < 30; i++) view.zoom(session, 1, 0.5);
    const { minMs, maxMs } = view.range(session, 1);
    expect(maxMs - minMs).toBeCloseTo(minRangeMs(session), 9);
    expect(minRangeMs(session)).toBeCloseTo(1, 9); // ten steps of 0.1 ms
  });

  it('before a run the extent is the document duration; a run-forever keeps what is retained', () => {
    const view = new TimeView();
    const idle = { run: null, stepsReceived: 0, dt: 0 } as unknown as SimulationSession;
    expect(view.extent(idle, 2)).toEqual({ minMs: 0, maxMs: 2000 });
    const forever = sessionOf(Infinity, 700_000); // 70 s at 0.1 ms
    expect(view.extent(forever, 1)).toEqual({ minMs: 10_000, maxMs: 70_000 });
  });
});
