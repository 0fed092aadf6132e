/**
 * The panel when the selection mixes kinds (nodes with synapses, several scopes...): how many of
 * each, and that one kind is edited at a time.
 */
import { plural } from './inspectorText';

export function MixedSelectionPanel({
  count,
  nodes,
  edges,
  probes,
}: {
  /** How many elements are selected. */
  count: number;
  nodes: number;
  edges: number;
  probes: number;
}) {
  return (
    <>
      <h2 className="panel-title">{count} selected</h2>
      <p className="inspector__note">
        {plural(nodes, 'node')}, {plural(edges, 'synapse')}, {plural(probes, 'scope')}. Select one
        kind to edit them together.
      </p>
    </>
  );
}
