/**
 * Where synapses run and where their labels sit (issue 15, item 2), for the canvas and the
 * exported diagram alike. Pure geometry in flow coordinates, no React.
 *
 * Outputs sit on the right of a node and inputs on the left. A forward edge (target right of
 * source) is React Flow's bezier (control points half the horizontal distance out). A backward
 * edge runs under every node between its ends, a self-loop over the top of its node; each such
 * route gets its own lane, so two of them never share a line or a label spot.
 *
 * Labels: each edge's label is tried at points along its route (the middle first, then out towards
 * the ends, then just above and below the line) and takes the first spot where its box overlaps no
 * node, scope or label placed before it; when there is none, the spot overlapping least.
 */
import type { Edge, NetworkDocument } from '../../../shared/document/model';
import { ruleText } from '../store/connectionRule';
import { tauText, weightText } from './format';

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

/** The SVG path of a routed-around edge along the lane at `y`. */
export function aroundPath(sx: number, sy: number, tx: number, ty: number, y: number): string {
  const midX = (sx + tx) / 2;
  return (
    `M ${sx},${sy} C ${sx + LOOP_REACH},${sy} ${sx + LOOP_REACH},${y} ${midX},${y}` +
    ` C ${tx - LOOP_REACH},${y} ${tx - LOOP_REACH},${ty} ${tx},${ty}`
  );
}

/** The forward bezier's SVG path (as React Flow draws it). */
export function forwardPath(sx: number, sy: number, tx: number, ty: number): string {
  const off = 0.5 * Math.max(0, tx - sx);
  return `M${sx},${sy} C${sx + off},${sy} ${tx - off},${ty} ${tx},${ty}`;
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
  if (isAround(sx, tx, selfLoop)) {
    const y = placement?.loopY ?? (selfLoop ? Math.min(sy, ty) - 92 : Math.max(sy, ty) + 92); // unplanned: the old lanes
    return {
      path: aroundPath(sx, sy, tx, ty, y),
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
 * at the middle of its right side, the target's input at the middle of its left side.
 */
export function planWiring(
  boxes: ReadonlyMap<string, Box>,
  edges: readonly WiringEdge[],
): Map<string, LabelPlacement> {
  const out = new Map<string, LabelPlacement>();
  const obstacles = [...boxes.values()];
  const labels: Box[] = [];
  const lanes: { x0: number; x1: number; y: number; h: number }[] = [];
  const cost = (box: Box): number => {
    let c = 0;
    for (const o of obstacles) c += overlapArea(box, o, MARGIN);
    for (const l of labels) c += overlapArea(box, l, MARGIN);
    return c;
  };
  // Forward edges first (their spots are fewer), then the routed-around ones.
  const ordered = [...edges].sort((e1, e2) => aroundRank(boxes, e1) - aroundRank(boxes, e2));
  for (const e of ordered) {
    const a = boxes.get(e.source);
    const b = boxes.get(e.target);
    if (!a || !b) continue;
    const sx = a.x + a.w;
    const sy = a.y + a.h / 2;
    const tx = b.x;
    const ty = b.y + b.h / 2;
    const self = e.source === e.target;
    const w = e.labelW;
    const h = e.labelH;
    let best: { p: LabelPlacement; box: Box; cost: number } | null = null;
    const consider = (p: LabelPlacement): boolean => {
      const { labelX, labelY } = routeOf(sx, sy, tx, ty, self, p);
      const box = { x: labelX - w / 2, y: labelY - h / 2, w, h };
      const c = cost(box);
      if (!best || c < best.cost) best = { p, box, cost: c };
      return c === 0;
    };
    if (isAround(sx, tx, self)) {
      const loopY = laneY(obstacles, lanes, sx, sy, tx, ty, self, h);
      const x0 = Math.min(sx, tx) - LOOP_REACH;
      const x1 = Math.max(sx, tx) + LOOP_REACH;
      lanes.push({ x0, x1, y: loopY, h });
      for (const ox of AROUND_X) if (consider({ t: 0.5, ox, oy: 0, loopY })) break;
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
  return isAround(a.x + a.w, b.x, e.source === e.target) ? 1 : 0;
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
  self: boolean,
  h: number,
): number {
  const x0 = Math.min(sx, tx) - LOOP_REACH;
  const x1 = Math.max(sx, tx) + LOOP_REACH;
  const inSpan = obstacles.filter((o) => o.x < x1 && o.x + o.w > x0);
  const dir = self ? -1 : 1;
  // Start just past the ends' own nodes.
  const ends = inSpan.filter(
    (o) => (sy >= o.y && sy <= o.y + o.h) || (ty >= o.y && ty <= o.y + o.h),
  );
  let y = self
    ? Math.min(...ends.map((o) => o.y), sy) - LANE_GAP - h / 2
    : Math.max(...ends.map((o) => o.y + o.h), sy) + LANE_GAP + h / 2;
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
      a.y + a.h / 2,
      b.x,
      b.y + b.h / 2,
      e.source === e.target,
      p,
    );
    out.set(e.id, { x: labelX - e.labelW / 2, y: labelY - e.labelH / 2, w: e.labelW, h: e.labelH });
  }
  return out;
}

/**
 * A label's size before it is drawn (the canvas then measures it): 11 px text, about 6.4 px a
 * character, the synapse's τs at 10 px, the connection rule on a second line.
 */
export function estimateLabelSize(
  doc: NetworkDocument,
  edge: Edge,
): { width: number; height: number } {
  const weight = `w ${weightText(edge.weight)}`;
  const tau = tauText(edge.synapse);
  const rule = ruleText(doc, edge);
  const first = weight.length * 6.4 + (tau ? 5 + tau.length * 5.8 : 0);
  const second = rule ? rule.length * 5.8 : 0;
  return { width: Math.ceil(Math.max(first, second) + 17), height: rule ? 32 : 19 };
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
    const x0 = Math.min(a.x + a.w, b.x) - LOOP_REACH;
    const x1 = Math.max(a.x + a.w, b.x) + LOOP_REACH;
    out.push({ x: x0, y: p.loopY - 6, w: x1 - x0, h: 12 });
  }
  return out;
}
