/**
 * The splitter between the canvas row (palette, canvas, inspector) and the charts panel below it:
 * drag it, or focus it and use the arrow keys (Page Up/Down for big steps, Home/End for the
 * smallest and largest charts panel), double-click to go back to the default. The height is the
 * charts panel's, in CSS pixels, written as `--charts-height` on the layout grid (`.app__main`)
 * straight from here, so a drag re-renders this element only, never the app; it is remembered in
 * localStorage. The canvas row keeps at least CANVAS_MIN_PX, the charts at least CHARTS_MIN_PX.
 */
import {
  useCallback,
  useEffect,
  useRef,
  useState,
  type KeyboardEvent as ReactKeyboardEvent,
  type PointerEvent as ReactPointerEvent,
  type RefObject,
} from 'react';

/** The charts panel never gets smaller than its bar and a strip of chart. */
export const CHARTS_MIN_PX = 140;
/** The canvas row keeps room for the editor toolbar and a node or two. */
export const CANVAS_MIN_PX = 200;
/** The splitter's own height (the grid row between canvas and charts). */
export const SPLITTER_PX = 8;
/**
 * Default share of the layout's height for the charts panel: at 1440x900 that is about 300 px,
 * the panel's bar and one whole row of charts, and the canvas keeps more than half the window's
 * height (issue 15, item 11; it was 0.47, leaving the canvas 426 px).
 */
export const CHARTS_DEFAULT_SHARE = 0.37;
export const STEP_PX = 24;
export const PAGE_STEP_PX = 120;
export const STORAGE_KEY = 'neurosketch.chartsHeight';

export interface SplitBounds {
  min: number;
  max: number;
}

/** The heights the charts panel may take in a layout `layoutPx` high. */
export function chartsBounds(layoutPx: number): SplitBounds {
  const max = Math.max(CHARTS_MIN_PX, Math.floor(layoutPx - SPLITTER_PX - CANVAS_MIN_PX));
  return { min: CHARTS_MIN_PX, max };
}

export function clampHeight(px: number, bounds: SplitBounds): number {
  return Math.round(Math.min(bounds.max, Math.max(bounds.min, px)));
}

export function defaultChartsHeight(layoutPx: number): number {
  return clampHeight((layoutPx - SPLITTER_PX) * CHARTS_DEFAULT_SHARE, chartsBounds(layoutPx));
}

/**
 * The height a key asks for (ArrowUp grows the charts, the splitter moving up), or null when the
 * key is not the splitter's.
 */
export function heightForKey(key: string, current: number, bounds: SplitBounds): number | null {
  switch (key) {
    case 'ArrowUp':
      return clampHeight(current + STEP_PX, bounds);
    case 'ArrowDown':
      return clampHeight(current - STEP_PX, bounds);
    case 'PageUp':
      return clampHeight(current + PAGE_STEP_PX, bounds);
    case 'PageDown':
      return clampHeight(current - PAGE_STEP_PX, bounds);
    case 'Home':
      return bounds.min;
    case 'End':
      return bounds.max;
    default:
      return null;
  }
}

export function loadStoredHeight(): number | null {
  try {
    const text = window.localStorage.getItem(STORAGE_KEY);
    const value = text === null ? NaN : Number(text);
    return Number.isFinite(value) && value > 0 ? value : null;
  } catch {
    return null; // storage refused (privacy settings): the default it is
  }
}

function storeHeight(px: number | null): void {
  try {
    if (px === null) window.localStorage.removeItem(STORAGE_KEY);
    else window.localStorage.setItem(STORAGE_KEY, String(Math.round(px)));
  } catch {
    // not remembered, still applied
  }
}

/** The layout element's height, followed as the window resizes. */
function useHeightOf(ref: RefObject<HTMLElement | null>): number {
  const [px, setPx] = useState(0);
  useEffect(() => {
    const element = ref.current;
    if (!element) return undefined;
    const measure = (): void => setPx(element.clientHeight);
    measure();
    if (typeof ResizeObserver === 'undefined') {
      window.addEventListener('resize', measure);
      return () => window.removeEventListener('resize', measure);
    }
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return px;
}

export interface PanelSplitterProps {
  /** The layout grid whose `--charts-height` this sets. */
  layout: RefObject<HTMLElement | null>;
  /** The id of the charts panel (aria-controls). */
  controls: string;
}

export function PanelSplitter({ layout, controls }: PanelSplitterProps) {
  const layoutPx = useHeightOf(layout);
  // null: the default share of whatever height the layout has
  const [chosen, setChosen] = useState<number | null>(loadStoredHeight);
  const bounds = chartsBounds(layoutPx);
  const height =
    layoutPx > 0 ? clampHeight(chosen ?? defaultChartsHeight(layoutPx), bounds) : (chosen ?? 0);
  const drag = useRef<{
    pointerId: number;
    startY: number;
    startHeight: number;
    last: number;
  } | null>(null);

  useEffect(() => {
    const element = layout.current;
    if (!element || layoutPx <= 0) return;
    element.style.setProperty('--charts-height', `${height}px`);
  }, [layout, layoutPx, height]);

  const choose = useCallback((px: number | null, remember: boolean): void => {
    setChosen(px);
    if (remember) storeHeight(px);
  }, []);

  const onKeyDown = (event: ReactKeyboardEvent): void => {
    const next = heightForKey(event.key, height, bounds);
    if (next === null) return;
    event.preventDefault();
    choose(next, true);
  };
  const onPointerDown = (event: ReactPointerEvent<HTMLDivElement>): void => {
    if (event.button !== 0) return;
    event.preventDefault();
    event.currentTarget.focus();
    event.currentTarget.setPointerCapture?.(event.pointerId);
    drag.current = {
      pointerId: event.pointerId,
      startY: event.clientY,
      startHeight: height,
      last: height,
    };
  };
  const onPointerMove = (event: ReactPointerEvent<HTMLDivElement>): void => {
    const start = drag.current;
    if (!start || start.pointerId !== event.pointerId) return;
    // up (a smaller clientY) makes the charts taller
    start.last = clampHeight(start.startHeight + (start.startY - event.clientY), bounds);
    choose(start.last, false);
  };
  const endDrag = (event: ReactPointerEvent<HTMLDivElement>): void => {
    const start = drag.current;
    if (!start || start.pointerId !== event.pointerId) return;
    drag.current = null;
    event.currentTarget.releasePointerCapture?.(event.pointerId);
    storeHeight(start.last);
  };

  const share = layoutPx > 0 ? Math.round((height / layoutPx) * 100) : 0;
  return (
    <div
      className="panel-splitter"
      role="separator"
      aria-orientation="horizontal"
      aria-label="Resize the charts panel"
      aria-controls={controls}
      aria-valuenow={height}
      aria-valuemin={bounds.min}
      aria-valuemax={bounds.max}
      aria-valuetext={`charts panel ${height} px high (${share}%)`}
      tabIndex={0}
      title="Drag to give the charts more or less room (or focus and use the arrow keys); double-click resets"
      onKeyDown={onKeyDown}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={endDrag}
      onPointerCancel={endDrag}
      onDoubleClick={() => choose(null, true)}
    >
      <span className="panel-splitter__grip" aria-hidden="true" />
    </div>
  );
}
