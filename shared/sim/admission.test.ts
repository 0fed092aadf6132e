/**
 * The admission rule's arithmetic (issue 16, items 5 and 12): the time grid, suggestions, the
 * estimate's parts, the long-run warning, stepRun frames. The CLI-level cases are in
 * main/cli/admission.test.ts.
 */
import { describe, expect, it } from 'vitest';
import {
  MAX_STEP_BYTES,
  admitRun,
  admitStep,
  estimateRun,
  formatBytes,
  formatSeconds,
  gridSteps,
  spikeBudget,
  wholeStepDurations,
} from './admission';

function doc(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    format: 'neurosketch-network',
    version: 1,
    simulation: { dt: 0.0001, duration: 1, seed: 1 },
    nodes: [
      { id: 'in', kind: 'input', size: 10, signal: { type: 'poisson', rate: 50 } },
      { id: 'P', kind: 'population', size: 100, model: 'lif', params: { tauRef: 0.002 } },
    ],
    edges: [
      {
        id: 'e',
        source: 'in',
        target: 'P',
        weight: { init: 'sparse', p: 0.5, value: 1 },
        synapse: { tauS: 0.005 },
      },
    ],
    probes: [{ id: 'p', target: 'P', variable: 'v', every: 10, indices: [0, 1] }],
    ...extra,
  };
}

describe('time grid (spec 5, relative tolerance)', () => {
  it('whole within the rounding of the division, at any scale', () => {
    expect(gridSteps(0.3, 0.1)).toEqual({ steps: 3, whole: true });
    expect(gridSteps(1, 1e-9)).toEqual({ steps: 1e9, whole: true });
    expect(gridSteps(1000, 1e-9)).toEqual({ steps: 1e12, whole: true });
    expect(gridSteps(0.10005, 0.0001).whole).toBe(false);
    expect(gridSteps(1000.0000000005, 1e-9).whole).toBe(false); // half a step off
    expect(gridSteps(0.00001, 0.0001).whole).toBe(false);
  });

  it('suggestions pass the check themselves and are never the refused value', () => {
    for (const [duration, dt] of [
      [0.10005, 0.0001],
      [1000.0000000005, 1e-9],
      [0.7, 0.3],
      [1.5e-5, 1e-5],
    ] as const) {
      const suggestions = wholeStepDurations(duration, dt);
      expect(suggestions.length).toBeGreaterThan(0);
      for (const s of suggestions) {
        expect(s).not.toBe(duration);
        expect(gridSteps(s, dt).whole).toBe(true);
      }
    }
    expect(wholeStepDurations(0.10005, 0.0001)).toEqual([0.1, 0.1001]);
  });
});

describe('estimate', () => {
  it('counts samples, spikes (rate ceiling, 1 / tauRef, Poisson rate) and work', () => {
    const e = estimateRun(doc());
    expect(e.steps).toBe(10_000);
    expect(e.samples).toBe(1001 * 2);
    // 100 LIF at 1 / tauRef = 500 Hz for 1 s; 10 Poisson at 50 Hz (+ 6 sigma)
    expect(e.neuronSpikes).toBe(50_000);
    expect(e.spikes).toBeGreaterThan(50_500);
    expect(e.spikes).toBeLessThan(50_700);
    expect(e.work).toBe(10_000 * (110 + 2));
    expect(e.synapses).toBe(500);
    expect(spikeBudget(e)).toBe(Math.ceil(e.spikes));
    // overrides win over the file
    expect(estimateRun(doc(), { duration: 2, dt: 0.001 }).steps).toBe(2000);
    expect(estimateRun(doc(), { duration: Infinity }).steps).toBe(Infinity);
  });

  it('counts a spike list: shared by every element, or one list per element', () => {
    const list = (times: unknown, size: number) =>
      estimateRun(
        doc({
          nodes: [{ id: 's', kind: 'input', size, signal: { type: 'spikes', times } }],
          edges: [],
          probes: [],
        }),
      ).spikes;
    expect(list([0.1, 0.2, 0.3], 4)).toBe(12);
    expect(list([[0.1], [0.2, 0.3]], 2)).toBe(3);
    expect(list([0.5], 1)).toBe(1);
  });

  it('is tolerant of malformed documents', () => {
    for (const bad of [null, 1, [], {}, { nodes: 3 }, { nodes: [null, { kind: 'x' }] }]) {
      expect(() => estimateRun(bad)).not.toThrow();
      expect(admitRun(bad).ok).toBe(true);
    }
  });

  it('the output text counts only when the caller holds it whole', () => {
    const d = doc({ simulation: { dt: 0.0001, duration: 100, seed: 1 } });
    const streamed = admitRun(d);
    const whole = admitRun(d, {}, { wholeText: true });
    expect(whole.estimate.bytes.text).toBeGreaterThan(0);
    expect(streamed.estimate.bytes.text).toBe(0);
    expect(whole.estimate.bytes.total).toBeGreaterThan(streamed.estimate.bytes.total);
  });
});

describe('admitRun', () => {
  it('accepts an ordinary run without warnings', () => {
    expect(admitRun(doc())).toMatchObject({ ok: true, issues: [], warnings: [] });
  });

  it('warns with a running-time estimate for a long run', () => {
    const r = admitRun(
      doc({ simulation: { dt: 0.0001, duration: 5000, seed: 1 } }),
      {},
      {
        maxBytes: Infinity,
      },
    );
    expect(r.ok).toBe(true);
    expect(r.warnings).toEqual([
      {
        severity: 'warning',
        path: 'simulation.duration',
        message: expect.stringMatching(
          /^a long run: 50,000,000 steps of 110 elements may take about \d+ (s|min)$/,
        ),
      },
    ]);
  });

  it('names flags when the caller says how they are called', () => {
    const r = admitRun(doc(), { duration: 1e9 }, { names: { duration: '--duration' } });
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => i.path)).toContain('--duration');
  });

  it('a run until stopped counts no samples, only the network', () => {
    const r = admitRun(doc(), { duration: Infinity });
    expect(r.ok).toBe(true);
    expect(r.estimate.bytes.total).toBe(r.estimate.bytes.network);
  });
});

describe('admitStep (stepRun while paused)', () => {
  it('refuses a step that would send more than a run may hold, saying how far one may step', () => {
    const e = estimateRun(doc(), { duration: Infinity });
    expect(admitStep(e.bytesPerStep, 10_000, 0.0001)).toBeNull();
    const big = MAX_STEP_BYTES / 1000; // bytes per step: 1000 steps fill the limit
    expect(admitStep(big, 1000, 0.0001)).toBeNull();
    expect(admitStep(big, 100_000, 0.0001)).toMatch(
      /^stepping 10 s at once would send about 200 GB .* step at most 0\.1 s/,
    );
  });
});

describe('formatting', () => {
  it('bytes and seconds', () => {
    expect(formatBytes(1.5e9)).toBe('1.50 GB');
    expect(formatBytes(3e8)).toBe('300 MB');
    expect(formatBytes(1200)).toBe('2 kB');
    expect(formatSeconds(12)).toBe('12 s');
    expect(formatSeconds(600)).toBe('10 min');
    expect(formatSeconds(3600 * 33)).toBe('33 h');
    expect(formatSeconds(86400 * 20)).toBe('20 days');
  });
});
