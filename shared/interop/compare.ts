/**
 * Compare two results in our result JSON format (ours and a peer's, or two runs): per spiking node
 * the spike counts, mean rates, first-spike times and paired spike-time differences; per trace the
 * largest difference over the samples both have. Tolerances are optional; each one given is
 * checked and reported.
 */

export interface ResultLike {
  dt?: number;
  duration: number;
  spikes: Record<string, number[][]>;
  traces: Record<string, { target: string; variable: string; t: number[]; values: number[][] }>;
}

export interface Tolerances {
  /** Largest |count A - count B| of one element. */
  count?: number;
  /**
   * Largest |t A - t B| of the k-th spikes of an element, seconds: the check is
   * |t_A[k] - t_B[k]| <= time + drift t_A[k] (elements with equal counts; else first spikes only).
   */
  time?: number;
  /**
   * Growth of the allowed time difference per second of simulated time (s/s): in a clock-driven
   * peer every spike, the element's own and those reaching it, can move later spikes by < dt.
   */
  drift?: number;
  /** Largest relative difference of a node's mean rate. */
  rate?: number;
  /**
   * Largest difference of a trace sample, in the variable's unit: the distance from A's sample to
   * the range of B's samples within +-`shift` samples (events on different grids move a trajectory
   * in time; a trajectory moved by less than the window passes through every value in between).
   */
  trace?: number;
  /** Samples a trace may be shifted by (default 0). */
  shift?: number;
  /** Trace samples after this time (s) are not checked (reported in full all the same). */
  traceUntil?: number;
  /** Per-trace `trace` tolerances by probe id (library use; overrides `trace`). */
  perTrace?: Record<string, number>;
  /**
   * Largest Kolmogorov-Smirnov distance between the per-element spike-count distributions of a
   * node (the rate distribution of a population, for chaotic networks where single spikes differ).
   */
  ks?: number;
}

export const TOLERANCE_KEYS = [
  'count',
  'time',
  'drift',
  'rate',
  'trace',
  'shift',
  'ks',
  'traceUntil',
] as const;

export interface SpikeRow {
  id: string;
  size: number;
  countA: number;
  countB: number;
  rateA: number;
  rateB: number;
  /** Relative mean-rate difference |B - A| / max(A, tiny), 0 when both are 0. */
  rateRel: number;
  maxCountDiff: number;
  /** Element with the largest count difference. */
  worstCountElement: number;
  /** Largest |first spike A - first spike B| over elements spiking in both (s), null: none. */
  firstDiff: number | null;
  /** Largest paired spike-time difference over elements with equal counts (s), null: none. */
  timeDiff: number | null;
  /** Largest |t_A[k] - t_B[k]| - drift t_A[k] (what the `time` tolerance is checked against). */
  timeExcess: number | null;
  /** Kolmogorov-Smirnov distance of the per-element count distributions. */
  ks: number;
  /** Elements with equal counts / all elements. */
  equalCounts: number;
  firstA: number | null;
  firstB: number | null;
  missing: 'A' | 'B' | null;
}

export interface TraceRow {
  id: string;
  variable: string;
  samples: number;
  maxDiff: number;
  /** Largest difference with each sample of A matched within +-shift samples of B. */
  shiftedDiff: number;
  /** Largest |A| over the samples, for scale. */
  scale: number;
  missing: 'A' | 'B' | null;
}

export interface Comparison {
  spikes: SpikeRow[];
  traces: TraceRow[];
  /** One sentence per tolerance exceeded. */
  failures: string[];
}

export function compareResults(a: ResultLike, b: ResultLike, tol: Tolerances = {}): Comparison {
  const failures: string[] = [];
  const spikes: SpikeRow[] = [];
  const ids = [...new Set([...Object.keys(a.spikes), ...Object.keys(b.spikes)])];
  const durA = a.duration;
  const durB = b.duration;
  for (const id of ids) {
    const ta = a.spikes[id];
    const tb = b.spikes[id];
    const size = Math.max(ta?.length ?? 0, tb?.length ?? 0);
    const row: SpikeRow = {
      id,
      size,
      countA: 0,
      countB: 0,
      rateA: 0,
      rateB: 0,
      rateRel: 0,
      maxCountDiff: 0,
      worstCountElement: 0,
      firstDiff: null,
      timeDiff: null,
      timeExcess: null,
      ks: 0,
      equalCounts: 0,
      firstA: null,
      firstB: null,
      missing: !ta ? 'A' : !tb ? 'B' : null,
    };
    for (let i = 0; i < size; i++) {
      const ea = ta?.[i] ?? [];
      const eb = tb?.[i] ?? [];
      row.countA += ea.length;
      row.countB += eb.length;
      const d = Math.abs(ea.length - eb.length);
      if (d > row.maxCountDiff) {
        row.maxCountDiff = d;
        row.worstCountElement = i;
      }
      if (ea.length > 0 && (row.firstA === null || ea[0]! < row.firstA)) row.firstA = ea[0]!;
      if (eb.length > 0 && (row.firstB === null || eb[0]! < row.firstB)) row.firstB = eb[0]!;
      if (ea.length > 0 && eb.length > 0) {
        const f = Math.abs(ea[0]! - eb[0]!);
        row.firstDiff = Math.max(row.firstDiff ?? 0, f);
        row.timeExcess = Math.max(row.timeExcess ?? -Infinity, f);
      }
      if (ea.length === eb.length) {
        row.equalCounts++;
        for (let k = 0; k < ea.length; k++) {
          const d = Math.abs(ea[k]! - eb[k]!);
          row.timeDiff = Math.max(row.timeDiff ?? 0, d);
          row.timeExcess = Math.max(row.timeExcess ?? -Infinity, d - ea[k]! * (tol.drift ?? 0));
        }
      }
    }
    row.ks = ksDistance(
      (ta ?? []).map((x) => x.length),
      (tb ?? []).map((x) => x.length),
    );
    row.rateA = size > 0 ? row.countA / (size * durA) : 0;
    row.rateB = size > 0 ? row.countB / (size * durB) : 0;
    const big = Math.max(row.rateA, row.rateB);
    row.rateRel = big === 0 ? 0 : Math.abs(row.rateB - row.rateA) / Math.max(row.rateA, 1e-300);
    spikes.push(row);
    if (row.missing) {
      failures.push(`spikes ${id}: missing in ${row.missing}`);
      continue;
    }
    if (tol.count !== undefined && row.maxCountDiff > tol.count)
      failures.push(
        `spikes ${id}: element ${row.worstCountElement} count differs by ${row.maxCountDiff} (tolerance ${tol.count})`,
      );
    if (tol.time !== undefined && row.timeExcess !== null && row.timeExcess > tol.time)
      failures.push(
        `spikes ${id}: spike times differ by up to ${fmt(row.timeExcess)} s beyond ${tol.drift ?? 0} s per second (tolerance ${tol.time} s)`,
      );
    if (tol.ks !== undefined && row.ks > tol.ks)
      failures.push(
        `spikes ${id}: per-element count distributions ${fmt(row.ks)} apart (Kolmogorov-Smirnov; tolerance ${tol.ks})`,
      );
    if (tol.rate !== undefined && row.rateRel > tol.rate)
      failures.push(
        `spikes ${id}: mean rate ${fmt(row.rateA)} vs ${fmt(row.rateB)} Hz, ${fmt(row.rateRel * 100)} % apart (tolerance ${tol.rate * 100} %)`,
      );
  }
  const traces: TraceRow[] = [];
  const traceIds = [...new Set([...Object.keys(a.traces), ...Object.keys(b.traces)])];
  for (const id of traceIds) {
    const xa = a.traces[id];
    const xb = b.traces[id];
    const row: TraceRow = {
      id,
      variable: xa?.variable ?? xb?.variable ?? '?',
      samples: 0,
      maxDiff: 0,
      shiftedDiff: 0,
      scale: 0,
      missing: !xa ? 'A' : !xb ? 'B' : null,
    };
    traces.push(row);
    if (!xa || !xb) {
      failures.push(`trace ${id}: missing in ${row.missing}`);
      continue;
    }
    // match samples by time (both on the same every-k grid of the file's dt)
    const index = new Map<number, number>();
    const key = (t: number): number => Math.round(t * 1e9);
    xb.t.forEach((t, k) => index.set(key(t), k));
    for (let k = 0; k < xa.t.length; k++) {
      const kb = index.get(key(xa.t[k]!));
      if (kb === undefined) continue;
      row.samples++;
      for (let e = 0; e < xa.values.length; e++) {
        const va = xa.values[e]?.[k];
        const vb = xb.values[e]?.[kb];
        if (va === undefined || vb === undefined) continue;
        const d = Number.isFinite(va) && Number.isFinite(vb) ? Math.abs(va - vb) : Infinity;
        if (d > row.maxDiff) row.maxDiff = d;
        // distance from A's sample to the range of B over the window (a trajectory shifted in
        // time by less than the window passes through every value between its samples)
        let best = d;
        const shift = tol.shift ?? 0;
        if (shift > 0 && Number.isFinite(va)) {
          const series = xb.values[e]!;
          let lo = Infinity;
          let hi = -Infinity;
          for (let q = Math.max(0, kb - shift); q <= Math.min(series.length - 1, kb + shift); q++) {
            const v = series[q]!;
            if (!Number.isFinite(v)) continue;
            if (v < lo) lo = v;
            if (v > hi) hi = v;
          }
          if (lo <= hi) best = Math.min(best, Math.max(0, va - hi, lo - va));
        }
        if (best > row.shiftedDiff && !(xa.t[k]! > (tol.traceUntil ?? Infinity)))
          row.shiftedDiff = best;
        if (Math.abs(va) > row.scale) row.scale = Math.abs(va);
      }
    }
    const limit = tol.perTrace?.[id] ?? tol.trace;
    if (limit !== undefined && row.shiftedDiff > limit)
      failures.push(
        `trace ${id} (${row.variable}): differs by up to ${fmt(row.shiftedDiff)} within +-${tol.shift ?? 0} samples (tolerance ${fmt(limit)})`,
      );
  }
  return { spikes, traces, failures };
}

/** Two-sample Kolmogorov-Smirnov statistic of two samples. */
export function ksDistance(a: number[], b: number[]): number {
  if (a.length === 0 || b.length === 0) return a.length === b.length ? 0 : 1;
  const x = [...a].sort((p, q) => p - q);
  const y = [...b].sort((p, q) => p - q);
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < x.length && j < y.length) {
    const v = Math.min(x[i]!, y[j]!);
    while (i < x.length && x[i]! <= v) i++;
    while (j < y.length && y[j]! <= v) j++;
    d = Math.max(d, Math.abs(i / x.length - j / y.length));
  }
  return d;
}

export function fmt(x: number | null): string {
  if (x === null) return '-';
  if (x === 0) return '0';
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  return a >= 1e-3 && a < 1e5 ? String(Number(x.toPrecision(4))) : x.toExponential(2);
}

/** The comparison as an aligned text table. */
export function comparisonTable(c: Comparison): string {
  const rows: string[][] = [
    [
      'spikes',
      'size',
      'count A',
      'count B',
      'rate A Hz',
      'rate B Hz',
      'rate diff',
      'max count diff',
      'KS',
      'first A s',
      'first B s',
      'max first diff s',
      'max paired diff s',
    ],
  ];
  for (const r of c.spikes) {
    rows.push([
      r.id,
      String(r.size),
      r.missing === 'A' ? '-' : String(r.countA),
      r.missing === 'B' ? '-' : String(r.countB),
      fmt(r.rateA),
      fmt(r.rateB),
      `${fmt(r.rateRel * 100)} %`,
      String(r.maxCountDiff),
      fmt(r.ks),
      fmt(r.firstA),
      fmt(r.firstB),
      fmt(r.firstDiff),
      fmt(r.timeDiff),
    ]);
  }
  const traceRows: string[][] = [
    ['trace', 'variable', 'samples', 'max |A - B|', 'within shift', 'max |A|'],
  ];
  for (const r of c.traces)
    traceRows.push([
      r.id,
      r.variable,
      String(r.samples),
      fmt(r.maxDiff),
      fmt(r.shiftedDiff),
      fmt(r.scale),
    ]);
  const render = (table: string[][]): string => {
    const widths = table[0]!.map((_, k) => Math.max(...table.map((row) => row[k]!.length)));
    return table
      .map((row) =>
        row
          .map((cell, k) => cell.padEnd(widths[k]!))
          .join('  ')
          .trimEnd(),
      )
      .join('\n');
  };
  let out = '';
  if (c.spikes.length) out += render(rows) + '\n';
  if (c.traces.length) out += (out ? '\n' : '') + render(traceRows) + '\n';
  return out;
}
