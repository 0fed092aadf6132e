import { describe, expect, it } from 'vitest';
import { bezierPoint, labelBoxes, planWiring, wiringExtents, type Box } from './wiring';

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

const triangle = new Map<string, Box>([
  ['A', { x: 0, y: 0, w: 180, h: 84 }],
  ['B', { x: 0, y: 220, w: 180, h: 84 }],
  ['C', { x: 420, y: 110, w: 180, h: 84 }],
]);
const six = [
  ['A', 'B'],
  ['B', 'A'],
  ['A', 'C'],
  ['C', 'A'],
  ['B', 'C'],
  ['C', 'B'],
].map(([s, t]) => ({ id: `w${t}${s}`, source: s!, target: t!, labelW: 110, labelH: 19 }));

describe('wiring plan', () => {
  it('the bezier runs from handle to handle through the midpoint', () => {
    expect(bezierPoint(0, 0, 100, 50, 0)).toEqual({ x: 0, y: 0 });
    expect(bezierPoint(0, 0, 100, 50, 1)).toEqual({ x: 100, y: 50 });
    expect(bezierPoint(0, 0, 100, 50, 0.5)).toEqual({ x: 50, y: 25 });
  });

  it('places the six labels of a mutually connected triangle clear of the cards and of each other', () => {
    const plan = planWiring(triangle, six);
    const labels = [...labelBoxes(triangle, six, plan).values()];
    expect(labels).toHaveLength(6);
    const all = [...triangle.values(), ...labels];
    for (let i = 0; i < all.length; i++)
      for (let j = i + 1; j < all.length; j++) expect(overlaps(all[i]!, all[j]!)).toBe(false);
    // Return edges run in lanes of their own, under the cards.
    const lanes = six.map((e) => plan.get(e.id)!.loopY).filter((y): y is number => y !== null);
    expect(new Set(lanes).size).toBe(lanes.length);
    for (const y of lanes) expect(y).toBeGreaterThan(220 + 84);
    expect(wiringExtents(triangle, six, plan).length).toBe(6 + lanes.length);
  });

  it('a self-loop runs over the top of its node', () => {
    const boxes = new Map([['E', { x: 0, y: 0, w: 180, h: 84 }]]);
    const plan = planWiring(boxes, [
      { id: 'wEE', source: 'E', target: 'E', labelW: 90, labelH: 19 },
    ]);
    expect(plan.get('wEE')!.loopY).toBeLessThan(0);
  });
});
