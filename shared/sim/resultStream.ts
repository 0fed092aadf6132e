/**
 * A run result as a stream of text pieces, so a large result is written without ever holding its
 * whole text in memory (a JSON string of a few hundred MB is past what V8 can build). The pieces
 * join to exactly `JSON.stringify(result) + '\n'` and to exactly `toCsv(result)`; `batchText`
 * groups them into chunks of about a megabyte for the writer.
 */
import { RESULT_CSV_HEADER } from './resultCsv';
import type { RunResult } from './runResult';

/** Values per piece when an array is written out. */
const PIECE = 16384;

function num(x: number): string {
  return Number.isFinite(x) ? String(x) : 'null';
}

/** `[1,2,3]` in pieces, as JSON.stringify writes a number array. */
function* numberArray(values: readonly number[]): Generator<string> {
  if (values.length === 0) {
    yield '[]';
    return;
  }
  for (let start = 0; start < values.length; start += PIECE) {
    const end = Math.min(values.length, start + PIECE);
    let text = start === 0 ? '[' : ',';
    for (let k = start; k < end; k++) text += (k > start ? ',' : '') + num(values[k]!);
    yield end === values.length ? text + ']' : text;
  }
}

/** JSON of a list of number arrays (`[[..],[..]]`). */
function* arrayOfArrays(lists: readonly (readonly number[])[]): Generator<string> {
  yield '[';
  for (let e = 0; e < lists.length; e++) {
    if (e > 0) yield ',';
    yield* numberArray(lists[e]!);
  }
  yield ']';
}

/** The result JSON of docs/format.md#results, piece by piece (the pieces join to JSON.stringify(result) + '\n'). */
export function* resultJsonPieces(result: RunResult): Generator<string> {
  yield '{';
  let first = true;
  for (const key of Object.keys(result)) {
    const value = result[key];
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
    yield `${first ? '' : ','}${JSON.stringify(key)}:`;
    first = false;
    if (key === 'spikes') {
      yield '{';
      let firstId = true;
      for (const id of Object.keys(result.spikes)) {
        yield `${firstId ? '' : ','}${JSON.stringify(id)}:`;
        firstId = false;
        yield* arrayOfArrays(result.spikes[id]!);
      }
      yield '}';
    } else if (key === 'traces') {
      yield '{';
      let firstId = true;
      for (const id of Object.keys(result.traces)) {
        const trace = result.traces[id]!;
        yield `${firstId ? '' : ','}${JSON.stringify(id)}:{`;
        firstId = false;
        let firstField = true;
        for (const field of Object.keys(trace)) {
          const v = (trace as unknown as Record<string, unknown>)[field];
          if (v === undefined) continue;
          yield `${firstField ? '' : ','}${JSON.stringify(field)}:`;
          firstField = false;
          if (field === 't') yield* numberArray(trace.t);
          else if (field === 'values') yield* arrayOfArrays(trace.values);
          else yield JSON.stringify(v);
        }
        yield '}';
      }
      yield '}';
    } else {
      yield JSON.stringify(value);
    }
  }
  yield '}\n';
}

/** Numbers up to which `resultJsonText` builds the text in one go (at most ~25 MB of text). */
export const WHOLE_JSON_NUMBERS = 1_000_000;

/**
 * The result JSON for a writer: one `JSON.stringify` when the result is small (V8's serialiser is
 * ~7x faster than the pieces: cuba.neuro's 24,000 spike times take 2.5 ms instead of 17), the
 * pieces otherwise. Same text either way.
 */
export function resultJsonText(
  result: RunResult,
  wholeUpTo = WHOLE_JSON_NUMBERS,
): Iterable<string> {
  let numbers = 0;
  for (const id of Object.keys(result.spikes))
    for (const times of result.spikes[id]!) numbers += times.length;
  for (const id of Object.keys(result.traces)) {
    const trace = result.traces[id]!;
    numbers += trace.t.length * (1 + trace.values.length);
  }
  return numbers <= wholeUpTo ? [JSON.stringify(result) + '\n'] : resultJsonPieces(result);
}

/** The long CSV of docs/format.md#results, piece by piece (the pieces join to toCsv(result)). */
export function* resultCsvPieces(result: Pick<RunResult, 'spikes' | 'traces'>): Generator<string> {
  yield RESULT_CSV_HEADER + '\n';
  for (const id of Object.keys(result.spikes).sort()) {
    const perElement = result.spikes[id]!;
    for (let index = 0; index < perElement.length; index++) {
      const times = perElement[index]!;
      for (let start = 0; start < times.length; start += PIECE) {
        let text = '';
        const end = Math.min(times.length, start + PIECE);
        for (let k = start; k < end; k++) text += `spike,${id},,${index},${times[k]},\n`;
        yield text;
      }
    }
  }
  for (const id of Object.keys(result.traces).sort()) {
    const trace = result.traces[id]!;
    const order = trace.indices.map((index, e) => ({ index, e })).sort((a, b) => a.index - b.index);
    for (const { index, e } of order) {
      const series = trace.values[e]!;
      const prefix = `trace,${id},${trace.variable},${index},`;
      for (let start = 0; start < trace.t.length; start += PIECE) {
        let text = '';
        const end = Math.min(trace.t.length, start + PIECE);
        for (let s = start; s < end; s++) text += `${prefix}${trace.t[s]},${series[s]}\n`;
        yield text;
      }
    }
  }
}

/** Groups pieces into chunks of at least `size` characters (the last one may be shorter). */
export function* batchText(pieces: Iterable<string>, size = 1 << 20): Generator<string> {
  let parts: string[] = [];
  let length = 0;
  for (const piece of pieces) {
    parts.push(piece);
    length += piece.length;
    if (length >= size) {
      yield parts.join('');
      parts = [];
      length = 0;
    }
  }
  if (length > 0) yield parts.join('');
}
