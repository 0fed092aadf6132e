/** Walkthrough 6: the LIF view's note read "its 1 other input … are not included". */
import { describe, expect, it } from 'vitest';
import { otherInputsText } from './LifView';

describe('otherInputsText', () => {
  it('agrees with one input and with several', () => {
    expect(otherInputsText(0)).toBe('');
    expect(otherInputsText(1)).toBe(
      '; its one other input (a synapse or a varying signal) is not included',
    );
    expect(otherInputsText(3)).toBe(
      '; its 3 other inputs (synapses, varying signals) are not included',
    );
  });
});
