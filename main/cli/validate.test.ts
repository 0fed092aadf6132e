/**
 * `validate` on the deliberately broken files of examples/broken (exit 2, one `error: FILE: PATH:
 * message` line per problem on stderr, nothing on stdout) and on the valid-with-warning file of
 * examples/warnings (warning on stderr, `ok: FILE` on stdout, exit 0). docs/format.md#results
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from './runCli';

async function validate(file: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['validate', file], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  return { code, stdout, stderr };
}

const BROKEN: Record<string, string[]> = {
  'absurd-size': [
    'nodes[0].size: must be <= 10000000 (got 1000000000000): the number of elements, a whole number from 1 to 10,000,000',
  ],
  'bad-tauM': [
    'nodes[1].params.tauM: must be > 0 (got -0.02): tauM is the membrane time constant tau_m, in seconds; default 0.02',
  ],
  'duplicate-id': [
    'probes[0].id: id "N" is already used by nodes[1]: ids must be unique across nodes, edges and probes; rename one',
  ],
  'duration-not-whole-steps': [
    'simulation.duration: must be a whole number of steps of dt = 0.0001 s, but 0.10005 / 0.0001 = 1000.5 steps: use 0.1 or 0.1001, or change dt',
  ],
  'edge-into-input': [
    'edges[1].target: an edge cannot end at an input ("drive"): edges go into neurons and populations only',
  ],
  'edge-to-missing-node': ['edges[0].target: there is no node "M"; did you mean "N"?'],
  'invalid-json': [
    'not valid JSON at line 11, column 3: unexpected \'"\', expected "," or "}" (a missing comma?)',
  ],
  'matrix-shape-mismatch': [
    'edges[0].weight: has 3 rows, but a weight matrix has one row per target element and one column per source element, here 2 x 3: 2 rows (target "Y"), 3 columns (source "X")',
    'edges[0].weight[0]: has 2 columns, but each row has one weight per source element: 3 for "X"',
    'edges[0].weight[1]: has 2 columns, but each row has one weight per source element: 3 for "X"',
    'edges[0].weight[2]: has 2 columns, but each row has one weight per source element: 3 for "X"',
  ],
  'newer-version': [
    'version: this file is format version 2, written by a newer NeuroSketch; this program reads versions up to 1. Update NeuroSketch to open it (the file was not changed)',
  ],
  'spiking-source-without-synapse': [
    'edges[1].synapse: the source "N" (LIF neuron) emits spikes, which need a synapse filter: add "synapse": {"tauS": 0.005} (tauS in seconds)',
  ],
  'wrong-probe-variable': [
    'probes[0].variable: "V" is not a variable of a LIF neuron ("N"): use one of "v", "J", "s"',
  ],
};

describe('npm run cli -- validate', () => {
  it('has an expectation for every file in examples/broken (and at least 8 files)', () => {
    const files = readdirSync('examples/broken')
      .filter((f) => f.endsWith('.neuro'))
      .map((f) => f.replace(/\.neuro$/, ''));
    expect(files.sort()).toEqual(Object.keys(BROKEN).sort());
    expect(files.length).toBeGreaterThanOrEqual(8);
  });

  it.each(Object.entries(BROKEN))(
    'examples/broken/%s.neuro: exit 2 with the field path',
    async (name, lines) => {
      const file = `examples/broken/${name}.neuro`;
      const { code, stdout, stderr } = await validate(file);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toBe(lines.map((line) => `error: ${file}: ${line}\n`).join(''));
    },
  );

  it('examples/warnings/typo-param.neuro: a warning naming the nearest key, exit 0', async () => {
    const file = 'examples/warnings/typo-param.neuro';
    const { code, stdout, stderr } = await validate(file);
    expect(stderr).toBe(
      `warning: ${file}: nodes[1].params.tau_m: unknown param "tau_m" is ignored (did you mean "tauM"?); a typo here would silently run with the default\n`,
    );
    expect(stdout).toBe(`ok: ${file}\n`);
    expect(code).toBe(0);
  });
});
