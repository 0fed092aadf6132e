/**
 * Where synapses run and where their labels sit (issue 15, item 2), for the canvas and the
 * exported diagram alike. Pure geometry in flow coordinates, no React.
 *
 * Outputs sit on the right of a node and inputs on the left. A forward edge (target right of
 * source) is React Flow's bezier (control points half the horizontal distance out). A backward
 * edge runs in a lane under or over every node between its ends, a self-loop over the top of its
 * node; each such route gets its own lane, so two of them never share a line or a label spot.
 * A backward edge takes the side where its route crosses fewer cards and runs along fewer of the
 * routes already drawn: in a mutually connected triangle the return edge of a reciprocal pair
 * curves round the outside, opposite its forward edge, instead of back through the middle.
 *
 * Labels: each edge's label is tried at points along its route (the middle first, then out towards
 * the ends, then just above and below the line) and takes the first spot where its box overlaps no
 * node, scope or label placed before it and covers no other edge's line; when there is none, the
 * spot overlapping least.
 */

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface WiringEdge {
  id: string;
  source: string;
  target: string;
  /** The label's size (measured on the canvas, or estimated). */
  labelW: number;
  labelH: number;
}

/** Where an edge's label sits on its route; `loopY`: the lane of a routed-around edge. */
export interface LabelPlacement {
  /** Forward edges: the bezier parameter of the label's anchor. */
  t: number;
  /** Offset of the label's centre from its anchor (px). */
  ox: number;
  oy: number;
  /** Backward edges and self-loops: the y of the lane they run along (null: a forward bezier). */
  loopY: number | null;
  /** How far the lane's bows reach sideways (px; LOOP_REACH when absent), wider to clear a card. */
  reach?: number;
}

/** Size of a synapse's end marker (px, whatever the line's width), on the canvas and in exports. */
export const MARKER_PX = 16;
/** The excitatory arrow in the marker's 10×10 box (its tip at x 10). */
export const ARROW_PATH = 'M0,0 L10,5 L0,10 z';
/** The inhibitory bar (tee) in the marker's 10×10 box: 4 of 10 wide, so it reads as a bar. */
export const TEE_RECT = { x: 5, y: 0, width: 4, height: 10 } as const;

/**
 * Where a node card's handles sit: this far below the card's top (px), beside its name, not at
 * the middle of its side. A card grows downwards (a bias line, chips, a warning) and a handle at
 * the middle moved with it, under the student's pointer and its wires (issue 15). The canvas's CSS
 * (editor.css, .circuit-handle) places the handles here; scopes keep theirs at the middle.
 */
export const HANDLE_Y = 38;

/** The y of a node card's handles (HANDLE_Y below its top). */
export function handleY(box: Box): number {
  return box.y + HANDLE_Y;
}

/** How far a routed-around edge leaves its handles sideways (px). */
export const LOOP_REACH = 56;
/** Gap between a lane and the nodes it passes (px), besides half a label's height. */
const LANE_GAP = 18;
/** Room kept around each label and node (px). */
const MARGIN = 4;

/** True when this edge runs around its nodes (a self-loop, or its target left of its source). */
export function isAround(sx: number, tx: number, selfLoop: boolean): boolean {
  return selfLoop || tx < sx;
}

/** A point of the forward bezier (React Flow's getBezierPath, Right -> Left handles). */
export function bezierPoint(
  sx: number,
  sy: number,
  tx: number,
  ty: number,
  t: number,
): { x: number; y: number } {
  const off = 0.5 * Math.max(0, tx - sx);
  const c1x = sx + off;
  const c2x = tx - off;
  const u = 1 - t;
  const a = u * u * u;
  const b = 3 * u * u * t;
  const c = 3 * u * t * t;
  const d = t * t * t;
  return { x: a * sx + b * c1x + c * c2x + d * tx, y: a * sy + b * sy + c * ty + d * ty };
}

/**
 * The SVG path of a routed-around edge along the lane at `y`: out of the source's handle in a bow
 * that comes back to the lane under (or over) the handle, straight along the lane, and a bow into
 * the target's handle. The bows stay outside the cards (a single curve to the lane's middle cut
 * the corners of the end cards).
 */
export function aroundPath(
  sx: number,
  sy: number,
  tx: number,
  ty: number,
  y: number,
  reach = LOOP_REACH,
): string {
  return (
    `M ${sx},${sy} C ${sx + reach},${sy} ${sx + reach},${y} ${sx},${y}` +
    ` L ${tx},${y} C ${tx - reach},${y} ${tx - reach},${ty} ${tx},${ty}`
  );
}

/** The forward bezier's SVG path (as React Flow draws it). */
export function forwardPath(sx: number, sy: number, tx: number, ty: number): string {
  const off = 0.5 * Math.max(0, tx - sx);
  return `M${sx},${sy} C${sx + off},${sy} ${tx - off},${ty} ${tx},${ty}`;
}

interface Point {
  x: number;
  y: number;
}

function cubic(p0: Point, p1: Point, p2: Point, p3: Point, t: number): Point {
  const u = 1 - t;
  const a = u * u * u;
  const b = 3 * u * u * t;
  const c = 3 * u * t * t;
  const d = t * t * t;
  return {
    x: a * p0.x + b * p1.x + c * p2.x + d * p3.x,
    y: a * p0.y + b * p1.y + c * p2.y + d * p3.y,
  };
}

const SAMPLES = 24;

/** Points along a route (as `routeOf` draws it), for costs and tests. */
export function routePoints(
  sx: number,
  sy: number,
  tx: number,
  ty: number,
  selfLoop: boolean,
  loopY: number | null,
  reach = LOOP_REACH,
): Point[] {
  const out: Point[] = [];
  if (loopY === null) {
    for (let i = 0; i <= SAMPLES; i++) out.push(bezierPoint(sx, sy, tx, ty, i / SAMPLES));
    return out;
  }
  const bow = SAMPLES / 3;
  for (let i = 0; i <= bow; i++)
    out.push(
      cubic(
        { x: sx, y: sy },
        { x: sx + reach, y: sy },
        { x: sx + reach, y: loopY },
        { x: sx, y: loopY },
        i / bow,
      ),
    );
  for (let i = 1; i < bow; i++) out.push({ x: sx + ((tx - sx) * i) / bow, y: loopY });
  for (let i = 0; i <= bow; i++)
    out.push(
      cubic(
        { x: tx, y: loopY },
        { x: tx - reach, y: loopY },
        { x: tx - reach, y: ty },
        { x: tx, y: ty },
        i / bow,
      ),
    );
  return out;
}

/** Within this distance (px) two routes' points count as running along each other. */
const NEAR = 10;
/** Beyond this many edges, routes are not weighed against each other (the cost grows as n²). */
const MAX_WEIGHED_EDGES = 120;

/** A route's points and the box around them (to skip far routes quickly). */
export interface Route {
  points: Point[];
  box: Box;
}

function routeOfPoints(points: Point[]): Route {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of points) {
    x0 = Math.min(x0, p.x);
    y0 = Math.min(y0, p.y);
    x1 = Math.max(x1, p.x);
    y1 = Math.max(y1, p.y);
  }
  return { points, box: { x: x0, y: y0, w: x1 - x0, h: y1 - y0 } };
}

function boxesMeet(a: Box, b: Box, margin: number): boolean {
  return (
    a.x - margin < b.x + b.w &&
    b.x - margin < a.x + a.w &&
    a.y - margin < b.y + b.h &&
    b.y - margin < a.y + a.h
  );
}

function distanceToSegment(p: Point, a: Point, b: Point): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length2 = dx * dx + dy * dy;
  const t =
    length2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / length2));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

function side(a: Point, b: Point, c: Point): number {
  return Math.sign((b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x));
}

function segmentsCross(a: Point, b: Point, c: Point, d: Point): boolean {
  return side(a, b, c) * side(a, b, d) < 0 && side(c, d, a) * side(c, d, b) < 0;
}

/**
 * What a route costs: its points inside cards other than its own ends (heavily), each crossing of
 * a route already drawn, and each of its points running along one (within NEAR); the steps at
 * its ends sit on the handles, shared with other edges, and are not counted.
 */
function routeCost(
  points: readonly Point[],
  cards: readonly Box[],
  drawn: readonly Route[],
): number {
  let cost = 0;
  const own = routeOfPoints([...points]).box;
  const near = drawn.filter((r) => boxesMeet(own, r.box, NEAR));
  for (let i = 2; i < points.length - 2; i++) {
    const p = points[i]!;
    for (const c of cards)
      if (p.x > c.x - 2 && p.x < c.x + c.w + 2 && p.y > c.y - 2 && p.y < c.y + c.h + 2) cost += 100;
    for (const route of near) {
      const q = route.points;
      for (let j = 1; j < q.length; j++) {
        if (distanceToSegment(p, q[j - 1]!, q[j]!) < NEAR) {
          cost += 1;
          break;
        }
      }
      if (i + 1 < points.length - 2)
        for (let j = 1; j < q.length; j++)
          if (segmentsCross(p, points[i + 1]!, q[j - 1]!, q[j]!)) cost += 3;
    }
  }
  return cost;
}

/** Bow reaches tried for a lane, the standard first. */
const REACHES = [LOOP_REACH, 110, 170, 240, 320];

/** What a route's points inside cards cost (as in routeCost, without the other routes). */
function cardCost(points: readonly Point[], cards: readonly Box[]): number {
  return routeCost(points, cards, []);
}

/** How many short steps of a route run inside a box. */
function stepsInside(route: readonly Point[], box: Box): number {
  let n = 0;
  for (let i = 1; i < route.length; i++) {
    const a = route[i - 1]!;
    const b = route[i]!;
    for (let k = 0; k < 4; k++) {
      const x = a.x + ((b.x - a.x) * k) / 4;
      const y = a.y + ((b.y - a.y) * k) / 4;
      if (x > box.x && x < box.x + box.w && y > box.y && y < box.y + box.h) n++;
    }
  }
  return n;
}

/** Path, label centre and the label's anchor on the path, given its placement. */
export function routeOf(
  sx: number,
  sy: number,
  tx: number,
  ty: number,
  selfLoop: boolean,
  placement: LabelPlacement | null,
): { path: string; labelX: number; labelY: number; anchorX: number; anchorY: number } {
  if (placement ? placement.loopY !== null : isAround(sx, tx, selfLoop)) {
    const y = placement?.loopY ?? (selfLoop ? Math.min(sy, ty) - 92 : Math.max(sy, ty) + 92); // unplanned: the old lanes
    return {
      path: aroundPath(sx, sy, tx, ty, y, placement?.reach),
      labelX: (sx + tx) / 2 + (placement?.ox ?? 0),
      labelY: y + (placement?.oy ?? 0),
      anchorX: (sx + tx) / 2 + (placement?.ox ?? 0),
      anchorY: y,
    };
  }
  const p = bezierPoint(sx, sy, tx, ty, placement?.t ?? 0.5);
  return {
    path: forwardPath(sx, sy, tx, ty),
    labelX: p.x + (placement?.ox ?? 0),
    labelY: p.y + (placement?.oy ?? 0),
    anchorX: p.x,
    anchorY: p.y,
  };
}

function overlapArea(a: Box, b: Box, margin: number): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x) + margin;
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y) + margin;
  return w > 0 && h > 0 ? w * h : 0;
}

const FORWARD_T = [0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82, 0.1, 0.9];
const AROUND_X = [0, -40, 40, -80, 80, -120, 120];

/**
 * Label placements (and lanes) for every edge whose ends have boxes. Handles: the source's output
 * on its right side, the target's input on its left side, HANDLE_Y below the card's top.
 */
export function planWiring(
  boxes: ReadonlyMap<string, Box>,
  edges: readonly WiringEdge[],
): Map<string, LabelPlacement> {
  const out = new Map<string, LabelPlacement>();
  const obstacles = [...boxes.values()];
  const labels: Box[] = [];
  const lanes: { x0: number; x1: number; y: number; h: number }[] = [];
  // Forward edges first (their routes are fixed, their label spots fewer), then the routed-around
  // ones, each taking the lane side that costs least against the routes drawn before it.
  const ordered = [...edges].sort((e1, e2) => aroundRank(boxes, e1) - aroundRank(boxes, e2));
  const routes = new Map<string, { loopY: number | null; route: Route }>();
  const reaches = new Map<string, number>();
  const drawn: Route[] = [];
  const weigh = edges.length <= MAX_WEIGHED_EDGES;
  for (const e of ordered) {
    const a = boxes.get(e.source);
    const b = boxes.get(e.target);
    if (!a || !b) continue;
    const sx = a.x + a.w;
    const sy = handleY(a);
    const tx = b.x;
    const ty = handleY(b);
    const self = e.source === e.target;
    let loopY: number | null = null;
    if (isAround(sx, tx, self) || forwardBlocked(boxes, e)) {
      // The end cards count too: a bow out of the source must not run down through the target
      // (the target just below and right of the source) nor the bow into the target through the
      // source.
      const others = self ? obstacles.filter((o) => o !== a) : obstacles;
      const x0 = Math.min(sx, tx) - LOOP_REACH;
      const x1 = Math.max(sx, tx) + LOOP_REACH;
      let best: { y: number; reach: number; cost: number } | null = null;
      // Self-loops over the top; a return edge under the cards unless over them costs less. Bows
      // reach wider only when the standard ones would run through a card.
      for (const reach of REACHES) {
        for (const dir of self ? ([-1] as const) : ([1, -1] as const)) {
          const y = laneY(obstacles, lanes, sx, sy, tx, ty, dir, e.labelH);
          const travel = Math.abs(y - sy) + Math.abs(y - ty);
          const points = routePoints(sx, sy, tx, ty, self, y, reach);
          const c =
            (weigh ? routeCost(points, others, drawn) : cardCost(points, others)) +
            travel / 1000 +
            (reach - LOOP_REACH) / 100;
          if (!best || c < best.cost) best = { y, reach, cost: c };
        }
        if (best && best.cost < 100) break;
      }
      loopY = best!.y;
      reaches.set(e.id, best!.reach);
      lanes.push({ x0, x1, y: loopY, h: e.labelH });
    }
    const route = routeOfPoints(
      routePoints(sx, sy, tx, ty, self, loopY, reaches.get(e.id) ?? LOOP_REACH),
    );
    routes.set(e.id, { loopY, route });
    drawn.push(route);
  }
  const cost = (box: Box, own: string): number => {
    let c = 0;
    for (const o of obstacles) c += overlapArea(box, o, MARGIN);
    for (const l of labels) c += overlapArea(box, l, MARGIN);
    // Another edge's line under the label: as bad as a strip of overlap.
    if (weigh)
      for (const [id, r] of routes) {
        if (id === own || !boxesMeet(box, r.route.box, 0)) continue;
        c += 10 * stepsInside(r.route.points, box);
      }
    return c;
  };
  for (const e of ordered) {
    const a = boxes.get(e.source);
    const b = boxes.get(e.target);
    const route = routes.get(e.id);
    if (!a || !b || !route) continue;
    const sx = a.x + a.w;
    const sy = handleY(a);
    const tx = b.x;
    const ty = handleY(b);
    const self = e.source === e.target;
    const w = e.labelW;
    const h = e.labelH;
    let best: { p: LabelPlacement; box: Box; cost: number } | null = null;
    const consider = (p: LabelPlacement): boolean => {
      const { labelX, labelY } = routeOf(sx, sy, tx, ty, self, p);
      const box = { x: labelX - w / 2, y: labelY - h / 2, w, h };
      const c = cost(box, e.id);
      if (!best || c < best.cost) best = { p, box, cost: c };
      return c === 0;
    };
    if (route.loopY !== null) {
      const loopY = route.loopY;
      const reach = reaches.get(e.id);
      const wide = reach !== undefined && reach !== LOOP_REACH ? { reach } : {};
      for (const ox of AROUND_X) if (consider({ t: 0.5, ox, oy: 0, loopY, ...wide })) break;
    } else {
      let done = false;
      for (const oy of [0, -(h / 2 + 10), h / 2 + 10, -(h + 16), h + 16]) {
        for (const t of FORWARD_T) if ((done = consider({ t, ox: 0, oy, loopY: null }))) break;
        if (done) break;
      }
      // Cards too close for the label between them: float it above (or below) the cards, near
      // its line's middle; the canvas draws a leader from the label to the line.
      for (let k = 1; !done && k <= 8; k++) {
        const step = k * (h / 2 + 14);
        for (const oy of [-step, step])
          if ((done = consider({ t: 0.5, ox: 0, oy, loopY: null }))) break;
      }
    }
    const chosen = best as { p: LabelPlacement; box: Box; cost: number } | null;
    if (chosen) {
      labels.push(chosen.box);
      out.set(e.id, chosen.p);
    }
  }
  return out;
}

function aroundRank(boxes: ReadonlyMap<string, Box>, e: WiringEdge): number {
  const a = boxes.get(e.source);
  const b = boxes.get(e.target);
  if (!a || !b) return 2;
  return isAround(a.x + a.w, b.x, e.source === e.target) || forwardBlocked(boxes, e) ? 1 : 0;
}

/**
 * Room a forward edge's curve keeps from a card other than its ends (px): a line 4 px above B's
 * card (A → C over a tidied A → B → C) read as touching it.
 */
const CARD_CLEARANCE = 12;

/**
 * True when a forward edge's bezier would run behind a card other than its ends, or within
 * CARD_CLEARANCE of one (three neurons added in a row, the first wired to the third): such an edge
 * takes a lane round the cards instead.
 */
function forwardBlocked(boxes: ReadonlyMap<string, Box>, e: WiringEdge): boolean {
  const a = boxes.get(e.source);
  const b = boxes.get(e.target);
  if (!a || !b || e.source === e.target) return false;
  const [sx, sy, tx, ty] = [a.x + a.w, handleY(a), b.x, handleY(b)];
  if (isAround(sx, tx, false)) return false;
  const points = routePoints(sx, sy, tx, ty, false, null);
  for (const [id, c] of boxes) {
    if (id === e.source || id === e.target) continue;
    const m = CARD_CLEARANCE;
    if (!boxesMeet(routeOfPoints(points).box, c, m)) continue;
    for (let i = 1; i < points.length - 1; i++) {
      const p = points[i]!;
      if (p.x > c.x - m && p.x < c.x + c.w + m && p.y > c.y - m && p.y < c.y + c.h + m) return true;
    }
  }
  return false;
}

/**
 * The lane of a routed-around edge: under (or, for a self-loop, over) every node between its ends
 * and clear of the lanes already taken there.
 */
function laneY(
  obstacles: readonly Box[],
  lanes: readonly { x0: number; x1: number; y: number; h: number }[],
  sx: number,
  sy: number,
  tx: number,
  ty: number,
  /** 1: under the cards, -1: over them. */
  dir: 1 | -1,
  h: number,
): number {
  const x0 = Math.min(sx, tx) - LOOP_REACH;
  const x1 = Math.max(sx, tx) + LOOP_REACH;
  const inSpan = obstacles.filter((o) => o.x < x1 && o.x + o.w > x0);
  // Start just past the ends' own nodes.
  const ends = inSpan.filter(
    (o) => (sy >= o.y && sy <= o.y + o.h) || (ty >= o.y && ty <= o.y + o.h),
  );
  let y =
    dir < 0
      ? Math.min(...ends.map((o) => o.y), sy, ty) - LANE_GAP - h / 2
      : Math.max(...ends.map((o) => o.y + o.h), sy, ty) + LANE_GAP + h / 2;
  for (let guard = 0; guard < 50; guard++) {
    const hit = inSpan.find((o) => o.y < y + h / 2 + LANE_GAP && o.y + o.h > y - h / 2 - LANE_GAP);
    if (hit) {
      y = dir > 0 ? hit.y + hit.h + LANE_GAP + h / 2 : hit.y - LANE_GAP - h / 2;
      continue;
    }
    const lane = lanes.find((l) => l.x0 < x1 && l.x1 > x0 && Math.abs(l.y - y) < (l.h + h) / 2 + 6);
    if (lane) {
      y = lane.y + dir * ((lane.h + h) / 2 + 8);
      continue;
    }
    break;
  }
  return y;
}

/** Label boxes of a plan (for fitting the view and for tests). */
export function labelBoxes(
  boxes: ReadonlyMap<string, Box>,
  edges: readonly WiringEdge[],
  plan: ReadonlyMap<string, LabelPlacement>,
): Map<string, Box> {
  const out = new Map<string, Box>();
  for (const e of edges) {
    const a = boxes.get(e.source);
    const b = boxes.get(e.target);
    const p = plan.get(e.id);
    if (!a || !b || !p) continue;
    const { labelX, labelY } = routeOf(
      a.x + a.w,
      handleY(a),
      b.x,
      handleY(b),
      e.source === e.target,
      p,
    );
    out.set(e.id, { x: labelX - e.labelW / 2, y: labelY - e.labelH / 2, w: e.labelW, h: e.labelH });
  }
  return out;
}

/** Boxes a view must show besides the cards: every label, and the lanes of routed-around edges. */
export function wiringExtents(
  boxes: ReadonlyMap<string, Box>,
  edges: readonly WiringEdge[],
  plan: ReadonlyMap<string, LabelPlacement>,
): Box[] {
  const out = [...labelBoxes(boxes, edges, plan).values()];
  for (const e of edges) {
    const a = boxes.get(e.source);
    const b = boxes.get(e.target);
    const p = plan.get(e.id);
    if (!a || !b || !p || p.loopY === null) continue;
    const reach = p.reach ?? LOOP_REACH;
    const x0 = Math.min(a.x + a.w, b.x) - reach;
    const x1 = Math.max(a.x + a.w, b.x) + reach;
    out.push({ x: x0, y: p.loopY - 6, w: x1 - x0, h: 12 });
  }
  return out;
}

/**
 * Small boxes along every drawn route (bows, lanes and beziers): what a fit must keep in view so
 * no curve runs off the canvas, and what a new card must keep clear of so it covers no line.
 */
export function routeSamples(
  boxes: ReadonlyMap<string, Box>,
  edges: readonly WiringEdge[],
  plan: ReadonlyMap<string, LabelPlacement>,
): Box[] {
  const out: Box[] = [];
  for (const e of edges) {
    const a = boxes.get(e.source);
    const b = boxes.get(e.target);
    const p = plan.get(e.id);
    if (!a || !b || !p) continue;
    const points = routePoints(
      a.x + a.w,
      handleY(a),
      b.x,
      handleY(b),
      e.source === e.target,
      p.loopY,
      p.reach,
    );
    for (const q of points) out.push({ x: q.x - 2, y: q.y - 2, w: 4, h: 4 });
  }
  return out;
}
