/**
 * "Did you mean": the known key closest to a misspelt one (`tau_m` -> `tauM`, `vth` -> `vTh`).
 *
 * Keys are compared after folding case and dropping `_` and `-` (so every snake_case or kebab-case
 * spelling of a camelCase key matches at distance 0), by optimal-string-alignment distance (edits
 * and swaps of neighbours). A candidate is suggested only when it is close: at most 1 edit for
 * short keys, 2 for keys of 5+ characters, 3 for 9+.
 */

function fold(key: string): string {
  return key.toLowerCase().replace(/[_-]/g, '');
}

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  // Three rolling rows: i-2, i-1, i.
  let prev2 = new Array<number>(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let cur = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, prev2[j - 2]! + 1);
      }
      cur[j] = d;
    }
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[b.length]!;
}

function tolerance(length: number): number {
  return length >= 9 ? 3 : length >= 5 ? 2 : 1;
}

/** The closest candidate within tolerance, or undefined. Ties go to the earlier candidate. */
export function nearestKey(key: string, candidates: readonly string[]): string | undefined {
  // Very long keys are not typos of short ones; skip the quadratic work.
  if (key.length > 64) return undefined;
  const folded = fold(key);
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(folded, fold(candidate));
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  if (best === undefined) return undefined;
  return bestDistance <= tolerance(Math.max(folded.length, fold(best).length)) ? best : undefined;
}
