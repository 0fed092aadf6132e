/**
 * Property tests (fast-check):
 *  - every random valid document validates, and serialize -> load -> serialize is the identity;
 *  - random damage to a valid file (removed keys, wrong types, NaN/Infinity as text, huge numbers,
 *    deep nesting, truncation, invalid UTF-8 bytes, a BOM) yields a document or a list of errors,
 *    never an exception, an internal error or a hang.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { serializeDocument } from './canonical';
import { findJsonSyntaxError } from './jsonSyntax';
import { loadDocument } from './loadDocument';
import type { NetworkDocument } from './model';
import { applyDamage, damageArb, validDocumentArb } from './test-support/arbitraries';
import { validExampleFiles } from './test-support/exampleFiles';
import { validateDocument } from './validateDocument';

/** Outcomes seen, so a test can check its damage produced both (it is not vacuous). */
const outcomes = { ok: 0, invalid: 0 };

function expectWellFormedResult(text: string): void {
  const result = loadDocument(text);
  outcomes[result.ok ? 'ok' : 'invalid']++;
  if (result.ok) {
    // A document that loads also saves, and its canonical text is stable.
    const saved = serializeDocument(result.document);
    const again = loadDocument(saved);
    expect(again.ok).toBe(true);
    if (again.ok) expect(serializeDocument(again.document)).toBe(saved);
    for (const w of result.warnings) expect(w.severity).toBe('warning');
    return;
  }
  expect(result.issues.length).toBeGreaterThan(0);
  expect(result.issues.some((i) => i.severity === 'error')).toBe(true);
  for (const issue of result.issues) {
    expect(typeof issue.path).toBe('string');
    expect(issue.message.length).toBeGreaterThan(0);
    expect(issue.message).not.toMatch(/internal error/);
  }
}

describe('random valid documents', () => {
  it('validate', () => {
    fc.assert(
      fc.property(validDocumentArb, (doc) => {
        const result = validateDocument(doc);
        if (!result.ok)
          throw new Error(
            JSON.stringify(
              result.issues.filter((i) => i.severity === 'error'),
              null,
              1,
            ),
          );
      }),
      { numRuns: 300 },
    );
  });

  it('round-trip: serialize -> load -> serialize is identical', () => {
    fc.assert(
      fc.property(validDocumentArb, (doc) => {
        const text = serializeDocument(doc as NetworkDocument);
        const loaded = loadDocument(text);
        expect(loaded.ok).toBe(true);
        if (loaded.ok) expect(serializeDocument(loaded.document)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});

describe('random damage never escapes as an exception', () => {
  it('on random valid documents', () => {
    outcomes.ok = 0;
    outcomes.invalid = 0;
    fc.assert(
      fc.property(validDocumentArb, damageArb, (doc, damage) => {
        expectWellFormedResult(applyDamage(serializeDocument(doc as NetworkDocument), damage));
      }),
      { numRuns: 400 },
    );
    // Some damage leaves a valid file (a removed optional key), most does not: both must occur.
    expect(outcomes.ok).toBeGreaterThan(10);
    expect(outcomes.invalid).toBeGreaterThan(100);
  });

  it('on the example files, with several kinds of damage at once', () => {
    const texts = validExampleFiles({ existsSync, readdirSync }).map((f) =>
      readFileSync(f, 'utf8'),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...texts),
        fc.array(damageArb, { minLength: 1, maxLength: 3 }),
        (text, damages) => {
          let damaged = text;
          for (const d of damages) {
            // Structural damage needs valid JSON; once the text is broken, later steps are text-level.
            if ((d.kind === 'remove' || d.kind === 'replace') && !isJson(damaged)) continue;
            damaged = applyDamage(damaged, d);
          }
          expectWellFormedResult(damaged);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('on arbitrary JSON values and arbitrary text', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expectWellFormedResult(JSON.stringify(value));
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.string(), (text) => {
        expectWellFormedResult(text);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the JSON syntax scanner agrees with JSON.parse', () => {
  it('on damaged documents and arbitrary text', () => {
    const jsonLike = fc.stringMatching(/^[\s{}[\]",:0-9eE.+\-tfnrulasx\\]{0,30}$/);
    fc.assert(
      fc.property(
        fc.oneof(
          jsonLike,
          fc.string(),
          fc
            .tuple(validDocumentArb, damageArb)
            .map(([d, dmg]) =>
              applyDamage(serializeDocument(d as NetworkDocument), dmg).replace(/^\ufeff/, ''),
            ),
        ),
        (text) => {
          expect(findJsonSyntaxError(text) === undefined).toBe(
            isJson(text) && !text.startsWith('\ufeff'),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });
});

function isJson(text: string): boolean {
  try {
    JSON.parse(text.replace(/^\ufeff/, ''));
    return true;
  } catch {
    return false;
  }
}
