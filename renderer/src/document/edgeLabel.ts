/**
 * What a synapse's label says beyond its weight and how big it is before it is drawn: tidy layout
 * (document/) leaves room for it and the canvas's wiring plan and export (canvas/) place and draw
 * it, so all must agree; it sits here, below both.
 */
import type { Edge, NetworkDocument } from '../../../shared/document/model';
import { tauText, weightText } from '../ui/format';
import { ruleText } from './connectionRule';

/**
 * The edge running the other way between the same two nodes (B→A for A→B), if any. A self-loop
 * has none. Two curves of such a pair carry labels that otherwise read the same (a
 * winner-take-all's "w -0.05 τs 5 ms"), so their labels name their direction.
 */
export function reciprocal(doc: NetworkDocument, edge: Edge): Edge | undefined {
  if (edge.source === edge.target) return undefined;
  return doc.edges.find((e) => e.source === edge.target && e.target === edge.source);
}

/** The direction line of an edge's label ("A → B", by node names), only for a reciprocal pair. */
export function pairText(doc: NetworkDocument, edge: Edge): string | null {
  if (!reciprocal(doc, edge)) return null;
  const name = (id: string): string => {
    const n = doc.nodes.find((x) => x.id === id);
    return n?.label ?? id;
  };
  return `${name(edge.source)} → ${name(edge.target)}`;
}

/** Height of one extra line of a label (the rule's, or a pair's direction) (px). */
const LINE_H = 13;

/**
 * A label's size before it is drawn (the canvas then measures it): 11 px text, about 6.4 px a
 * character, the synapse's τs at 10 px, the connection rule on a second line, and a reciprocal
 * pair's direction ("A → B", 10 px semibold, about 6.2 px a character) on a line above.
 */
export function estimateLabelSize(
  doc: NetworkDocument,
  edge: Edge,
): { width: number; height: number } {
  const weight = `w ${weightText(edge.weight)}`;
  const tau = tauText(edge.synapse);
  const rule = ruleText(doc, edge);
  const pair = pairText(doc, edge);
  const first = weight.length * 6.4 + (tau ? 5 + tau.length * 5.8 : 0);
  const second = rule ? rule.length * 5.8 : 0;
  const direction = pair ? pair.length * 6.2 : 0;
  const extra = (rule ? 1 : 0) + (pair ? 1 : 0);
  return {
    width: Math.ceil(Math.max(first, second, direction) + 17),
    height: extra > 0 ? 19 + LINE_H * extra : 19,
  };
}
