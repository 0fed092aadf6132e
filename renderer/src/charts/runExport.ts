/**
 * Exports of a live run: the CLI's result JSON (docs/format.md#results, the shape of shared/sim/runResult.ts),
 * the long CSV form, and any chart as PNG. Built from the session's buffers, so a run without
 * live edits exports exactly what `npm run cli -- run FILE` writes (stats aside).
 *
 * A run changed live carries its edit log, because the saved file alone no longer reproduces it:
 * JSON gets `"editedLive": true` and `"liveEdits": [{ "t", "field", "old", "new" }]`; the CSV gets
 * two rows per edit, `edit,ID.PATH,old,,t,VALUE` and `edit,ID.PATH,new,,t,VALUE` (kind `edit`
 * sorts before `spike` and `trace`). A run-forever exports the retained window and says so
 * (`"window": {"from": t0}`).
 */
import { sampleTime, type ResultTrace, type RunResult } from '../../../shared/sim/runResult';
import { RESULT_CSV_HEADER, resultCsvRows } from '../../../shared/sim/resultCsv';
import { fileStem, type OpenFileFacts } from '../files/fileNames';
import { openFileFacts } from '../files/fileSession';
import type { SimulationSession } from '../run/SimulationSession';
import { notify } from '../document/uiStore';

export interface LiveRunResult extends RunResult {
  editedLive?: true;
  liveEdits?: Array<{ t: number; field: string; old: unknown; new: unknown }>;
  window?: { from: number };
}

export function buildRunResult(session: SimulationSession): LiveRunResult | null {
  const run = session.run;
  if (!run) return null;
  const dt = run.dt;
  const spikes: Record<string, number[][]> = {};
  let spikeCount = 0;
  let windowFrom = 0;
  for (const [id, store] of session.spikes) {
    const perElement: number[][] = Array.from({ length: store.size }, () => []);
    for (let k = store.start; k < store.end; k++) {
      const e = store.indices[k]!;
      while (perElement.length <= e) perElement.push([]);
      perElement[e]!.push(store.times[k]!);
    }
    spikes[id] = perElement;
    spikeCount += store.retained;
    if (store.total > store.retained) windowFrom = Math.max(windowFrom, store.times[store.start]!);
  }
  const traces: Record<string, ResultTrace> = {};
  for (const [id, buffer] of session.traces) {
    const n = buffer.length;
    const t = new Array<number>(n);
    const values = buffer.values.map(() => new Array<number>(n));
    for (let k = 0; k < n; k++) {
      const slot = buffer.slot(k);
      // The same sample time as the CLI's collector (shared/sim/runResult.ts).
      t[k] = sampleTime(buffer.steps[slot]!, dt);
      for (let e = 0; e < values.length; e++) values[e]![k] = buffer.values[e]![slot]!;
    }
    if (buffer.wrapped && n > 0) windowFrom = Math.max(windowFrom, t[0]!);
    traces[id] = {
      target: buffer.target,
      variable: buffer.variable,
      indices: Array.from(buffer.indices),
      t,
      values,
    };
  }
  const result: LiveRunResult = {
    format: 'neurosketch-result',
    version: 1,
    dt,
    duration: run.forever ? session.stepsReceived * dt : run.durationSeconds,
    seed: run.seed,
    spikes,
    traces,
    stats: {
      steps: session.stepsReceived,
      spikes: spikeCount,
      compileSeconds: 0,
      runSeconds: session.wallSeconds,
      wallSeconds: session.wallSeconds,
    },
  };
  if (windowFrom > 0) result.window = { from: windowFrom };
  if (session.isEditedLive) {
    result.editedLive = true;
    result.liveEdits = session.editLog.map((e) => ({
      t: e.timeSeconds,
      field: e.field,
      old: e.oldValue,
      new: e.newValue,
    }));
  }
  return result;
}

function csvValue(value: unknown): string {
  if (typeof value === 'number') return String(value);
  const text = JSON.stringify(value) ?? '';
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The header of the app's Export CSV: the CLI's long form (RESULT_CSV_HEADER, fixed by the course's
 * contract as `t`) with the time column named with its unit, `t_s` (seconds), because a student
 * opening the file in a spreadsheet sees no unit anywhere else (docs/format.md#results). The rows
 * are the CLI's, byte for byte.
 */
export const APP_RESULT_CSV_HEADER = RESULT_CSV_HEADER.replace(/,t,/, ',t_s,');

/** The long CSV form of docs/format.md#results (kind,id,variable,index,t_s,value), sorted by kind, id, index, t. */
export function resultToCsv(result: LiveRunResult): string {
  const lines = [APP_RESULT_CSV_HEADER];
  const edits = [...(result.liveEdits ?? [])].sort((a, b) =>
    a.field === b.field ? a.t - b.t : a.field < b.field ? -1 : 1,
  );
  for (const e of edits) {
    lines.push(`edit,${e.field},old,,${e.t},${csvValue(e.old)}`);
    lines.push(`edit,${e.field},new,,${e.t},${csvValue(e.new)}`);
  }
  // One push per row: a spread of a population's rows (16 neurons x 10,000 samples) into push()
  // passes them as arguments and overflows the call stack.
  for (const row of resultCsvRows(result)) lines.push(row);
  return lines.join('\n') + '\n';
}

/**
 * Makes an export's bytes and saves them; a failure (an image that could not be drawn, a result
 * too large) is said in the editor's notice, never swallowed. True when the file was handed over.
 */
export async function saveExport(
  fileName: string,
  make: () => Blob | null | Promise<Blob | null>,
): Promise<boolean> {
  try {
    const blob = await make();
    if (!blob) throw new Error('nothing could be drawn');
    downloadBlob(blob, fileName);
    return true;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    notify(`${fileName} was not saved (${reason}).`, 'refusal', 'Export failed: ');
    return false;
  }
}

/** Saves a file through the browser's download path (Electron shows its save dialog). */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = window.document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  window.document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * `a-b-drive-c.neuro` -> `a-b-drive-c-run`: the open circuit's file name once saved, else its own
 * name ("A and B drive C" -> `a-and-b-drive-c-run`), the rule of every name the app proposes
 * (files/fileNames.ts). `file` defaults to the open circuit's.
 */
export function exportBaseName(
  fileName: string,
  file: Omit<OpenFileFacts, 'fileName'> = openFileFacts(),
): string {
  return `${fileStem({ ...file, fileName })}-run`;
}
