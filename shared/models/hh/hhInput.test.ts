/**
 * HhInput's J(t) against the closed form of notes 1.3.3: the filtered spike train is the sum of
 * shifted kernels, x_n(t) = sum_i A_i e^{-(t - t_i)/tau} ((t - t_i)/tau)^n / n!, plus the decay of
 * the state the step started with and the step response to a constant drive.
 */
import { describe, expect, it } from 'vitest';
import { advanceHh } from './advanceHh';
import { HhInput } from './hhInput';
import { createHhPopulation } from './hhPopulation';

function factorial(n: number): number {
  return n <= 1 ? 1 : n * factorial(n - 1);
}

describe('HhInput: the exact input current inside a step', () => {
  for (const n of [0, 1, 2, 3]) {
    it(`order ${n}: impulses at their times give the sum of shifted kernels`, () => {
      const tauMs = 5;
      // one element, one bank of order n, starting at rest; three spikes inside a 2 ms step
      const input = new HhInput(1, [n], [0], [tauMs / 1000]);
      input.evPtr.set([0, 3]);
      input.reserveEvents(3);
      const spikes = [
        [0.3, 2],
        [0.3, 1],
        [1.25, -0.5],
      ] as const;
      spikes.forEach(([t, a], k) => {
        input.evTimeMs[k] = t;
        input.evSlot[k] = 0;
        input.evAmount[k] = a;
      });
      expect(input.begin(0)).toBe(true);
      const kernel = (s: number) => (Math.exp(-s / tauMs) * (s / tauMs) ** n) / factorial(n);
      let checked = 0;
      for (let s = 0; s <= 2; s += 0.01) {
        while (input.nextEventMs() <= s) input.applyEventsAt(input.nextEventMs());
        const expected = spikes.reduce(
          (sum, [t, a]) => (t <= s ? sum + a * kernel(s - t) : sum),
          0,
        );
        expect(Math.abs(input.jAt(s) - expected)).toBeLessThan(1e-13);
        checked++;
      }
      expect(checked).toBeGreaterThan(190);
    });
  }

  it('a state decaying from the step start, a constant drive, D and a drive switch', () => {
    const tauMs = 8;
    // order 1: x0(0) = 2, x1(0) = -1, drive c = 0.5 switching to 1.5 at 0.7 ms; D = 3 then +1 at 1.1 ms
    const input = new HhInput(1, [1], [0], [tauMs / 1000]);
    input.state.set([2, -1]);
    input.drive.set([0.5]);
    input.direct.set([3]);
    input.evPtr.set([0, 2]);
    input.evTimeMs.set([0.7, 1.1]);
    input.evSlot.set([1, 2]); // B + 0: drive of bank 0; 2B: D
    input.evAmount.set([1, 1]);
    expect(input.begin(0)).toBe(true);
    // closed form of a 2-stage cascade with constant drive c from state (x0, x1) at s0
    const x1At = (x0: number, x1: number, c: number, ds: number) => {
      const a = ds / tauMs;
      return c + Math.exp(-a) * (x1 - c + (x0 - c) * a);
    };
    const x0At = (x0: number, c: number, ds: number) => c + Math.exp(-ds / tauMs) * (x0 - c);
    for (let s = 0; s <= 2; s += 0.05) {
      while (input.nextEventMs() <= s) input.applyEventsAt(input.nextEventMs());
      let expected: number;
      if (s < 0.7) expected = 3 + x1At(2, -1, 0.5, s);
      else {
        const x0 = x0At(2, 0.5, 0.7);
        const x1 = x1At(2, -1, 0.5, 0.7);
        expected = (s < 1.1 ? 3 : 4) + x1At(x0, x1, 1.5, s - 0.7);
      }
      expect(Math.abs(input.jAt(s) - expected)).toBeLessThan(1e-13);
    }
  });

  it('an element at its steady state with no events has a constant J (begin returns false)', () => {
    const input = new HhInput(2, [0, 2], [0, 1], [0.005, 0.1]);
    input.state.set([0.25, 1, 1, 1, 0, 0, 0, 0]);
    input.drive.set([0.25, 1, 0, 0]);
    input.direct.set([4, 0]);
    input.evPtr.set([0, 0, 0]);
    expect(input.begin(0)).toBe(false);
    expect(input.jAt(1.7)).toBeCloseTo(5.25, 14);
    expect(input.begin(1)).toBe(false);
  });
});

describe('advanceHh with an HhInput', () => {
  it('a filter at its steady state with a drive: J = D + drive, as the same constant current', () => {
    // bank of order 1 sitting at its drive c = 6 (x0 = x1 = c), D = 4: J = 10 throughout
    const input = new HhInput(1, [1], [0], [0.005]);
    input.state.set([6, 6]);
    input.drive.set([6]);
    input.direct.set([4]);
    input.evPtr.set([0, 0]);
    const withInput = createHhPopulation(1);
    const constant = createHhPopulation(1);
    const spikesA: number[] = [];
    const spikesB: number[] = [];
    for (let k = 0; k < 2000; k++) {
      const t0 = k * 1e-4;
      // `current` deliberately holds only D: with an input, J must come from the input
      advanceHh(withInput, t0, t0 + 1e-4, Float64Array.of(4), (_i, t) => spikesA.push(t), input);
      advanceHh(constant, t0, t0 + 1e-4, Float64Array.of(10), (_i, t) => spikesB.push(t));
    }
    expect(spikesB.length).toBeGreaterThan(5);
    expect(spikesA).toEqual(spikesB);
    expect(withInput.V[0]).toBe(constant.V[0]);
  });
});
