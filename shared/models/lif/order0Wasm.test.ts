/**
 * The LIF fast loop in WebAssembly SIMD gives the JS loop's results bit for bit: random LIF
 * networks (odd and even sizes, drives near threshold, refractory periods ending inside steps,
 * excitation and inhibition, live edits) run with `simd` on and off and every spike time and
 * trace value is compared as bytes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NetworkDocument } from '../../document/model';
import { network, runWithEdits, type TimedEdit } from '../../sim/test-support/testNetworks';
import { Order0Wasm, WASM_MIN_SIZE } from './order0Wasm';

function bytes(values: number[]): string {
  return Buffer.from(Float64Array.from(values).buffer).toString('hex');
}

function run(doc: NetworkDocument, edits: TimedEdit[], simd: boolean, chunk: number) {
  const { out, answers } = runWithEdits(doc, edits, { simd }, chunk);
  const spikes = Object.entries(out.spikes).map(([id, trains]) => [id, trains.map(bytes)]);
  const traces = Object.entries(out.traces).map(([id, t]) => [id, t.steps, t.values.map(bytes)]);
  return { spikes, traces, answers: answers.map((a) => a?.path ?? null) };
}

interface Shape {
  ne: number;
  ni: number;
  bias: number;
  tauRef: number;
  we: number;
  wi: number;
  p: number;
  seed: number;
  dt: number;
}

function lifNetwork(s: Shape): NetworkDocument {
  const lif = {
    tauM: 0.02,
    tauRef: s.tauRef,
    vTh: 1,
    vReset: 0,
    bias: s.bias,
    v0: { init: 'uniform', low: 0, high: 1 },
  };
  return network({
    dt: s.dt,
    duration: 0.08,
    seed: s.seed,
    nodes: [
      { id: 'E', kind: 'population', size: s.ne, model: 'lif', params: lif },
      { id: 'I', kind: 'population', size: s.ni, model: 'lif', params: lif },
    ],
    edges: [
      {
        id: 'EE',
        source: 'E',
        target: 'E',
        weight: { init: 'sparse', p: s.p, value: s.we },
        synapse: { tauS: 0.005, n: 0 },
        delay: s.dt,
      },
      {
        id: 'EI',
        source: 'E',
        target: 'I',
        weight: { init: 'sparse', p: s.p, value: s.we },
        synapse: { tauS: 0.005, n: 0 },
        delay: s.dt,
      },
      {
        id: 'IE',
        source: 'I',
        target: 'E',
        weight: { init: 'sparse', p: s.p, value: s.wi },
        synapse: { tauS: 0.01, n: 0 },
        delay: 2 * s.dt,
      },
    ],
    probes: [
      { id: 'vE', target: 'E', variable: 'v' },
      { id: 'sI', target: 'I', variable: 's' },
    ],
  });
}

const shapes = fc.record({
  ne: fc.integer({ min: WASM_MIN_SIZE, max: 61 }),
  ni: fc.integer({ min: WASM_MIN_SIZE, max: 33 }),
  bias: fc.double({ min: 0.8, max: 1.3, noNaN: true }),
  tauRef: fc.constantFrom(0, 0.00237, 0.005),
  we: fc.double({ min: 0, max: 0.004, noNaN: true }),
  wi: fc.double({ min: -0.02, max: 0, noNaN: true }),
  p: fc.double({ min: 0.05, max: 0.5, noNaN: true }),
  seed: fc.integer({ min: 1, max: 1e6 }),
  dt: fc.constantFrom(1e-4, 2.5e-4),
});

describe('LIF fast loop in WebAssembly SIMD', () => {
  it('is available here, so the tests below compare two different loops', () => {
    expect(Order0Wasm.create(WASM_MIN_SIZE)).not.toBeNull();
    expect(Order0Wasm.create(WASM_MIN_SIZE - 1)).toBeNull();
  });

  it('gives the JS loop’s spikes and traces bit for bit', () => {
    fc.assert(
      fc.property(shapes, (s) => {
        const doc = lifNetwork(s);
        expect(run(doc, [], true, 1e9)).toEqual(run(doc, [], false, 1e9));
      }),
      { numRuns: 25, seed: 20261205 },
    );
  });

  it('stays identical through live edits of the drive, threshold and tauM, in chunks', () => {
    fc.assert(
      fc.property(shapes, fc.integer({ min: 1, max: 97 }), (s, chunk) => {
        const doc = lifNetwork(s);
        const edits: TimedEdit[] = [
          { step: 100, edit: { elementId: 'E', path: 'params.bias', value: s.bias + 0.2 } },
          { step: 200, edit: { elementId: 'I', path: 'params.vTh', value: 0.9 } },
          { step: 250, edit: { elementId: 'E', path: 'params.tauM', value: 0.015 } },
        ];
        const a = run(doc, edits, true, chunk);
        expect(a.answers).toEqual([null, null, null]);
        expect(a).toEqual(run(doc, edits, false, 1e9));
      }),
      { numRuns: 10, seed: 7 },
    );
  });
});
