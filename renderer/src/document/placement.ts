/**
 * Where a node added by a click or a key goes: at the wanted point if that is free, else at the
 * nearest free slot around it, so new nodes never cover one another (a student clicking "LIF
 * neuron" three times gets three visible neurons). Slots lie on a grid of the new node's size plus
 * a gap, nearest first; positions stay on the 20 px snap grid.
 */
import type { XY } from './graph';

export interface Size {
  width: number;
  height: number;
}

export interface Box extends XY, Size {}

/** A node's box when it has not been measured yet (a neuron card, a population's stacked edge). */
export const DEFAULT_NODE_SIZE: Size = { width: 180, height: 100 };
export const DEFAULT_SCOPE_SIZE: Size = { width: 150, height: 80 };
/**
 * Where the i-th node of the document is drawn when the layout has no position for it: rows of
 * five cards. The canvas, its boxes, the diagram export and the placement of new cards agree.
 */
export function defaultNodePosition(index: number): XY {
  return { x: (index % 5) * 240, y: Math.floor(index / 5) * 160 };
}
/** Room kept between a new node and its neighbours. */
export const PLACEMENT_GAP = 20;
const GRID = 20;
const MAX_RINGS = 40;

function overlaps(a: Box, b: Box, gap: number): boolean {
  return (
    a.x < b.x + b.width + gap &&
    b.x < a.x + a.width + gap &&
    a.y < b.y + b.height + gap &&
    b.y < a.y + a.height + gap
  );
}

/** Whether a box of `size` at `at` keeps `gap` clear of every box in `taken`. */
export function isFreeAt(at: XY, size: Size, taken: readonly Box[], gap = PLACEMENT_GAP): boolean {
  return !taken.some((b) => overlaps({ ...at, ...size }, b, gap));
}

const snap = (v: number): number => Math.round(v / GRID) * GRID;

const contains = (outer: Box, inner: Box): boolean =>
  inner.x >= outer.x &&
  inner.y >= outer.y &&
  inner.x + inner.width <= outer.x + outer.width &&
  inner.y + inner.height <= outer.y + outer.height;

/**
 * The free position nearest `at` (the top-left corner wanted) for a node of `size`, among the
 * slots of a grid of size + gap around it. A slot wholly inside `visible` (the part of the canvas
 * the student sees) is preferred to a nearer one outside it, up to two rings further out. Falls
 * back to `at` when nothing is free nearby.
 */
export function freePosition(
  at: XY,
  size: Size,
  taken: readonly Box[],
  visible?: Box,
  gap = PLACEMENT_GAP,
): XY {
  const start = { x: snap(at.x), y: snap(at.y) };
  const stepX = Math.ceil((size.width + gap) / GRID) * GRID;
  const stepY = Math.ceil((size.height + gap) / GRID) * GRID;
  const isFree = (p: XY): boolean => isFreeAt(p, size, taken, gap);
  const isSeen = (p: XY): boolean => !visible || contains(visible, { ...p, ...size });
  let nearest: { at: XY; ring: number } | null = null;
  for (let ring = 0; ring <= MAX_RINGS; ring++) {
    if (nearest && ring > nearest.ring + 2) break;
    const candidates: XY[] = [];
    for (let i = -ring; i <= ring; i++) {
      for (let j = -ring; j <= ring; j++) {
        if (Math.max(Math.abs(i), Math.abs(j)) !== ring) continue;
        candidates.push({ x: start.x + i * stepX, y: start.y + j * stepY });
      }
    }
    // Nearest first; on ties, right of and below the point before left and above (reading order).
    candidates.sort(
      (a, b) =>
        Math.hypot(a.x - start.x, a.y - start.y) - Math.hypot(b.x - start.x, b.y - start.y) ||
        b.x - a.x ||
        b.y - a.y,
    );
    for (const p of candidates) {
      if (!isFree(p)) continue;
      if (isSeen(p)) return p;
      nearest ??= { at: p, ring };
    }
  }
  return nearest?.at ?? start;
}

/** Room between slots of the reading order: a synapse label fits between two cards. */
export const SLOT_GAP = { x: 80, y: 60 };
const MAX_ROWS = 60;

/**
 * The first free slot in reading order (left to right as far as the visible area reaches, then the
 * next row down) from `origin` (default: the visible area's top-left corner), for a node added
 * without a drop point (a palette click or a key): predictable, and clear of every box in `taken`
 * (cards, labels, lines) by `gap`. Rows continue below the view when it is full (the caller then
 * brings the new card into view).
 */
export function readingSlot(
  size: Size,
  taken: readonly Box[],
  visible: Box,
  origin?: XY,
  gap = PLACEMENT_GAP,
): XY {
  const stepX = Math.ceil((size.width + SLOT_GAP.x) / GRID) * GRID;
  const stepY = Math.ceil((size.height + SLOT_GAP.y) / GRID) * GRID;
  const x0 = Math.ceil((origin ?? visible).x / GRID) * GRID;
  const y0 = Math.ceil((origin ?? visible).y / GRID) * GRID;
  const right = Math.max(x0 + size.width, visible.x + visible.width);
  for (let row = 0; row < MAX_ROWS; row++)
    for (let x = x0; x + size.width <= right; x += stepX) {
      const box = { x, y: y0 + row * stepY, ...size };
      if (!taken.some((b) => overlaps(box, b, gap))) return { x, y: box.y };
    }
  return { x: x0, y: y0 + MAX_ROWS * stepY };
}
