import { describe, expect, it } from 'vitest';
import type { NetworkDocument } from '../../../shared/document/model';
import { estimateLabelSize, pairText } from '../document/edgeLabel';
import {
  bezierPoint,
  handleY,
  labelBoxes,
  planWiring,
  routePoints,
  wiringExtents,
  type Box,
  type LabelPlacement,
  type WiringEdge,
} from './wiring';

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

type Point = { x: number; y: number };

function pointsOf(
  boxes: ReadonlyMap<string, Box>,
  e: WiringEdge,
  plan: ReadonlyMap<string, LabelPlacement>,
): Point[] {
  const a = boxes.get(e.source)!;
  const b = boxes.get(e.target)!;
  return routePoints(
    a.x + a.w,
    handleY(a),
    b.x,
    handleY(b),
    e.source === e.target,
    plan.get(e.id)!.loopY,
    plan.get(e.id)!.reach,
  );
}

/** Routes that pass through a card (the handles' first and last steps aside). */
function cardsCrossed(
  boxes: ReadonlyMap<string, Box>,
  edges: readonly WiringEdge[],
  plan: ReadonlyMap<string, LabelPlacement>,
): string[] {
  const out: string[] = [];
  for (const e of edges) {
    const points = pointsOf(boxes, e, plan).slice(1, -1);
    for (const [id, c] of boxes)
      if (points.some((p) => p.x > c.x && p.x < c.x + c.w && p.y > c.y && p.y < c.y + c.h))
        out.push(`${e.id} through ${id}`);
  }
  return out;
}

function cross(a: Point, b: Point, c: Point, d: Point): boolean {
  const side = (p: Point, q: Point, r: Point) =>
    Math.sign((q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x));
  return side(a, b, c) * side(a, b, d) < 0 && side(c, d, a) * side(c, d, b) < 0;
}

/** Pairs of routes that cross away from their handles. */
function routeCrossings(
  boxes: ReadonlyMap<string, Box>,
  edges: readonly WiringEdge[],
  plan: ReadonlyMap<string, LabelPlacement>,
): string[] {
  const out: string[] = [];
  const routes = edges.map((e) => pointsOf(boxes, e, plan).slice(2, -2));
  for (let i = 0; i < edges.length; i++)
    for (let j = i + 1; j < edges.length; j++) {
      const [p, q] = [routes[i]!, routes[j]!];
      let hit = false;
      for (let a = 1; a < p.length && !hit; a++)
        for (let b = 1; b < q.length && !hit; b++) hit = cross(p[a - 1]!, p[a]!, q[b - 1]!, q[b]!);
      if (hit) out.push(`${edges[i]!.id} × ${edges[j]!.id}`);
    }
  return out;
}

describe('wiring plan', () => {
  it('routes the six synapses of three cards in a row (as clicked in) behind none of the cards', () => {
    const row = new Map<string, Box>([
      ['A', { x: 0, y: 0, w: 180, h: 84 }],
      ['B', { x: 240, y: 0, w: 180, h: 84 }],
      ['C', { x: 480, y: 0, w: 180, h: 84 }],
    ]);
    const plan = planWiring(row, six);
    expect(cardsCrossed(row, six, plan)).toEqual([]);
    // A -> C would run straight through B: it takes a lane instead.
    expect(plan.get('wCA')!.loopY).not.toBeNull();
  });

  it('the bow of a return edge does not run down through its own target just below the source', () => {
    const boxes = new Map<string, Box>([
      ['A', { x: 0, y: 0, w: 180, h: 84 }],
      ['C', { x: 170, y: 160, w: 180, h: 84 }],
    ]);
    const edges = [
      ['A', 'C'],
      ['C', 'A'],
    ].map(([s, t]) => ({ id: `w${t}${s}`, source: s!, target: t!, labelW: 110, labelH: 19 }));
    expect(cardsCrossed(boxes, edges, planWiring(boxes, edges))).toEqual([]);
  });

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
    // Return edges run in lanes of their own, under or over all the cards, through none.
    const lanes = six.map((e) => plan.get(e.id)!.loopY).filter((y): y is number => y !== null);
    expect(new Set(lanes).size).toBe(lanes.length);
    for (const y of lanes) expect(y > 220 + 84 || y < 0).toBe(true);
    expect(cardsCrossed(triangle, six, plan)).toEqual([]);
    expect(wiringExtents(triangle, six, plan).length).toBe(6 + lanes.length);
  });

  it('the winner-take-all triangle: each return edge curves round the outside, opposite its forward edge, through no card and crossing no other route', () => {
    // examples/winner-take-all.neuro: A on top, B and C below it to the left and right.
    const wta = new Map<string, Box>([
      ['A', { x: 220, y: 0, w: 180, h: 84 }],
      ['B', { x: 0, y: 300, w: 180, h: 84 }],
      ['C', { x: 440, y: 300, w: 180, h: 84 }],
    ]);
    const plan = planWiring(wta, six);
    // A->B and C->A go over A, C->B under B and C; the forward edges are beziers inside.
    expect(plan.get('wBA')!.loopY).toBeLessThan(0);
    expect(plan.get('wAC')!.loopY).toBeLessThan(0);
    expect(plan.get('wBC')!.loopY).toBeGreaterThan(384);
    for (const id of ['wCA', 'wAB', 'wCB']) expect(plan.get(id)!.loopY).toBeNull();
    expect(cardsCrossed(wta, six, plan)).toEqual([]);
    // Reciprocal pairs never cross; at most the two lanes over A meet once.
    const crossings = routeCrossings(wta, six, plan);
    for (const [s, t] of [
      ['A', 'B'],
      ['A', 'C'],
      ['B', 'C'],
    ])
      for (const pair of [`w${t}${s} × w${s}${t}`, `w${s}${t} × w${t}${s}`])
        expect(crossings).not.toContain(pair);
    expect(crossings.length).toBeLessThanOrEqual(1);
    const labels = [...labelBoxes(wta, six, plan).values()];
    const all = [...wta.values(), ...labels];
    for (let i = 0; i < all.length; i++)
      for (let j = i + 1; j < all.length; j++) expect(overlaps(all[i]!, all[j]!)).toBe(false);
  });

  it('a self-loop runs over the top of its node', () => {
    const boxes = new Map([['E', { x: 0, y: 0, w: 180, h: 84 }]]);
    const plan = planWiring(boxes, [
      { id: 'wEE', source: 'E', target: 'E', labelW: 90, labelH: 19 },
    ]);
    expect(plan.get('wEE')!.loopY).toBeLessThan(0);
  });

  it('a winner-take-all’s labels, each naming its direction on a first line (taller), stay apart and clear of the cards', () => {
    // "A → B" over "w -0.05 τs 5 ms": 32 px tall, wider than estimateLabelSize's 108 px.
    const tall = six.map((e) => ({ ...e, labelW: 118, labelH: 32 }));
    for (const boxes of [
      triangle,
      new Map<string, Box>([
        ['A', { x: 220, y: 0, w: 180, h: 84 }],
        ['B', { x: 0, y: 300, w: 180, h: 84 }],
        ['C', { x: 440, y: 300, w: 180, h: 84 }],
      ]),
    ]) {
      const plan = planWiring(boxes, tall);
      const all = [...boxes.values(), ...labelBoxes(boxes, tall, plan).values()];
      for (let i = 0; i < all.length; i++)
        for (let j = i + 1; j < all.length; j++) expect(overlaps(all[i]!, all[j]!)).toBe(false);
    }
  });
});

describe('reciprocal pairs', () => {
  const lif = (id: string, label?: string) =>
    ({ id, kind: 'neuron', model: 'lif', ...(label ? { label } : {}) }) as never;
  const edge = (s: string, t: string) =>
    ({ id: `w${t}${s}`, source: s, target: t, weight: -0.05, synapse: { tauS: 0.005 } }) as never;
  const doc = {
    nodes: [lif('A', 'left'), lif('B'), lif('C')],
    edges: [edge('A', 'B'), edge('B', 'A'), edge('A', 'C'), edge('C', 'C')],
  } as unknown as NetworkDocument;

  it('name their direction by node names; a lone edge and a self-loop do not', () => {
    expect(pairText(doc, doc.edges[0]!)).toBe('left → B');
    expect(pairText(doc, doc.edges[1]!)).toBe('B → left');
    expect(pairText(doc, doc.edges[2]!)).toBeNull();
    expect(pairText(doc, doc.edges[3]!)).toBeNull();
  });

  it('get a taller label, one line more, and at least as wide as the direction', () => {
    const lone = estimateLabelSize(doc, doc.edges[2]!);
    const pair = estimateLabelSize(doc, doc.edges[0]!);
    expect(lone.height).toBe(19);
    expect(pair.height).toBe(32);
    expect(pair.width).toBeGreaterThanOrEqual(lone.width);
  });
});
