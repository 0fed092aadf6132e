/**
 * fast-check generators of valid network documents, and of damage done to a file's text.
 * Valid means: validateDocument accepts it (warnings allowed: some carry unknown keys on purpose).
 */
import fc from 'fast-check';
import { MODEL_PARAMS } from '../../models/registry';
import type { ParamSpec } from '../../models/paramSpec';
import { DOCUMENT_KEYS, FORMAT_NAME, FORMAT_VERSION } from '../schema';

type Obj = Record<string, unknown>;

const KNOWN_KEYS = new Set([
  ...DOCUMENT_KEYS,
  'id',
  'kind',
  'size',
  'model',
  'activation',
  'label',
  'params',
  'signal',
  'source',
  'target',
  'weight',
  'synapse',
  'delay',
  'variable',
  'every',
  'indices',
  'dt',
  'duration',
  'seed',
  'x',
  'y',
  'type',
  'init',
  'tauS',
  'n',
]);

export const idArb = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_-]{0,7}$/);

/** A key no known object uses (so it is preserved, never interpreted). */
const unknownKeyArb = fc.string({ minLength: 1, maxLength: 8 }).filter((k) => !KNOWN_KEYS.has(k));

/** Up to two unknown keys with arbitrary JSON values. */
const extrasArb: fc.Arbitrary<Obj> = fc.dictionary(unknownKeyArb, fc.jsonValue({ maxDepth: 2 }), {
  maxKeys: 2,
});

/** A finite double in [min, max], without -0 surprises mattering (JSON writes -0 as 0). */
function num(min: number, max: number): fc.Arbitrary<number> {
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

function valueFor(spec: ParamSpec): fc.Arbitrary<number> {
  if (spec.name === 'vTh') return num(1, 2);
  if (spec.name === 'vReset') return num(-1, 0.9);
  if (spec.integer) return fc.integer({ min: spec.min ?? 0, max: spec.max ?? 1000 });
  const low = spec.min === undefined ? -100 : spec.exclusiveMin ? spec.min + 1e-6 : spec.min;
  return num(low, spec.max ?? low + 100);
}

function paramValueFor(spec: ParamSpec, size: number | undefined): fc.Arbitrary<unknown> {
  const one = valueFor(spec);
  if (size === undefined) return one;
  const options: fc.Arbitrary<unknown>[] = [
    one,
    fc.array(one, { minLength: size, maxLength: size }),
  ];
  if (spec.name !== 'vTh' && spec.name !== 'vReset') {
    options.push(
      fc
        .tuple(one, one)
        .map(([a, b]) => ({ init: 'uniform', low: Math.min(a, b), high: Math.max(a, b) })),
    );
    if (spec.min === undefined && spec.max === undefined) {
      options.push(fc.record({ init: fc.constant('normal'), mean: num(-5, 5), std: num(0, 2) }));
    }
  }
  return fc.oneof(...options);
}

type Model = keyof typeof MODEL_PARAMS;

function paramsFor(model: Model, size: number | undefined): fc.Arbitrary<Obj> {
  const specs = MODEL_PARAMS[model];
  return fc
    .subarray([...specs])
    .chain((chosen) =>
      fc.record(Object.fromEntries(chosen.map((s) => [s.name, paramValueFor(s, size)]))),
    );
}

interface NodeShape {
  id: string;
  kind: 'neuron' | 'population' | 'input' | 'bias';
  size: number;
  spiking: boolean;
  model?: Model;
}

const signalArb = (size: number): fc.Arbitrary<Obj> => {
  const sn = (min: number, max: number) =>
    fc.oneof(num(min, max), fc.array(num(min, max), { minLength: size, maxLength: size }));
  const ascending = (min: number) =>
    fc.array(num(min, 2), { maxLength: 5 }).map((ts) => [...new Set(ts)].sort((a, b) => a - b));
  return fc.oneof(
    fc.record({ type: fc.constant('constant'), value: sn(-5, 5) }),
    ascending(-1).chain((times) =>
      fc.record({
        type: fc.constant('step'),
        times: fc.constant(times),
        values: fc.array(sn(-5, 5), { minLength: times.length, maxLength: times.length }),
      }),
    ),
    fc.record(
      {
        type: fc.constant('pulse'),
        start: sn(0, 1),
        width: sn(1e-4, 0.1),
        amplitude: sn(-5, 5),
        period: sn(0.01, 1),
      },
      { requiredKeys: ['type', 'start', 'width', 'amplitude'] },
    ),
    fc.record(
      {
        type: fc.constant('sine'),
        amplitude: sn(-5, 5),
        frequency: sn(0, 50),
        phase: sn(-3, 3),
        offset: sn(-1, 1),
      },
      { requiredKeys: ['type', 'amplitude', 'frequency'] },
    ),
    fc.record(
      {
        type: fc.constant('noise'),
        mean: sn(-1, 1),
        std: sn(0, 2),
        tau: sn(1e-3, 0.1),
        seed: fc.nat(),
      },
      { requiredKeys: ['type', 'mean', 'std', 'tau'] },
    ),
    fc.record({ type: fc.constant('spikes'), times: ascending(0) }),
    fc.record(
      { type: fc.constant('poisson'), rate: sn(0, 100) },
      { requiredKeys: ['type', 'rate'] },
    ),
  );
};

function withExtras(obj: fc.Arbitrary<Obj>): fc.Arbitrary<Obj> {
  return fc.tuple(obj, extrasArb).map(([o, extra]) => ({ ...o, ...extra }));
}

function nodeArb(shape: NodeShape): fc.Arbitrary<Obj> {
  const label = fc.option(fc.string({ maxLength: 10 }), { nil: undefined });
  const clean = (o: Obj): Obj =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  if (shape.kind === 'bias')
    return withExtras(
      fc.record({ id: fc.constant(shape.id), kind: fc.constant('bias'), label }).map(clean),
    );
  if (shape.kind === 'input') {
    return withExtras(
      fc
        .record({
          id: fc.constant(shape.id),
          kind: fc.constant('input'),
          size: shape.size === 1 ? fc.constantFrom(undefined, 1) : fc.constant(shape.size),
          label,
          signal: signalArb(shape.size).filter(
            (s) => shape.spiking === (s['type'] === 'spikes' || s['type'] === 'poisson'),
          ),
        })
        .map(clean),
    );
  }
  const model = shape.model!;
  const activation =
    model === 'rate'
      ? fc.constantFrom(
          undefined,
          'logistic',
          'tanh',
          'relu',
          ...(shape.kind === 'population' ? ['softmax', 'onehot'] : []),
        )
      : fc.constant(undefined);
  return withExtras(
    fc
      .record({
        id: fc.constant(shape.id),
        kind: fc.constant(shape.kind),
        size: fc.constant(shape.kind === 'population' ? shape.size : undefined),
        model: fc.constant(model),
        activation,
        label,
        params: fc.option(paramsFor(model, shape.kind === 'population' ? shape.size : undefined), {
          nil: undefined,
        }),
      })
      .map(clean),
  );
}

const shapeArb = (id: string): fc.Arbitrary<NodeShape> =>
  fc.oneof(
    fc
      .constantFrom<Model>('lif', 'hh', 'rate')
      .map((model) => ({ id, kind: 'neuron' as const, size: 1, model, spiking: model !== 'rate' })),
    fc
      .tuple(fc.constantFrom<Model>('lif', 'hh', 'rate'), fc.integer({ min: 1, max: 4 }))
      .map(([model, size]) => ({
        id,
        kind: 'population' as const,
        size,
        model,
        spiking: model !== 'rate',
      })),
    fc
      .tuple(fc.integer({ min: 1, max: 3 }), fc.boolean())
      .map(([size, spiking]) => ({ id, kind: 'input' as const, size, spiking })),
    fc.constant({ id, kind: 'bias' as const, size: 1, spiking: false }),
  );

function weightArb(m: number, n: number): fc.Arbitrary<unknown> {
  const options: fc.Arbitrary<unknown>[] = [
    num(-2, 2),
    fc.array(fc.array(num(-2, 2), { minLength: n, maxLength: n }), { minLength: m, maxLength: m }),
    fc
      .tuple(num(-1, 1), num(-1, 1))
      .map(([a, b]) => ({ init: 'uniform', low: Math.min(a, b), high: Math.max(a, b) })),
    fc.record({ init: fc.constant('normal'), mean: num(-1, 1), std: num(0, 1) }),
    fc.record(
      { init: fc.constant('sparse'), p: num(0, 1), value: num(-1, 1), seed: fc.nat() },
      { requiredKeys: ['init', 'p', 'value'] },
    ),
  ];
  if (m === n) options.push(fc.record({ init: fc.constant('identity'), value: num(-1, 1) }));
  return fc.oneof(...options);
}

const synapseArb = fc.record(
  { tauS: num(1e-4, 0.5), n: fc.integer({ min: 0, max: 10 }) },
  { requiredKeys: ['tauS'] },
);

const PROBE_VARS: Record<string, string[]> = {
  lif: ['v', 'J', 's'],
  hh: ['V', 'm', 'h', 'n', 'J', 's'],
  rate: ['y', 'J', 's'],
  input: ['u'],
};

/** A valid document (it may carry unknown keys, which only warn inside params and the like). */
export const validDocumentArb: fc.Arbitrary<Obj> = fc
  .uniqueArray(idArb, { minLength: 1, maxLength: 10, comparator: (a, b) => a === b })
  .chain((ids) => {
    const nodeIds = ids.slice(0, Math.max(1, Math.ceil(ids.length / 2)));
    const otherIds = ids.slice(nodeIds.length);
    return fc.tuple(fc.tuple(...nodeIds.map(shapeArb)), fc.constant(otherIds));
  })
  .chain(([shapes, otherIds]) => {
    const targets = shapes.filter((s) => s.kind === 'neuron' || s.kind === 'population');
    const edgeIds = targets.length > 0 ? otherIds.slice(0, Math.ceil(otherIds.length / 2)) : [];
    const probeIds = otherIds.slice(edgeIds.length);
    const edges = edgeIds.map((id) =>
      fc.tuple(fc.constantFrom(...shapes), fc.constantFrom(...targets)).chain(([source, target]) =>
        withExtras(
          fc
            .record({
              id: fc.constant(id),
              source: fc.constant(source.id),
              target: fc.constant(target.id),
              weight: weightArb(target.size, source.size),
              synapse: source.spiking ? synapseArb : fc.constantFrom(undefined, null),
              delay: fc.option(num(0, 0.01), { nil: undefined }),
            })
            .map((e) => Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined))),
        ),
      ),
    );
    const probeTargets = shapes.filter((s) => s.kind !== 'bias');
    const probes =
      probeTargets.length === 0
        ? []
        : probeIds.map((id) =>
            fc.constantFrom(...probeTargets).chain((t) =>
              fc.record(
                {
                  id: fc.constant(id),
                  target: fc.constant(t.id),
                  variable: fc.constantFrom(
                    ...PROBE_VARS[t.kind === 'input' ? 'input' : t.model!]!,
                  ),
                  every: fc.integer({ min: 1, max: 10 }),
                  indices: fc.uniqueArray(fc.integer({ min: 0, max: t.size - 1 }), {
                    maxLength: t.size,
                  }),
                },
                { requiredKeys: ['id', 'target', 'variable'] },
              ),
            ),
          );
    return fc.record(
      {
        format: fc.constant(FORMAT_NAME),
        version: fc.constant(FORMAT_VERSION),
        name: fc.string({ maxLength: 12 }),
        description: fc.string({ maxLength: 20 }),
        simulation: fc
          .tuple(
            fc.constantFrom(0.0001, 0.0005, 0.001, 0.01, 0.1),
            fc.integer({ min: 1, max: 20000 }),
            fc.nat(),
          )
          .map(([dt, steps, seed]) => ({
            dt,
            duration: Number((dt * steps).toPrecision(12)),
            seed,
          })),
        nodes: fc.tuple(...shapes.map(nodeArb)),
        edges: edges.length > 0 ? fc.tuple(...edges) : fc.constant([]),
        probes: probes.length > 0 ? fc.tuple(...probes) : fc.constant([]),
        layout: fc.dictionary(
          fc.constantFrom(...shapes.map((s) => s.id)),
          fc.record({ x: num(-1000, 1000), y: num(-1000, 1000) }),
        ),
        extra: extrasArb,
      },
      { requiredKeys: ['format', 'version', 'simulation', 'nodes', 'edges'] },
    );
  })
  .map(({ extra, ...doc }) => ({ ...doc, ...(extra ?? {}) }));

// -------------------------------------------------------------------------------------------
// Damage

/** Every [container, key] pair of a JSON value (where a value can be removed or replaced). */
function slots(root: unknown): Array<[Obj | unknown[], string | number]> {
  const out: Array<[Obj | unknown[], string | number]> = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v))
      v.forEach((c, i) => {
        out.push([v, i]);
        stack.push(c);
      });
    else if (typeof v === 'object' && v !== null) {
      for (const k of Object.keys(v)) {
        out.push([v as Obj, k]);
        stack.push((v as Obj)[k]);
      }
    }
  }
  return out;
}

/** Values written where they do not belong. */
const wrongValueArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    true,
    false,
    '',
    'NaN',
    'Infinity',
    '-Infinity',
    '1e400',
    0,
    -1,
    1e308,
    -1e308,
    5e-324,
    1e21,
    2 ** 53 + 1,
    [],
    {},
    [[]],
    { init: 'sparse' },
  ),
  fc.jsonValue({ maxDepth: 2 }),
);

export type Damage =
  | { kind: 'remove'; at: number }
  | { kind: 'replace'; at: number; value: unknown }
  | { kind: 'text-literal'; at: number; literal: string }
  | { kind: 'nest'; at: number; depth: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'bytes'; at: number; bytes: number[] }
  | { kind: 'bom' };

export const damageArb: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value: wrongValueArb }),
  fc.record({
    kind: fc.constant('text-literal' as const),
    at: fc.nat(),
    literal: fc.constantFrom(
      'NaN',
      'Infinity',
      '-Infinity',
      '1e400',
      '-1e999',
      '123456789012345678901234567890',
      '0.1e-400',
      '"\\ud800"',
      'undefined',
    ),
  }),
  fc.record({
    kind: fc.constant('nest' as const),
    at: fc.nat(),
    depth: fc.integer({ min: 50, max: 100_000 }),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('bytes' as const),
    at: fc.nat(),
    bytes: fc.array(fc.integer({ min: 0x80, max: 0xff }), { minLength: 1, maxLength: 4 }),
  }),
  fc.constant({ kind: 'bom' as const }),
);

/** Applies damage to a document's text; returns the damaged text. */
export function applyDamage(text: string, damage: Damage): string {
  switch (damage.kind) {
    case 'remove':
    case 'replace': {
      const bom = text.startsWith('\ufeff') ? '\ufeff' : '';
      const doc: unknown = JSON.parse(text.slice(bom.length));
      const all = slots(doc);
      if (all.length === 0) return text;
      const [container, key] = all[damage.at % all.length]!;
      if (damage.kind === 'remove') {
        if (Array.isArray(container)) container.splice(key as number, 1);
        else delete container[key as string];
      } else if (Array.isArray(container)) container[key as number] = damage.value;
      else container[key as string] = damage.value;
      try {
        return bom + JSON.stringify(doc, null, 2);
      } catch {
        return text; // too deep for JSON.stringify (an earlier 'nest' damage): leave as is
      }
    }
    case 'text-literal':
    case 'nest': {
      // Replace one number or string token of the text by the literal / a deep nest.
      const tokens = [...text.matchAll(/-?\d+(\.\d+)?([eE][-+]?\d+)?|"(?:[^"\\]|\\.)*"/g)];
      if (tokens.length === 0) return text;
      const token = tokens[damage.at % tokens.length]!;
      const insert =
        damage.kind === 'nest'
          ? `${'['.repeat(damage.depth)}1${']'.repeat(damage.depth)}`
          : damage.literal;
      // A string token that is a key keeps its place: damage only values (followed by , ] } or newline).
      return text.slice(0, token.index) + insert + text.slice(token.index! + token[0].length);
    }
    case 'truncate':
      return text.slice(0, damage.at % (text.length + 1));
    case 'bytes': {
      const bytes = new TextEncoder().encode(text);
      const at = damage.at % (bytes.length + 1);
      const out = new Uint8Array(bytes.length + damage.bytes.length);
      out.set(bytes.subarray(0, at), 0);
      out.set(damage.bytes, at);
      out.set(bytes.subarray(at), at + damage.bytes.length);
      return new TextDecoder('utf-8').decode(out);
    }
    case 'bom':
      return `\ufeff${text}`;
  }
}
