/**
 * Tick labels of a linear axis whose values Chart.js writes in scientific notation (beyond 1e15 or
 * under 1e-4, a run blowing up): Chart.js gives the mantissa as many decimals as the tick step has
 * in absolute terms, none for a step of 2e301, so 1.0e302 and 1.2e302 both read "1E302". Here the
 * mantissas get the fewest decimals that tell every tick apart.
 */

/** Chart.js's own bounds of its scientific notation (formatters.numeric). */
const SMALL = 1e-4;
const LARGE = 1e15;

/** Decimals tried at most; ticks closer than that (relative) are not told apart. */
const MAX_DIGITS = 12;

/**
 * The labels of `values` (the axis's ticks, in order) when Chart.js would write them in scientific
 * notation, each mantissa with the same fewest decimals that make them distinct; null otherwise
 * (Chart.js's own labels are distinct there).
 */
export function scientificTickLabels(values: readonly number[], locale?: string): string[] | null {
  if (values.length < 2) return null;
  const largest = Math.max(Math.abs(values[0]!), Math.abs(values[values.length - 1]!));
  if (!(largest < SMALL || largest > LARGE)) return null;
  let labels: string[] = [];
  for (let digits = 0; digits <= MAX_DIGITS; digits++) {
    const format = new Intl.NumberFormat(locale, {
      notation: 'scientific',
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    labels = values.map((v) => (v === 0 ? '0' : format.format(v)));
    if (new Set(labels).size === labels.length) break;
  }
  return labels;
}

/** What `distinctScientificTicks` reads and writes of a Chart.js scale. */
interface TickedScale {
  ticks: Array<{ value: number; label?: string | string[] | undefined }>;
  chart: { options: { locale?: string | undefined } };
}

/** A y axis's `afterTickToLabelConversion`: its scientific labels told apart. */
export function distinctScientificTicks(scale: TickedScale): void {
  const labels = scientificTickLabels(
    scale.ticks.map((t) => t.value),
    scale.chart.options.locale,
  );
  if (labels) scale.ticks.forEach((t, i) => (t.label = labels[i]!));
}
