/**
 * The exporters without the peers: Python literals that cannot become code, .npy files, every
 * example exports to Brian2, a fuzz over random valid circuits (export never throws: it writes
 * files or lists reasons), and compare. The peers themselves run in main/cli/peers/ (npm test's
 * cross-check suite).
 */
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDocument, validateDocument } from '../document/loadDocument';
import type { NetworkDocument } from '../document/model';
import { validDocumentArb } from '../document/test-support/arbitraries';
import { exportBrian2 } from './brian2/exportBrian2';
import { compareResults, ksDistance, type ResultLike } from './compare';
import { encodeNpy } from './npy';
import { exportPynn } from './pynn/exportPynn';
import { pyNum, pyStr, safeFileName } from './pyLiteral';

/** Python's reading of the literals pyStr writes (the escapes it uses). */
function readPyStr(lit: string): string {
  expect(lit.startsWith("'") && lit.endsWith("'")).toBe(true);
  const body = lit.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch === "'") throw new Error('unescaped quote');
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const e = body[++i]!;
    if (e === '\\' || e === "'") out += e;
    else if (e === 'x') {
      out += String.fromCodePoint(parseInt(body.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (e === 'u') {
      out += String.fromCodePoint(parseInt(body.slice(i + 1, i + 5), 16));
      i += 4;
    } else if (e === 'U') {
      out += String.fromCodePoint(parseInt(body.slice(i + 1, i + 9), 16));
      i += 8;
    } else throw new Error(`unknown escape \\${e}`);
  }
  return out;
}

const HOSTILE = [
  "it's",
  '"""',
  "'''",
  'a\\',
  'x\ny',
  'é ü 中文 🧠',
  "'); import os; os.system('touch /tmp/pwned'); ('",
  '\r\u2028\u2029\0',
  '\udc00 lone surrogate',
];

describe('pyStr', () => {
  it('writes printable ASCII that Python reads back as the same text', () => {
    for (const text of HOSTILE) {
      const lit = pyStr(text);
      expect(lit).toMatch(/^'[\x20-\x7e]*'$/);
      expect(readPyStr(lit)).toBe(text);
    }
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const lit = pyStr(text);
        return /^'[\x20-\x7e]*'$/.test(lit) && readPyStr(lit) === text;
      }),
    );
  });

  it('pyNum refuses what is not a finite number', () => {
    expect(pyNum(1e-7)).toBe('1e-7');
    expect(() => pyNum(NaN)).toThrow();
    expect(() => pyNum(Infinity)).toThrow();
  });

  it('safeFileName keeps letters, digits, - and _ only', () => {
    expect(safeFileName('../../etc/passwd')).toBe('etc_passwd');
    expect(safeFileName('My circuit: "A" & B')).toBe('My_circuit_A_B');
    expect(safeFileName('')).toBe('circuit');
    expect(safeFileName('con')).toBe('circuit');
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) =>
        /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(safeFileName(text)),
      ),
    );
  });
});

describe('encodeNpy', () => {
  it('writes a version 1.0 header padded to 64 bytes and little-endian data', () => {
    const bytes = encodeNpy(new Float64Array([1.5, -2]), [2]);
    expect(Array.from(bytes.slice(0, 8))).toEqual([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
    const headerLength = bytes[8]! + 256 * bytes[9]!;
    expect((10 + headerLength) % 64).toBe(0);
    const header = new TextDecoder().decode(bytes.slice(10, 10 + headerLength));
    expect(header).toContain("'descr': '<f8'");
    expect(header).toContain("'shape': (2,)");
    const view = new DataView(bytes.buffer, 10 + headerLength);
    expect(view.getFloat64(0, true)).toBe(1.5);
    expect(view.getFloat64(8, true)).toBe(-2);
    const ints = encodeNpy(new Int32Array([7]), [1, 1]);
    expect(new TextDecoder().decode(ints)).toContain("'shape': (1, 1)");
  });
});

function example(name: string): NetworkDocument {
  const loaded = loadDocument(readFileSync(`examples/${name}`, 'utf8'));
  if (!loaded.ok) throw new Error(name);
  return loaded.document;
}

describe('exportBrian2', () => {
  const files = readdirSync('examples').filter((f) => f.endsWith('.neuro'));

  it.each(files)('exports %s', (file) => {
    const result = exportBrian2(example(file));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const names = result.files.map((f) => f.name);
    expect(names).toContain('circuit.py');
    expect(names).toContain('README.md');
    for (const name of names) expect(name).toMatch(/^(data\/)?[A-Za-z0-9_]+\.(py|md|npy)$/);
    expect(result.lines.every((l) => l.ok)).toBe(true);
  });

  it('is deterministic: the same file gives the same bytes', () => {
    const a = exportBrian2(example('cuba.neuro'));
    const b = exportBrian2(example('cuba.neuro'));
    expect(a.ok && b.ok).toBe(true);
    if (a.ok && b.ok) expect(a.files).toEqual(b.files);
  });

  it('puts a text of the circuit into the script only as an escaped literal', () => {
    const doc = example('two-drive-one.neuro');
    const hostile = "x'''\n\"\"\"\\ é🧠\nimport os; os.system('echo HACKED')";
    const result = exportBrian2({ ...doc, name: hostile, description: hostile });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const script = result.files.find((f) => f.name === 'circuit.py')!.data as string;
    expect(script).toContain(pyStr(hostile));
    expect(script.split(pyStr(hostile)).join('')).not.toContain('HACKED');
    expect(/[^\x09\x0a\x20-\x7e]/.test(script)).toBe(false);
  });

  it('lists an edge it cannot map, by id and with the reason', () => {
    const doc = example('runaway-feedback.neuro');
    const result = exportBrian2({
      ...doc,
      edges: doc.edges.map((e) => ({ ...e, delay: 0.002 })),
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ kind: 'edge', id: 'loop', path: 'edges[0]' });
    expect(result.problems[0]!.text).toMatch(/delay .* rate unit/);
  });
});

describe('fuzz: random valid circuits', () => {
  it('export never throws: it writes files or lists reasons', () => {
    fc.assert(
      fc.property(validDocumentArb, (raw) => {
        const checked = validateDocument({
          ...raw,
          simulation: { dt: 0.001, duration: 0.01, seed: 1 },
        });
        if (!checked.ok) return true;
        for (const inputs of ['as-drawn', 'native'] as const) {
          for (const exporter of [exportBrian2, exportPynn]) {
            const result = exporter(checked.document, { inputs });
            if (result.ok) expect(result.files.length).toBeGreaterThan(0);
            else expect(result.problems.length).toBeGreaterThan(0);
          }
        }
        return true;
      }),
      { numRuns: 150 },
    );
  });
});

describe('compareResults', () => {
  const base: ResultLike = {
    duration: 1,
    spikes: { A: [[0.1, 0.2, 0.3]], P: [[0.5], []] },
    traces: { p: { target: 'A', variable: 'v', t: [0, 0.1, 0.2], values: [[0, 0.5, 0]] } },
  };

  it('finds nothing between a result and itself', () => {
    const c = compareResults(base, base, { count: 0, time: 0, rate: 0, trace: 0, ks: 0 });
    expect(c.failures).toEqual([]);
    expect(c.spikes[0]).toMatchObject({ countA: 3, countB: 3, timeDiff: 0, ks: 0 });
  });

  it('reports counts, times (with drift per second), rates and shifted traces', () => {
    const other: ResultLike = {
      ...base,
      spikes: { A: [[0.1001, 0.2002, 0.3003]], P: [[0.5], [0.7]] },
      traces: { p: { target: 'A', variable: 'v', t: [0, 0.1, 0.2], values: [[0, 0, 0.5]] } },
    };
    const strict = compareResults(base, other, { count: 0, time: 1e-4, trace: 0.1 });
    expect(strict.failures.some((f) => f.startsWith('spikes A: spike times'))).toBe(true);
    expect(strict.failures.some((f) => f.startsWith('spikes P: element 1 count'))).toBe(true);
    expect(strict.failures.some((f) => f.startsWith('trace p'))).toBe(true);
    const loose = compareResults(base, other, {
      time: 1e-4 + 1e-12,
      drift: 1e-3,
      trace: 0.1,
      shift: 1,
    });
    expect(loose.failures).toEqual([]);
    expect(loose.spikes.find((r) => r.id === 'P')!.rateRel).toBeCloseTo(1);
  });

  it('ksDistance', () => {
    expect(ksDistance([1, 2, 3], [1, 2, 3])).toBe(0);
    expect(ksDistance([0, 0], [5, 5])).toBe(1);
  });
});
