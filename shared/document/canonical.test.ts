import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canonicalize, serializeDocument } from './canonical';
import { loadDocument } from './loadDocument';
import type { NetworkDocument } from './model';
import { validExampleFiles } from './test-support/exampleFiles';

function load(text: string): NetworkDocument {
  const result = loadDocument(text);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.document;
}

describe('canonical form (docs/format.md#document)', () => {
  const files = validExampleFiles({ existsSync, readdirSync });

  it('has example files to check', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
  });

  it.each(files)('re-saving %s is byte-identical', (file) => {
    const text = readFileSync(file, 'utf8');
    expect(serializeDocument(load(text))).toBe(text);
  });

  it('orders keys as the spec lists them, unknown keys after, in their order', () => {
    const doc = {
      zExtra: 1,
      layout: { B: { y: 2, note: 'n', x: 1 }, A: { x: 0, y: 0 } },
      edges: [
        {
          delay: 0,
          synapse: { n: 1, tauS: 0.01, q: 1 },
          weight: { value: 0.5, p: 0.1, init: 'sparse' },
          target: 'B',
          source: 'A',
          id: 'e',
          color: 'red',
        },
      ],
      nodes: [
        { signal: { values: [1], times: [0], type: 'step' }, kind: 'input', id: 'A' },
        {
          params: { vTh: 2, tauM: { high: 0.03, low: 0.01, init: 'uniform' } },
          label: 'b',
          model: 'lif',
          size: 2,
          kind: 'population',
          id: 'B',
          mine: true,
        },
      ],
      probes: [{ indices: [0], every: 2, variable: 'v', target: 'B', id: 'p', extra: null }],
      simulation: { seed: 1, duration: 1, dt: 0.001, other: 'x' },
      version: 1,
      format: 'neurosketch-network',
      aExtra: 2,
    };
    const c = canonicalize(doc);
    expect(Object.keys(c)).toEqual([
      'format',
      'version',
      'simulation',
      'nodes',
      'edges',
      'probes',
      'layout',
      'zExtra',
      'aExtra',
    ]);
    expect(Object.keys(c['simulation'] as object)).toEqual(['dt', 'duration', 'seed', 'other']);
    const nodes = c['nodes'] as Record<string, unknown>[];
    expect(Object.keys(nodes[0]!)).toEqual(['id', 'kind', 'signal']);
    expect(Object.keys(nodes[0]!['signal'] as object)).toEqual(['type', 'times', 'values']);
    expect(Object.keys(nodes[1]!)).toEqual([
      'id',
      'kind',
      'size',
      'model',
      'label',
      'params',
      'mine',
    ]);
    // params keep the author's order; a draw inside gets the generator order.
    const params = nodes[1]!['params'] as Record<string, unknown>;
    expect(Object.keys(params)).toEqual(['vTh', 'tauM']);
    expect(Object.keys(params['tauM'] as object)).toEqual(['init', 'low', 'high']);
    const edge = (c['edges'] as Record<string, unknown>[])[0]!;
    expect(Object.keys(edge)).toEqual([
      'id',
      'source',
      'target',
      'weight',
      'synapse',
      'delay',
      'color',
    ]);
    expect(Object.keys(edge['weight'] as object)).toEqual(['init', 'p', 'value']);
    expect(Object.keys(edge['synapse'] as object)).toEqual(['tauS', 'n', 'q']);
    const probe = (c['probes'] as Record<string, unknown>[])[0]!;
    expect(Object.keys(probe)).toEqual(['id', 'target', 'variable', 'every', 'indices', 'extra']);
    const layout = c['layout'] as Record<string, object>;
    expect(Object.keys(layout)).toEqual(['B', 'A']);
    expect(Object.keys(layout['B']!)).toEqual(['x', 'y', 'note']);
  });

  it('writes numbers as JavaScript prints them, 2-space indent, trailing newline', () => {
    const text = serializeDocument({
      format: 'neurosketch-network',
      version: 1,
      simulation: { dt: 1e-7, duration: 1e21, seed: 0 },
      nodes: [],
      edges: [],
      probes: [],
      layout: {},
      n: [0.1 + 0.2, -0, 5e-324],
    } as unknown as NetworkDocument);
    expect(text).toBe(
      '{\n  "format": "neurosketch-network",\n  "version": 1,\n  "simulation": {\n    "dt": 1e-7,\n    "duration": 1e+21,\n    "seed": 0\n  },\n' +
        '  "nodes": [],\n  "edges": [],\n  "probes": [],\n  "layout": {},\n  "n": [\n    0.30000000000000004,\n    0,\n    5e-324\n  ]\n}\n',
    );
  });

  it('keeps unknown keys through load -> save, including odd names', () => {
    const text =
      '{"format":"neurosketch-network","version":1,"future":{"b":1,"a":[1,{"z":2}]},' +
      '"simulation":{"dt":0.001,"duration":0.01,"seed":1},' +
      '"nodes":[{"id":"A","kind":"neuron","model":"rate","__proto__":{"evil":true},"constructor":1,"ui":{"color":"#f00"}}],' +
      '"edges":[],"__proto__":[1]}';
    const doc = load(text);
    const saved = serializeDocument(doc);
    const reparsed = JSON.parse(saved) as Record<string, unknown>;
    expect(Object.keys(reparsed)).toEqual([
      'format',
      'version',
      'simulation',
      'nodes',
      'edges',
      'future',
      '__proto__',
    ]);
    expect(Object.prototype.hasOwnProperty.call(reparsed, '__proto__')).toBe(true);
    expect(reparsed['future']).toEqual({ b: 1, a: [1, { z: 2 }] });
    const node = (reparsed['nodes'] as Record<string, unknown>[])[0]!;
    expect(Object.keys(node)).toEqual(['id', 'kind', 'model', '__proto__', 'constructor', 'ui']);
    expect(({} as Record<string, unknown>)['evil']).toBeUndefined();
    expect(serializeDocument(load(saved))).toBe(saved);
  });

  it('serializes a document the editor holds even when it is incomplete', () => {
    const partial = {
      nodes: [{ kind: 'mystery', id: 'x', z: 1 }],
      edges: [{ weight: { init: 'new-kind', b: 1, a: 2 } }],
    };
    expect(() => serializeDocument(partial as unknown as NetworkDocument)).not.toThrow();
    expect(serializeDocument(partial as unknown as NetworkDocument)).toContain(
      '"b": 1,\n        "a": 2',
    );
  });
});
