import { describe, expect, it } from 'vitest';
import type { Issue } from '../sim/types';
import { validateDocument } from './validateDocument';

type Obj = Record<string, unknown>;

/** A small valid circuit touching every node kind; tests damage a copy. */
function base(): Obj {
  return {
    format: 'neurosketch-network',
    version: 1,
    simulation: { dt: 0.0001, duration: 0.1, seed: 1 },
    nodes: [
      { id: 'A', kind: 'neuron', model: 'lif', params: { tauM: 0.02, bias: 1.5 } },
      {
        id: 'P',
        kind: 'population',
        size: 3,
        model: 'rate',
        activation: 'softmax',
        params: { bias: [0, 1, 2] },
      },
      { id: 'H', kind: 'neuron', model: 'hh', params: {} },
      { id: 'in', kind: 'input', size: 2, signal: { type: 'constant', value: [1, 2] } },
      { id: 'sp', kind: 'input', signal: { type: 'poisson', rate: 20 } },
      { id: 'one', kind: 'bias' },
    ],
    edges: [
      { id: 'e1', source: 'A', target: 'H', weight: 0.05, synapse: { tauS: 0.005 } },
      {
        id: 'e2',
        source: 'in',
        target: 'P',
        weight: [
          [1, 0],
          [0, 1],
          [1, 1],
        ],
      },
      { id: 'e3', source: 'one', target: 'P', weight: 0.5, synapse: null },
      {
        id: 'e4',
        source: 'sp',
        target: 'P',
        weight: { init: 'sparse', p: 0.5, value: 0.1 },
        synapse: { tauS: 0.01, n: 2 },
      },
    ],
    probes: [
      { id: 'pv', target: 'A', variable: 'v' },
      { id: 'py', target: 'P', variable: 'y', indices: [0, 2], every: 10 },
      { id: 'pu', target: 'in', variable: 'u' },
    ],
    layout: { A: { x: 0, y: 0 } },
  };
}

function at(doc: Obj, path: (string | number)[]): Obj {
  let v: unknown = doc;
  for (const k of path) v = (v as Obj)[k as string];
  return v as Obj;
}

function issuesOf(doc: unknown): Issue[] {
  const result = validateDocument(doc);
  return result.ok ? result.warnings : result.issues;
}

function expectError(doc: unknown, path: string, text: RegExp | string, elementId?: string): void {
  const result = validateDocument(doc);
  expect(result.ok, 'document should be invalid').toBe(false);
  const issues = result.ok ? [] : result.issues;
  const match = issues.find((i) => i.severity === 'error' && i.path === path);
  expect(match, `no error at ${path}; got ${JSON.stringify(issues, null, 1)}`).toBeDefined();
  expect(match!.message).toMatch(text);
  if (elementId !== undefined) expect(match!.elementId).toBe(elementId);
}

describe('validateDocument', () => {
  it('accepts the base document without warnings', () => {
    expect(validateDocument(base())).toEqual({ ok: true, document: base(), warnings: [] });
  });

  it('returns the input object itself, unchanged', () => {
    const doc = base();
    const result = validateDocument(doc);
    expect(result.ok && result.document).toBe(doc);
    expect(doc).toEqual(base());
  });

  describe('spec tables: param constraints', () => {
    it.each([
      [
        ['nodes', 0, 'params'],
        'tauM',
        -0.01,
        'nodes[0].params.tauM',
        /^must be > 0 \(got -0\.01\)/,
      ],
      [['nodes', 0, 'params'], 'tauM', 0, 'nodes[0].params.tauM', /must be > 0/],
      [['nodes', 0, 'params'], 'tauRef', -1, 'nodes[0].params.tauRef', /must be >= 0/],
      [['nodes', 2, 'params'], 'C', 0, 'nodes[2].params.C', /must be > 0/],
      [['nodes', 2, 'params'], 'gNa', -1, 'nodes[2].params.gNa', /must be >= 0/],
      [['nodes', 1, 'params'], 'tau', -0.1, 'nodes[1].params.tau', /must be >= 0/],
      [['edges', 0, 'synapse'], 'tauS', 0, 'edges[0].synapse.tauS', /must be > 0/],
      [['edges', 0, 'synapse'], 'n', 11, 'edges[0].synapse.n', /must be a whole number, 0 to 10/],
      [['edges', 0, 'synapse'], 'n', 1.5, 'edges[0].synapse.n', /whole number/],
      [['edges', 0, 'synapse'], 'n', -1, 'edges[0].synapse.n', /must be a whole number, 0 to 10/],
      [['edges', 0], 'delay', -0.001, 'edges[0].delay', /must be >= 0/],
      [['simulation'], 'dt', 0, 'simulation.dt', /must be > 0/],
      [['simulation'], 'seed', 1.5, 'simulation.seed', /whole number/],
      [['nodes', 4, 'signal'], 'rate', -1, 'nodes[4].signal.rate', /must be >= 0/],
    ])('%j.%s = %s is an error at %s', (where, key, value, path, text) => {
      const doc = base();
      at(doc, where as (string | number)[])[key as string] = value;
      expectError(doc, path as string, text as RegExp);
    });

    it('names the element and explains the param', () => {
      const doc = base();
      at(doc, ['nodes', 0, 'params'])['tauM'] = -1;
      const issue = issuesOf(doc).find((i) => i.path === 'nodes[0].params.tauM')!;
      expect(issue.elementId).toBe('A');
      expect(issue.message).toContain('membrane time constant');
      expect(issue.message).toContain('default 0.02');
    });

    it('checks per-element arrays and their length', () => {
      const doc = base();
      at(doc, ['nodes', 1, 'params'])['tau'] = [0, -1, 0];
      expectError(doc, 'nodes[1].params.tau[1]', /must be >= 0/);
      at(doc, ['nodes', 1, 'params'])['bias'] = [0, 1];
      expectError(doc, 'nodes[1].params.bias', /has 2 values but the population has 3 neurons/);
    });

    it('checks draws: a uniform range must respect the constraint, low <= high', () => {
      const doc = base();
      (doc['nodes'] as Obj[]).push({
        id: 'L',
        kind: 'population',
        size: 4,
        model: 'lif',
        params: { tauM: { init: 'uniform', low: -0.01, high: 0.02 } },
      });
      expectError(doc, 'nodes[6].params.tauM', /draw from \[-0.01, 0.02\].*> 0/);
      at(doc, ['nodes', 6, 'params'])['tauM'] = { init: 'uniform', low: 0.03, high: 0.02 };
      expectError(doc, 'nodes[6].params.tauM.high', /must be >= low/);
    });

    it('warns when a normal draw can break a bound, errors when its mean does', () => {
      const doc = base();
      (doc['nodes'] as Obj[]).push({
        id: 'L',
        kind: 'population',
        size: 4,
        model: 'lif',
        params: { tauM: { init: 'normal', mean: 0.02, std: 0.01 } },
      });
      const result = validateDocument(doc);
      expect(result.ok).toBe(true);
      expect(result.ok && result.warnings[0]!.path).toBe('nodes[6].params.tauM');
      at(doc, ['nodes', 6, 'params'])['tauM'] = { init: 'normal', mean: -1, std: 0 };
      expectError(doc, 'nodes[6].params.tauM.mean', /must be > 0/);
    });

    it('requires vTh > vReset, per element too', () => {
      const doc = base();
      at(doc, ['nodes', 0, 'params'])['vReset'] = 1;
      expectError(doc, 'nodes[0].params.vReset', /vTh must be above vReset \(vTh 1, vReset 1\)/);
      (doc['nodes'] as Obj[]).push({
        id: 'L',
        kind: 'population',
        size: 3,
        model: 'lif',
        params: { vTh: [1, 0.2, 1], vReset: 0.5 },
      });
      expectError(doc, 'nodes[6].params.vTh[1]', /for neuron 1/);
      at(doc, ['nodes', 6, 'params'])['vTh'] = { init: 'uniform', low: 0.4, high: 2 };
      expectError(doc, 'nodes[6].params.vTh', /can overlap/);
    });

    it('checks signal fields per element: length and constraint', () => {
      const doc = base();
      at(doc, ['nodes', 3, 'signal'])['value'] = [1, 2, 3];
      expectError(doc, 'nodes[3].signal.value', /has 3 values but the input has size 2/, 'in');
      at(doc, ['nodes', 3])['signal'] = {
        type: 'pulse',
        start: 0,
        width: [0.001, 0],
        amplitude: 1,
      };
      expectError(doc, 'nodes[3].signal.width[1]', /must be > 0/);
    });

    it('requires ascending step times and one value per time', () => {
      const doc = base();
      at(doc, ['nodes', 3])['signal'] = { type: 'step', times: [0, 0.2, 0.2], values: [0, 1] };
      expectError(doc, 'nodes[3].signal.times[2]', /ascending/);
      expectError(doc, 'nodes[3].signal.values', /2 values for 3 times/);
    });

    it('checks spike trains: one per element, ascending, not negative', () => {
      const doc = base();
      at(doc, ['nodes', 3])['signal'] = { type: 'spikes', times: [[0.1], [0.2], [0.3]] };
      expectError(doc, 'nodes[3].signal.times', /3 spike trains but the input has size 2/);
      at(doc, ['nodes', 3])['signal'] = { type: 'spikes', times: [0.2, 0.1] };
      expectError(doc, 'nodes[3].signal.times[1]', /ascending/);
      at(doc, ['nodes', 3])['signal'] = { type: 'spikes', times: [-0.1, 0.1] };
      expectError(doc, 'nodes[3].signal.times[0]', /must be >= 0/);
      at(doc, ['nodes', 3])['signal'] = { type: 'spikes', times: [0.1, 0.1] };
      at(doc, ['edges', 1])['synapse'] = { tauS: 0.005 };
      expect(validateDocument(doc)).toMatchObject({ ok: true });
    });
  });

  describe('structure', () => {
    it('edges to missing nodes, with a suggestion', () => {
      const doc = base();
      at(doc, ['edges', 0])['target'] = 'h';
      expectError(doc, 'edges[0].target', /there is no node "h"; did you mean "H"\?/, 'e1');
    });

    it('edges into inputs and bias nodes', () => {
      const doc = base();
      at(doc, ['edges', 2])['target'] = 'one';
      expectError(doc, 'edges[2].target', /cannot end at a bias node/);
      at(doc, ['edges', 1])['target'] = 'in';
      expectError(doc, 'edges[1].target', /cannot end at an input/);
    });

    it('an edge or probe id used as a node', () => {
      const doc = base();
      at(doc, ['edges', 0])['source'] = 'pv';
      expectError(doc, 'edges[0].source', /"pv" is a probe \(probes\[0\]\), not a node/);
    });

    it('matrix shape: rows = target size, columns = source size', () => {
      const doc = base();
      at(doc, ['edges', 1])['weight'] = [
        [1, 0],
        [0, 1],
      ];
      expectError(doc, 'edges[1].weight', /has 2 rows.*here 3 x 2/);
      at(doc, ['edges', 1])['weight'] = [[1, 0], [0, 1, 2], [1]];
      expectError(doc, 'edges[1].weight[1]', /has 3 columns.*2 for "in"/);
      expectError(doc, 'edges[1].weight[2]', /has 1 column/);
    });

    it('identity between different sizes', () => {
      const doc = base();
      at(doc, ['edges', 1])['weight'] = { init: 'identity', value: 1 };
      expectError(doc, 'edges[1].weight', /same size \("in" has 2, "P" has 3\)/);
    });

    it.each([
      ['a LIF neuron', 0, 'A'],
      ['a poisson input', 3, 'sp'],
    ])('a spiking source without synapse: %s', (_, edgeIndex, source) => {
      const doc = base();
      delete at(doc, ['edges', edgeIndex])['synapse'];
      expectError(
        doc,
        `edges[${edgeIndex}].synapse`,
        new RegExp(`"${source}".*emits spikes.*"synapse": \\{"tauS": 0.005\\}`),
      );
      at(doc, ['edges', edgeIndex])['synapse'] = null;
      expectError(doc, `edges[${edgeIndex}].synapse`, /emits spikes/);
    });

    it('spiking populations and spikes inputs need a synapse too; continuous sources do not', () => {
      const doc = base();
      (doc['nodes'] as Obj[]).push(
        { id: 'E', kind: 'population', size: 2, model: 'hh' },
        { id: 'S', kind: 'input', signal: { type: 'spikes', times: [0.01] } },
      );
      (doc['edges'] as Obj[]).push(
        { id: 'x1', source: 'E', target: 'A', weight: 1 },
        { id: 'x2', source: 'S', target: 'A', weight: 1 },
        { id: 'x3', source: 'P', target: 'A', weight: 1 },
      );
      expectError(doc, 'edges[4].synapse', /HH population/);
      expectError(doc, 'edges[5].synapse', /spikes input/);
      expect(issuesOf(doc).some((i) => i.path === 'edges[6].synapse')).toBe(false);
    });

    it('probe variables must fit the target model', () => {
      const doc = base();
      at(doc, ['probes', 0])['variable'] = 'V';
      expectError(
        doc,
        'probes[0].variable',
        /"V" is not a variable of a LIF neuron \("A"\): use one of "v", "J", "s"/,
        'pv',
      );
      at(doc, ['probes', 1])['variable'] = 'v';
      expectError(doc, 'probes[1].variable', /RATE population/);
      at(doc, ['probes', 2])['variable'] = 'J';
      expectError(doc, 'probes[2].variable', /an input/);
      (doc['probes'] as Obj[]).push({ id: 'pb', target: 'one', variable: 'u' });
      expectError(doc, 'probes[3].target', /bias node/);
    });

    it('accepts every variable of the spec for its model', () => {
      const doc = base();
      const probes = doc['probes'] as Obj[];
      for (const v of ['v', 'J', 's']) probes.push({ id: `x_a${v}`, target: 'A', variable: v });
      for (const v of ['V', 'm', 'h', 'n', 'J', 's'])
        probes.push({ id: `x_h${v}`, target: 'H', variable: v });
      for (const v of ['y', 'J', 's']) probes.push({ id: `x_p${v}`, target: 'P', variable: v });
      expect(validateDocument(doc).ok).toBe(true);
    });

    it('probe indices out of range or repeated', () => {
      const doc = base();
      at(doc, ['probes', 1])['indices'] = [0, 3, 0, -1];
      expectError(
        doc,
        'probes[1].indices[1]',
        /element 3 does not exist: "P" has 3 elements, numbered 0 to 2/,
      );
      expectError(doc, 'probes[1].indices[2]', /listed twice/);
      expectError(doc, 'probes[1].indices[3]', /must be >= 0/);
    });

    it('duplicate ids across nodes, edges and probes', () => {
      const doc = base();
      at(doc, ['edges', 0])['id'] = 'A';
      at(doc, ['probes', 0])['id'] = 'e2';
      expectError(doc, 'edges[0].id', /id "A" is already used by nodes\[0\]/);
      expectError(doc, 'probes[0].id', /id "e2" is already used by edges\[1\]/);
    });

    it.each(['1A', 'a b', 'a.b', '', 'é'])('malformed id %j', (id) => {
      const doc = base();
      at(doc, ['nodes', 5])['id'] = id;
      expectError(doc, 'nodes[5].id', /not a valid id.*starts with a letter or _/);
    });

    it('duration must be a whole number of steps (within 1e-9)', () => {
      const doc = base();
      at(doc, ['simulation'])['duration'] = 0.10005;
      expectError(doc, 'simulation.duration', /1000\.5 steps: use 0\.1 or 0\.1001/);
      at(doc, ['simulation'])['duration'] = 0.3;
      at(doc, ['simulation'])['dt'] = 0.1; // 0.3 / 0.1 = 2.9999999999999996: whole within 1e-9
      expect(validateDocument(doc).ok).toBe(true);
    });

    it('the whole-step tolerance is relative: dt = 1e-9 with a long duration is whole', () => {
      const doc = base();
      doc['probes'] = []; // (a billion steps of samples would be refused for memory)
      at(doc, ['simulation'])['dt'] = 1e-9;
      // 1 / 1e-9 = 999999999.9999999: off by 1e-7 steps, only the division's rounding
      at(doc, ['simulation'])['duration'] = 1;
      expect(validateDocument(doc).ok ? [] : validateDocument(doc)).toEqual([]);
      // 1000 / 1e-9: 1e12 steps is refused, but for its length, not as a fraction of a step
      at(doc, ['simulation'])['duration'] = 1000;
      const r = validateDocument(doc);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.issues.map((i) => i.message).join('\n')).not.toMatch(/whole number of steps/);
        expect(r.issues[0]!.message).toMatch(/the run is too long/);
      }
    });

    it('suggested durations are whole numbers of steps and differ from the refused value', () => {
      const doc = base();
      at(doc, ['simulation'])['dt'] = 1e-9;
      at(doc, ['simulation'])['duration'] = 0.0010000000015;
      expectError(
        doc,
        'simulation.duration',
        /use 0\.001 or 0\.000001001|use 0\.001 or 0\.001000001/,
      );
      at(doc, ['simulation'])['dt'] = 0.0001;
      at(doc, ['simulation'])['duration'] = 0.10005;
      const r = validateDocument(doc);
      const message = r.ok ? '' : r.issues[0]!.message;
      const suggested = /use (\S+) or (\S+),/.exec(message)!.slice(1).map(Number);
      for (const d of suggested) {
        expect(d).not.toBe(0.10005);
        at(doc, ['simulation'])['duration'] = d;
        expect(validateDocument(doc).ok).toBe(true);
      }
    });

    it('a coarse dt is never an error', () => {
      const doc = base();
      at(doc, ['simulation'])['dt'] = 0.05;
      expect(validateDocument(doc).ok).toBe(true);
    });

    it('activation only on rate models; softmax and onehot only on populations', () => {
      const doc = base();
      at(doc, ['nodes', 0])['activation'] = 'relu';
      expectError(doc, 'nodes[0].activation', /only rate units have an activation/);
      (doc['nodes'] as Obj[]).push({
        id: 'R',
        kind: 'neuron',
        model: 'rate',
        activation: 'onehot',
      });
      expectError(doc, 'nodes[6].activation', /make this node a population/);
    });

    it('refuses absurd sizes before anything is allocated', () => {
      const doc = base();
      at(doc, ['nodes', 1])['size'] = 1e12;
      expectError(doc, 'nodes[1].size', /must be <= 10000000/);
    });

    it('refuses a network too large for memory, naming the largest element', () => {
      const doc = base();
      (doc['nodes'] as Obj[]).push({
        id: 'Big',
        kind: 'population',
        size: 10_000_000,
        model: 'lif',
      });
      (doc['edges'] as Obj[]).push({
        id: 'BB',
        source: 'Big',
        target: 'Big',
        weight: { init: 'sparse', p: 0.01, value: 1 },
        synapse: { tauS: 0.005 },
      });
      expectError(doc, 'edges[4].weight', /too large to simulate: about 1\.2\d+e\+4 GB/, 'BB');
    });
  });

  describe('shape', () => {
    it('reports every problem at once, in document order', () => {
      const doc = base();
      at(doc, ['simulation'])['dt'] = 'fast';
      at(doc, ['nodes', 0])['kind'] = 'nueron';
      at(doc, ['nodes', 1])['model'] = 'LIF';
      delete at(doc, ['edges', 0])['weight'];
      at(doc, ['probes', 0])['every'] = 0;
      const issues = issuesOf(doc).filter((i) => i.severity === 'error');
      expect(issues.map((i) => [i.path, i.message])).toEqual([
        ['simulation.dt', expect.stringMatching(/^must be a number \(got "fast"\)/)],
        [
          'nodes[0].kind',
          'must be one of "neuron", "population", "bias", "input" (got "nueron"); did you mean "neuron"?',
        ],
        [
          'nodes[1].model',
          'must be one of "lif", "hh", "rate", "alif" (got "LIF"); did you mean "lif"?',
        ],
        ['edges[0].weight', expect.stringMatching(/^is required: it must be a number, a matrix/)],
        ['probes[0].every', expect.stringMatching(/^must be >= 1 \(got 0\)/)],
      ]);
    });

    it('explains numbers written as strings, and overflowing numbers', () => {
      const doc = base();
      at(doc, ['nodes', 0, 'params'])['tauM'] = '0.02';
      at(doc, ['nodes', 0, 'params'])['bias'] = Infinity;
      expectError(doc, 'nodes[0].params.tauM', /write 0\.02 without quotes/);
      expectError(doc, 'nodes[0].params.bias', /finite number/);
    });

    it('follows the intended alternative of a union (a generator with a bad field)', () => {
      const doc = base();
      at(doc, ['edges', 3])['weight'] = { init: 'sparse', p: 1.5 };
      expectError(doc, 'edges[3].weight.p', /must be <= 1/);
      expectError(doc, 'edges[3].weight.value', /is required/);
      at(doc, ['edges', 3])['weight'] = { init: 'sprase', p: 0.1, value: 1 };
      expectError(doc, 'edges[3].weight.init', /did you mean "sparse"/);
      at(doc, ['edges', 3])['weight'] = 'heavy';
      expectError(doc, 'edges[3].weight', /must be a number, a matrix/);
    });

    it('a neuron takes one number per param, a population also arrays and draws', () => {
      const doc = base();
      at(doc, ['nodes', 0, 'params'])['bias'] = [1, 2];
      expectError(doc, 'nodes[0].params.bias', /must be a number/);
    });

    it('is not an object / not a network file / newer version', () => {
      expect(validateDocument([])).toEqual({
        ok: false,
        issues: [
          expect.objectContaining({ path: '', message: expect.stringMatching(/JSON object/) }),
        ],
      });
      expectError(
        { ...base(), format: 'neurosketch-result' },
        'format',
        /not a NeuroSketch network file/,
      );
      expectError(
        { ...base(), version: 7 },
        'version',
        /format version 7, written by a newer NeuroSketch.*reads versions up to 1/,
      );
      expectError({ ...base(), version: '1' }, 'version', /whole number/);
      expectError({ ...base(), version: 0 }, 'version', /does not exist/);
    });

    it('refuses data nested absurdly deep (before anything could overflow the stack)', () => {
      let deep: unknown = 1;
      for (let i = 0; i < 10_000; i++) deep = [deep];
      const issues = issuesOf({ ...base(), extra: deep });
      expect(issues).toHaveLength(1);
      expect(issues[0]!.path).toMatch(/^extra(\[0\]){99}$/);
      expect(issues[0]!.message).toMatch(/nested more than 100 levels/);
    });
  });

  describe('warnings: unknown keys', () => {
    it.each([
      [['nodes', 0, 'params'], 'tau_m', 'nodes[0].params.tau_m', 'tauM'],
      [['nodes', 0, 'params'], 'vth', 'nodes[0].params.vth', 'vTh'],
      [['edges', 0, 'synapse'], 'tau_s', 'edges[0].synapse.tau_s', 'tauS'],
      [['nodes', 4, 'signal'], 'rates', 'nodes[4].signal.rates', 'rate'],
      [['simulation'], 'durration', 'simulation.durration', 'duration'],
      [['edges', 3, 'weight'], 'sed', 'edges[3].weight.sed', 'seed'],
    ])('%j.%s warns at %s suggesting %s', (where, key, path, suggestion) => {
      const doc = base();
      at(doc, where as (string | number)[])[key as string] = 1;
      const result = validateDocument(doc);
      expect(result.ok).toBe(true);
      const warning = result.ok ? result.warnings.find((w) => w.path === path) : undefined;
      expect(warning, JSON.stringify(result)).toBeDefined();
      expect(warning!.severity).toBe('warning');
      expect(warning!.message).toContain(`did you mean "${suggestion}"?`);
    });

    it("names the model a param belongs to when it is not this model's", () => {
      const doc = base();
      at(doc, ['nodes', 2])['params'] = { tauRef: 0.001 };
      const result = validateDocument(doc);
      expect(result.ok && result.warnings[0]!.message).toMatch(
        /"tauRef" is a param of LIF and ALIF, not HH/,
      );
    });

    it('keeps unknown keys elsewhere silently', () => {
      const doc = { ...base(), futureThing: { a: 1 } };
      at(doc, ['nodes', 0])['color'] = 'red';
      at(doc, ['edges', 0])['note'] = 'x';
      at(doc, ['probes', 0])['style'] = {};
      expect(validateDocument(doc)).toEqual({ ok: true, document: doc, warnings: [] });
    });

    it('lists warnings after errors when the document is invalid', () => {
      const doc = base();
      at(doc, ['nodes', 0, 'params'])['tau_m'] = 1;
      at(doc, ['simulation'])['dt'] = -1;
      const result = validateDocument(doc);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.issues.map((i) => i.severity)).toEqual(['error', 'warning']);
    });
  });
});
