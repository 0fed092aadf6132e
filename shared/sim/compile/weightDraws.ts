/**
 * The one place weight generators are drawn (docs/format.md#edges: weight generators, docs/format.md#reproducibility random numbers), so
 * that the editor's heat-map shows exactly the matrix a run uses.
 *
 * Stream: `${seed}/${edgeId}/weight`, seed = the generator's own `seed` or simulation.seed.
 * Draw order: target-major, row i (target element) outer, column j (source element) inner.
 *   uniform  low + (high - low) u            one uniform per pair
 *   normal   mean + std n                    one normal (four 32-bit outputs) per pair
 *   sparse   the pair list k = i N + j walked with geometric skips
 *            gap = floor(ln(1 - u) / ln(1 - p)), which connects each pair independently with
 *            probability p, at one uniform per connection instead of one per pair
 *   identity no draws
 */
import type { Weight, WeightGenerator } from '../../document/model';
import { RandomStream, streamKey } from '../../util/random';

/** The random stream of an edge's weight generator. */
export function weightStream(g: WeightGenerator, seed: number, edgeId: string): RandomStream {
  const own = (g as { seed?: number }).seed;
  return RandomStream.fromKey(streamKey(own ?? seed, edgeId, 'weight'));
}

/**
 * Walks the connected pairs of a sparse generator in target-major order: `next()` returns the next
 * pair index k = i N + j, or -1 after the last. No allocation per pair.
 */
export class SparsePairs {
  private k = -1;
  private readonly logq: number;

  constructor(
    private readonly pairs: number,
    private readonly p: number,
    private readonly r: RandomStream,
  ) {
    this.logq = Math.log1p(-p);
  }

  next(): number {
    if (this.p <= 0) return -1;
    if (this.p >= 1) this.k += 1;
    else this.k += 1 + Math.floor(Math.log1p(-this.r.uniform()) / this.logq);
    return this.k < this.pairs ? this.k : -1;
  }
}

/**
 * A uniform or normal generator drawn into a dense M x N matrix stored column-major by source
 * (out[j * M + i] = weight from source j to target i), the layout the engine reads.
 */
export function drawDenseWeights(
  g: Extract<WeightGenerator, { init: 'uniform' | 'normal' }>,
  M: number,
  N: number,
  r: RandomStream,
): Float64Array {
  const out = new Float64Array(M * N);
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      out[j * M + i] =
        g.init === 'uniform' ? r.uniformIn(g.low, g.high) : g.mean + g.std * r.normal();
    }
  }
  return out;
}

/**
 * Any weight as the rows x cols matrix a run uses (row i = target element, column j = source
 * element): a scalar everywhere, a matrix as written, a generator drawn as the compiler draws it.
 */
export function materializeWeight(
  weight: Weight,
  rows: number,
  cols: number,
  seed: number,
  edgeId: string,
): number[][] {
  if (typeof weight === 'number')
    return Array.from({ length: rows }, () => new Array<number>(cols).fill(weight));
  if (Array.isArray(weight)) return weight.map((r) => [...r]);
  const out = Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
  switch (weight.init) {
    case 'identity':
      for (let i = 0; i < Math.min(rows, cols); i++) out[i]![i] = weight.value;
      return out;
    case 'uniform':
    case 'normal': {
      const dense = drawDenseWeights(weight, rows, cols, weightStream(weight, seed, edgeId));
      for (let i = 0; i < rows; i++)
        for (let j = 0; j < cols; j++) out[i]![j] = dense[j * rows + i]!;
      return out;
    }
    case 'sparse': {
      const pairs = new SparsePairs(rows * cols, weight.p, weightStream(weight, seed, edgeId));
      for (let k = pairs.next(); k >= 0; k = pairs.next())
        out[Math.floor(k / cols)]![k % cols] = weight.value;
      return out;
    }
  }
}
