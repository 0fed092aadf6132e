/**
 * The panel of selected nodes: id and label (one node), size (populations), then the neuron
 * params, the input's signal or the bias's note, and the nodes' problems.
 */
import type { NetworkDocument, NetworkNode } from '../../../shared/document/model';
import { nodeBadge } from '../ui/format';
import { renameId, updateNodes } from '../document/commands';
import { applyCommand } from '../document/documentStore';
import { nodeSize, usedIds } from '../document/graph';
import { select } from '../document/uiStore';
import { NumberField, TextField } from './fields';
import { DriveWarnings } from './EdgePanel';
import { InputEditor } from './InputEditor';
import { name, Problems } from './inspectorText';
import { NeuronParams } from './NeuronParams';
import { SIZE_SPEC } from './specs';

export function NodePanel({
  doc,
  nodes,
  problems,
}: {
  doc: NetworkDocument;
  nodes: NetworkNode[];
  problems: Map<string, string[]>;
}) {
  const single = nodes.length === 1 ? nodes[0]! : null;
  const ids = nodes.map((n) => n.id);
  const head = nodes[0]!;
  const model = head.kind === 'neuron' || head.kind === 'population' ? head.model : null;
  const sameModel = nodes.every(
    (n) => (n.kind === 'neuron' || n.kind === 'population') && n.model === model,
  );
  return (
    <>
      <h2 className="panel-title inspector__title">
        <span
          className={`inspector__badge inspector__badge--${nodeBadge(nodes[0]!).toLowerCase()}`}
        >
          {nodeBadge(nodes[0]!)}
        </span>
        {single ? name(single) : `${nodes.length} nodes`}
      </h2>
      {single && (
        <>
          <TextField
            fieldKey={`id:${single.id}`}
            label="id"
            value={single.id}
            commitOnBlur
            check={(t) =>
              t === single.id
                ? null
                : !/^[A-Za-z_][A-Za-z0-9_-]*$/.test(t)
                  ? 'letters, digits, _ or -, not starting with a digit'
                  : usedIds(doc).has(t)
                    ? `"${t}" is taken`
                    : null
            }
            onCommit={(t) => {
              if (applyCommand(renameId, { from: single.id, to: t })) select([t]);
            }}
          />
          <TextField
            fieldKey={`label:${single.id}`}
            label="label"
            value={single.label ?? ''}
            placeholder={single.id}
            onCommit={(t, mk) => applyCommand(updateNodes, { ids, patch: { label: t } }, mk)}
          />
        </>
      )}
      {nodes.every((n) => n.kind === 'population') && (
        <NumberField
          fieldKey={`size:${ids.join(',')}`}
          spec={SIZE_SPEC}
          value={
            nodes.every((n) => nodeSize(n) === nodeSize(nodes[0]!))
              ? nodeSize(nodes[0]!)
              : undefined
          }
          mixed={!nodes.every((n) => nodeSize(n) === nodeSize(nodes[0]!))}
          allowEmpty={false}
          onCommit={(v, mk) => applyCommand(updateNodes, { ids, patch: { size: v } }, mk)}
        />
      )}
      {model && sameModel && <NeuronParams nodes={nodes} model={model} />}
      {single?.kind === 'input' && <InputEditor doc={doc} node={single} />}
      {single?.kind === 'bias' && (
        <p className="inspector__note">
          Outputs the constant 1. An edge from it with weight b adds b to its target’s input J,
          exactly as a bias param of b would (notes 1.3.4).
        </p>
      )}
      {(single?.kind === 'input' || single?.kind === 'bias') && (
        // What the synapses from it do to their targets, as each synapse's panel says (a student
        // who set a Steps input's values looks here, not at the synapse).
        <DriveWarnings doc={doc} edges={doc.edges.filter((e) => e.source === single.id)} />
      )}
      {!sameModel && !single && (
        <p className="inspector__note">Select nodes of one model to edit their params together.</p>
      )}
      {nodes.map((n) => (
        <Problems key={n.id} problems={problems.get(n.id)} />
      ))}
    </>
  );
}
