/**
 * The circuit diagram as a standalone SVG (for hand-in), written from the document itself rather
 * than copied from the screen: nodes with their badge, name and key params, synapses coloured by
 * sign with their weights and synapse time constants, scopes with their wires. PNG: the same SVG
 * drawn on a canvas at 2x.
 *
 * Synapse ends are drawn as on the canvas (EdgeMarkers in CircuitNodes.tsx): an arrow for
 * excitation, a bar for inhibition, MARKER_PX whatever the line's width. Each edge has its own marker,
 * in its own colour, and its own end on the target's input side: edges arriving at one node are
 * spread over its side (in the order of their sources' heights), so no end sits on another.
 */
import type { NetworkDocument } from '../../../shared/document/model';
import { currentDocument } from '../document/documentStore';
import { findNode, isChipProbe, nodeSize, probeCards } from '../document/graph';
import {
  driveWarning,
  ruleOf,
  ruleText,
  ruleWeightValue,
  strongSynapseWarning,
} from '../document/connectionRule';
import { pairText } from '../document/edgeLabel';
import { defaultNodePosition } from '../document/placement';
import { flowWiringEdges } from './flowModel';
import {
  ARROW_PATH,
  handleY,
  MARKER_PX,
  planWiring,
  routeOf,
  TEE_RECT,
  type LabelPlacement,
  wiringExtents,
} from './wiring';
import {
  EXCITATORY,
  formatNumber,
  INHIBITORY,
  NEUTRAL,
  nodeBadge,
  nodeSummary,
  tauText,
  weightMagnitude,
  weightSign,
  weightText,
} from '../ui/format';

const NODE_W = 180;
const NODE_H = 84;
const SCOPE_H = 64;
const PAD = 40;

/** The mark a strong synapse's label carries, as on the canvas. */
const STRONG_MARK = '⚠ strong';

function esc(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

const BADGE_COLORS: Record<string, string> = {
  LIF: '#2563eb',
  HH: '#7c3aed',
  RATE: '#15803d',
  INPUT: '#b45309',
  SPIKES: '#b45309',
  BIAS: '#475569',
  SCOPE: '#0f766e',
};

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The SVG text of the diagram. `sizes`: measured node sizes (else a standard box). */
export function diagramSvg(
  doc: NetworkDocument,
  sizes: Record<string, { width: number; height: number }> = {},
): string {
  const boxes = new Map<string, Box>();
  const layout = doc.layout ?? {};
  doc.nodes.forEach((n, i) => {
    const p = layout[n.id] ?? defaultNodePosition(i);
    boxes.set(n.id, {
      x: p.x,
      y: p.y,
      w: sizes[n.id]?.width ?? NODE_W,
      h: sizes[n.id]?.height ?? NODE_H,
    });
  });
  probeCards(doc).forEach((p) => {
    const at = layout[p.id]!;
    boxes.set(p.id, {
      x: at.x,
      y: at.y,
      w: sizes[p.id]?.width ?? 150,
      h: sizes[p.id]?.height ?? SCOPE_H,
    });
  });
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const b of boxes.values()) {
    minX = Math.min(minX, b.x);
    minY = Math.min(minY, b.y);
    maxX = Math.max(maxX, b.x + b.w);
    maxY = Math.max(maxY, b.y + b.h);
  }
  // The wiring as the canvas plans it (canvas/wiring.ts): lanes of routed-around edges and label
  // spots clear of nodes and of each other. The labels' boxes count for the picture's size.
  const wiring = flowWiringEdges(doc);
  const plan = planWiring(boxes, wiring);
  for (const b of wiringExtents(boxes, wiring, plan)) {
    minX = Math.min(minX, b.x);
    minY = Math.min(minY, b.y);
    maxX = Math.max(maxX, b.x + b.w);
    maxY = Math.max(maxY, b.y + b.h);
  }
  if (!Number.isFinite(minX)) [minX, minY, maxX, maxY] = [0, 0, 200, 100];
  const width = maxX - minX + 2 * PAD;
  const height = maxY - minY + 2 * PAD + 30;
  const ox = PAD - minX;
  const oy = PAD + 30 - minY;
  const parts: string[] = [];
  const edgeColor = (weight: NetworkDocument['edges'][number]['weight']): string => {
    const sign = weightSign(weight);
    return sign > 0 ? EXCITATORY : sign < 0 ? INHIBITORY : NEUTRAL;
  };
  // One marker per edge, in its colour, sized in px as on the canvas (not scaled by the line).
  const markers = doc.edges.map((e, k) => {
    const color = edgeColor(e.weight);
    return weightSign(e.weight) < 0
      ? `<marker id="end-${k}" viewBox="0 0 10 10" refX="8" refY="5" markerUnits="userSpaceOnUse" markerWidth="${MARKER_PX}" markerHeight="${MARKER_PX}" orient="auto"><rect x="${TEE_RECT.x}" y="${TEE_RECT.y}" width="${TEE_RECT.width}" height="${TEE_RECT.height}" fill="${color}"/></marker>`
      : `<marker id="end-${k}" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="${MARKER_PX}" markerHeight="${MARKER_PX}" orient="auto"><path d="${ARROW_PATH}" fill="${color}"/></marker>`;
  });
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${Math.ceil(width)}" height="${Math.ceil(height)}" viewBox="0 0 ${Math.ceil(width)} ${Math.ceil(height)}" font-family="Inter, Segoe UI, Helvetica, Arial, sans-serif">`,
    `<defs>${markers.join('')}</defs>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="${PAD}" y="${PAD}" font-size="16" font-weight="600" fill="#0f172a">${esc(doc.name ?? 'Circuit')}</text>`,
  );
  let scale = 0;
  for (const e of doc.edges) scale = Math.max(scale, weightMagnitude(e.weight));
  const curve = (
    a: Box,
    b: Box,
    endY = b.h / 2,
    /** Synapses: a loop, or a backward edge, runs around the nodes. Null: a scope's wire. */
    selfLoop: boolean | null = null,
    placement: LabelPlacement | null = null,
  ): { d: string; mx: number; my: number } => {
    const x1 = a.x + a.w + ox;
    // Out of the node's handle, where the canvas has it (HANDLE_Y below the card's top).
    const y1 = handleY(a) + oy;
    const x2 = b.x + ox;
    const y2 = b.y + endY + oy;
    if (selfLoop === null) {
      const dx = Math.max(40, Math.abs(x2 - x1) / 2);
      return { d: `M${x1},${y1} C${x1 + dx},${y1} ${x2 - dx},${y2} ${x2},${y2}`, mx: 0, my: 0 };
    }
    // Synapses as on the canvas: the planned lane and label spot (lanes are in flow y).
    const p =
      placement && placement.loopY !== null
        ? { ...placement, loopY: placement.loopY + oy }
        : placement;
    const r = routeOf(x1, y1, x2, y2, selfLoop, p);
    return { d: r.path, mx: r.labelX, my: r.labelY };
  };
  for (const p of probeCards(doc)) {
    const a = boxes.get(p.target);
    const b = boxes.get(p.id);
    if (!a || !b) continue;
    parts.push(
      `<path d="${curve(a, b).d}" fill="none" stroke="#0f766e" stroke-width="1.5" stroke-dasharray="5 4"/>`,
    );
  }
  // Where each edge ends on its target's side: spread over it when several edges arrive, loops at
  // the top and backward edges (routed underneath) at the bottom, the rest by their source's height.
  const endY = new Map<string, number>();
  for (const [id, b] of boxes) {
    const into = doc.edges.filter((e) => e.target === id && boxes.has(e.source));
    const key = (e: (typeof into)[number]): number => {
      const a = boxes.get(e.source)!;
      if (e.source === e.target) return -Infinity;
      if (b.x < a.x + a.w) return Infinity;
      return handleY(a);
    };
    into
      .map((e) => ({ e, k: key(e) }))
      .sort((p, q) => (p.k < q.k ? -1 : p.k > q.k ? 1 : 0))
      .forEach(({ e }, i) => endY.set(e.id, (b.h * (i + 1)) / (into.length + 1)));
  }
  const labels: string[] = [];
  doc.edges.forEach((e, k) => {
    const a = boxes.get(e.source);
    const b = boxes.get(e.target);
    if (!a || !b) return;
    const color = edgeColor(e.weight);
    const w = 1.5 + 3.5 * (scale > 0 ? Math.min(1, weightMagnitude(e.weight) / scale) : 0);
    const { d, mx, my } = curve(
      a,
      b,
      endY.get(e.id),
      e.source === e.target,
      plan.get(e.id) ?? null,
    );
    parts.push(
      `<path d="${d}" fill="none" stroke="${color}" stroke-width="${w.toFixed(2)}" marker-end="url(#end-${k})"/>`,
    );
    // The label as on the canvas (drawn over the nodes, last): the weight and the synapse's time
    // constant, and between populations the connection rule on a second line.
    const rule = ruleText(doc, e);
    const shown =
      !Array.isArray(e.weight) && typeof e.weight !== 'number' && ruleOf(e.weight) !== 'custom'
        ? formatNumber(ruleWeightValue(e.weight), 4)
        : weightText(e.weight);
    const label = `${Array.isArray(e.weight) ? 'W' : 'w'} ${shown}`;
    const tau = tauText(e.synapse);
    // A reciprocal pair's direction ("A → B") on a line above, as on the canvas.
    const pair = pairText(doc, e);
    // The canvas's strong mark (a synapse or drive far beyond threshold), its warning as a tooltip.
    const strong = driveWarning(doc, e) ?? strongSynapseWarning(doc, e);
    const labelW = label.length * 6.2;
    const tauW = tau ? tau.length * 5.6 : 0;
    const strongW = strong ? 6 + STRONG_MARK.length * 5.6 : 0;
    const pairW = pair ? pair.length * 6 : 0;
    const firstW = labelW + (tau ? 6 + tauW : 0) + strongW;
    const lw = Math.max(firstW, rule ? rule.length * 5.6 : 0, pairW) + 14;
    const pairH = pair ? 13 : 0;
    const lh = (rule ? 32 : 20) + pairH;
    const left = mx - lw / 2;
    const top = my - lh / 2;
    const firstTop = top + pairH;
    const firstLeft = mx - firstW / 2;
    labels.push(
      `<rect class="synapse-label" x="${left.toFixed(1)}" y="${top.toFixed(1)}" width="${lw.toFixed(1)}" height="${lh}" rx="10" fill="#ffffff" stroke="${color}"/>`,
    );
    if (pair)
      labels.push(
        `<text class="synapse-pair" x="${mx.toFixed(1)}" y="${(top + 13).toFixed(1)}" font-size="10" font-weight="600" fill="#0f172a" text-anchor="middle">${esc(pair)}</text>`,
      );
    labels.push(
      `<text x="${firstLeft.toFixed(1)}" y="${(firstTop + 14).toFixed(1)}" font-size="11" fill="${color}">${esc(label)}</text>`,
    );
    if (tau)
      labels.push(
        `<text x="${(firstLeft + labelW + 6).toFixed(1)}" y="${(firstTop + 14).toFixed(1)}" font-size="10" fill="#475569">${esc(tau)}</text>`,
      );
    if (rule)
      labels.push(
        `<text x="${mx.toFixed(1)}" y="${(firstTop + 27).toFixed(1)}" font-size="10" fill="#475569" text-anchor="middle">${esc(rule)}</text>`,
      );
    if (strong)
      labels.push(
        `<text class="synapse-strong" x="${(firstLeft + firstW - strongW + 6).toFixed(1)}" y="${(firstTop + 14).toFixed(1)}" font-size="10" font-weight="600" fill="#b45309"><title>${esc(strong)}</title>${STRONG_MARK}</text>`,
      );
  });
  for (const n of doc.nodes) {
    const b = boxes.get(n.id)!;
    const badge = nodeBadge(n);
    const color = BADGE_COLORS[badge] ?? NEUTRAL;
    const x = b.x + ox;
    const y = b.y + oy;
    const size = nodeSize(n);
    if (n.kind === 'population')
      parts.push(
        `<rect x="${x + 6}" y="${y - 6}" width="${b.w}" height="${b.h}" rx="10" fill="#f8fafc" stroke="#cbd5e1"/>`,
      );
    parts.push(
      `<rect class="node" x="${x}" y="${y}" width="${b.w}" height="${b.h}" rx="10" fill="#ffffff" stroke="${color}" stroke-width="1.5"/>`,
      `<rect x="${x + 10}" y="${y + 10}" width="${badge.length * 7.5 + 10}" height="16" rx="4" fill="${color}"/>`,
      `<text x="${x + 15}" y="${y + 22}" font-size="10" font-weight="700" fill="#ffffff">${esc(badge)}</text>`,
    );
    if (size > 1)
      parts.push(
        `<text x="${x + badge.length * 7.5 + 26}" y="${y + 22}" font-size="11" fill="#334155">×${size.toLocaleString('en-US')}</text>`,
      );
    parts.push(
      `<text x="${x + 10}" y="${y + 44}" font-size="14" font-weight="600" fill="#0f172a">${esc(n.label ?? n.id)}</text>`,
    );
    const summary = nodeSummary(n);
    summary.forEach((line, i) => {
      parts.push(
        `<text x="${x + 10}" y="${y + 62 + i * 14}" font-size="11" fill="#475569">${esc(line)}</text>`,
      );
    });
    // Recordings shown as chips on the canvas: one line naming them.
    const chips = (doc.probes ?? []).filter((p) => p.target === n.id && isChipProbe(doc, p));
    if (chips.length > 0)
      parts.push(
        `<text x="${x + 10}" y="${y + 62 + summary.length * 14}" font-size="10.5" fill="#0f766e">records ${esc(chips.map((c) => c.variable).join(' · '))}</text>`,
      );
  }
  for (const p of probeCards(doc)) {
    const b = boxes.get(p.id)!;
    const x = b.x + ox;
    const y = b.y + oy;
    const target = findNode(doc, p.target);
    parts.push(
      `<rect class="scope" x="${x}" y="${y}" width="${b.w}" height="${b.h}" rx="10" fill="#f0fdfa" stroke="#0f766e" stroke-width="1.5"/>`,
      `<text x="${x + 10}" y="${y + 22}" font-size="10" font-weight="700" fill="#0f766e">SCOPE</text>`,
      `<text x="${x + 10}" y="${y + 40}" font-size="13" font-weight="600" fill="#0f172a">${esc(p.id)}</text>`,
      `<text x="${x + 10}" y="${y + 56}" font-size="11" fill="#475569">records ${esc(p.variable)} of ${esc(target?.label ?? p.target)}</text>`,
    );
  }
  parts.push(...labels, '</svg>');
  return parts.join('\n');
}

function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = window.document.createElement('a');
  a.href = url;
  a.download = fileName;
  window.document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Node sizes as measured on the canvas (`useServices().canvas.nodeSizes()`). */
type NodeSizes = Record<string, { width: number; height: number }>;

/** The open document's diagram, with the node sizes measured on the canvas. */
export function currentSvg(sizes: NodeSizes): string | null {
  const doc = currentDocument();
  if (!doc) return null;
  return diagramSvg(doc, sizes);
}

export function exportSvg(baseName: string, sizes: NodeSizes): void {
  const svg = currentSvg(sizes);
  if (svg) download(new Blob([svg], { type: 'image/svg+xml' }), `${baseName}.svg`);
}

/** The diagram as PNG bytes, drawn at `pixelRatio`. */
export async function diagramPng(svg: string, pixelRatio = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = window.document.createElement('canvas');
    canvas.width = Math.ceil(image.width * pixelRatio);
    canvas.height = Math.ceil(image.height * pixelRatio);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    ctx.scale(pixelRatio, pixelRatio);
    ctx.drawImage(image, 0, 0);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))),
        'image/png',
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

export async function exportPng(baseName: string, sizes: NodeSizes): Promise<void> {
  const svg = currentSvg(sizes);
  if (!svg) return;
  download(await diagramPng(svg), `${baseName}.png`);
}
