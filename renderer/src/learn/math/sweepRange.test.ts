import { describe, expect, it } from 'vitest';
import { checkSweepFields } from './sweepRange';

const good = { from: '0', to: '3', points: '31', seconds: '0.5' };

describe('checkSweepFields', () => {
  it('gives the sweep the fields describe', () => {
    expect(checkSweepFields(good)).toEqual({
      ok: true,
      range: { from: 0, to: 3, count: 31, duration: 0.5 },
    });
    expect(checkSweepFields({ ...good, from: '-1' })).toMatchObject({ ok: true });
  });

  it('names the field and says what to type (the fifth walkthrough: seconds per point 0)', () => {
    const zero = checkSweepFields({ ...good, seconds: '0' });
    expect(zero).toEqual({
      ok: false,
      problems: {
        seconds: 'seconds per point: type a time above 0 and at most 20 s (0.5 is a good start).',
      },
    });
    expect(checkSweepFields({ ...good, seconds: '-1' })).toMatchObject({ ok: false });
    expect(checkSweepFields({ ...good, seconds: '21' })).toMatchObject({ ok: false });
  });

  it('refuses from >= to, points outside 2..400 or not whole, and empty or partial boxes', () => {
    expect(checkSweepFields({ ...good, from: '3', to: '1' })).toEqual({
      ok: false,
      problems: { to: 'to: must be larger than from (3); type a larger value.' },
    });
    expect(checkSweepFields({ ...good, to: '0' })).toMatchObject({ ok: false });
    for (const points of ['1', '401', '2.5', ''])
      expect(checkSweepFields({ ...good, points })).toEqual({
        ok: false,
        problems: { points: 'points: type a whole number from 2 to 400.' },
      });
    expect(checkSweepFields({ ...good, from: '', to: '-' })).toEqual({
      ok: false,
      problems: {
        from: 'from: type a number, the first input of the sweep.',
        to: 'to: type a number, the last input of the sweep.',
      },
    });
  });
});
