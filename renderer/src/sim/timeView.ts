/**
 * The time axis every chart shares: the visible range (following the newest data, or where the
 * user zoomed or panned), the rolling window, and the hover time (one crosshair across all charts).
 * Lives outside React; charts read it on every redraw and subscribe to its changes.
 */
import type { SimulationSession } from './SimulationSession';

/** Rolling window in seconds, or 'all' (the whole run; for run-forever what is retained). */
export type TimeWindow = number | 'all';

export class TimeView {
  window: TimeWindow = 'all';
  /** Auto-scroll: the range follows the newest data. Zooming or panning turns it off. */
  follow = true;
  private manual: { minMs: number; maxMs: number } | null = null;
  hoverMs: number | null = null;
  private listeners = new Set<() => void>();

  /** The visible range in ms, for the session's run (or `fallbackSeconds` before any run). */
  range(session: SimulationSession, fallbackSeconds: number): { minMs: number; maxMs: number } {
    if (!this.follow && this.manual) return this.manual;
    const run = session.run;
    const durationMs = run ? run.durationSeconds * 1000 : fallbackSeconds * 1000;
    const headMs = session.stepsReceived * session.dt * 1000;
    if (this.window === 'all') {
      if (Number.isFinite(durationMs)) return { minMs: 0, maxMs: durationMs };
      const oldest = Math.max(0, headMs - 60_000);
      return { minMs: oldest, maxMs: Math.max(headMs, oldest + 1000) };
    }
    const w = this.window * 1000;
    let maxMs = Math.max(headMs, w);
    if (Number.isFinite(durationMs)) maxMs = Math.min(maxMs, Math.max(durationMs, w));
    return { minMs: maxMs - w, maxMs };
  }

  setManual(minMs: number, maxMs: number): void {
    if (!(maxMs > minMs)) return;
    this.manual = { minMs, maxMs };
    this.follow = false;
    this.changed();
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

  /** Zooms the current range about its centre (factor < 1 zooms in). */
  zoom(session: SimulationSession, fallbackSeconds: number, factor: number): void {
    const { minMs, maxMs } = this.range(session, fallbackSeconds);
    const centre = (minMs + maxMs) / 2;
    const half = ((maxMs - minMs) / 2) * factor;
    this.setManual(Math.max(0, centre - half), centre + half);
  }

  /** Pans by a fraction of the visible width (negative: back in time). */
  pan(session: SimulationSession, fallbackSeconds: number, fraction: number): void {
    const { minMs, maxMs } = this.range(session, fallbackSeconds);
    const shift = (maxMs - minMs) * fraction;
    const from = Math.max(0, minMs + shift);
    this.setManual(from, from + (maxMs - minMs));
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
