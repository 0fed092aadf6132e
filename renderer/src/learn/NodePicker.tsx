/**
 * Picks the node a view is tied to, among the circuit's nodes the view applies to, or the spec's
 * defaults ('' = a standard neuron of the model, not in the circuit).
 */
import { MODELS } from '../../../shared/models/registry';
import { useMemo, useState } from 'react';
import type { NetworkDocument, NetworkNode } from '../../../shared/document/model';

/**
 * The circuit's neurons and populations of one model, and which of them the view shows (initially
 * the requested node when it has that model, else the first; '' = the model's standard neuron).
 */
export function useModelNodes(
  document: NetworkDocument,
  /** The Learn view: nodes whose model lists it (`learnViews` in shared/models/<model>/). */
  view: string,
  requested: string | undefined,
): {
  nodes: NetworkNode[];
  selected: string;
  setSelected: (nodeId: string) => void;
  node: NetworkNode | undefined;
} {
  const nodes = useMemo(
    () =>
      document.nodes.filter(
        (n) =>
          (n.kind === 'neuron' || n.kind === 'population') &&
          MODELS[n.model].learnViews.includes(view),
      ),
    [document, view],
  );
  const [selected, setSelected] = useState(() => initialNodeId(requested, nodes));
  return { nodes, selected, setSelected, node: nodes.find((n) => n.id === selected) };
}

export function NodePicker({
  label,
  nodes,
  value,
  onChange,
  standardLabel,
}: {
  label: string;
  nodes: NetworkNode[];
  value: string;
  onChange: (nodeId: string) => void;
  /** Text of the '' option; omitted: no such option. */
  standardLabel?: string;
}) {
  return (
    <label className="learn-field">
      <span className="learn-field__label">{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {nodes.map((n) => (
          <option key={n.id} value={n.id}>
            {n.label && n.label !== n.id ? `${n.label} (${n.id})` : n.id}
          </option>
        ))}
        {standardLabel !== undefined && <option value="">{standardLabel}</option>}
      </select>
    </label>
  );
}

/**
 * The initial choice: the requested node when it applies; '' when the standard neuron was picked
 * (the view reopens on it: '' is a choice, not "no choice"); else the first that applies, else ''.
 */
export function initialNodeId(requested: string | undefined, nodes: NetworkNode[]): string {
  if (requested === '') return '';
  if (requested && nodes.some((n) => n.id === requested)) return requested;
  return nodes[0]?.id ?? '';
}

/** A node's numeric params (a population's element 0 for arrays), over defaults. */
export function numericParams<T extends Record<string, number>>(
  node: NetworkNode | undefined,
  defaults: T,
): T {
  const out: Record<string, number> = { ...defaults };
  if (node && (node.kind === 'neuron' || node.kind === 'population')) {
    for (const [key, value] of Object.entries(node.params ?? {})) {
      if (!(key in defaults)) continue;
      if (typeof value === 'number') out[key] = value;
      else if (Array.isArray(value) && typeof value[0] === 'number') out[key] = value[0];
    }
  }
  return out as T;
}
