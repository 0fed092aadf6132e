/** The data behind the "See the math" views, against the notes' closed forms. */
import { describe, expect, it } from 'vitest';
import { loadDocument } from '../../../../shared/document/loadDocument';
import { activationCurves, onehotOf, parseVector, softmaxOf } from './activationData';
import { columns, toCsv } from './csv';
import { gatingAt, gatingCurves } from './hhGating';
import { HH_DEFAULTS, HH_REGIMES, ionicCurrentsThroughSpike, runHh } from './hhCurrent';
import { chargingTrace, crossingTime, LIF_DEFAULTS, lifRate, rateCurve } from './lifMath';
import { filteredTrain, kernelArea, pscKernel } from './pscData';
import { targetMatrix } from './weightMatrix';

describe('HH gating', () => {
  it('m_inf(-40 mV) is 0.50, h small, and the open fractions follow', () => {
    const r = gatingAt(-40);
    expect(r.mInf).toBeCloseTo(0.5, 2);
    expect(r.hInf).toBeLessThan(0.1);
    expect(r.naOpen).toBeCloseTo(r.mInf ** 3 * r.hInf, 15);
    expect(r.kOpen).toBeCloseTo(r.nInf ** 4, 15);
  });
  it('samples -40 mV on its grid', () => {
    const c = gatingCurves();
    const i = c.v.indexOf(-40);
    expect(i).toBeGreaterThan(0);
    expect(c.mInf[i]).toBe(gatingAt(-40).mInf);
  });
});

describe('HH under input current', () => {
  it('rests, fires once, fires repetitively, and blocks', () => {
    const counts = HH_REGIMES.map((r) => runHh({ ...HH_DEFAULTS }, r.current, 100).spikes.length);
    expect(counts[0]).toBe(0);
    expect(counts[1]).toBe(1);
    expect(counts[2]).toBeGreaterThan(3);
    expect(counts[3]).toBeGreaterThan(counts[2]!);
    expect(counts[4]).toBe(1);
    // blocked: after its one spike V settles (no ringing) in the second half of the run
    const block = runHh({ ...HH_DEFAULTS }, HH_REGIMES[4]!.current, 100);
    const late = block.V.filter((_v, k) => block.t[k]! >= 50);
    expect(Math.max(...late) - Math.min(...late)).toBeLessThan(1);
  });
  it('the Na current is inward at the upstroke and K outward on the way down', () => {
    const run = runHh({ ...HH_DEFAULTS }, 10, 40);
    const ionic = ionicCurrentsThroughSpike(run, { ...HH_DEFAULTS })!;
    expect(Math.min(...ionic.iNa)).toBeLessThan(-100);
    expect(Math.max(...ionic.iK)).toBeGreaterThan(100);
  });
});

describe('LIF', () => {
  it('G(2) on the grid is the formula, and the trace crosses at t*', () => {
    const curve = rateCurve(LIF_DEFAULTS);
    const i = curve.vIn.indexOf(2);
    expect(curve.rate[i]).toBe(1 / (0.002 + 0.02 * Math.log(2)));
    const trace = chargingTrace(2, LIF_DEFAULTS, 0.1);
    expect(trace.spikes[0]).toBeCloseTo(crossingTime(2, LIF_DEFAULTS), 15);
    expect(trace.spikes[1]! - trace.spikes[0]!).toBeCloseTo(1 / lifRate(2, LIF_DEFAULTS), 12);
    expect(Math.max(...trace.v)).toBeLessThanOrEqual(1);
  });
  it('general vReset and vTh', () => {
    const p = { tauM: 0.01, tauRef: 0.001, vTh: 2, vReset: 0.5 };
    expect(lifRate(3, p)).toBeCloseTo(1 / (0.001 + 0.01 * Math.log(2.5 / 1)), 12);
    expect(lifRate(2, p)).toBe(0);
  });
});

describe('PSC filters', () => {
  it('have area 1 for every order', () => {
    for (let n = 0; n <= 10; n++) {
      for (const tauS of [0.002, 0.01, 0.3])
        expect(Math.abs(kernelArea(tauS, n) - 1)).toBeLessThan(1e-6);
    }
  });
  it('a spike train is the sum of shifted kernels', () => {
    const { t, s } = filteredTrain([0.1, 0.2], 0.01, 1, 0.5, 500);
    const i = 300;
    expect(s[i]).toBeCloseTo(pscKernel(t[i]! - 0.1, 0.01, 1) + pscKernel(t[i]! - 0.2, 0.01, 1), 12);
  });
});

describe('activations', () => {
  it('softmax sums to 1 and one-hot marks the max (ties too)', () => {
    const s = softmaxOf([1, 2, 3]);
    expect(s.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 15);
    expect(onehotOf([1, 3, 3])).toEqual([0, 1, 1]);
    expect(parseVector('1, 2 -0.5')).toEqual([1, 2, -0.5]);
    expect(parseVector('1, x')).toBeNull();
    expect(activationCurves().values.relu.at(-1)).toBe(5);
  });
});

/** The spec's layer-softmax example (shared/document/__fixtures__/spec/layer-softmax.neuro). */
const LAYER_SOFTMAX = {
  format: 'neurosketch-network',
  version: 1,
  simulation: { dt: 0.001, duration: 0.05, seed: 1 },
  nodes: [
    {
      id: 'X',
      kind: 'population',
      size: 3,
      model: 'rate',
      activation: 'relu',
      params: { bias: [0.2, 1, 0.6] },
    },
    { id: 'one', kind: 'bias' },
    { id: 'Y', kind: 'population', size: 2, model: 'rate', activation: 'softmax' },
  ],
  edges: [
    {
      id: 'W',
      source: 'X',
      target: 'Y',
      weight: [
        [1, -0.5, 0.25],
        [-0.3, 0.8, 0.1],
      ],
    },
    { id: 'b', source: 'one', target: 'Y', weight: [[0.1], [-0.2]] },
  ],
};

describe('weight matrix', () => {
  it('z = W x + b of the softmax layer, with b from the bias node', () => {
    const loaded = loadDocument(JSON.stringify(LAYER_SOFTMAX));
    if (!loaded.ok) throw new Error('fixture invalid');
    const data = targetMatrix(loaded.document, 'Y')!;
    expect(data.W).toEqual([
      [1, -0.5, 0.25],
      [-0.3, 0.8, 0.1],
    ]);
    expect(data.x).toEqual([0.2, 1, 0.6]);
    expect(data.b).toEqual([0.1, -0.2]);
    expect(data.z![0]).toBeCloseTo(0.2 - 0.5 + 0.15 + 0.1, 12);
    expect(data.z![1]).toBeCloseTo(-0.06 + 0.8 + 0.06 - 0.2, 12);
  });
});

describe('csv', () => {
  it('quotes what needs quoting', () => {
    expect(toCsv(['a', 'b'], columns([1, 2], ['x,y', 'z']))).toBe('a,b\n1,"x,y"\n2,z\n');
  });
});
