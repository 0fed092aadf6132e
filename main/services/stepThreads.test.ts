/**
 * Results do not depend on the number of threads or on how a run is chunked (issue 14): every
 * example and a set of LIF networks run with one thread and with the helper thread of
 * stepThreads.ts (its minimum population size lowered so that the examples use it), in one call
 * and in chunks, and every spike time and trace value is compared as bytes. Needs
 * `npm run -s build` (the helper runs out/main/stepThreadWorker.js), as CI does first.
 */
import * as fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDocument } from '../../shared/document/loadDocument';
import type { NetworkDocument } from '../../shared/document/model';
import { validExampleFiles } from '../../shared/document/test-support/exampleFiles';
import { network, runNetwork } from '../../shared/sim/test-support/testNetworks';
import { createSimulation, type SimulationOptions } from '../../shared/sim/createSimulation';
import { SimulationError } from '../../shared/sim/types';
import { StepThreads } from './stepThreads';

// small chunks, so that both threads take chunks of the examples' populations
const helper = new StepThreads(16, 256);
afterAll(() => helper.close());

function bytes(doc: NetworkDocument, options: SimulationOptions, chunk: number): string[] {
  let out;
  try {
    out = runNetwork(doc, options, chunk);
  } catch (e) {
    // a run that fails (runaway-feedback.neuro) fails the same way
    if (!(e instanceof SimulationError)) throw e;
    return [`failed ${e.nodeId} ${e.timeSeconds} ${e.message}`];
  }
  const parts: string[] = [];
  for (const [id, trains] of Object.entries(out.spikes)) {
    parts.push(id);
    for (const t of trains) parts.push(Buffer.from(Float64Array.from(t).buffer).toString('hex'));
  }
  for (const [id, trace] of Object.entries(out.traces)) {
    parts.push(id, trace.steps.join(','));
    for (const v of trace.values)
      parts.push(Buffer.from(Float64Array.from(v).buffer).toString('hex'));
  }
  return parts;
}

/** Two recurrent LIF populations with refractory periods ending inside steps, probed. */
function recurrent(size: number, seed: number): NetworkDocument {
  const lif = {
    tauM: 0.02,
    tauRef: 0.0023,
    vTh: 1,
    vReset: 0,
    bias: 1.05,
    v0: { init: 'uniform', low: 0, high: 1 },
  };
  const syn = (tauS: number) => ({ tauS, n: 0 });
  return network({
    dt: 1e-4,
    duration: 0.1,
    seed,
    nodes: [
      { id: 'E', kind: 'population', size, model: 'lif', params: lif },
      { id: 'I', kind: 'population', size: size >> 2, model: 'lif', params: lif },
    ],
    edges: [
      {
        id: 'EE',
        source: 'E',
        target: 'E',
        weight: { init: 'sparse', p: 0.05, value: 0.002 },
        synapse: syn(0.005),
        delay: 1e-4,
      },
      {
        id: 'EI',
        source: 'E',
        target: 'I',
        weight: { init: 'sparse', p: 0.05, value: 0.002 },
        synapse: syn(0.005),
        delay: 0,
      },
      {
        id: 'IE',
        source: 'I',
        target: 'E',
        weight: { init: 'sparse', p: 0.05, value: -0.01 },
        synapse: syn(0.01),
        delay: 2e-4,
      },
    ],
    probes: [{ id: 'v', target: 'E', variable: 'v' }],
  });
}

describe('the helper thread', () => {
  it('takes populations of the minimum size (so the comparisons below use two threads)', () => {
    const created = createSimulation(recurrent(64, 1), { stepHelper: helper });
    expect(created.ok).toBe(true);
    expect(helper.attached).toBe(2);
  });

  const docs: Array<[string, NetworkDocument]> = validExampleFiles(fs).map((file) => {
    const loaded = loadDocument(fs.readFileSync(file, 'utf8'));
    if (!loaded.ok) throw new Error(`${file} does not load`);
    return [file, loaded.document];
  });
  docs.push(['recurrent 400', recurrent(400, 3)], ['recurrent 1001', recurrent(1001, 4)]);

  for (const [name, doc] of docs) {
    it(`${name}: one thread, two threads, chunked: the same bytes`, () => {
      const one = bytes(doc, {}, 1e9);
      expect(bytes(doc, { stepHelper: helper }, 1e9)).toEqual(one);
      expect(bytes(doc, { stepHelper: helper }, 37)).toEqual(one);
      expect(bytes(doc, {}, 101)).toEqual(one);
    });
  }

  it('did part of the work of the runs above', () => {
    expect(helper.helperChunks).toBeGreaterThan(0);
  });
});
