/** The streamed result text is byte-for-byte the whole-text result (issue 16, item 5). */
import { describe, expect, it } from 'vitest';
import { toCsv } from './resultCsv';
import { batchText, resultCsvPieces, resultJsonPieces, resultJsonText } from './resultStream';
import type { RunResult } from './runResult';

function result(): RunResult {
  return {
    format: 'neurosketch-result',
    version: 1,
    dt: 0.0001,
    duration: 1,
    seed: 3,
    spikes: {
      B: [[0.5, 0.25], [], [1e-7]],
      A: [Array.from({ length: 40_000 }, (_, k) => k * 1.1e-5)],
      Empty: [],
    },
    traces: {
      z: {
        target: 'B',
        variable: 'v',
        indices: [2, 0],
        t: [0, 0.0001],
        values: [
          [1, -0],
          [2.5, 3],
        ],
      },
      a: {
        target: 'A',
        variable: 'y',
        indices: [0],
        t: Array.from({ length: 40_000 }, (_, k) => k / 10_000),
        values: [Array.from({ length: 40_000 }, (_, k) => Math.sin(k))],
      },
    },
    stats: { steps: 10, spikes: 3, compileSeconds: 0.1, runSeconds: 0.2, wallSeconds: 0.3 },
    extra: { note: 'kept' },
    gone: undefined,
  };
}

describe('resultStream', () => {
  it('JSON pieces join to JSON.stringify(result) + newline', () => {
    const r = result();
    expect([...resultJsonPieces(r)].join('')).toBe(JSON.stringify(r) + '\n');
  });

  it('a small result is written in one piece, a large one in pieces, the same text', () => {
    const r = result();
    const whole = [...resultJsonText(r)];
    expect(whole).toEqual([JSON.stringify(r) + '\n']);
    const streamed = [...resultJsonText(r, 1000)];
    expect(streamed.length).toBeGreaterThan(1);
    expect(streamed.join('')).toBe(whole[0]);
  });

  it('JSON of an empty result', () => {
    const r = { ...result(), spikes: {}, traces: {} };
    expect([...resultJsonPieces(r)].join('')).toBe(JSON.stringify(r) + '\n');
  });

  it('CSV pieces join to toCsv(result)', () => {
    const r = result();
    expect([...resultCsvPieces(r)].join('')).toBe(toCsv(r));
  });

  it('batches pieces into chunks of at least the size asked, losing nothing', () => {
    const pieces = [...resultJsonPieces(result())];
    const chunks = [...batchText(pieces, 100_000)];
    expect(chunks.join('')).toBe(pieces.join(''));
    for (const c of chunks.slice(0, -1)) expect(c.length).toBeGreaterThanOrEqual(100_000);
    expect(chunks.length).toBeGreaterThan(2);
  });
});
