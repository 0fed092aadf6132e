// @vitest-environment jsdom
/**
 * The frame every live chart is drawn in (ChartFrame) and the life of its Chart.js instance
 * (useChartJs): built on mount, redrawn for the shared time range on each session notification,
 * the hover readout, the test hooks, rebuilt when its shape changes and destroyed on unmount.
 * jsdom has no canvas: the chart here is a stand-in with the few members the hook uses.
 */
import type { Chart } from 'chart.js';
import { act, useState, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SimulationSession } from '../run/SimulationSession';
import { ChartFrame } from './ChartFrame';
import { TimeView } from './timeView';
import { useChartJs, type ChartJsHandle, type LiveChart } from './useChartJs';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;
let host: HTMLElement | null = null;
afterEach(() => {
  act(() => root?.unmount());
  host?.remove();
  root = null;
  host = null;
});

function mount(element: ReactNode): HTMLElement {
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  act(() => root!.render(element));
  return host;
}

describe('ChartFrame', () => {
  it('draws the head, the focusable plot with its canvas, the note and an empty readout', () => {
    const onSavePng = vi.fn();
    const onKeyDown = vi.fn();
    const el = mount(
      <ChartFrame
        title="A · v"
        titleColor="#2563eb"
        note="mean of 10"
        canvasRef={{ current: null }}
        readoutRef={{ current: null }}
        onKeyDown={onKeyDown}
        onSavePng={onSavePng}
      >
        <span data-testid="key">key</span>
      </ChartFrame>,
    );
    const figure = el.querySelector('figure')!;
    expect(figure.className).toBe('live-chart');
    expect(figure.getAttribute('aria-label')).toBe('A · v');
    const title = el.querySelector<HTMLElement>('.live-chart__title')!;
    expect(title.textContent).toBe('A · v');
    expect(title.style.color).toBe('rgb(37, 99, 235)');
    expect(title.title).toMatch(/^A · v: Ctrl\+wheel zooms time/);
    // The chart's own keys sit between the title and the PNG button.
    const head = [...el.querySelector('figcaption')!.children];
    expect(head.map((c) => c.className || c.getAttribute('data-testid'))).toEqual([
      'live-chart__title',
      'key',
      'live-chart__button',
    ]);
    const png = el.querySelector<HTMLButtonElement>('button')!;
    expect(png.getAttribute('aria-label')).toBe('Save A · v chart as PNG');
    act(() => png.click());
    expect(onSavePng).toHaveBeenCalledTimes(1);
    const plot = el.querySelector<HTMLElement>('.live-chart__plot')!;
    expect(plot.tabIndex).toBe(0);
    expect(plot.getAttribute('style')).toBeNull();
    act(() => {
      plot.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
    });
    expect(onKeyDown).toHaveBeenCalledTimes(1);
    expect(onKeyDown.mock.calls[0]![0]).toBeInstanceOf(KeyboardEvent);
    expect(el.querySelector('canvas')!.getAttribute('aria-label')).toBe('A · v chart');
    expect(el.querySelector('.live-chart__note')!.textContent).toBe('mean of 10');
    expect(el.querySelector('.live-chart__readout')!.textContent).toBe('\u00a0');
  });

  it('a wide chart with a fixed plot height, named as a heat map, without a note', () => {
    const el = mount(
      <ChartFrame
        title="P · v"
        kind="heat map"
        wide
        plotHeight={200}
        canvasRef={{ current: null }}
        readoutRef={{ current: null }}
        onKeyDown={() => {}}
        onSavePng={() => {}}
      />,
    );
    expect(el.querySelector('figure')!.className).toBe('live-chart live-chart--wide');
    expect(el.querySelector<HTMLElement>('.live-chart__title')!.getAttribute('style')).toBeNull();
    expect(el.querySelector<HTMLElement>('.live-chart__plot')!.style.height).toBe('200px');
    expect(el.querySelector('canvas')!.getAttribute('aria-label')).toBe('P · v heat map');
    expect(el.querySelector('button')!.getAttribute('aria-label')).toBe(
      'Save P · v heat map as PNG',
    );
    expect(el.querySelector('.live-chart__note')).toBeNull();
  });
});

/** A session that notifies on demand, 1 s long, 0.1 ms steps. */
function fakeSession() {
  const listeners = new Set<() => void>();
  const session = {
    dt: 1e-4,
    stepsReceived: 0,
    run: { durationSeconds: 1 },
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  } as unknown as SimulationSession;
  return { session, notify: () => listeners.forEach((l) => l()), listeners };
}

/** The members of a Chart the hook touches; the plot spans x 0..100 px, y 0..50 px. */
function fakeChart(canvas: HTMLCanvasElement) {
  return {
    canvas,
    options: { scales: { x: { min: 0, max: 0 } }, plugins: {} },
    chartArea: { left: 0, right: 100, top: 0, bottom: 50 },
    scales: {
      x: { getValueForPixel: (px: number) => px * 10 },
      y: { getValueForPixel: (py: number) => py / 10 },
    },
    update: vi.fn(),
    draw: vi.fn(),
    destroy: vi.fn(),
  };
}

type FakeChart = ReturnType<typeof fakeChart>;

describe('useChartJs', () => {
  function setup(rows = false) {
    const { session, notify, listeners } = fakeSession();
    const timeView = new TimeView();
    const charts: FakeChart[] = [];
    const fill = vi.fn();
    const dispose = vi.fn();
    let handle: ChartJsHandle | null = null;
    let rebuild: (shape: number) => void = () => {};
    function Probe() {
      const [shape, setShape] = useState(1);
      rebuild = setShape;
      handle = useChartJs(
        {
          session,
          timeView,
          fallbackSeconds: 2,
          testIds: ['p1'],
          rows,
          create(canvas): LiveChart {
            const chart = fakeChart(canvas);
            charts.push(chart);
            return {
              chart: chart as unknown as Chart,
              fill,
              readout: (hoverMs, y) => `t ${hoverMs} y ${y} shape ${shape}`,
              dispose,
            };
          },
        },
        [shape],
      );
      return (
        <ChartFrame
          title="A · v"
          canvasRef={handle.canvasRef}
          readoutRef={handle.readoutRef}
          onKeyDown={handle.onKeyDown}
          onSavePng={() => {}}
        />
      );
    }
    const el = mount(<Probe />);
    return {
      el,
      session,
      notify,
      listeners,
      timeView,
      charts,
      fill,
      dispose,
      handle: () => handle!,
      rebuild: (shape: number) => act(() => rebuild(shape)),
    };
  }

  it('builds the chart on the canvas on mount and draws the time range', () => {
    const { el, charts, fill } = setup();
    expect(charts).toHaveLength(1);
    expect(charts[0]!.canvas).toBe(el.querySelector('canvas'));
    // The run's whole second, following.
    expect(charts[0]!.options.scales.x).toEqual({ min: 0, max: 1000 });
    expect(fill).toHaveBeenCalledWith(0, 1000);
    expect(charts[0]!.update).toHaveBeenLastCalledWith('none');
    expect(window.__neurosketchTest?.charts['p1']).toBe(charts[0]);
  });

  it('redraws on each session notification and on handle.redraw()', () => {
    const { notify, charts, fill, handle } = setup();
    const before = charts[0]!.update.mock.calls.length;
    act(() => notify());
    expect(charts[0]!.update.mock.calls.length).toBe(before + 1);
    act(() => handle().redraw());
    expect(charts[0]!.update.mock.calls.length).toBe(before + 2);
    expect(fill).toHaveBeenCalledTimes(3);
  });

  it('a new time range redraws; a hover only draws again, and fills the readout', () => {
    const { el, timeView, session, charts } = setup();
    const chart = charts[0]!;
    const updates = chart.update.mock.calls.length;
    act(() => timeView.setManual(100, 200));
    expect(chart.options.scales.x).toEqual({ min: 100, max: 200 });
    expect(chart.update.mock.calls.length).toBe(updates + 1);
    act(() => timeView.setHover(150));
    expect(chart.update.mock.calls.length).toBe(updates + 1);
    expect(chart.draw).toHaveBeenCalledTimes(1);
    const readout = el.querySelector('.live-chart__readout')!;
    expect(readout.textContent).toBe('t 150 y -1 shape 1');
    act(() => timeView.setHover(null));
    expect(readout.textContent).toBe('\u00a0');
    // Keys zoom the shared time view.
    act(() =>
      el
        .querySelector('.live-chart__plot')!
        .dispatchEvent(new KeyboardEvent('keydown', { key: '0', bubbles: true })),
    );
    expect(timeView.follow).toBe(true);
    expect(timeView.range(session, 2)).toEqual({ minMs: 0, maxMs: 1000 });
  });

  it('the pointer sets the shared hover time; with rows, the row under it too', () => {
    const { el, timeView } = setup(true);
    const canvas = el.querySelector('canvas')!;
    act(() => {
      canvas.dispatchEvent(new MouseEvent('mousemove', { clientX: 30, clientY: 20 }));
    });
    expect(timeView.hoverMs).toBe(300);
    expect(el.querySelector('.live-chart__readout')!.textContent).toBe('t 300 y 2 shape 1');
    act(() => {
      canvas.dispatchEvent(new MouseEvent('mousemove', { clientX: 30, clientY: 80 }));
    });
    expect(timeView.hoverMs).toBeNull();
    act(() => {
      canvas.dispatchEvent(new MouseEvent('mousemove', { clientX: 40, clientY: 10 }));
    });
    act(() => {
      canvas.dispatchEvent(new MouseEvent('mouseleave'));
    });
    expect(timeView.hoverMs).toBeNull();
  });

  it('rebuilds when its shape changes and destroys the chart on unmount', () => {
    const { charts, dispose, listeners, rebuild } = setup();
    rebuild(2);
    expect(charts).toHaveLength(2);
    expect(charts[0]!.destroy).toHaveBeenCalledTimes(1);
    expect(dispose).toHaveBeenCalledTimes(1);
    expect(window.__neurosketchTest?.charts['p1']).toBe(charts[1]);
    expect(listeners.size).toBe(1);
    act(() => root!.unmount());
    root = null;
    expect(charts[1]!.destroy).toHaveBeenCalledTimes(1);
    expect(dispose).toHaveBeenCalledTimes(2);
    expect(window.__neurosketchTest?.charts['p1']).toBeUndefined();
    expect(listeners.size).toBe(0);
  });
});
