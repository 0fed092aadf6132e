import { describe, expect, it } from 'vitest';
import { scientificTickLabels } from './axisTicks';

describe('scientificTickLabels', () => {
  it('tells apart the ticks of a blown-up trace (Chart.js wrote 1E302 twice)', () => {
    const ticks = [0, 2e301, 4e301, 6e301, 8e301, 1e302, 1.2e302];
    expect(scientificTickLabels(ticks, 'en-US')).toEqual([
      '0',
      '2.0E301',
      '4.0E301',
      '6.0E301',
      '8.0E301',
      '1.0E302',
      '1.2E302',
    ]);
  });

  it('keeps whole mantissas when they already differ', () => {
    expect(scientificTickLabels([0, 1e20, 2e20, 3e20], 'en-US')).toEqual([
      '0',
      '1E20',
      '2E20',
      '3E20',
    ]);
    expect(scientificTickLabels([1e-6, 1.5e-6, 2e-6], 'en-US')).toEqual([
      '1.0E-6',
      '1.5E-6',
      '2.0E-6',
    ]);
  });

  it('leaves ordinary magnitudes to Chart.js', () => {
    expect(scientificTickLabels([-70, -60, -50], 'en-US')).toBeNull();
    expect(scientificTickLabels([0], 'en-US')).toBeNull();
  });
});
