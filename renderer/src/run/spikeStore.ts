/**
 * The spikes of one node as they stream in: time-ordered typed arrays (grown by doubling, never
 * per spike), a count per element, and an optional bound for run-forever (oldest dropped first).
 * Rasters find their visible spikes by binary search on time.
 */
export class SpikeStore {
  times = new Float64Array(1024);
  indices = new Int32Array(1024);
  /** Retained spikes are [start, end) of the arrays. */
  start = 0;
  end = 0;
  /** Spikes per element since the run began (not reduced when old spikes are dropped). */
  counts: Uint32Array;
  total = 0;

  constructor(
    readonly nodeId: string,
    public size: number,
    private readonly maxRetained: number,
  ) {
    this.counts = new Uint32Array(Math.max(1, size));
  }

  get retained(): number {
    return this.end - this.start;
  }

  append(index: Int32Array, time: Float64Array): void {
    const n = index.length;
    if (n === 0) return;
    this.reserve(n);
    this.times.set(time, this.end);
    this.indices.set(index, this.end);
    this.end += n;
    for (let k = 0; k < n; k++) {
      const e = index[k]!;
      if (e >= this.counts.length) this.growCounts(e + 1);
      this.counts[e]!++;
    }
    this.total += n;
    if (this.retained > this.maxRetained) this.start = this.end - this.maxRetained;
  }

  /** Drops retained spikes earlier than `time` (run-forever keeps a bounded history). */
  dropBefore(time: number): void {
    this.start = Math.max(this.start, this.lowerBound(time));
  }

  /** Index (into the arrays) of the first retained spike at or after `time`. */
  lowerBound(time: number): number {
    let lo = this.start;
    let hi = this.end;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.times[mid]! < time) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private reserve(extra: number): void {
    if (this.end + extra <= this.times.length) return;
    const live = this.end - this.start;
    let capacity = this.times.length;
    while (live + extra > capacity) capacity *= 2;
    // Compact in place when dropping the head makes room; otherwise grow (set() copes with overlap).
    const times = capacity === this.times.length ? this.times : new Float64Array(capacity);
    const indices = capacity === this.indices.length ? this.indices : new Int32Array(capacity);
    times.set(this.times.subarray(this.start, this.end), 0);
    indices.set(this.indices.subarray(this.start, this.end), 0);
    this.times = times;
    this.indices = indices;
    this.start = 0;
    this.end = live;
  }

  private growCounts(size: number): void {
    const counts = new Uint32Array(Math.max(size, this.counts.length * 2));
    counts.set(this.counts);
    this.counts = counts;
    this.size = Math.max(this.size, size);
  }
}
