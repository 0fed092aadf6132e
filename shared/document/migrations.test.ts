import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { serializeDocument } from './canonical';
import { loadDocument } from './loadDocument';
import type { JsonObject, MigrationRegistry, MigrationStep } from './migrations';
import { DEFAULT_REGISTRY, MIGRATIONS, assertSequential, migrateDocument } from './migrations';
import type { NetworkDocument } from './model';
import { FORMAT_VERSION } from './schema';

const GOLDEN_DIR = 'shared/document/__golden__';
const UPDATE = process.env['UPDATE_GOLDEN'] === '1';

/**
 * A fake pre-release step for the tests (not in the product's registry): version 0 named the edge
 * list `connections` and an edge's ends `from`/`to`.
 */
const connectionsToEdges: MigrationStep = {
  from: 0,
  name: 'test-only-connections-to-edges',
  description: 'rename `connections` to `edges`, and `from`/`to` to `source`/`target`',
  migrate(doc) {
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(doc)) {
      if (key !== 'connections') {
        out[key] = value;
        continue;
      }
      out['edges'] = Array.isArray(value)
        ? value.map((c: unknown) => {
            if (typeof c !== 'object' || c === null) return c;
            const edge: JsonObject = {};
            for (const [k, v] of Object.entries(c))
              edge[k === 'from' ? 'source' : k === 'to' ? 'target' : k] = v;
            return edge;
          })
        : value;
    }
    return out;
  },
};

const FAKE: MigrationRegistry = { steps: [connectionsToEdges], currentVersion: 1 };

function golden(name: string, which: 'before' | 'after'): string {
  return path.join(GOLDEN_DIR, `${name}.${which}.neuro`);
}

function checkGolden(step: MigrationStep, registry: MigrationRegistry): void {
  const before = readFileSync(golden(step.name, 'before'), 'utf8');
  const input = JSON.parse(before) as JsonObject;
  expect(input['version']).toBe(step.from);
  const result = migrateDocument(input, { steps: [step], currentVersion: step.from + 1 });
  if (!result.ok) throw new Error(result.issue.message);
  const after = serializeDocument(result.document as NetworkDocument);
  if (UPDATE) writeFileSync(golden(step.name, 'after'), after);
  expect(after).toBe(readFileSync(golden(step.name, 'after'), 'utf8'));
  // The input was not mutated.
  expect(input).toEqual(JSON.parse(before));
  // Through the whole load path, the result is a valid current document.
  const loaded = loadDocument(before, { migrations: registry });
  if (step.from + 1 === registry.currentVersion) {
    expect(loaded).toMatchObject({ ok: true, warnings: [] });
    if (loaded.ok) expect(serializeDocument(loaded.document)).toBe(after);
  }
}

describe('the released migration registry', () => {
  it('is sequential and ends at FORMAT_VERSION', () => {
    expect(() => assertSequential(DEFAULT_REGISTRY)).not.toThrow();
    expect(DEFAULT_REGISTRY.currentVersion).toBe(FORMAT_VERSION);
  });

  it('has a golden pair for every step', () => {
    for (const step of MIGRATIONS) {
      expect(existsSync(golden(step.name, 'before')), step.name).toBe(true);
      expect(existsSync(golden(step.name, 'after')), step.name).toBe(true);
    }
  });

  for (const step of MIGRATIONS) {
    it(`golden: ${step.name} (v${step.from} -> v${step.from + 1})`, () =>
      checkGolden(step, DEFAULT_REGISTRY));
  }

  it('refuses version 0 (there was no released version 0)', () => {
    const result = loadDocument(
      '{"format":"neurosketch-network","version":0,"nodes":[],"edges":[]}',
    );
    expect(result).toMatchObject({
      ok: false,
      issues: [{ path: 'version', message: expect.stringMatching(/does not exist/) }],
    });
  });
});

describe('the migration mechanism (with a test-only registry)', () => {
  it(`golden: ${connectionsToEdges.name}`, () => checkGolden(connectionsToEdges, FAKE));

  it('applies steps in order and writes each new version in place', () => {
    const log: string[] = [];
    const step = (from: number): MigrationStep => ({
      from,
      name: `step-${from}`,
      description: '',
      migrate: (doc) => {
        log.push(`${from}:${String(doc['version'])}`);
        return { ...doc, [`v${from + 1}`]: true };
      },
    });
    const registry: MigrationRegistry = { steps: [step(1), step(2), step(3)], currentVersion: 4 };
    assertSequential(registry);
    const result = migrateDocument({ format: 'x', version: 2, keep: 1 }, registry);
    expect(log).toEqual(['2:2', '3:3']);
    expect(result).toEqual({
      ok: true,
      document: { format: 'x', version: 4, keep: 1, v3: true, v4: true },
      applied: ['step-2', 'step-3'],
    });
    expect(Object.keys(result.ok ? result.document : {})).toEqual([
      'format',
      'version',
      'keep',
      'v3',
      'v4',
    ]);
  });

  it('rejects a registry with a gap or a bad name', () => {
    const s = (from: number, name = `s-${from}`): MigrationStep => ({
      from,
      name,
      description: '',
      migrate: (d) => ({ ...d }),
    });
    expect(() => assertSequential({ steps: [s(1), s(3)], currentVersion: 3 })).toThrow(
      /expected 2/,
    );
    expect(() => assertSequential({ steps: [s(1, 'Bad Name')], currentVersion: 2 })).toThrow(
      /kebab-case/,
    );
  });

  it('refuses a newer version, leaving the document untouched', () => {
    const doc = { format: 'neurosketch-network', version: 2 };
    const result = migrateDocument(doc, FAKE);
    expect(result).toMatchObject({
      ok: false,
      issue: {
        path: 'version',
        message: expect.stringMatching(/newer NeuroSketch.*Update NeuroSketch/),
      },
    });
    expect(doc).toEqual({ format: 'neurosketch-network', version: 2 });
  });

  it('reports a step that throws as an issue', () => {
    const broken: MigrationRegistry = {
      steps: [
        {
          from: 0,
          name: 'explodes',
          description: '',
          migrate: () => {
            throw new Error('no connections list');
          },
        },
      ],
      currentVersion: 1,
    };
    const result = loadDocument('{"format":"neurosketch-network","version":0}', {
      migrations: broken,
    });
    expect(result).toMatchObject({
      ok: false,
      issues: [{ message: expect.stringMatching(/step "explodes"\): no connections list/) }],
    });
  });

  it('leaves a non-integer version to validation', () => {
    const doc = { version: 1.5 };
    expect(migrateDocument(doc, FAKE)).toEqual({ ok: true, document: doc, applied: [] });
  });
});
