/**
 * The panel of selected synapses: the weight (or the connection rule between multi-element
 * nodes), the weight matrix, the synapse's filter and presets, the delay and their problems.
 */
import type { Edge, NetworkDocument } from '../../../shared/document/model';
import { EDGE_DELAY, SYNAPSE_PARAMS } from '../../../shared/models/paramSpecs';
import { weightText } from '../ui/format';
import { updateEdges } from '../document/commands';
import {
  DEFAULT_SYNAPSE,
  unitHint,
  weightSpec as weightSpecOf,
  weightUnit,
} from '../document/connect';
import {
  driveWarning,
  isMultiElement,
  ruleOf,
  strongSynapseWarning,
  weakDriveWarning,
} from '../document/connectionRule';
import { currentDocument, applyCommand } from '../document/documentStore';
import { findNode, isSpikingSource, nodeSize } from '../document/graph';
import { uiStore } from '../document/uiStore';
import { ConnectionRuleFields } from './ConnectionRuleFields';
import { NumberField } from './fields';
import { name, Problems } from './inspectorText';
import { SYNAPSE_PRESETS } from './specs';

export function EdgePanel({
  doc,
  edges,
  problems,
}: {
  doc: NetworkDocument;
  edges: Edge[];
  problems: Map<string, string[]>;
}) {
  const ids = edges.map((e) => e.id);
  const first = edges[0]!;
  const source = findNode(doc, first.source);
  const target = findNode(doc, first.target);
  const spiking = edges.every((e) => {
    const s = findNode(doc, e.source);
    return s !== undefined && isSpikingSource(s);
  });
  const allScalar = edges.every((e) => typeof e.weight === 'number');
  const sameWeight = edges.every((e) => JSON.stringify(e.weight) === JSON.stringify(first.weight));
  const unit = weightUnit(doc, first);
  const hint = edges.length === 1 ? unitHint(doc, first) : null;
  const hasVector = edges.some((e) => {
    const s = findNode(doc, e.source);
    const t = findNode(doc, e.target);
    return (s && nodeSize(s) > 1) || (t && nodeSize(t) > 1);
  });
  const multi = edges.every((e) => isMultiElement(doc, e));
  const ruled = edges.every((e) => ruleOf(e.weight) !== 'custom');
  const synapse = first.synapse ?? null;
  const sameSynapse = edges.every(
    (e) => JSON.stringify(e.synapse ?? null) === JSON.stringify(synapse),
  );
  const weightSpec = weightSpecOf(doc, edges, spiking);
  const title =
    edges.length === 1
      ? `${source ? name(source) : first.source} → ${target ? name(target) : first.target}`
      : `${edges.length} synapses`;
  return (
    <>
      <h2 className="panel-title inspector__title">
        <span className="inspector__badge inspector__badge--synapse">SYN</span>
        {title}
      </h2>
      {edges.length === 1 && (
        <p className="inspector__note">
          id {first.id} ·{' '}
          {spiking
            ? 'spiking source: filtered by a synapse'
            : 'continuous source: passes its value'}
        </p>
      )}
      {multi && (
        <ConnectionRuleFields doc={doc} edges={edges} unit={unit} weightSpec={weightSpec} />
      )}
      {multi && ruled ? null : allScalar ? (
        <NumberField
          fieldKey={`weight:${ids.join(',')}`}
          spec={weightSpec}
          unitOverride={unit === '1' ? '' : unit}
          value={sameWeight ? (first.weight as number) : undefined}
          mixed={!sameWeight}
          allowEmpty={false}
          onCommit={(v, mk) =>
            v !== undefined && applyCommand(updateEdges, { ids, patch: { weight: v } }, mk)
          }
        />
      ) : (
        <p className="inspector__note">weight: {sameWeight ? weightText(first.weight) : 'mixed'}</p>
      )}
      {edges.length === 1 && hasVector && (
        <button
          type="button"
          className="inspector__wide-button"
          onClick={() => uiStore.setState({ matrixEdgeId: first.id })}
        >
          Edit weight matrix…
        </button>
      )}
      {hint && (
        <p className="inspector__hint" role="note">
          {hint}
        </p>
      )}
      <DriveWarnings doc={doc} edges={edges} />
      <h3 className="inspector__section">Synapse</h3>
      {!spiking && (
        <label className="field field--check">
          <input
            type="checkbox"
            checked={synapse !== null}
            onChange={(e) =>
              applyCommand(updateEdges, {
                ids,
                patch: { synapse: e.target.checked ? { ...DEFAULT_SYNAPSE } : null },
              })
            }
          />
          filter through a synapse (otherwise the value passes unfiltered)
        </label>
      )}
      {synapse && sameSynapse && (
        <>
          {SYNAPSE_PARAMS.map((spec) => (
            <NumberField
              key={spec.name}
              fieldKey={`synapse:${ids.join(',')}:${spec.name}`}
              spec={spec}
              value={(synapse as Record<string, number | undefined>)[spec.name]}
              allowEmpty={spec.name === 'n'}
              onCommit={(v, mk) => {
                const now = currentDocument()?.edges.find((e) => e.id === first.id)?.synapse;
                const next = { ...(now ?? synapse) } as Record<string, unknown>;
                if (v === undefined) delete next[spec.name];
                else next[spec.name] = v;
                applyCommand(updateEdges, { ids, patch: { synapse: next as Edge['synapse'] } }, mk);
              }}
            />
          ))}
          <div className="inspector__presets" role="group" aria-label="synapse presets">
            {SYNAPSE_PRESETS.map((p) => (
              <button
                key={p.label}
                type="button"
                onClick={() =>
                  applyCommand(updateEdges, { ids, patch: { synapse: { ...p.synapse } } })
                }
              >
                {p.label}
              </button>
            ))}
          </div>
        </>
      )}
      {synapse && !sameSynapse && <p className="inspector__note">The selected synapses differ.</p>}
      <NumberField
        fieldKey={`delay:${ids.join(',')}`}
        spec={EDGE_DELAY}
        value={edges.every((e) => e.delay === first.delay) ? first.delay : undefined}
        mixed={!edges.every((e) => e.delay === first.delay)}
        onCommit={(v, mk) => applyCommand(updateEdges, { ids, patch: { delay: v } }, mk)}
      />
      {edges.map((e) => (
        <Problems key={e.id} problems={problems.get(e.id)} />
      ))}
    </>
  );
}

/**
 * What each synapse's drive does to its target, one note per synapse: a known mean drive far
 * beyond threshold, else a single spike far beyond it, else a constant drive too weak to make the
 * target fire (steadily). The synapse's panel shows it, and so does its source's (an input's).
 */
export function DriveWarnings({ doc, edges }: { doc: NetworkDocument; edges: readonly Edge[] }) {
  return (
    <>
      {edges.map((e) => {
        const warning =
          driveWarning(doc, e) ?? strongSynapseWarning(doc, e) ?? weakDriveWarning(doc, e);
        return warning ? (
          <p key={e.id} className="inspector__hint inspector__hint--warn" role="note">
            {warning}
          </p>
        ) : null;
      })}
    </>
  );
}
