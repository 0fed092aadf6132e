/** The window's size and position, remembered between runs (a JSON file in userData). */
import { z } from 'zod';
import { JsonStore } from '../services/files/jsonStore';

const boundsSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(400).max(20000),
  height: z.number().int().min(300).max(20000),
  maximized: z.boolean().default(false),
});
export type WindowState = z.infer<typeof boundsSchema>;

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 820, maximized: false };

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The saved state, made safe for the displays there are now: a window whose title bar would be
 * off every screen (a monitor was unplugged) keeps its size but lets the OS place it, and a window
 * larger than the largest screen shrinks to it.
 */
export function fitToDisplays(state: WindowState, workAreas: readonly Rect[]): WindowState {
  if (workAreas.length === 0) return state;
  const maxW = Math.max(...workAreas.map((a) => a.width));
  const maxH = Math.max(...workAreas.map((a) => a.height));
  const out: WindowState = {
    ...state,
    width: Math.min(state.width, maxW),
    height: Math.min(state.height, maxH),
  };
  if (state.x === undefined || state.y === undefined) return out;
  const { x, y } = state;
  // The title bar: the top 40 px of the window, at least 100 px of it visible somewhere.
  const visible = workAreas.some((a) => {
    const w = Math.min(x + out.width, a.x + a.width) - Math.max(x, a.x);
    const h = Math.min(y + 40, a.y + a.height) - Math.max(y, a.y);
    return w >= 100 && h >= 20;
  });
  if (!visible) {
    delete out.x;
    delete out.y;
  }
  return out;
}

export class WindowStateStore {
  private readonly store: JsonStore<typeof boundsSchema>;

  constructor(file: string) {
    this.store = new JsonStore(file, boundsSchema);
  }

  async load(workAreas: readonly Rect[]): Promise<WindowState> {
    return fitToDisplays((await this.store.read()) ?? DEFAULT_WINDOW_STATE, workAreas);
  }

  save(bounds: Rect, maximized: boolean): Promise<void> {
    return this.store.write({
      x: Math.round(bounds.x),
      y: Math.round(bounds.y),
      width: Math.max(400, Math.round(bounds.width)),
      height: Math.max(300, Math.round(bounds.height)),
      maximized,
    });
  }
}
