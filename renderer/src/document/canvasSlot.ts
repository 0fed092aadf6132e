/**
 * Where the editor's actions reach the canvas: the canvas puts its bridge into the slot while it is
 * mounted (one slot, held by the app's services: run/services.tsx), and the actions that place
 * nodes, tidy or fit read it through the slot they are handed.
 */
import type { XY } from './graph';
import type { Box } from './placement';

/** What the canvas offers to the rest of the editor (set while the canvas is mounted). */
export interface CanvasBridge {
  /** The centre of the visible canvas, in flow coordinates. */
  centre(): XY;
  /** The visible canvas in flow coordinates, less the room of the toolbar and the controls. */
  visibleRect?(): Box;
  fitView(): void;
  /** Measured node sizes (for export). */
  nodeSizes(): Record<string, { width: number; height: number }>;
  /** Synapse label boxes and return-edge lanes on the canvas, in flow coordinates. */
  wiringBoxes?(): { x: number; y: number; w: number; h: number }[];
}

export class CanvasSlot {
  private current: CanvasBridge | null = null;

  /** The mounted canvas's bridge, or null while no canvas is shown. */
  get bridge(): CanvasBridge | null {
    return this.current;
  }

  /** The canvas mounts (its bridge) or unmounts (null). */
  set(bridge: CanvasBridge | null): void {
    this.current = bridge;
  }

  fitView(): void {
    this.current?.fitView();
  }

  nodeSizes(): Record<string, { width: number; height: number }> {
    return this.current?.nodeSizes() ?? {};
  }
}
