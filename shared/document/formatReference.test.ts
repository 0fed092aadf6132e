/**
 * The shipped reference files are generated: this test fails when one is out of date.
 * To regenerate after changing schema.ts or the param registry:
 *   UPDATE_FORMAT_DOCS=1 npx vitest run shared/document/formatReference.test.ts
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import { MODEL_PARAMS } from '../models/registry';
import { networkJsonSchema, renderParamReference } from './formatReference';
import { validExampleFiles } from './test-support/exampleFiles';

const UPDATE = process.env['UPDATE_FORMAT_DOCS'] === '1';
const SCHEMA_FILE = 'docs/format/network.schema.json';
const DOC_FILE = 'docs/format.md';
const BEGIN = '<!-- BEGIN GENERATED PARAM TABLES (formatReference.test.ts) -->';
const END = '<!-- END GENERATED PARAM TABLES -->';

function checkOrUpdate(file: string, expected: string): void {
  if (UPDATE) writeFileSync(file, expected);
  expect(
    readFileSync(file, 'utf8'),
    `${file} is out of date: see the comment at the top of this test`,
  ).toBe(expected);
}

describe('shipped format reference', () => {
  it('docs/format/network.schema.json is the JSON Schema generated from schema.ts', () => {
    checkOrUpdate(SCHEMA_FILE, `${JSON.stringify(networkJsonSchema(), null, 2)}\n`);
  });

  it('docs/format.md param tables are generated from the param registry', async () => {
    const text = readFileSync(DOC_FILE, 'utf8');
    const start = text.indexOf(BEGIN);
    const end = text.indexOf(END);
    expect(start, `${DOC_FILE} needs the markers ${BEGIN} ... ${END}`).toBeGreaterThan(-1);
    expect(end).toBeGreaterThan(start);
    const replaced = `${text.slice(0, start + BEGIN.length)}\n\n${renderParamReference()}\n\n${text.slice(end)}`;
    const options = (await prettier.resolveConfig(DOC_FILE)) ?? {};
    checkOrUpdate(DOC_FILE, await prettier.format(replaced, { ...options, filepath: DOC_FILE }));
  });

  it('names every registry param in docs/format.md', () => {
    const text = readFileSync(DOC_FILE, 'utf8');
    for (const specs of Object.values(MODEL_PARAMS)) {
      for (const spec of specs) expect(text).toContain(`\`${spec.name}\``);
    }
  });

  it('the JSON Schema accepts every example and rejects shape errors', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const validate = ajv.compile(networkJsonSchema());
    for (const file of validExampleFiles({ existsSync, readdirSync })) {
      const ok = validate(JSON.parse(readFileSync(file, 'utf8')));
      expect(ok, `${file}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    const bad = JSON.parse(readFileSync('examples/broken/bad-tauM.neuro', 'utf8'));
    expect(validate(bad)).toBe(false);
    expect(JSON.stringify(validate.errors)).toContain('tauM');
  });
});
