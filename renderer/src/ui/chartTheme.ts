/**
 * The charts' colours in the light and dark theme. Chart.js draws on a canvas, which CSS does not
 * reach: the charts read the theme (the root element's `data-theme`, set by Preferences) when they
 * are built, and rebuild when it changes (`useTheme`). The surface and text colours come from the
 * theme's CSS custom properties (styles.css), so the canvas matches the card around it.
 */
import type { Plugin } from 'chart.js';
import { useSyncExternalStore } from 'react';

export type ThemeName = 'light' | 'dark';

export interface ChartTheme {
  name: ThemeName;
  /** The plot's background (also the PNG export's). */
  background: string;
  /** Tick labels, axis titles, legend text. */
  text: string;
  /** Grid lines and axis borders. */
  grid: string;
  /** The shared hover line. */
  crosshair: string;
}

const FALLBACK: Record<ThemeName, Omit<ChartTheme, 'name'>> = {
  light: {
    background: '#ffffff',
    text: '#666666',
    grid: 'rgba(0, 0, 0, 0.1)',
    crosshair: '#57606a',
  },
  dark: { background: '#161b22', text: '#c9d1d9', grid: '#30363d', crosshair: '#9198a1' },
};

/** The theme the document shows now. */
export function currentTheme(): ThemeName {
  return typeof document !== 'undefined' && document.documentElement.dataset['theme'] === 'dark'
    ? 'dark'
    : 'light';
}

function cssVar(name: string): string {
  if (typeof document === 'undefined' || typeof getComputedStyle !== 'function') return '';
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

/** The chart colours for a theme, from the CSS custom properties where they are set. */
export function chartTheme(name: ThemeName = currentTheme()): ChartTheme {
  const fallback = FALLBACK[name];
  return {
    name,
    background: cssVar('--chart-bg') || fallback.background,
    text: cssVar('--chart-text') || fallback.text,
    grid: cssVar('--chart-grid') || fallback.grid,
    crosshair: cssVar('--chart-crosshair') || fallback.crosshair,
  };
}

function subscribe(onChange: () => void): () => void {
  if (typeof MutationObserver === 'undefined' || typeof document === 'undefined') return () => {};
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => observer.disconnect();
}

/** The current theme, re-rendering when Preferences (or the system, for 'system') changes it. */
export function useTheme(): ThemeName {
  return useSyncExternalStore(subscribe, currentTheme, () => 'light');
}

/**
 * A line or text colour for the theme: unchanged in the light theme; in the dark theme mixed
 * towards white (by `lighten`, 0..1) so the darkened-for-white node colours stay readable on the
 * dark surface (at least 4.5:1 at the default 0.4). Anything but `#rrggbb` is returned as is.
 */
export function themedColor<C>(color: C, theme: ThemeName, lighten = 0.4): C {
  if (theme !== 'dark' || typeof color !== 'string' || !/^#[0-9a-f]{6}$/i.test(color)) return color;
  const n = parseInt(color.slice(1), 16);
  const ch = (c: number): string =>
    Math.round(c + (255 - c) * lighten)
      .toString(16)
      .padStart(2, '0');
  return `#${ch((n >> 16) & 255)}${ch((n >> 8) & 255)}${ch(n & 255)}` as C;
}

interface AxisParts {
  ticks?: object;
  title?: object;
  grid?: object;
  border?: object;
}

/** An axis's options with the theme's colours for its ticks, title, grid and border. */
export function withAxisColors<A extends AxisParts>(axis: A, theme: ChartTheme): A {
  return {
    ...axis,
    ticks: { ...axis.ticks, color: theme.text },
    title: { ...axis.title, color: theme.text },
    grid: { ...axis.grid, color: theme.grid },
    border: { ...axis.border, color: theme.grid },
  };
}

/**
 * Fills the canvas under everything with the theme's chart background (white in the light theme),
 * so exports as PNG keep a background.
 */
export function chartBackground(theme: ChartTheme): Plugin {
  return {
    id: 'chartBackground',
    beforeDraw(chart) {
      const { ctx, width, height } = chart;
      ctx.save();
      ctx.globalCompositeOperation = 'destination-over';
      ctx.fillStyle = theme.background;
      ctx.fillRect(0, 0, width, height);
      ctx.restore();
    },
  };
}
