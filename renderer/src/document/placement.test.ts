import { describe, expect, it } from 'vitest';
import { DEFAULT_NODE_SIZE, PLACEMENT_GAP, freePosition, readingSlot, type Box } from './placement';

const size = DEFAULT_NODE_SIZE;

function overlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

describe('freePosition', () => {
  it('keeps the wanted point (snapped to the 20 px grid) when it is free', () => {
    expect(freePosition({ x: 31, y: -49 }, size, [])).toEqual({ x: 40, y: -40 });
  });

  it('repeated adds at one point never overlap each other or what was there, and stay near it', () => {
    const taken: Box[] = [{ x: 0, y: 0, width: 176, height: 84 }];
    for (let k = 0; k < 12; k++) {
      const p = freePosition({ x: 0, y: 0 }, size, taken);
      const box = { ...p, ...size };
      for (const other of taken) expect(overlap(box, other), JSON.stringify(box)).toBe(false);
      // Within a few node sizes of the wanted point.
      expect(Math.abs(p.x)).toBeLessThanOrEqual(3 * (size.width + PLACEMENT_GAP));
      expect(Math.abs(p.y)).toBeLessThanOrEqual(3 * (size.height + PLACEMENT_GAP));
      taken.push(box);
    }
  });

  it('takes the nearest free slot: below first (the smaller step), then above, then beside', () => {
    const at = { x: 100, y: 100 };
    const first = freePosition(at, size, [{ ...at, ...size }]);
    expect(first).toEqual({ x: 100, y: 100 + 120 });
    const second = freePosition(at, size, [
      { ...at, ...size },
      { ...first, ...size },
    ]);
    expect(second).toEqual({ x: 100, y: 100 - 120 });
  });

  it('keeps a gap to a neighbour it does not overlap', () => {
    // A node 10 px right of the slot's edge: too close, so the slot is not free.
    const neighbour = { x: 190, y: 0, width: 176, height: 84 };
    const p = freePosition({ x: 0, y: 0 }, size, [neighbour]);
    expect(p).not.toEqual({ x: 0, y: 0 });
  });

  it('prefers a slot the student can see to a nearer one outside the view', () => {
    const at = { x: 0, y: 0 };
    const taken = [
      { ...at, ...size },
      { x: 0, y: 120, ...size },
    ];
    // Above is the nearest free slot, but the view starts just above the first node.
    const visible = { x: -400, y: -10, width: 1000, height: 600 };
    expect(freePosition(at, size, taken)).toEqual({ x: 0, y: -120 });
    expect(freePosition(at, size, taken, visible)).toEqual({ x: 200, y: 0 });
    // Nothing free in view: the nearest free slot after all.
    const tiny = { x: 0, y: 0, width: 180, height: 100 };
    expect(freePosition(at, size, taken, tiny)).toEqual({ x: 0, y: -120 });
  });
});

describe('readingSlot', () => {
  const view = { x: 0, y: 0, width: 900, height: 500 };

  it('fills the visible area left to right, then the next row: three clicks, three neurons in a row', () => {
    const taken: Box[] = [];
    const placed = [];
    for (let k = 0; k < 4; k++) {
      const p = readingSlot(size, taken, view);
      placed.push(p);
      taken.push({ ...p, ...size });
    }
    expect(placed.map((p) => p.y)).toEqual([0, 0, 0, 160]);
    expect(placed[1]!.x).toBeGreaterThan(placed[0]!.x + size.width);
    expect(placed[2]!.x).toBeGreaterThan(placed[1]!.x + size.width);
    expect(placed[3]!.x).toBe(0);
  });

  it('skips a slot that a synapse line or label crosses, and continues below a full view', () => {
    const line: Box = { x: 100, y: 40, width: 4, height: 4 };
    expect(readingSlot(size, [line], view)).toEqual({ x: 260, y: 0 });
    const full: Box = { x: 0, y: 0, width: 900, height: 500 };
    expect(readingSlot(size, [full], view).y).toBeGreaterThanOrEqual(500);
  });

  it('starts at the given origin (the circuit in view), not left of it', () => {
    expect(readingSlot(size, [], view, { x: 300, y: 100 })).toEqual({ x: 300, y: 100 });
  });
});
