/**
 * Walkthrough 6 (step 33): the app's run refusal read "nodes[2]: the network is too large …
 * Shorten simulation.duration". The app names the node by its label and the field as the
 * inspector does; the CLI's message (after the path it prints) stays as it was.
 */
import { describe, expect, it } from 'vitest';
import { admitRun } from './admission';
import { issueText } from './issueText';

const huge = {
  format: 'neurosketch-network',
  version: 1,
  simulation: { dt: 0.0001, duration: 1, seed: 1 },
  nodes: [
    { id: 'in1', kind: 'input', label: 'in1', signal: { type: 'constant', value: 1 } },
    { id: 'P1', kind: 'population', model: 'lif', label: 'P1', size: 100 },
    { id: 'p2', kind: 'population', model: 'lif', label: 'P2', size: 100000 },
    { id: 'p3', kind: 'population', model: 'lif', label: 'P3', size: 100000 },
  ],
  edges: [{ id: 'e', source: 'p2', target: 'p3', weight: { init: 'identity', value: 0.05 } }],
  probes: [],
};

describe('issueText', () => {
  it('names the node by its label and duration as the Circuit panel does', () => {
    const [issue] = admitRun(huge).issues;
    expect(issue?.path).toBe('nodes[2]');
    // the CLI's contract: path and message as before
    expect(issue?.message).toContain('Shorten simulation.duration or use fewer spiking elements');
    const text = issueText(huge, issue!);
    expect(text).toMatch(/^P2: the network is too large to simulate: about 2\.\d+ GB/);
    expect(text).toContain('Shorten duration (in the Circuit panel) or use fewer spiking');
    expect(text).not.toMatch(/nodes\[|simulation\./);
  });

  it('names a CLI flag by its name, and a too long run by the Circuit panel field', () => {
    const long = { ...huge, nodes: huge.nodes.slice(0, 2), edges: [] };
    const [flagged] = admitRun(
      long,
      { duration: 1e9 },
      { names: { duration: '--duration' } },
    ).issues;
    expect(issueText(long, flagged!)).toContain('Shorten --duration or use fewer spiking');
    const rate = {
      ...long,
      nodes: [{ id: 'r', kind: 'neuron', model: 'rate', label: 'R' }],
      simulation: { dt: 1e-9, duration: 1e4, seed: 1 },
    };
    const [own] = admitRun(rate).issues;
    expect(own?.message).toContain('shorten simulation.duration');
    expect(issueText(rate, own!)).toMatch(
      /^the run is too long: .* shorten duration \(in the Circuit panel\) to at most .* or use a larger dt \(in the Circuit panel\)$/,
    );
  });

  it('puts the label and the field before a validation message', () => {
    expect(
      issueText(huge, { severity: 'error', path: 'nodes[1].params.tauM', message: 'must be > 0' }),
    ).toBe('P1, tauM: must be > 0');
    expect(
      issueText(huge, { severity: 'error', path: 'edges[0].weight', message: 'must be finite' }),
    ).toBe('synapse P2 → P3, weight: must be finite');
    expect(issueText(null, { severity: 'error', path: '', message: 'not JSON' })).toBe('not JSON');
  });
});
