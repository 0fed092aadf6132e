/**
 * A 64,000-neuron file (populations + sparse generators) loads, validates and saves. No timing
 * assertions here: bench/file.bench.ts measures it (`npm run bench -- file`).
 */
import { describe, expect, it } from 'vitest';
import { serializeDocument } from './canonical';
import { estimateRun } from '../sim/admission';
import { loadDocument } from './loadDocument';
import { scaleDocument } from './test-support/scaleDocument';

describe('a 64,000-neuron file', () => {
  it('loads, validates and re-saves byte-identically', () => {
    const text = serializeDocument(scaleDocument());
    const loaded = loadDocument(text);
    expect(loaded.ok ? loaded.warnings : loaded.issues).toEqual([]);
    if (loaded.ok) expect(serializeDocument(loaded.document)).toBe(text);
  });

  it('is within the memory estimate, and ten times its connectivity is not', () => {
    const doc = scaleDocument();
    const estimate = estimateRun(doc);
    expect(estimate.elements).toBe(65_000);
    expect(estimate.bytes.network).toBeLessThan(2e9);
    for (const edge of doc.edges) {
      if (
        typeof edge.weight === 'object' &&
        !Array.isArray(edge.weight) &&
        edge.weight.init === 'sparse'
      )
        edge.weight.p = 0.3;
    }
    const loaded = loadDocument(serializeDocument(doc));
    expect(loaded).toMatchObject({
      ok: false,
      issues: [
        {
          path: 'edges[0].weight',
          elementId: 'EE',
          message: expect.stringMatching(/too large to simulate/),
        },
      ],
    });
  });
});
