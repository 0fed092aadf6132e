/**
 * An input node's signal: its type, size and fields (the registry's signal fields, the step
 * times and values, spike times, a noise seed), values in the unit of what the input drives.
 */
import type { NetworkDocument, NetworkNode, Signal } from '../../../shared/document/model';
import type { SignalFieldSpec } from '../../../shared/models/paramSpecs';
import { SIGNAL_FIELDS } from '../../../shared/models/paramSpecs';
import { defaultSignal } from '../document/catalogue';
import { setSignal, updateNodes } from '../document/commands';
import { applyCommand } from '../document/documentStore';
import { findNode, inputUnit } from '../document/graph';
import { ListField, NumberField, SelectField } from './fields';
import { currentNode, name } from './inspectorText';
import { SEED_SPEC, SIGNAL_LABELS, SIZE_SPEC } from './specs';

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

export function InputEditor({
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
