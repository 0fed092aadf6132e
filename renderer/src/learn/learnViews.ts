/**
 * The catalogue of "See the math" views: title, one line, and which nodes each applies to (for the
 * node context menu: `learnViewsForNode`).
 */
import type { NetworkDocument, NetworkNode } from '../../../shared/document/model';
import { isPopulationActivation } from '../../../shared/models/activations';
import { MODELS } from '../../../shared/models/registry';
import type { LearnViewKind } from './learnStore';

export interface LearnViewInfo {
  kind: LearnViewKind;
  title: string;
  summary: string;
  /** Whether the view can be tied to this node. */
  appliesTo(node: NetworkNode, doc: NetworkDocument): boolean;
}

/** Whether the node's model lists this view (its `learnViews` in shared/models/<model>/). */
function isModelView(node: NetworkNode, kind: LearnViewKind): boolean {
  return (
    (node.kind === 'neuron' || node.kind === 'population') &&
    MODELS[node.model].learnViews.includes(kind)
  );
}

function hasSynapseIn(node: NetworkNode, doc: NetworkDocument): boolean {
  return doc.edges.some((e) => e.target === node.id && e.synapse);
}

export const LEARN_VIEWS: readonly LearnViewInfo[] = [
  {
    kind: 'hhGating',
    title: 'HH gating',
    summary: 'm, h, n steady states and time constants against V',
    appliesTo: (node) => isModelView(node, 'hhGating'),
  },
  {
    kind: 'hhCurrent',
    title: 'HH under input current',
    summary: 'rest, one spike, spiking, block; Na, K and leak currents',
    appliesTo: (node) => isModelView(node, 'hhCurrent'),
  },
  {
    kind: 'lif',
    title: 'LIF charging and rate',
    summary: 'v(t) to threshold, reset, refractory; G(v_in)',
    appliesTo: (node) => isModelView(node, 'lif'),
  },
  {
    kind: 'fi',
    title: 'f-I curve',
    summary: 'rate against constant input, swept in the background',
    appliesTo: (node) =>
      (node.kind === 'neuron' || node.kind === 'population') &&
      !isPopulationActivation(node.activation),
  },
  {
    kind: 'activations',
    title: 'Activation functions',
    summary: 'the seven activations; softmax and one-hot of a vector',
    appliesTo: (node) => isModelView(node, 'activations'),
  },
  {
    kind: 'psc',
    title: 'PSC filters',
    summary: 'h(t) of area 1; a spike train filtered into s(t)',
    appliesTo: hasSynapseIn,
  },
  {
    kind: 'weights',
    title: 'Weight matrix',
    summary: 'z = Wx + b and the augmented [W | b]',
    appliesTo: (node, doc) => doc.edges.some((e) => e.target === node.id || e.source === node.id),
  },
];

/** The views a node's context menu offers: [kind, title] pairs for `openLearnView(kind, nodeId)`. */
export function learnViewsForNode(
  node: NetworkNode,
  doc: NetworkDocument,
): Array<{ kind: LearnViewKind; title: string }> {
  return LEARN_VIEWS.filter((v) => v.appliesTo(node, doc)).map(({ kind, title }) => ({
    kind,
    title: `See the math: ${title}`,
  }));
}

/**
 * The view the top bar's "Learn" button opens for the current selection: a node's own model view
 * first (LIF charging, HH gating, activations), a synapse's PSC filter (tied to the synapse), else
 * the first view the node's context menu offers. Nothing selected (or nothing the views apply to):
 * undefined, and the button reopens the last view.
 */
export function learnViewForSelection(
  doc: NetworkDocument,
  selection: readonly string[],
): { kind: LearnViewKind; nodeId: string } | undefined {
  const id = selection[0];
  if (id === undefined) return undefined;
  const node = doc.nodes.find((n) => n.id === id);
  if (node) {
    const applicable = LEARN_VIEWS.filter((v) => v.appliesTo(node, doc)).map((v) => v.kind);
    const preferred = (['lif', 'hhGating', 'activations'] as const).find((k) =>
      applicable.includes(k),
    );
    const kind = preferred ?? applicable[0];
    return kind ? { kind, nodeId: node.id } : undefined;
  }
  const edge = doc.edges.find((e) => e.id === id);
  if (edge?.synapse) return { kind: 'psc', nodeId: edge.id };
  if (edge) return { kind: 'weights', nodeId: edge.target };
  return undefined;
}
