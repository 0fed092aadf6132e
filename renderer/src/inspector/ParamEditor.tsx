/**
 * One param of one or more selected neurons or populations, as its spec in the param registry
 * says: a number; for populations also one value per neuron or a uniform or normal draw.
 */
import type { NetworkNode, ParamValue } from '../../../shared/document/model';
import type { ParamSpec } from '../../../shared/models/paramSpec';
import { setParams } from '../document/commands';
import { applyCommand } from '../document/documentStore';
import { nodeSize } from '../document/graph';
import { ListField, NumberField } from './fields';

type Mode = 'value' | 'list' | 'uniform' | 'normal';

function modeOf(v: ParamValue | undefined): Mode {
  if (v === undefined || typeof v === 'number') return 'value';
  if (Array.isArray(v)) return 'list';
  return v.init;
}

/** One param of one or more nodes: a number, or (populations) a list or a random draw. */
export function ParamEditor({ spec, nodes }: { spec: ParamSpec; nodes: NetworkNode[] }) {
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
