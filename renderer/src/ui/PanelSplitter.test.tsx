// @vitest-environment jsdom
/**
 * The canvas/charts splitter: a separator with its value in pixels, moved by arrow keys, Page
 * Up/Down, Home/End and a pointer drag, kept between its minimum and maximum, written to the
 * layout as `--charts-height`, remembered in localStorage and reset by a double-click.
 */
import { act, useRef } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CANVAS_MIN_PX,
  CHARTS_MIN_PX,
  PAGE_STEP_PX,
  PanelSplitter,
  SPLITTER_PX,
  STEP_PX,
  STORAGE_KEY,
  chartsBounds,
  defaultChartsHeight,
  heightForKey,
} from './PanelSplitter';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const LAYOUT_PX = 800;

let root: Root | null = null;
let host: HTMLElement | null = null;

beforeEach(() => window.localStorage.clear());
afterEach(() => {
  act(() => root?.unmount());
  host?.remove();
  root = null;
  host = null;
});

function Layout() {
  const ref = useRef<HTMLElement>(null);
  return (
    <main
      ref={(element) => {
        // jsdom has no layout: give the grid a height before the splitter measures it
        if (element) Object.defineProperty(element, 'clientHeight', { value: LAYOUT_PX });
        ref.current = element;
      }}
    >
      <PanelSplitter layout={ref} controls="charts-panel" />
    </main>
  );
}

function mount(): { separator: HTMLElement; layout: HTMLElement } {
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  act(() => root!.render(<Layout />));
  return {
    separator: host.querySelector<HTMLElement>('[role="separator"]')!,
    layout: host.querySelector('main')!,
  };
}

const valueOf = (separator: HTMLElement): number => Number(separator.getAttribute('aria-valuenow'));

function key(separator: HTMLElement, name: string): void {
  act(() => {
    separator.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true }));
  });
}

function pointer(separator: HTMLElement, type: string, clientY: number): void {
  act(() => {
    const event = new MouseEvent(type, { bubbles: true, clientY, button: 0 });
    Object.assign(event, { pointerId: 1 });
    separator.dispatchEvent(event);
  });
}

describe('chartsBounds and heightForKey', () => {
  it('keeps the canvas row and the charts above their minimum', () => {
    expect(chartsBounds(LAYOUT_PX)).toEqual({
      min: CHARTS_MIN_PX,
      max: LAYOUT_PX - SPLITTER_PX - CANVAS_MIN_PX,
    });
    // a layout too small for both: the charts keep their minimum
    expect(chartsBounds(200)).toEqual({ min: CHARTS_MIN_PX, max: CHARTS_MIN_PX });
  });

  it('steps by STEP_PX and PAGE_STEP_PX, clamped; Home and End go to the ends', () => {
    const bounds = { min: 140, max: 592 };
    expect(heightForKey('ArrowUp', 300, bounds)).toBe(300 + STEP_PX);
    expect(heightForKey('ArrowDown', 300, bounds)).toBe(300 - STEP_PX);
    expect(heightForKey('PageUp', 300, bounds)).toBe(300 + PAGE_STEP_PX);
    expect(heightForKey('PageDown', 200, bounds)).toBe(140);
    expect(heightForKey('ArrowUp', 590, bounds)).toBe(592);
    expect(heightForKey('Home', 300, bounds)).toBe(140);
    expect(heightForKey('End', 300, bounds)).toBe(592);
    expect(heightForKey('a', 300, bounds)).toBeNull();
  });
});

describe('PanelSplitter', () => {
  it('is a focusable separator for the charts panel, at the default height', () => {
    const { separator, layout } = mount();
    const expected = defaultChartsHeight(LAYOUT_PX);
    expect(separator.tabIndex).toBe(0);
    expect(separator.getAttribute('aria-orientation')).toBe('horizontal');
    expect(separator.getAttribute('aria-controls')).toBe('charts-panel');
    expect(separator.getAttribute('aria-label')).toBe('Resize the charts panel');
    expect(valueOf(separator)).toBe(expected);
    expect(Number(separator.getAttribute('aria-valuemin'))).toBe(CHARTS_MIN_PX);
    expect(Number(separator.getAttribute('aria-valuemax'))).toBe(chartsBounds(LAYOUT_PX).max);
    expect(layout.style.getPropertyValue('--charts-height')).toBe(`${expected}px`);
  });

  it('moves with the arrow keys, stops at its limits, and is remembered', () => {
    const { separator, layout } = mount();
    const start = valueOf(separator);
    key(separator, 'ArrowUp');
    expect(valueOf(separator)).toBe(start + STEP_PX);
    key(separator, 'ArrowDown');
    key(separator, 'ArrowDown');
    expect(valueOf(separator)).toBe(start - STEP_PX);
    expect(layout.style.getPropertyValue('--charts-height')).toBe(`${start - STEP_PX}px`);
    expect(window.localStorage.getItem(STORAGE_KEY)).toBe(String(start - STEP_PX));
    key(separator, 'End');
    const max = chartsBounds(LAYOUT_PX).max;
    expect(valueOf(separator)).toBe(max);
    key(separator, 'ArrowUp');
    expect(valueOf(separator)).toBe(max);
    key(separator, 'Home');
    expect(valueOf(separator)).toBe(CHARTS_MIN_PX);

    // a new splitter (the app started again in this session) comes back at the same height
    act(() => root!.unmount());
    host!.remove();
    const again = mount();
    expect(valueOf(again.separator)).toBe(CHARTS_MIN_PX);
  });

  it('follows a pointer drag (up: taller charts) and stores the height when it ends', () => {
    const { separator } = mount();
    const start = valueOf(separator);
    pointer(separator, 'pointerdown', 500);
    pointer(separator, 'pointermove', 400);
    expect(valueOf(separator)).toBe(start + 100);
    pointer(separator, 'pointermove', 5000);
    expect(valueOf(separator)).toBe(CHARTS_MIN_PX);
    pointer(separator, 'pointerup', 5000);
    expect(window.localStorage.getItem(STORAGE_KEY)).toBe(String(CHARTS_MIN_PX));
    // moves after the drag ended do nothing
    pointer(separator, 'pointermove', 100);
    expect(valueOf(separator)).toBe(CHARTS_MIN_PX);
  });

  it('clamps a remembered height that no longer fits, and a double-click resets it', () => {
    window.localStorage.setItem(STORAGE_KEY, '5000');
    const { separator } = mount();
    expect(valueOf(separator)).toBe(chartsBounds(LAYOUT_PX).max);
    act(() => {
      separator.dispatchEvent(new MouseEvent('dblclick', { bubbles: true }));
    });
    expect(valueOf(separator)).toBe(defaultChartsHeight(LAYOUT_PX));
    expect(window.localStorage.getItem(STORAGE_KEY)).toBeNull();
  });
});
