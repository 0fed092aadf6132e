import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortSpikeOrder } from './spikeOrder';

function bySort(time: Float64Array, index: Int32Array): number[][] {
  const order = Int32Array.from(time, (_, k) => k);
  order.sort((a, b) => time[a]! - time[b]! || index[a]! - index[b]!);
  return Array.from(order, (s) => [time[s]!, index[s]!]);
}

function byInsertion(time: Float64Array, index: Int32Array): number[][] {
  const order = Int32Array.from(time, (_, k) => k);
  sortSpikeOrder(order, time, index);
  return Array.from(order, (s) => [time[s]!, index[s]!]);
}

describe('sortSpikeOrder', () => {
  it('orders by time, then element index, like the comparison sort (nearly sorted and random input)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 9 })), {
          maxLength: 300,
        }),
        fc.boolean(),
        (pairs, nearly) => {
          // nearly sorted: steps in order, elements in order within a step, times anywhere in it
          const list = nearly
            ? [...pairs].sort((a, b) => Math.floor(a[0] / 8) - Math.floor(b[0] / 8) || a[1] - b[1])
            : pairs;
          const time = Float64Array.from(list, ([t]) => t / 8);
          const index = Int32Array.from(list, ([, i]) => i);
          expect(byInsertion(time, index)).toEqual(bySort(time, index));
        },
      ),
    );
  });

  it('hands a reversed list over to the comparison sort and still orders it', () => {
    const n = 2000;
    const time = Float64Array.from({ length: n }, (_, k) => n - k);
    const index = Int32Array.from({ length: n }, (_, k) => k % 7);
    expect(byInsertion(time, index)).toEqual(bySort(time, index));
  });
});
