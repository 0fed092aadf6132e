import { describe, expect, it } from 'vitest';
import { RandomStream, hashKey, streamKey } from './random';

/**
 * Golden values: they pin the generator, the seed derivation and the double conversion (docs/format.md#reproducibility).
 * If one of these changes, every saved circuit's random draws change: that needs a format version.
 */
describe('seeded random streams (xoshiro128**, docs/format.md#reproducibility)', () => {
  it('golden: hash of a key', () => {
    expect(hashKey(streamKey(1, 'P', 'params.v0'))).toMatchInlineSnapshot(`
      [
        4288200639,
        1897790321,
        1927533366,
        1465299036,
      ]
    `);
  });
  it('golden: first outputs of a stream', () => {
    const r = RandomStream.fromKey(streamKey(1, 'P', 'params.v0'));
    const out = [r.nextUint32(), r.nextUint32(), r.nextUint32(), r.nextUint32()];
    expect(out).toMatchInlineSnapshot(`
      [
        578065539,
        1990949768,
        1771802059,
        3527292788,
      ]
    `);
  });
  it('golden: first uniform, normal and exponential draws', () => {
    const r = RandomStream.fromKey(streamKey(12345, 'EE', 'weight'));
    expect([r.uniform(), r.normal(), r.exponential(20)]).toMatchInlineSnapshot(`
      [
        0.8810336503432118,
        0.6117191254658073,
        0.05209588950189177,
      ]
    `);
  });
  it('the core is xoshiro128** 1.1: reference outputs for the raw state {1, 2, 3, 4}', () => {
    const r = RandomStream.fromKey('x');
    Object.assign(r, { s0: 1, s1: 2, s2: 3, s3: 4 });
    expect([r.nextUint32(), r.nextUint32(), r.nextUint32(), r.nextUint32()]).toEqual([
      11520, 0, 5927040, 70819200,
    ]);
  });
  it('streams of different fields, ids and seeds are different', () => {
    const a = RandomStream.fromKey(streamKey(1, 'P', 'params.v0')).nextUint32();
    const b = RandomStream.fromKey(streamKey(1, 'P', 'params.tauM')).nextUint32();
    const c = RandomStream.fromKey(streamKey(1, 'Q', 'params.v0')).nextUint32();
    const d = RandomStream.fromKey(streamKey(2, 'P', 'params.v0')).nextUint32();
    expect(new Set([a, b, c, d]).size).toBe(4);
  });
  it('uniform is in [0,1) with mean 1/2 and normal has mean 0, variance 1', () => {
    const r = RandomStream.fromKey('stats');
    let s = 0;
    let s2 = 0;
    let n1 = 0;
    const N = 200_000;
    for (let i = 0; i < N; i++) {
      const u = r.uniform();
      expect(u >= 0 && u < 1).toBe(true);
      s += u;
      const z = r.normal();
      n1 += z;
      s2 += z * z;
    }
    expect(Math.abs(s / N - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(n1 / N)).toBeLessThan(0.01);
    expect(Math.abs(s2 / N - 1)).toBeLessThan(0.02);
  });
});
