/**
 * The inspector for the selection, driven by the param registry (shared/models/paramSpecs.ts) so
 * every param of the spec is editable, with its unit (ms shown, seconds stored), range and inline
 * validation. Several selected nodes of one model are edited together. With nothing selected it
 * shows the document: name, description, author, and the simulation's dt, duration and seed.
 */
import { useMemo } from 'react';
import { useStore } from 'zustand';
import type {
  Activation,
  Edge,
  NetworkDocument,
  NetworkNode,
  NeuronModel,
  ParamValue,
  Probe,
  Signal,
  Weight,
} from '../../../shared/document/model';
import { POPULATION_ACTIVATIONS, SINGLE_ACTIVATIONS } from '../../../shared/models/activations';
import type { ParamSpec } from '../../../shared/models/paramSpec';
import type { SignalFieldSpec } from '../../../shared/models/paramSpecs';
import {
  EDGE_DELAY,
  SIGNAL_FIELDS,
  SIMULATION_PARAMS,
  SYNAPSE_PARAMS,
} from '../../../shared/models/paramSpecs';
import { MODEL_LIST, MODEL_PARAMS, MODELS } from '../../../shared/models/registry';
import { gridSteps } from '../../../shared/document/admission';
import { defaultSignal } from '../document/catalogue';
import { formatNumber, nodeBadge, weightText } from '../ui/format';
import {
  renameId,
  setDocumentInfo,
  setModel,
  setParams,
  setSignal,
  setSimulation,
  updateEdges,
  updateNodes,
  updateProbe,
} from '../document/commands';
import { DEFAULT_SYNAPSE, unitHint, weightUnit } from '../document/connect';
import {
  driveWarning,
  isMultiElement,
  ruleOf,
  ruleText,
  ruleWeightValue,
  weightForRule,
  type RuleKind,
} from '../document/connectionRule';
import { setEdgeWeights } from '../document/actions';
import { dtWarning, recordingsText } from '../document/stateMessages';
import { currentDocument, applyCommand } from '../document/documentStore';
import {
  findNode,
  inputUnit,
  isSpikingSource,
  nodeSize,
  probeVariablesOf,
  usedIds,
} from '../document/graph';
import { select, uiStore } from '../document/uiStore';
import { issuesById } from '../document/issues';
import type { DraftOwner } from '../document/drafts';
import { DraftOwnerContext, ListField, NumberField, SelectField, TextField } from './fields';
import { WarningIcon } from '../ui/icons';

export const SYNAPSE_PRESETS: { label: string; synapse: { tauS: number; n: number } }[] = [
  // the notes' (1.3.2) fast and slow synapses: ~10 ms and ~300 ms
  { label: 'AMPA-like, fast (τs 10 ms, n 0)', synapse: { tauS: 0.01, n: 0 } },
  { label: 'NMDA-like, slow (τs 300 ms, n 1)', synapse: { tauS: 0.3, n: 1 } },
];

const SIGNAL_LABELS: Record<Signal['type'], string> = {
  constant: 'constant',
  step: 'steps',
  pulse: 'pulse',
  sine: 'sine',
  noise: 'noise (Ornstein-Uhlenbeck)',
  spikes: 'spike times',
  poisson: 'Poisson spikes',
};

const SEED_SPEC: ParamSpec = {
  name: 'seed',
  unit: '1',
  default: 0,
  min: 0,
  integer: true,
  meaning: 'own seed of this random quantity (empty: derived from the simulation seed)',
};
const SIZE_SPEC: ParamSpec = {
  name: 'size',
  unit: '1',
  default: 1,
  min: 1,
  integer: true,
  meaning: 'number of elements',
};
const EVERY_SPEC: ParamSpec = {
  name: 'every',
  unit: '1',
  default: 1,
  min: 1,
  integer: true,
  meaning: 'record every this many steps',
};

function currentNode(id: string): NetworkNode | undefined {
  const doc = currentDocument();
  return doc ? findNode(doc, id) : undefined;
}

function name(el: { id: string; label?: string | undefined }): string {
  return el.label ?? el.id;
}

function Problems({ problems }: { problems: readonly string[] | undefined }) {
  if (!problems || problems.length === 0) return null;
  return (
    <ul className="inspector__problems" aria-label="problems">
      {problems.map((p) => (
        <li key={p}>
          <WarningIcon /> {p}
        </li>
      ))}
    </ul>
  );
}

// ------------------------------------------------------------------------------------------------
// Params of neurons and populations

type Mode = 'value' | 'list' | 'uniform' | 'normal';

function modeOf(v: ParamValue | undefined): Mode {
  if (v === undefined || typeof v === 'number') return 'value';
  if (Array.isArray(v)) return 'list';
  return v.init;
}

/** One param of one or more nodes: a number, or (populations) a list or a random draw. */
function ParamEditor({ spec, nodes }: { spec: ParamSpec; nodes: NetworkNode[] }) {
  const ids = nodes.map((n) => n.id);
  const values = nodes.map((n) =>
    'params' in n ? (n.params as Record<string, ParamValue> | undefined)?.[spec.name] : undefined,
  );
  const first = values[0];
  const same = values.every((v) => JSON.stringify(v) === JSON.stringify(first));
  const isPopulation = nodes.every((n) => n.kind === 'population');
  const size = Math.min(...nodes.map(nodeSize));
  const mode = same ? modeOf(first) : 'value';
  const key = `param:${ids.join(',')}:${spec.name}`;
  const commit = (value: ParamValue | undefined, mergeKey: string): void => {
    applyCommand(setParams, { ids, values: { [spec.name]: value } }, mergeKey);
  };
  const modeSelect = isPopulation ? (
    <select
      className="field__mode"
      aria-label={`${spec.name} mode`}
      value={mode}
      onChange={(e) => {
        const m = e.target.value as Mode;
        const base = typeof first === 'number' ? first : spec.default;
        const next: ParamValue =
          m === 'value'
            ? base
            : m === 'list'
              ? Array.from({ length: size }, () => base)
              : m === 'uniform'
                ? { init: 'uniform', low: base, high: base === 0 ? 1 : base * 1.2 }
                : { init: 'normal', mean: base, std: Math.abs(base) * 0.1 || 0.1 };
        applyCommand(setParams, { ids, values: { [spec.name]: next } });
      }}
    >
      <option value="value">same for all</option>
      <option value="list">one per neuron</option>
      <option value="uniform">uniform draw</option>
      <option value="normal">normal draw</option>
    </select>
  ) : null;
  let body;
  if (mode === 'value') {
    body = (
      <NumberField
        fieldKey={key}
        spec={spec}
        value={same ? (first as number | undefined) : undefined}
        mixed={!same}
        onCommit={commit}
      />
    );
  } else if (mode === 'list') {
    body = (
      <ListField
        fieldKey={key}
        label={spec.name}
        unit={spec.displayUnit ?? (spec.unit === '1' ? undefined : spec.unit)}
        meaning={`${spec.meaning}: one value per neuron`}
        value={first as number[]}
        scale={spec.displayScale ?? 1}
        check={(v) =>
          v.length !== size ? `needs ${size} values (one per neuron), has ${v.length}` : null
        }
        onCommit={commit}
      />
    );
  } else {
    const draw = first as Extract<ParamValue, { init: string }>;
    const [a, b] =
      draw.init === 'uniform' ? (['low', 'high'] as const) : (['mean', 'std'] as const);
    const part = (field: 'low' | 'high' | 'mean' | 'std'): number =>
      (draw as unknown as Record<string, number>)[field]!;
    const sub = (field: 'low' | 'high' | 'mean' | 'std'): ParamSpec => ({
      ...spec,
      name: `${spec.name} ${field}`,
      min: field === 'std' ? 0 : spec.min,
      exclusiveMin: field === 'std' ? false : spec.exclusiveMin,
      meaning: `${draw.init} draw per neuron: ${field}`,
    });
    body = (
      <>
        {[a, b].map((field) => (
          <NumberField
            key={field}
            fieldKey={`${key}:${field}`}
            spec={sub(field)}
            value={part(field)}
            allowEmpty={false}
            onCommit={(v, mk) => commit({ ...draw, [field]: v } as ParamValue, mk)}
          />
        ))}
      </>
    );
  }
  return (
    <div className="param" data-param={spec.name}>
      {modeSelect}
      {body}
    </div>
  );
}

function NeuronParams({ nodes, model }: { nodes: NetworkNode[]; model: NeuronModel }) {
  const ids = nodes.map((n) => n.id);
  const activations = nodes.every((n) => n.kind === 'population')
    ? [...SINGLE_ACTIVATIONS, ...POPULATION_ACTIVATIONS]
    : SINGLE_ACTIVATIONS;
  const activation = nodes.map((n) =>
    n.kind === 'neuron' || n.kind === 'population' ? (n.activation ?? 'logistic') : 'logistic',
  );
  return (
    <>
      <SelectField
        label="model"
        value={model}
        options={MODEL_LIST.map((m) => ({ value: m.id as NeuronModel, label: m.label }))}
        meaning="switching the model starts its params from the defaults"
        onChange={(m) => applyCommand(setModel, { ids, model: m })}
      />
      {MODELS[model].hasActivation && (
        <SelectField<Activation>
          label="activation"
          value={activation.every((a) => a === activation[0]) ? activation[0]! : ''}
          options={activations.map((a) => ({ value: a, label: a }))}
          meaning="sigma in y = sigma(z)"
          onChange={(a) => applyCommand(updateNodes, { ids, patch: { activation: a } })}
        />
      )}
      <div className="inspector__presets" role="group" aria-label="presets">
        {MODELS[model].presets.map((p) => (
          <button
            key={p.label}
            type="button"
            onClick={() => applyCommand(setParams, { ids, values: p.params })}
          >
            {p.label}
          </button>
        ))}
      </div>
      <h3 className="inspector__section">Parameters</h3>
      {MODEL_PARAMS[model].map((spec) => (
        <ParamEditor key={spec.name} spec={spec} nodes={nodes} />
      ))}
    </>
  );
}

// ------------------------------------------------------------------------------------------------
// Inputs

function signalValue(signal: Signal, field: string): number | number[] | undefined {
  return (signal as unknown as Record<string, number | number[] | undefined>)[field];
}

/**
 * The unit of an input's value, amplitude, mean...: the file says "as J", the unit of the input J
 * of what the input drives (dimensionless for LIF and rate neurons, uA/cm^2 for HH). `unit` goes
 * after the field's name (none when dimensionless, as for vTh), `note` into its explanation.
 */
export function inputValueUnit(
  doc: NetworkDocument,
  node: NetworkNode,
): { unit: string; note: string } {
  const targets = doc.edges
    .filter((e) => e.source === node.id)
    .map((e) => findNode(doc, e.target))
    .filter((t): t is NetworkNode => t !== undefined);
  const units = [...new Set(targets.map((t) => inputUnit(t) ?? '1'))];
  const words = (u: string): string => (u === '1' ? 'dimensionless' : u);
  if (units.length === 1) {
    const names = targets.map(name).join(', ');
    return {
      unit: units[0] === '1' ? '' : units[0]!,
      note: `in the unit of ${names}'s input J: ${words(units[0]!)}`,
    };
  }
  return {
    unit: '',
    note: `in the unit of the input J of the neuron it drives: dimensionless for LIF and rate, uA/cm^2 for HH`,
  };
}

function SignalFieldEditor({
  doc,
  node,
  spec: rawSpec,
}: {
  doc: NetworkDocument;
  node: Extract<NetworkNode, { kind: 'input' }>;
  spec: SignalFieldSpec;
}) {
  const size = node.size ?? 1;
  const asJ = rawSpec.unit === 'J' ? inputValueUnit(doc, node) : null;
  const spec: SignalFieldSpec = asJ
    ? { ...rawSpec, meaning: `${rawSpec.meaning}, ${asJ.note}` }
    : rawSpec;
  const value = signalValue(node.signal, spec.name);
  const key = `signal:${node.id}:${spec.name}`;
  const commit = (v: number | number[] | undefined, mk: string): void => {
    // The signal as it is now (several fields may be edited before this view re-renders).
    const current = currentNode(node.id);
    const signal = current?.kind === 'input' ? current.signal : node.signal;
    const next = { ...signal } as Record<string, unknown>;
    if (v === undefined) delete next[spec.name];
    else next[spec.name] = v;
    applyCommand(setSignal, { ids: [node.id], signal: next as Signal }, mk);
  };
  if (Array.isArray(value) || size > 1) {
    const list = value === undefined ? undefined : Array.isArray(value) ? value : [value];
    return (
      <ListField
        fieldKey={key}
        label={spec.name}
        unit={asJ ? asJ.unit : (spec.displayUnit ?? (spec.unit === '1' ? undefined : spec.unit))}
        meaning={`${spec.meaning}: one value for all, or one per element (${size})`}
        value={list}
        scale={spec.displayScale ?? 1}
        check={(v) =>
          v.length !== 1 && v.length !== size ? `give 1 value or ${size} (one per element)` : null
        }
        onCommit={(v, mk) => commit(v.length === 1 ? v[0] : v, mk)}
      />
    );
  }
  return (
    <NumberField
      fieldKey={key}
      spec={spec}
      value={value}
      allowEmpty={spec.optional === true}
      unitOverride={asJ ? asJ.unit : undefined}
      onCommit={commit}
    />
  );
}

function InputEditor({
  doc,
  node,
}: {
  doc: NetworkDocument;
  node: Extract<NetworkNode, { kind: 'input' }>;
}) {
  const signal = node.signal;
  const size = node.size ?? 1;
  const asJ = inputValueUnit(doc, node);
  const setWhole = (next: Signal, mk?: string): void =>
    void applyCommand(setSignal, { ids: [node.id], signal: next }, mk);
  return (
    <>
      <SelectField<Signal['type']>
        label="signal"
        value={signal.type}
        options={(Object.keys(SIGNAL_LABELS) as Signal['type'][]).map((t) => ({
          value: t,
          label: SIGNAL_LABELS[t],
        }))}
        meaning="what the input emits"
        onChange={(t) => setWhole(defaultSignal(t))}
      />
      <NumberField
        fieldKey={`size:${node.id}`}
        spec={SIZE_SPEC}
        value={node.size}
        allowEmpty
        onCommit={(v, mk) =>
          applyCommand(updateNodes, { ids: [node.id], patch: { size: v ?? 1 } }, mk)
        }
      />
      <h3 className="inspector__section">Signal</h3>
      {(SIGNAL_FIELDS[signal.type] ?? []).map((spec) => (
        <SignalFieldEditor key={`${signal.type}:${spec.name}`} doc={doc} node={node} spec={spec} />
      ))}
      {signal.type === 'step' && (
        <>
          <ListField
            fieldKey={`signal:${node.id}:times`}
            label="times"
            unit="ms"
            meaning="switch times, ascending; values[k] holds from times[k] to times[k+1]"
            value={signal.times}
            scale={1000}
            check={(v) =>
              v.some((t, i) => i > 0 && t < v[i - 1]!) ? 'times must be ascending' : null
            }
            onCommit={(v, mk) => setWhole({ ...signal, times: v }, mk)}
          />
          <ListField
            fieldKey={`signal:${node.id}:values`}
            label="values"
            unit={asJ.unit}
            meaning={`one value per switch time (0 before the first), ${asJ.note}`}
            value={signal.values.map((v) => (typeof v === 'number' ? v : (v[0] ?? 0)))}
            check={(v) =>
              v.length !== signal.times.length
                ? `needs ${signal.times.length} values, one per time`
                : null
            }
            onCommit={(v, mk) => setWhole({ ...signal, values: v }, mk)}
          />
        </>
      )}
      {signal.type === 'spikes' && (
        <ListField
          fieldKey={`signal:${node.id}:times`}
          label="spike times"
          unit="ms"
          meaning={size > 1 ? 'shared by every element' : 'when the input spikes'}
          value={
            Array.isArray(signal.times[0])
              ? (signal.times as number[][]).flat()
              : (signal.times as number[])
          }
          scale={1000}
          check={(v) => (v.some((t) => t < 0) ? 'times must be ≥ 0' : null)}
          onCommit={(v, mk) => setWhole({ ...signal, times: [...v].sort((a, b) => a - b) }, mk)}
        />
      )}
      {(signal.type === 'noise' || signal.type === 'poisson') && (
        <NumberField
          fieldKey={`signal:${node.id}:seed`}
          spec={SEED_SPEC}
          value={signal.seed}
          onCommit={(v, mk) => {
            const next = { ...signal } as Record<string, unknown>;
            if (v === undefined) delete next['seed'];
            else next['seed'] = v;
            setWhole(next as Signal, mk);
          }}
        />
      )}
    </>
  );
}

// ------------------------------------------------------------------------------------------------
// Node panel

function NodePanel({
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
      {!sameModel && !single && (
        <p className="inspector__note">Select nodes of one model to edit their params together.</p>
      )}
      {nodes.map((n) => (
        <Problems key={n.id} problems={problems.get(n.id)} />
      ))}
    </>
  );
}

// ------------------------------------------------------------------------------------------------
// Edge panel

function EdgePanel({
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
  const weightSpec: ParamSpec = {
    name: 'weight',
    unit,
    default: 1,
    meaning: spiking
      ? `each spike adds w/τs to ${target ? name(target) : 'the target'}'s input J (so w is in J's unit times seconds)`
      : 'multiplies the source’s output',
  };
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
      {edges.map((e) => {
        const drive = driveWarning(doc, e);
        return drive ? (
          <p key={e.id} className="inspector__hint inspector__hint--warn" role="note">
            {drive}
          </p>
        ) : null;
      })}
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
 * The connection rule of edges between multi-element nodes (decision 0013): all-to-all,
 * one-to-one (equal sizes), fixed probability p (also set as "inputs each", p = k / N), and the
 * weight w the rule gives every connection. A custom matrix or drawn weights show as such.
 */
function ConnectionRuleFields({
  doc,
  edges,
  unit,
  weightSpec,
}: {
  doc: NetworkDocument;
  edges: Edge[];
  unit: string;
  weightSpec: ParamSpec;
}) {
  const ids = edges.map((e) => e.id);
  const first = edges[0]!;
  const rules = edges.map((e) => ruleOf(e.weight));
  const rule = rules.every((r) => r === rules[0]) ? rules[0]! : '';
  const sizes = edges.map((e) => {
    const s = findNode(doc, e.source);
    const t = findNode(doc, e.target);
    return { n: s ? nodeSize(s) : 1, m: t ? nodeSize(t) : 1 };
  });
  const canOneToOne = sizes.every(({ n, m }) => n === m);
  const values = edges.map((e) => ruleWeightValue(e.weight));
  const sameValue = values.every((v) => v === values[0]);
  const ps = edges.map((e) =>
    ruleOf(e.weight) === 'probability' ? (e.weight as { p: number }).p : 0.1,
  );
  const sameP = ps.every((p) => p === ps[0]);
  const options: { value: RuleKind; label: string }[] = [
    { value: 'all', label: 'all-to-all: every source element to every target element' },
    ...(canOneToOne
      ? [{ value: 'oneToOne' as const, label: 'one-to-one: element i to element i' }]
      : []),
    { value: 'probability', label: 'fixed probability p (about p·N inputs each)' },
    ...(rule === 'custom'
      ? [{ value: 'custom' as const, label: 'custom weights (matrix or drawn)' }]
      : []),
  ];
  const write = (next: RuleKind, w?: number, p?: number, mk?: string): void => {
    if (next === 'custom') return;
    const weights: Record<string, Weight> = {};
    edges.forEach((e, i) => {
      weights[e.id] = weightForRule(next, w ?? values[i]!, p ?? ps[i]!);
    });
    setEdgeWeights(weights, mk);
  };
  const n = sizes[0]!.n;
  const sameN = sizes.every((s) => s.n === n);
  return (
    <div className="inspector__rule" role="group" aria-label="connection">
      <SelectField<RuleKind>
        label="connection rule"
        value={rule}
        options={options}
        meaning="which source elements reach which target elements"
        onChange={(r) => write(r)}
      />
      {edges.length === 1 && (
        <p className="inspector__note" aria-label="connection summary">
          {ruleText(doc, first)}
        </p>
      )}
      {rule === 'probability' && (
        <>
          <NumberField
            fieldKey={`rule-p:${ids.join(',')}`}
            spec={RULE_P_SPEC}
            value={sameP ? ps[0] : undefined}
            mixed={!sameP}
            allowEmpty={false}
            onCommit={(v, mk) => v !== undefined && write('probability', undefined, v, mk)}
          />
          {sameN && (
            <NumberField
              fieldKey={`rule-k:${ids.join(',')}`}
              spec={{ ...RULE_K_SPEC, max: n }}
              label="inputs each"
              unitOverride=""
              value={sameP ? Number((ps[0]! * n).toPrecision(6)) : undefined}
              mixed={!sameP}
              allowEmpty={false}
              onCommit={(v, mk) => v !== undefined && write('probability', undefined, v / n, mk)}
            />
          )}
        </>
      )}
      {rule !== 'custom' && rule !== '' && (
        <NumberField
          fieldKey={`rule-w:${ids.join(',')}`}
          spec={weightSpec}
          unitOverride={unit === '1' ? '' : unit}
          value={sameValue ? values[0] : undefined}
          mixed={!sameValue}
          allowEmpty={false}
          onCommit={(v, mk) => v !== undefined && write(rule, v, undefined, mk)}
        />
      )}
    </div>
  );
}

const RULE_P_SPEC: ParamSpec = {
  name: 'p',
  unit: '',
  default: 0.1,
  min: 0,
  max: 1,
  meaning: 'each source-target pair is connected independently with this probability',
};
const RULE_K_SPEC: ParamSpec = {
  name: 'k',
  unit: '',
  default: 10,
  min: 0,
  meaning: 'the expected number of source elements each target element receives (p = k / N)',
};

// ------------------------------------------------------------------------------------------------
// Scope panel

function ProbePanel({
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
        options={recordable.map((n) => ({ value: n.id, label: `${name(n)} (${nodeBadge(n)})` }))}
        onChange={(t) =>
          applyCommand(updateProbe, { id: probe.id, patch: { target: t, indices: undefined } })
        }
      />
      <SelectField<Probe['variable']>
        label="variable"
        value={probe.variable}
        options={variables.map((v) => ({ value: v as Probe['variable'], label: v }))}
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

// ------------------------------------------------------------------------------------------------
// Document panel

function DocumentPanel({ doc }: { doc: NetworkDocument }) {
  // the rule validation applies (docs/format.md#time)
  const { steps, whole } = gridSteps(doc.simulation.duration, doc.simulation.dt);
  return (
    <>
      <h2 className="panel-title">Circuit</h2>
      <TextField
        fieldKey="doc:name"
        label="name"
        value={doc.name ?? ''}
        placeholder="Untitled circuit"
        onCommit={(t, mk) => applyCommand(setDocumentInfo, { name: t }, mk)}
      />
      <TextField
        fieldKey="doc:description"
        label="description"
        value={doc.description ?? ''}
        multiline
        onCommit={(t, mk) => applyCommand(setDocumentInfo, { description: t }, mk)}
      />
      <TextField
        fieldKey="doc:author"
        label="author"
        value={doc.author ?? ''}
        placeholder="for hand-in"
        onCommit={(t, mk) => applyCommand(setDocumentInfo, { author: t }, mk)}
      />
      <h3 className="inspector__section">Simulation</h3>
      {SIMULATION_PARAMS.map((spec) => (
        <NumberField
          key={spec.name}
          fieldKey={`sim:${spec.name}`}
          spec={spec}
          value={doc.simulation[spec.name as 'dt' | 'duration' | 'seed']}
          allowEmpty={false}
          onCommit={(v, mk) =>
            v !== undefined && applyCommand(setSimulation, { [spec.name]: v }, mk)
          }
        />
      ))}
      <p className={`inspector__note${whole ? '' : ' inspector__note--warn'}`}>
        {whole ? (
          `${formatNumber(steps)} steps of ${formatNumber(doc.simulation.dt * 1000)} ms.`
        ) : (
          <>
            <WarningIcon /> The duration must be a whole number of steps dt.
          </>
        )}
      </p>
      {dtWarning(doc) && (
        <p className="inspector__hint inspector__hint--warn" role="note">
          {dtWarning(doc)}
        </p>
      )}
      <p className="inspector__note">
        {plural(doc.nodes.length, 'node')} · {plural(doc.edges.length, 'synapse')} ·{' '}
        {recordingsText(doc)}. Select an element to edit it.
      </p>
    </>
  );
}

export function Inspector({ document: doc }: { document: NetworkDocument }) {
  const selection = useStore(uiStore, (s) => s.selection);
  const problems = useMemo(() => issuesById(doc), [doc]);
  const set = new Set(selection);
  const nodes = doc.nodes.filter((n) => set.has(n.id));
  const edges = doc.edges.filter((e) => set.has(e.id));
  const probes = (doc.probes ?? []).filter((p) => set.has(p.id));
  let body;
  // Whose fields the panel shows: a value typed there that cannot be stored is kept as a draft of
  // these elements (document/drafts.ts) and names them when it blocks Run.
  let owner: DraftOwner | null = null;
  if (nodes.length + edges.length + probes.length === 0) {
    owner = { kind: 'simulation', ids: [] };
    body = <DocumentPanel doc={doc} />;
  } else if (nodes.length > 0 && edges.length === 0 && probes.length === 0) {
    owner = { kind: 'node', ids: nodes.map((n) => n.id) };
    body = <NodePanel doc={doc} nodes={nodes} problems={problems} />;
  } else if (edges.length > 0 && nodes.length === 0 && probes.length === 0) {
    owner = { kind: 'synapse', ids: edges.map((e) => e.id) };
    body = <EdgePanel doc={doc} edges={edges} problems={problems} />;
  } else if (probes.length === 1 && nodes.length === 0 && edges.length === 0) {
    owner = { kind: 'scope', ids: [probes[0]!.id] };
    body = <ProbePanel doc={doc} probe={probes[0]!} problems={problems} />;
  } else
    body = (
      <>
        <h2 className="panel-title">{selection.length} selected</h2>
        <p className="inspector__note">
          {plural(nodes.length, 'node')}, {plural(edges.length, 'synapse')},{' '}
          {plural(probes.length, 'scope')}. Select one kind to edit them together.
        </p>
      </>
    );
  // Remount per selection so fields start from the selected values.
  return (
    <aside className="inspector" aria-label="inspector">
      <DraftOwnerContext.Provider value={owner}>
        <div key={selection.join('|')}>{body}</div>
      </DraftOwnerContext.Provider>
    </aside>
  );
}

/** "1 scope", "2 scopes". */
function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
