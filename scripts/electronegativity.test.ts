/**
 * The matching of electronegativity findings to the exceptions of electronegativity.json: an
 * exception covers one finding with the same check, file, message and code at its location; a new
 * finding in an already-excepted file fails, and so does a stale exception.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  locationText,
  matchFindings,
  normalizeCode,
  parseExceptions,
  type Exception,
  type Finding,
} from './electronegativity-match.mjs';

const preload: Exception = {
  check: 'PRELOAD_JS_CHECK',
  file: 'index.js',
  message: 'Review the use of preload scripts',
  code: 'preload: path.join(appRoot(), "out", "main", "preload.cjs"),',
  reason: 'sandboxed',
};
const finding = (over: Partial<Finding> = {}): Finding => ({
  check: preload.check,
  file: preload.file,
  message: preload.message,
  code: 'preload: path13.join(appRoot(), "out", "main", "preload.cjs"),',
  ...over,
});

describe('electronegativity exceptions', () => {
  it('justify the finding at the excepted code, wherever the bundle puts it', () => {
    const result = matchFindings([finding()], [preload]);
    expect(result.justified).toHaveLength(1);
    expect(result.unjustified).toEqual([]);
    expect(result.unused).toEqual([]);
  });

  it('do not cover a new finding of the same check in the same file', () => {
    const elsewhere = finding({ code: 'preload: path.join(userData, "evil.cjs"),' });
    const result = matchFindings([finding(), elsewhere], [preload]);
    expect(result.unjustified).toEqual([elsewhere]);
  });

  it('cover one finding each: a second copy of the excepted code fails', () => {
    const result = matchFindings([finding(), finding()], [preload]);
    expect(result.justified).toHaveLength(1);
    expect(result.unjustified).toHaveLength(1);
  });

  it('need the same check, file and message too', () => {
    for (const over of [
      { check: 'SANDBOX_JS_CHECK' },
      { file: 'preload.cjs' },
      { message: 'Something else' },
    ]) {
      const result = matchFindings([finding(over)], [preload]);
      expect(result.unjustified, JSON.stringify(over)).toHaveLength(1);
      expect(result.unused).toEqual([preload]);
    }
  });

  it('report an exception that matches nothing as stale', () => {
    expect(matchFindings([], [preload]).unused).toEqual([preload]);
  });

  it('are refused when a field is missing or empty, or the list is the old map', () => {
    expect(() => parseExceptions({ justified: { 'PRELOAD_JS_CHECK index.js': 'ok' } })).toThrow(
      /must be a list/,
    );
    expect(() => parseExceptions({ justified: [{ ...preload, code: ' ' }] })).toThrow(
      /justified\[0\] needs a non-empty "code"/,
    );
    const { reason: _reason, ...noReason } = preload;
    expect(() => parseExceptions({ justified: [noReason] })).toThrow(/"reason"/);
  });

  it('in electronegativity.json are all well formed', () => {
    const list = parseExceptions(JSON.parse(readFileSync('electronegativity.json', 'utf8')));
    expect(list.length).toBeGreaterThan(0);
  });
});

describe('finding locations', () => {
  const source = 'line one\n  const x = 1;\n    preload: path2.join(a),\nlast';
  it('read the flagged span, or the whole line when the tool gives no length', () => {
    expect(locationText(source, { startLine: 3, startColumn: 5, charLength: 22 })).toBe(
      'preload: path2.join(a)',
    );
    expect(locationText(source, { startLine: 2, startColumn: 3, charLength: 0 })).toBe(
      '  const x = 1;',
    );
    expect(locationText(source, { startLine: 9 })).toBe('');
  });

  it('compare code without whitespace or esbuild identifier suffixes', () => {
    expect(normalizeCode('  preload:\n   path13.join(x1)  ')).toBe('preload: path.join(x)');
    expect(normalizeCode('path.join(a)')).not.toBe(normalizeCode('path.resolve(a)'));
  });
});
