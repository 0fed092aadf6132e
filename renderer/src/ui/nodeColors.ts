/**
 * One colour per node, by its place in the document: the charts draw a node's traces, raster rows
 * and rate in its colour, and the canvas can tint the node with the same `nodeColor` so a student
 * sees which chart belongs to which neuron. Colour-blind-safe hues (Okabe-Ito order, darkened for
 * contrast on white).
 */
import type { NetworkDocument } from '../../../shared/document/model';

// Each darkened until it reaches 4.7:1 on white, so the same colour can name a node in text
// (chart titles, slider labels) and pass WCAG AA, not only draw its line.
export const NODE_PALETTE = [
  '#0072b2',
  '#bd5300',
  '#00835f',
  '#9f5e82',
  '#8a6d00',
  '#3a7a9e',
  '#9a6a00',
  '#5d3a9b',
  '#444444',
] as const;

export function nodeColor(doc: NetworkDocument | null | undefined, nodeId: string): string {
  const index = doc ? doc.nodes.findIndex((n) => n.id === nodeId) : -1;
  return NODE_PALETTE[(index < 0 ? 0 : index) % NODE_PALETTE.length]!;
}

/** The name the canvas shows for a node: its label, else its id. */
export function nodeName(doc: NetworkDocument | null | undefined, nodeId: string): string {
  return doc?.nodes.find((n) => n.id === nodeId)?.label ?? nodeId;
}

/** `#rrggbb` as 0xAABBGGRR (little-endian RGBA in a Uint32Array over ImageData). */
export function packRgba(hex: string, alpha = 255): number {
  const n = parseInt(hex.slice(1), 16);
  const r = (n >> 16) & 255;
  const g = (n >> 8) & 255;
  const b = n & 255;
  return ((alpha << 24) | (b << 16) | (g << 8) | r) >>> 0;
}

/** A lighter or darker variant for the k-th element of a population trace. */
export function shade(hex: string, k: number): string {
  if (k === 0) return hex;
  const n = parseInt(hex.slice(1), 16);
  const f = [0.55, 1.35, 0.75, 1.2, 0.4, 1.5][(k - 1) % 6]!;
  const ch = (c: number): string =>
    Math.max(0, Math.min(255, Math.round(f < 1 ? c * f : c + (255 - c) * (f - 1))))
      .toString(16)
      .padStart(2, '0');
  return `#${ch((n >> 16) & 255)}${ch((n >> 8) & 255)}${ch(n & 255)}`;
}
