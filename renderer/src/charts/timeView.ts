/**
 * The time axis every chart shares: the visible range (following the newest data, or where the
 * user zoomed or panned), the rolling window, and the hover time (one crosshair across all charts).
 * Lives outside React; charts read it on every redraw and subscribe to its changes.
 */
import { FOREVER_RETAIN_SECONDS, type SimulationSession } from '../run/SimulationSession';

/** Rolling window in seconds, or 'all' (the whole run; for run-forever what is retained). */
export type TimeWindow = number | 'all';

export interface TimeRange {
  minMs: number;
  maxMs: number;
}

/** The narrowest range zoom goes to: ten time steps (1 ms before a run has a dt). */
export function minRangeMs(session: SimulationSession): number {
  return session.dt > 0 ? session.dt * 1000 * 10 : 1;
}

/**
 * `range` moved and shrunk into `extent`: no wider than the extent, no narrower than
 * `minWidthMs` (or the extent, when that is narrower), shifted inside it keeping its width.
 */
export function clampRange(range: TimeRange, extent: TimeRange, minWidthMs: number): TimeRange {
  const full = extent.maxMs - extent.minMs;
  let width = Math.min(full, Math.max(range.maxMs - range.minMs, Math.min(minWidthMs, full)));
  if (!(width > 0)) width = full;
  const centre = (range.minMs + range.maxMs) / 2;
  let minMs = centre - width / 2;
  minMs = Math.min(Math.max(minMs, extent.minMs), extent.maxMs - width);
  return { minMs, maxMs: minMs + width };
}

export class TimeView {
  window: TimeWindow = 'all';
  /** Auto-scroll: the range follows the newest data. Zooming or panning turns it off. */
  follow = true;
  private manual: { minMs: number; maxMs: number } | null = null;
  hoverMs: number | null = null;
  private listeners = new Set<() => void>();

  /** The visible range in ms, for the session's run (or `fallbackSeconds` before any run). */
  range(session: SimulationSession, fallbackSeconds: number): TimeRange {
    if (!this.follow && this.manual) return this.manual;
    const run = session.run;
    const durationMs = run ? run.durationSeconds * 1000 : fallbackSeconds * 1000;
    const headMs = session.stepsReceived * session.dt * 1000;
    if (this.window === 'all') return this.extent(session, fallbackSeconds);
    const w = this.window * 1000;
    let maxMs = Math.max(headMs, w);
    if (Number.isFinite(durationMs)) maxMs = Math.min(maxMs, Math.max(durationMs, w));
    return { minMs: maxMs - w, maxMs };
  }

  /**
   * How far zoom and pan may go: the whole run (before a run, the document's duration); for a
   * run-forever, what is retained (the last FOREVER_RETAIN_SECONDS).
   */
  extent(session: SimulationSession, fallbackSeconds: number): TimeRange {
    const run = session.run;
    const durationMs = run ? run.durationSeconds * 1000 : fallbackSeconds * 1000;
    if (Number.isFinite(durationMs)) return { minMs: 0, maxMs: durationMs };
    const headMs = session.stepsReceived * session.dt * 1000;
    const oldest = Math.max(0, headMs - FOREVER_RETAIN_SECONDS * 1000);
    return { minMs: oldest, maxMs: Math.max(headMs, oldest + 1000) };
  }

  setManual(minMs: number, maxMs: number): void {
    if (!(maxMs > minMs)) return;
    this.manual = { minMs, maxMs };
    this.follow = false;
    this.changed();
  }

  /**
   * Where a zoom or pan lands: the whole extent with the whole-run window is the default view
   * again, so it follows again (Follow does not stay off for a view that is the same as
   * following); anything else is a manual range.
   */
  showRange(range: TimeRange, extent: TimeRange): void {
    const eps = (extent.maxMs - extent.minMs) * 1e-9;
    if (
      this.window === 'all' &&
      range.minMs <= extent.minMs + eps &&
      range.maxMs >= extent.maxMs - eps
    )
      this.setFollow(true);
    else this.setManual(range.minMs, range.maxMs);
  }

  setFollow(follow: boolean): void {
    this.follow = follow;
    if (follow) this.manual = null;
    this.changed();
  }

  setWindow(window: TimeWindow): void {
    this.window = window;
    this.setFollow(true);
  }

  /** Zooms the current range about its centre (factor < 1 zooms in), never beyond the extent. */
  zoom(session: SimulationSession, fallbackSeconds: number, factor: number): void {
    const { minMs, maxMs } = this.range(session, fallbackSeconds);
    const centre = (minMs + maxMs) / 2;
    const half = ((maxMs - minMs) / 2) * factor;
    const extent = this.extent(session, fallbackSeconds);
    const next = clampRange(
      { minMs: centre - half, maxMs: centre + half },
      extent,
      minRangeMs(session),
    );
    this.showRange(next, extent);
  }

  /** Pans by a fraction of the visible width (negative: back in time), within the extent. */
  pan(session: SimulationSession, fallbackSeconds: number, fraction: number): void {
    const { minMs, maxMs } = this.range(session, fallbackSeconds);
    const shift = (maxMs - minMs) * fraction;
    const extent = this.extent(session, fallbackSeconds);
    const next = clampRange(
      { minMs: minMs + shift, maxMs: maxMs + shift },
      extent,
      minRangeMs(session),
    );
    this.showRange(next, extent);
  }

  setHover(ms: number | null): void {
    if (ms === this.hoverMs) return;
    this.hoverMs = ms;
    this.changed();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    this.listeners.forEach((l) => l());
  }
}
