/**
 * The spike summary names its rate: a single neuron's is the format's (docs/format.md#nodes) interval rate
 * (n − 1)/(t_n − t_1), with the spikes per second of the whole run in the tooltip; a population's
 * is the mean per neuron over the run. A run edited live gives them since its last edit. Also the
 * live-edit log's lines (editLogText.ts).
 */
import { describe, expect, it } from 'vitest';
import { summariseNode, type SpikeCounts } from './spikeSummary';
import type { NetworkDocument } from '../../../shared/document/model';
import { editLogLine } from './editLogText';

const neuron = (over: Partial<SpikeCounts>): SpikeCounts => ({
  name: 'P',
  size: 1,
  total: 0,
  retained: 0,
  firstS: 0,
  lastS: 0,
  ...over,
});

describe('summariseNode', () => {
  it('a single neuron: the interval rate, named, and the rate over the run in the tooltip', () => {
    // the walkthrough's case: 3 spikes in a 600 ms run, 30.2 ms apart
    const entry = summariseNode(
      neuron({ total: 3, retained: 3, firstS: 0.0101, lastS: 0.0403 }),
      0.6,
    );
    const interval = 2 / (0.0403 - 0.0101);
    expect(entry.text).toBe(`P: 3 spikes · interval rate ${interval.toFixed(1)} Hz`);
    expect(entry.text).toBe('P: 3 spikes · interval rate 66.2 Hz');
    expect(entry.title).toBe(
      "P: interval rate (n − 1)/(t_n − t_1) = 66.23 Hz, the rate while it fires (the file format's rate measure); " +
        'over the run (600 ms): 5.0 spikes/s',
    );
  });

  it('a single neuron with fewer than two spikes has no interval rate, and says why', () => {
    expect(summariseNode(neuron({ total: 1, retained: 1, firstS: 0.2, lastS: 0.2 }), 0.5)).toEqual({
      text: 'P: 1 spike',
      title:
        'P: an interval rate (n − 1)/(t_n − t_1) needs two spikes; over the run (500 ms): 2.0 spikes/s',
    });
    expect(summariseNode(neuron({}), 0)).toEqual({
      text: 'P: 0 spikes',
      title: 'P: no spikes yet',
    });
  });

  it('a population: the mean rate per neuron over the simulated time', () => {
    // 10 neurons, 64 spikes in 1 s: 6.4 Hz per neuron
    const entry = summariseNode(
      neuron({ name: 'E', size: 10, total: 64, retained: 64, firstS: 0.01, lastS: 0.99 }),
      1,
    );
    expect(entry.text).toBe('E: 64 spikes · mean 6.4 Hz per neuron over the run');
    expect(entry.title).toBe(
      'E: 64 spikes of 10 neurons in 1000 ms, spikes / (neurons × time) = 6.40 Hz per neuron',
    );
    expect(summariseNode(neuron({ name: 'E', size: 10 }), 0).text).toBe('E: 0 spikes');
  });

  it('long runs are given in seconds', () => {
    const entry = summariseNode(neuron({ total: 2, retained: 2, firstS: 1, lastS: 1.5 }), 12.5);
    expect(entry.title).toContain('over the run (12.50 s): 0.2 spikes/s');
  });
});

describe('summariseNode after a live edit', () => {
  // The walkthrough's cases: a neuron a live edit silenced kept "85.4 Hz"; one that began to fire
  // after an edit had its rate averaged over its silent gap. The rates are the same measures, over
  // the spikes since the last edit, and the line says so.
  it('a neuron an edit silenced: silent since the edit, not its old rate', () => {
    const entry = summariseNode(
      neuron({
        name: 'A',
        total: 135,
        retained: 135,
        firstS: 0.01,
        lastS: 1.18,
        sinceEdit: { atS: 1.2, fromS: 1.2, retained: 0, firstS: 0, lastS: 0 },
      }),
      3,
    );
    expect(entry.text).toBe('A: 135 spikes in the run · silent since the edit at 1200 ms');
    expect(entry.title).toContain(
      'a rate over the whole run would mix the circuit before and after',
    );
    expect(entry.title).toContain(
      'over the whole run: interval rate (n − 1)/(t_n − t_1) = 114.53 Hz',
    );
  });

  it('a neuron that began to fire after an edit: its interval rate since the edit', () => {
    // 2 spikes early, silent, then 21 spikes 10 ms apart from 2.0 s on (the edit at 1.5 s)
    const entry = summariseNode(
      neuron({
        name: 'B',
        total: 23,
        retained: 23,
        firstS: 0.1,
        lastS: 2.2,
        sinceEdit: { atS: 1.5, fromS: 1.5, retained: 21, firstS: 2.0, lastS: 2.2 },
      }),
      2.25,
    );
    // each number says what it covers: the count the run's, the rate the one since the edit
    expect(entry.text).toBe(
      'B: 23 spikes in the run · since the edit at 1500 ms: interval rate 100.0 Hz',
    );
    // the whole run's interval rate, 22 / 2.1 s = 10.5 Hz, stays in the tooltip
    expect(entry.title).toContain(
      'over the whole run: interval rate (n − 1)/(t_n − t_1) = 10.48 Hz',
    );
    expect(
      summariseNode(
        neuron({
          name: 'B',
          total: 3,
          retained: 3,
          firstS: 0.1,
          lastS: 2.0,
          sinceEdit: { atS: 1.5, fromS: 1.5, retained: 1, firstS: 2.0, lastS: 2.0 },
        }),
        2.25,
      ).text,
    ).toBe('B: 3 spikes in the run · since the edit at 1500 ms: 1 spike');
  });

  it('a population: the mean per neuron since the edit, or over the history a run-forever holds', () => {
    const pop = (fromS: number) =>
      summariseNode(
        neuron({
          name: 'E',
          size: 10,
          total: 500,
          retained: 400,
          firstS: 0.01,
          lastS: 99.9,
          sinceEdit: { atS: 20, fromS, retained: 160, firstS: fromS + 0.01, lastS: 99.9 },
        }),
        100,
      );
    // 160 spikes of 10 neurons in the 80 s since the edit: 0.2 Hz per neuron; in 60 s: 0.27 Hz
    expect(pop(20).text).toBe(
      'E: 500 spikes in the run · since the edit at 20.00 s: mean 0.2 Hz per neuron',
    );
    expect(pop(40).text).toBe(
      'E: 500 spikes in the run · over the last 60.00 s (edited at 20.00 s): mean 0.3 Hz per neuron',
    );
  });
});

describe('the live-edit log, for people', () => {
  it('names the node and the param, rounds the time, says "default" for an unset value', () => {
    const doc = {
      format: 'neurosketch-network',
      version: 1,
      simulation: { dt: 0.0001, duration: 1, seed: 1 },
      nodes: [{ id: 'A', kind: 'neuron', model: 'lif', label: 'driver', params: {} }],
      edges: [],
      probes: [],
    } as unknown as NetworkDocument;
    const line = (timeSeconds: number, oldValue: unknown, newValue: unknown) =>
      editLogLine({ timeSeconds, field: 'A.params.bias', oldValue, newValue }, doc);
    expect(line(0.20470000000000002, 1.5, 1.62)).toBe('t = 204.7 ms: driver bias 1.5 → 1.62');
    expect(line(0.3, undefined, 0.005)).toBe('t = 300 ms: driver bias default → 0.005');
  });

  it('names a synapse by its ends and the field as the inspector does, never by its id', () => {
    const doc = {
      format: 'neurosketch-network',
      version: 1,
      simulation: { dt: 0.0001, duration: 1, seed: 1 },
      nodes: [
        { id: 'A', kind: 'neuron', model: 'lif', label: 'A', params: {} },
        { id: 'C', kind: 'neuron', model: 'lif', label: 'C', params: {} },
        { id: 'in1', kind: 'input', label: 'drive', signal: { type: 'poisson', rate: 20 } },
      ],
      edges: [{ id: 'wCA', source: 'A', target: 'C', weight: 0.05, synapse: { tauS: 0.005 } }],
      probes: [],
    } as unknown as NetworkDocument;
    const line = (field: string, oldValue: number, newValue: number) =>
      editLogLine({ timeSeconds: 1.2, field, oldValue, newValue }, doc);
    expect(line('wCA.weight', 0.05, 0.08)).toBe('t = 1200 ms: A → C weight 0.05 → 0.08');
    expect(line('wCA.synapse.tauS', 0.005, 0.01)).toBe('t = 1200 ms: A → C tauS 0.005 → 0.01');
    expect(line('in1.signal.rate', 20, 40)).toBe('t = 1200 ms: drive rate 20 → 40');
  });
});
