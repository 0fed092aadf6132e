/**
 * Live state on the canvas's nodes while a run streams (issue 5): each neuron node is tinted by its
 * level (shared/sim/liveState.ts: 0 at reset or rest, 1 at threshold; below 0 blue), a meter (one
 * neuron) or a strip of cells (a population) shows it, and a node flashes when it spikes.
 *
 * No React renders per sample: nodes hand their root element to the painter (`attach`), and one
 * requestAnimationFrame loop for all nodes writes CSS variables and data-* attributes, only what
 * changed. The loop runs when the SimulationSession has new data or a flash is fading, and stops
 * otherwise. When the session is cleared (Reset, a new circuit) every node drops its live state.
 *
 * The data-* attributes (`data-live-v`, `data-live-level`, `data-live-spikes`, `data-live-flash`)
 * say what is drawn, for tests and for anyone inspecting the page.
 */
import { createContext } from 'react';
import { LIVE_CELLS, type NodeLiveState } from '../../../shared/sim/liveState';
import type { SimulationSession } from './SimulationSession';

/** How long a spike flash takes to fade (wall clock). */
export const FLASH_MS = 220;
/** Spike colour of a population's cell (the node's own flash is a ring, see liveNodes.css). */
export const SPIKE_CELL_COLOR: Rgb = [250, 204, 21];
/**
 * A population (or a cell of several neurons) flashes in proportion to the fraction of its neurons
 * that spiked since the last animation frame, times this gain, between MIN_FLASH and 1: a busy
 * network glows steadily instead of blinking at full strength all the time.
 */
const POPULATION_FLASH_GAIN = 5;
const MIN_FLASH = 0.25;

/** Flash strength of `spikes` new spikes among `neurons` neurons. */
export function flashStrength(spikes: number, neurons: number): number {
  if (spikes <= 0) return 0;
  if (neurons <= 1) return 1;
  return Math.min(1, Math.max(MIN_FLASH, (spikes / neurons) * POPULATION_FLASH_GAIN));
}

export type Rgb = readonly [number, number, number];

/** Tint by level: blue below reset/rest, white at it, peach to tomato red at threshold. */
export const LIVE_RAMP: ReadonlyArray<readonly [number, Rgb]> = [
  [-1, [96, 165, 250]],
  [-0.5, [191, 219, 254]],
  [0, [255, 255, 255]],
  [0.4, [255, 228, 204]],
  [0.75, [253, 171, 125]],
  [1, [244, 106, 75]],
];

function hex(rgb: Rgb): string {
  return `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

function mix(a: Rgb, b: Rgb, f: number): Rgb {
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f];
}

function rampRgb(level: number): Rgb {
  if (!Number.isFinite(level)) return [255, 255, 255];
  const first = LIVE_RAMP[0]!;
  const last = LIVE_RAMP[LIVE_RAMP.length - 1]!;
  if (level <= first[0]) return first[1];
  if (level >= last[0]) return last[1];
  let k = 1;
  while (LIVE_RAMP[k]![0] < level) k++;
  const [l0, c0] = LIVE_RAMP[k - 1]!;
  const [l1, c1] = LIVE_RAMP[k]!;
  return mix(c0, c1, (level - l0) / (l1 - l0));
}

/** The tint of a level (clamped to the ramp's ends; NaN is white). */
export function liveColor(level: number): string {
  return hex(rampRgb(level));
}

/** The ramp as a CSS gradient over levels [from, to] (the legend's bar). */
export function liveGradient(from = -0.5, to = 1): string {
  const stops = LIVE_RAMP.filter(([l]) => l > from && l < to).map(
    ([l, c]) => `${hex(c)} ${(((l - from) / (to - from)) * 100).toFixed(1)}%`,
  );
  return `linear-gradient(90deg, ${liveColor(from)} 0%, ${stops.join(', ')}, ${liveColor(to)} 100%)`;
}

/**
 * A population's cells as hard-stop gradient segments, each the tint of its level mixed towards
 * SPIKE_CELL_COLOR by its flash (0..1).
 */
export function cellsGradient(levels: ArrayLike<number>, flashes?: ArrayLike<number>): string {
  const n = levels.length;
  if (n === 0) return 'none';
  const parts: string[] = [];
  for (let c = 0; c < n; c++) {
    const tint = rampRgb(quantise(levels[c]!));
    const flash = flashes?.[c] ?? 0;
    const color = hex(flash > 0 ? mix(tint, SPIKE_CELL_COLOR, flash) : tint);
    const a = ((c / n) * 100).toFixed(2);
    const b = (((c + 1) / n) * 100).toFixed(2);
    parts.push(`${color} ${a}% ${b}%`);
  }
  return `linear-gradient(90deg, ${parts.join(', ')})`;
}

/** Levels are drawn in steps of 1/100: finer changes are invisible and would only cost writes. */
function quantise(level: number): number {
  return Math.round(level * 100) / 100;
}

/** The value as the node's data-live-v and tooltip show it (4 significant digits). */
export function formatLiveValue(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(4))) : 'NaN';
}

const SCALE_TEXT: Record<NodeLiveState['variable'], string> = {
  v: 'v (LIF): 0 at reset, 1 at threshold',
  V: 'V (HH, mV): rest −65 mV to the spike threshold',
  y: 'y (rate): the activation output',
};

/** The tooltip of a live node. */
export function liveTooltip(state: NodeLiveState, size: number): string {
  const unit = state.variable === 'V' ? ' mV' : '';
  const what = size > 1 ? `mean ${state.variable} of ${size}` : state.variable;
  return `${what} = ${formatLiveValue(state.mean)}${unit}\ncolour: ${SCALE_TEXT[state.variable]}`;
}

/** What was last written to one node's element (so a paint writes only what changed). */
interface Painted {
  state: NodeLiveState | null;
  level: number;
  cells: string;
  spikes: number;
  flash: number;
  title: string;
}

/** Spikes seen per node: the total and, for a population, per cell; when each flash began. */
interface SeenSpikes {
  total: number;
  flashAt: number;
  flashPeak: number;
  cellCounts: Float64Array;
  cellFlashAt: Float64Array;
  cellFlashPeak: Float64Array;
}

export class LiveNodePainter {
  private readonly targets = new Map<string, HTMLElement>();
  private readonly painted = new Map<string, Painted>();
  private readonly seen = new Map<string, SeenSpikes>();
  private generation = -1;
  private frame = 0;
  private dataChanged = true;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly session: SimulationSession,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Starts following the session; returns the stop function. */
  start(): () => void {
    this.unsubscribe = this.session.subscribe(() => {
      this.dataChanged = true;
      this.schedule();
    });
    this.schedule();
    return () => this.stop();
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  /** A node's root element (null when it unmounts). Painted on the next animation frame. */
  attach(nodeId: string, element: HTMLElement | null): void {
    if (element) {
      this.targets.set(nodeId, element);
      this.painted.delete(nodeId);
      this.schedule();
    } else {
      this.targets.delete(nodeId);
      this.painted.delete(nodeId);
    }
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      if (this.paint()) this.schedule();
    });
  }

  /** One animation frame: returns true while a flash is still fading. */
  paint(): boolean {
    const session = this.session;
    const now = this.now();
    if (session.generation !== this.generation) {
      this.generation = session.generation;
      this.seen.clear();
      for (const [id, el] of this.targets) clearLive(el, this.painted.get(id));
      this.painted.clear();
      this.dataChanged = true;
    }
    if (this.dataChanged) {
      this.dataChanged = false;
      this.collectSpikes(now);
    }
    let fading = false;
    for (const [id, el] of this.targets) {
      if (this.paintNode(id, el, now)) fading = true;
    }
    return fading;
  }

  /** New spikes since the last frame start (or restart) a node's and its cells' flashes. */
  private collectSpikes(now: number): void {
    for (const [id, store] of this.session.spikes) {
      const cells = Math.min(Math.max(1, store.size), LIVE_CELLS);
      let seen = this.seen.get(id);
      if (!seen || seen.cellCounts.length !== cells) {
        seen = {
          total: 0,
          flashAt: -Infinity,
          flashPeak: 0,
          cellCounts: new Float64Array(cells),
          cellFlashAt: new Float64Array(cells).fill(-Infinity),
          cellFlashPeak: new Float64Array(cells),
        };
        this.seen.set(id, seen);
      }
      if (store.total === seen.total) continue;
      const size = Math.max(1, store.size);
      seen.flashPeak = flashStrength(store.total - seen.total, size);
      seen.flashAt = now;
      seen.total = store.total;
      if (cells === 1) continue;
      for (let c = 0; c < cells; c++) {
        const from = Math.floor((c * size) / cells);
        const to = Math.floor(((c + 1) * size) / cells);
        let sum = 0;
        for (let i = from; i < to; i++) sum += store.counts[i] ?? 0;
        if (sum !== seen.cellCounts[c]) {
          seen.cellFlashPeak[c] = flashStrength(sum - seen.cellCounts[c]!, to - from);
          seen.cellFlashAt[c] = now;
          seen.cellCounts[c] = sum;
        }
      }
    }
  }

  private paintNode(id: string, el: HTMLElement, now: number): boolean {
    const state = this.session.live.get(id) ?? null;
    const seen = this.seen.get(id);
    if (!state && !seen) return false;
    let prev = this.painted.get(id);
    if (!prev) {
      prev = { state: null, level: NaN, cells: '', spikes: -1, flash: -1, title: '' };
      this.painted.set(id, prev);
      el.setAttribute('data-live', state ? 'state' : 'spikes');
    }
    const style = el.style;
    if (state && state !== prev.state) {
      if (!prev.state) el.setAttribute('data-live', 'state');
      prev.state = state;
      const level = quantise(state.level);
      el.setAttribute('data-live-v', formatLiveValue(state.mean));
      el.setAttribute('data-live-level', Number.isFinite(level) ? level.toFixed(2) : 'NaN');
      if (level !== prev.level) {
        prev.level = level;
        style.setProperty('--live-bg', liveColor(level));
        style.setProperty('--live-meter', String(Math.max(0, Math.min(1, level))));
      }
      const size = el.getAttribute('data-size');
      const title = liveTooltip(state, size ? Number(size) : 1);
      if (title !== prev.title) {
        prev.title = title;
        el.title = title;
      }
    }
    let fading = false;
    if (seen) {
      if (seen.total !== prev.spikes) {
        prev.spikes = seen.total;
        el.setAttribute('data-live-spikes', String(seen.total));
      }
      const flash = fade(now - seen.flashAt, seen.flashPeak);
      if (flash !== prev.flash) {
        prev.flash = flash;
        style.setProperty('--live-flash', String(flash));
        if (flash > 0) el.setAttribute('data-live-flash', 'on');
        else el.removeAttribute('data-live-flash');
      }
      if (flash > 0) fading = true;
    }
    if (state && state.cells.length > 1) {
      let flashes: number[] | undefined;
      if (seen && seen.cellFlashAt.length === state.cells.length) {
        flashes = Array.from(seen.cellFlashAt, (at, c) => fade(now - at, seen.cellFlashPeak[c]!));
        if (flashes.some((f) => f > 0)) fading = true;
      }
      const cells = cellsGradient(state.cells, flashes);
      if (cells !== prev.cells) {
        prev.cells = cells;
        style.setProperty('--live-cells', cells);
      }
    }
    return fading;
  }
}

/** Flash after `elapsedMs`: `peak` at the spike, 0 after FLASH_MS (in steps of 1/20). */
export function fade(elapsedMs: number, peak = 1): number {
  if (!(elapsedMs < FLASH_MS)) return 0;
  return Math.round(peak * (1 - Math.max(0, elapsedMs) / FLASH_MS) * 20) / 20;
}

const LIVE_ATTRIBUTES = [
  'data-live',
  'data-live-v',
  'data-live-level',
  'data-live-spikes',
  'data-live-flash',
];
const LIVE_PROPERTIES = ['--live-bg', '--live-meter', '--live-flash', '--live-cells'];

function clearLive(el: HTMLElement, painted: Painted | undefined): void {
  for (const a of LIVE_ATTRIBUTES) el.removeAttribute(a);
  for (const p of LIVE_PROPERTIES) el.style.removeProperty(p);
  if (painted?.title) el.removeAttribute('title');
}

/** The canvas provides its painter to the node components (null: no live data, e.g. in tests). */
export const LivePainterContext = createContext<LiveNodePainter | null>(null);
