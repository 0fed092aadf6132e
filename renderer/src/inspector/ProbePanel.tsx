/**
 * The panel of a selected scope: the node and variable it records, every how many steps, and
 * which elements of a population.
 */
import type { NetworkDocument, Probe } from '../../../shared/document/model';
import { nodeBadge } from '../ui/format';
import { updateProbe } from '../document/commands';
import { applyCommand } from '../document/documentStore';
import {
  findNode,
  freeProbeVariable,
  nodeSize,
  probeName,
  probeRecording,
  probeVariablesOf,
} from '../document/graph';
import { ListField, NumberField, SelectField } from './fields';
import { name, Problems } from './inspectorText';
import { EVERY_SPEC } from './specs';

export function ProbePanel({
  doc,
  probe,
  problems,
}: {
  doc: NetworkDocument;
  probe: Probe;
  problems: Map<string, string[]>;
}) {
  const target = findNode(doc, probe.target);
  const variables = target ? probeVariablesOf(target) : [];
  const recordable = doc.nodes.filter((n) => probeVariablesOf(n).length > 0);
  return (
    <>
      <h2 className="panel-title inspector__title">
        <span className="inspector__badge inspector__badge--scope">SCOPE</span>
        {probe.id}
      </h2>
      <SelectField
        label="records node"
        value={probe.target}
        // One scope per node and variable: a node whose every variable another scope records
        // says so (choosing it changes nothing).
        options={recordable.map((n) => ({
          value: n.id,
          label: `${name(n)} (${nodeBadge(n)})${
            n.id !== probe.target && freeProbeVariable(doc, n, undefined, probe.id) === null
              ? ' — every variable recorded'
              : ''
          }`,
        }))}
        onChange={(t) =>
          applyCommand(updateProbe, { id: probe.id, patch: { target: t, indices: undefined } })
        }
      />
      <SelectField<Probe['variable']>
        label="variable"
        value={probe.variable}
        options={variables.map((v) => {
          const other = target ? probeRecording(doc, target.id, v, probe.id) : undefined;
          return {
            value: v as Probe['variable'],
            label: other ? `${v} — recorded by ${probeName(doc, other)}` : v,
          };
        })}
        meaning="v (LIF), V m h n (HH), y (rate), J total input, s synaptic input, u (inputs)"
        onChange={(v) => applyCommand(updateProbe, { id: probe.id, patch: { variable: v } })}
      />
      <NumberField
        fieldKey={`every:${probe.id}`}
        spec={EVERY_SPEC}
        value={probe.every}
        onCommit={(v, mk) => applyCommand(updateProbe, { id: probe.id, patch: { every: v } }, mk)}
      />
      {target && nodeSize(target) > 1 && (
        <ListField
          fieldKey={`indices:${probe.id}`}
          label="indices"
          meaning={`elements to record, 0 … ${nodeSize(target) - 1} (empty: all)`}
          value={probe.indices}
          check={(v) =>
            v.some((i) => !Number.isInteger(i) || i < 0 || i >= nodeSize(target))
              ? `whole numbers 0 … ${nodeSize(target) - 1}`
              : null
          }
          onCommit={(v, mk) =>
            applyCommand(
              updateProbe,
              { id: probe.id, patch: { indices: v.length ? v : undefined } },
              mk,
            )
          }
        />
      )}
      <Problems problems={problems.get(probe.id)} />
    </>
  );
}
