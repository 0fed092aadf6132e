/**
 * When the canvas shows its minimap. A minimap helps to find what is off-screen; when the whole
 * circuit is in view (after every fit) it only hides the nodes under it, bottom right. So by
 * default ('auto') it shows only while part of the circuit is outside the view; the Map box in the
 * canvas toolbar turns it on or off for good, and while it is on, a fit leaves room for it.
 */
import type { ReactFlowState } from '@xyflow/react';
import type { MinimapMode } from '../document/uiStore';

/** Tolerance in screen pixels: a node touching the edge is still in view. */
const EDGE_PX = 1;

/** Whether some node lies (partly) outside the visible pane. React Flow store selector. */
export function circuitOutsideView(
  state: Pick<ReactFlowState, 'transform' | 'width' | 'height' | 'nodeLookup'>,
): boolean {
  const { width, height } = state;
  if (!(width > 0) || !(height > 0)) return false;
  const [tx, ty, zoom] = state.transform;
  for (const node of state.nodeLookup.values()) {
    if (node.hidden) continue;
    const { x, y } = node.internals.positionAbsolute;
    const w = node.measured.width ?? node.width ?? 0;
    const h = node.measured.height ?? node.height ?? 0;
    if (
      x * zoom + tx < -EDGE_PX ||
      y * zoom + ty < -EDGE_PX ||
      (x + w) * zoom + tx > width + EDGE_PX ||
      (y + h) * zoom + ty > height + EDGE_PX
    )
      return true;
  }
  return false;
}

export function minimapShown(mode: MinimapMode, outside: boolean): boolean {
  return mode === 'on' || (mode === 'auto' && outside);
}
