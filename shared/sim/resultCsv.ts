/**
 * The long CSV form of a run result (docs/format.md#results): one header line, spikes then traces, sorted by id,
 * element index and time. Used by the CLI (`--out result.csv`) and by the app's export, so both
 * write the same rows for the same run; the app's header names the time column with its unit
 * (`t_s`, renderer/src/charts/runExport.ts), the CLI's keeps the contract's `t`.
 */
import type { RunResult } from './runResult';

export const RESULT_CSV_HEADER = 'kind,id,variable,index,t,value';

/** The spike and trace rows of `result`, in spec order (no header). */
export function resultCsvRows(result: Pick<RunResult, 'spikes' | 'traces'>): string[] {
  const lines: string[] = [];
  for (const id of Object.keys(result.spikes).sort()) {
    result.spikes[id]!.forEach((times, index) => {
      for (const t of times) lines.push(`spike,${id},,${index},${t},`);
    });
  }
  for (const id of Object.keys(result.traces).sort()) {
    const trace = result.traces[id]!;
    const order = trace.indices.map((index, e) => ({ index, e })).sort((a, b) => a.index - b.index);
    for (const { index, e } of order) {
      const series = trace.values[e]!;
      trace.t.forEach((t, s) =>
        lines.push(`trace,${id},${trace.variable},${index},${t},${series[s]}`),
      );
    }
  }
  return lines;
}

/** The whole CSV text of `result`, trailing newline included. */
export function toCsv(result: Pick<RunResult, 'spikes' | 'traces'>): string {
  return [RESULT_CSV_HEADER, ...resultCsvRows(result)].join('\n') + '\n';
}
