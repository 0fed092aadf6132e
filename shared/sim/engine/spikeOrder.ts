/**
 * The order of a frame's spikes: by time, then by element index (docs/format.md#results).
 *
 * Spikes reach the buffer nearly sorted: step after step, and within a step in element order with
 * times anywhere inside the step. An insertion sort is then linear, where the comparison sort with a
 * closure cost cuba.neuro ~5 ms a second of network time (mostly in the interpreter, before V8 has
 * optimised anything). Many spikes in one step could make insertion quadratic, so past a budget of
 * moves it hands over to the comparison sort. Spikes with equal keys are the same (time, index)
 * pair, so either sort gives the same bytes.
 */
export function sortSpikeOrder(
  order: Int32Array,
  time: ArrayLike<number>,
  index: ArrayLike<number>,
): void {
  const n = order.length;
  let budget = 8 * n + 64;
  for (let k = 1; k < n; k++) {
    const s = order[k]!;
    const ts = time[s]!;
    const is = index[s]!;
    let j = k - 1;
    for (; j >= 0; j--) {
      const o = order[j]!;
      const to = time[o]!;
      if (to < ts || (to === ts && index[o]! <= is)) break;
      order[j + 1] = o;
      budget--;
    }
    order[j + 1] = s;
    if (budget < 0) {
      order.sort((a, b) => time[a]! - time[b]! || index[a]! - index[b]!);
      return;
    }
  }
}
