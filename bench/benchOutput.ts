/** One JSON line per figure: {"bench": NAME, "metric": NAME, "value": NUMBER, "unit": TEXT}. */
export function report(bench: string, metric: string, value: number, unit: string): void {
  console.log(JSON.stringify({ bench, metric, value, unit }));
}

/** Median of a list of numbers (benchmarks report medians: timings here are noisy). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
