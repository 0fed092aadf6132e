import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_DOCUMENT_CHARS } from './limits';
import { lineColumn, loadDocument } from './loadDocument';
import {
  neuroFiles,
  SPEC_EXAMPLES_COPY,
  SPEC_EXAMPLES_DIR,
  validExampleFiles,
} from './test-support/exampleFiles';

const MINIMAL =
  '{"format":"neurosketch-network","version":1,"simulation":{"dt":0.001,"duration":0.1,"seed":1},"nodes":[],"edges":[]}';

describe('loadDocument', () => {
  it.each(validExampleFiles({ existsSync, readdirSync }))('loads %s without errors', (file) => {
    const result = loadDocument(readFileSync(file, 'utf8'));
    expect(result.ok ? 'ok' : result.issues).toBe('ok');
  });

  it("keeps the in-repo copy of the contract's worked examples equal to the contract's", () => {
    const copy = neuroFiles({ existsSync, readdirSync }, SPEC_EXAMPLES_COPY);
    expect(copy.length).toBeGreaterThan(0);
    if (!existsSync(SPEC_EXAMPLES_DIR)) return; // a clone without the contract beside it
    const spec = neuroFiles({ existsSync, readdirSync }, SPEC_EXAMPLES_DIR);
    expect(spec.map((f) => f.split('/').at(-1))).toEqual(copy.map((f) => f.split('/').at(-1)));
    spec.forEach((f, i) => expect(readFileSync(copy[i]!, 'utf8')).toBe(readFileSync(f, 'utf8')));
  });

  it('tolerates a UTF-8 byte order mark', () => {
    expect(loadDocument(`\ufeff${MINIMAL}`)).toMatchObject({ ok: true });
  });

  it.each([
    ['{\n  "format": "neurosketch-network",\n  "version": 1,\n}', 4, 1, /trailing comma/],
    ['{\n  "a": 1\n  "b": 2\n}', 3, 3, /missing comma/],
    ['{\n  "a": [1, 2', 2, 13, /ends too early/],
    ['', 1, 1, /ends too early/],
    ['{"a": NaN}', 1, 7, /not valid JSON/],
    ['// comment\n{}', 1, 1, /comment/],
  ])('reports invalid JSON with line and column: %j', (text, line, column, fix) => {
    const result = loadDocument(text);
    expect(result.ok).toBe(false);
    const issue = !result.ok ? result.issues[0]! : undefined;
    expect(issue?.path).toBe('');
    expect(issue?.message).toContain(`not valid JSON at line ${line}, column ${column}:`);
    expect(issue?.message).toMatch(fix);
  });

  it('counts the column after a BOM from the first character of the JSON', () => {
    const result = loadDocument('\ufeff{,}');
    expect(!result.ok && result.issues[0]!.message).toContain('line 1, column 2');
  });

  it('lineColumn is 1-based', () => {
    expect(lineColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });

  it('refuses a text too large to parse sanely, before parsing it', () => {
    const huge = ' '.repeat(MAX_DOCUMENT_CHARS + 1);
    expect(loadDocument(huge)).toMatchObject({
      ok: false,
      issues: [{ message: expect.stringMatching(/too large/) }],
    });
  });

  it('refuses a newer version with a clear message and nothing else', () => {
    const result = loadDocument('{"format":"neurosketch-network","version":2,"nodes":"whatever"}');
    expect(result).toEqual({
      ok: false,
      issues: [
        {
          severity: 'error',
          path: 'version',
          message:
            'this file is format version 2, written by a newer NeuroSketch; this program reads versions up to 1. Update NeuroSketch to open it (the file was not changed)',
        },
      ],
    });
  });

  it('never throws: arbitrary text yields issues', () => {
    for (const text of [
      'null',
      '1',
      '"x"',
      '[]',
      '{}',
      '{"format":1}',
      '\u0000',
      '\ud800',
      '{"format":"neurosketch-network","version":1,"nodes":[null,1,"x",[]],"edges":{}}',
    ]) {
      const result = loadDocument(text);
      expect(result.ok).toBe(false);
    }
  });
});
