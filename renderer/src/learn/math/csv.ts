/** CSV text of a table: a header row and numeric (or text) rows, RFC 4180 quoting. */
export function toCsv(
  header: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<number | string>>,
): string {
  const cell = (v: number | string): string => {
    const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : v;
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header, ...rows].map((row) => row.map(cell).join(',')).join('\n') + '\n';
}

/** Rows from equally long columns. */
export function columns(
  ...cols: ReadonlyArray<ReadonlyArray<number | string>>
): Array<Array<number | string>> {
  const length = Math.max(0, ...cols.map((c) => c.length));
  return Array.from({ length }, (_, i) => cols.map((c) => c[i] ?? ''));
}
