/**
 * The run-size admission rule through the CLI (issue 16, item 5): every way of asking for a big run
 * (the file's duration, --duration, --dt, --set, a huge Poisson rate, many probes, 1e12 steps) is
 * refused up front with exit 2 and a message naming what to change, or the run is bounded (stored
 * spikes past the budget stop it with exit 1). Nothing here runs a big simulation.
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, type CliIo } from './runCli';

const dir = mkdtempSync(path.join(tmpdir(), 'neurosketch-admission-'));
const root = path.resolve(__dirname, '../..');

function file(name: string, doc: unknown): string {
  const p = path.join(dir, name);
  writeFileSync(p, JSON.stringify(doc, null, 2));
  return p;
}

async function cli(
  argv: string[],
  io: Partial<CliIo> = {},
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    ...io,
  });
  return { code, out, err };
}

function lifDoc(extra: Partial<Record<string, unknown>> = {}): Record<string, unknown> {
  return {
    format: 'neurosketch-network',
    version: 1,
    simulation: { dt: 0.0001, duration: 0.5, seed: 1 },
    nodes: [
      { id: 'drive', kind: 'input', signal: { type: 'constant', value: 1.5 } },
      { id: 'N', kind: 'neuron', model: 'lif', params: { tauM: 0.02, tauRef: 0.002 } },
    ],
    edges: [{ id: 'e1', source: 'drive', target: 'N', weight: 1 }],
    probes: [{ id: 'vN', target: 'N', variable: 'v' }],
    ...extra,
  };
}

function poissonDoc(rate: number): Record<string, unknown> {
  return lifDoc({
    nodes: [
      { id: 'src', kind: 'input', size: 10, signal: { type: 'poisson', rate: 5 } },
      { id: 'N', kind: 'neuron', model: 'lif' },
    ],
    edges: [{ id: 'e1', source: 'src', target: 'N', weight: 0.1, synapse: { tauS: 0.005 } }],
    probes: [],
    ...(rate !== 5
      ? {
          nodes: [
            { id: 'src', kind: 'input', size: 10, signal: { type: 'poisson', rate } },
            { id: 'N', kind: 'neuron', model: 'lif' },
          ],
        }
      : {}),
  });
}

/** Exit 2, error lines only (the first naming `field`), no stack trace; nothing on stdout. */
function expectRefused(r: { code: number; out: string; err: string }, field: string): void {
  expect(r.code).toBe(2);
  expect(r.out).toBe('');
  const lines = r.err.trimEnd().split('\n');
  for (const line of lines) expect(line).toMatch(/^error: .+\.neuro: /);
  expect(lines[0]).toContain(field);
  expect(r.err).not.toMatch(/\n\s+at /);
}

describe('admission: one rule for every way of asking for a big run', () => {
  it('the file duration: samples past memory are refused naming the probe and the field', async () => {
    const f = file('long.neuro', lifDoc({ simulation: { dt: 0.0001, duration: 1e5, seed: 1 } }));
    const r = await cli(['run', f]);
    expectRefused(r, 'probes[0]');
    expect(r.err).toMatch(/too large to simulate/);
    expect(r.err).toMatch(/raise probes\[0\]\.every.*shorten simulation\.duration/);
    const v = await cli(['validate', f]);
    expect(v.code).toBe(2);
  });

  it('--duration (the same duration as a flag) is refused the same way, naming --duration', async () => {
    const f = file('lif.neuro', lifDoc());
    const r = await cli(['run', f, '--duration', '1e5']);
    expectRefused(r, '--duration');
    expect(r.err).toMatch(/1,000,000,001 recorded samples/);
  });

  it('--dt: a tiny step multiplies the samples; refused naming --dt', async () => {
    const f = file('lif.neuro', lifDoc());
    const r = await cli(['run', f, '--dt', '1e-10']);
    expectRefused(r, '--dt');
  });

  it('--set: a population grown by --set is counted again', async () => {
    const doc = lifDoc({
      nodes: [
        { id: 'drive', kind: 'input', signal: { type: 'constant', value: 1.5 } },
        { id: 'P', kind: 'population', size: 10, model: 'lif' },
      ],
      edges: [{ id: 'e1', source: 'drive', target: 'P', weight: 1 }],
      probes: [{ id: 'vP', target: 'P', variable: 'v' }],
    });
    const f = file('pop.neuro', doc);
    const r = await cli(['run', f, '--set', 'P.size=10000000', '--duration', '1']);
    expectRefused(r, 'probes[0]');
  });

  it('--set: a Poisson rate raised by --set is bounded', async () => {
    const f = file('poisson.neuro', poissonDoc(5));
    const r = await cli(['run', f, '--set', 'src.signal.rate=1e12']);
    expectRefused(r, 'nodes[0].signal.rate');
    expect(r.err).toMatch(/spikes per step/);
  });

  it('a huge Poisson rate in the file (1e12, 1e300) is refused naming the rate', async () => {
    for (const rate of [1e12, 1e300]) {
      const f = file('hot-poisson.neuro', poissonDoc(rate));
      const r = await cli(['run', f]);
      expectRefused(r, 'nodes[0].signal.rate');
    }
  });

  it('many probes: 20,000 probes of a population for 10 s are refused naming the largest', async () => {
    const probes = Array.from({ length: 20_000 }, (_, k) => ({
      id: `p${k}`,
      target: 'P',
      variable: 'v',
      indices: [k % 100],
    }));
    const doc = lifDoc({
      simulation: { dt: 0.0001, duration: 10, seed: 1 },
      nodes: [
        { id: 'drive', kind: 'input', signal: { type: 'constant', value: 1.5 } },
        { id: 'P', kind: 'population', size: 100, model: 'lif' },
      ],
      edges: [{ id: 'e1', source: 'drive', target: 'P', weight: 1 }],
      probes,
    });
    const r = await cli(['run', file('probes.neuro', doc)]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^error: .+: probes\[\d+\]: the network is too large to simulate/);
    expect(r.err).toMatch(
      /2,000,020,000 recorded samples, .*Record fewer samples \(20,000 probes\)/,
    );
  });

  it('1e12 steps are refused as too long (file and --duration), with the largest duration allowed', async () => {
    const f = file(
      'forever.neuro',
      lifDoc({ simulation: { dt: 1e-9, duration: 1000, seed: 1 }, probes: [] }),
    );
    const r = await cli(['run', f]);
    expectRefused(r, 'simulation.duration');
    expect(r.err).toMatch(/the run is too long: 1,000,000,000,000 steps/);
    expect(r.err).not.toMatch(/whole number of steps/);
    const g = file('lif-short.neuro', lifDoc({ probes: [] }));
    const flag = await cli(['run', g, '--duration', '1e8']);
    expectRefused(flag, '--duration');
    expect(flag.err).toMatch(
      /shorten --duration to at most 25000000 s or use a larger simulation\.dt/,
    );
  });

  it('stored spikes are bounded: past the rate ceiling the run stops with exit 1, naming the node', async () => {
    const doc = lifDoc({
      simulation: { dt: 0.0001, duration: 2, seed: 1 },
      nodes: [
        { id: 'drive', kind: 'input', signal: { type: 'constant', value: 1000 } },
        { id: 'P', kind: 'population', size: 20, model: 'lif', params: { tauRef: 0 } },
      ],
      edges: [{ id: 'e1', source: 'drive', target: 'P', weight: 1 }],
      probes: [],
    });
    const r = await cli(['run', file('hot.neuro', doc)]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^error: .+: node P at t=[0-9.]+ s: more than 40,000 spikes stored/);
  });

  it('a run taking more than a few seconds shows its progress on stderr', async () => {
    // A fake clock (400 ms per reading) makes a 0.5 s run look slow.
    let clock = 0;
    const f = file('progress.neuro', lifDoc({ probes: [] }));
    const r = await cli(['run', f, '--duration', '50'], { now: () => (clock += 400) });
    expect(r.code).toBe(0);
    const lines = r.err.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines)
      expect(line).toMatch(
        /^progress: .+: (\d+% \(t = [0-9.]+ of 50 s\), about .+ left|writing the result to stdout, .+ so far)$/,
      );
    expect(lines.some((l) => / of 50 s\), about /.test(l))).toBe(true);
    expect(JSON.parse(r.out).stats.steps).toBe(500_000);
  });
});

describe('output failures (issue 16, item 11): one line, exit 1, no stack trace', () => {
  it('a stdout that fails with ENOSPC', async () => {
    const f = file('lif.neuro', lifDoc());
    const r = await cli(['run', f], {
      stdout: () =>
        Promise.reject(
          Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }),
        ),
    });
    expect(r.code).toBe(1);
    expect(r.err).toBe('error: stdout: cannot write: no space left on the device (ENOSPC)\n');
  });

  it.skipIf(!existsSync('/dev/full') || !existsSync(path.join(root, 'out/main/cli.js')))(
    'the built CLI: run FILE > /dev/full',
    () => {
      const f = file('lif.neuro', lifDoc());
      const full = spawnSync(
        'sh',
        [
          '-c',
          `"${process.execPath}" "${path.join(root, 'out/main/cli.js')}" run "${f}" > /dev/full`,
        ],
        { encoding: 'utf8' },
      );
      expect(full.status).toBe(1);
      expect(full.stderr).toBe(
        'error: stdout: cannot write: no space left on the device (ENOSPC)\n',
      );
    },
  );

  it.skipIf(!existsSync('/dev/full'))(
    '--out on a device that fails keeps it: nothing is deleted',
    async () => {
      const f = file('lif.neuro', lifDoc());
      const link = path.join(dir, 'full.json');
      symlinkSync('/dev/full', link);
      const r = await cli(['run', f, '--out', link]);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/cannot write: no space left on the device \(ENOSPC\)\n$/);
      expect(lstatSync(link).isSymbolicLink()).toBe(true);
    },
  );

  it('--out replaces a file only once the new result is whole, leaving no temporary file', async () => {
    const f = file('lif.neuro', lifDoc());
    const out = path.join(dir, 'kept', 'r.json');
    mkdirSync(path.dirname(out));
    writeFileSync(out, 'old result\n');
    const r = await cli(['run', f, '--out', out]);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).format).toBe('neurosketch-result');
    expect(readdirSync(path.dirname(out))).toEqual(['r.json']);
  });

  it('--out into a missing folder: exit 2, one line', async () => {
    const f = file('lif.neuro', lifDoc());
    const r = await cli(['run', f, '--out', path.join(dir, 'no/such/folder/r.json')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^error: .+r\.json: cannot write: no such folder \(ENOENT\)\n$/);
  });
});

describe('streamed results', () => {
  it('stdout receives the JSON in pieces that join to the same document', async () => {
    const chunks: string[] = [];
    const f = file('lif.neuro', lifDoc());
    const r = await cli(['run', f], { stdout: (t) => chunks.push(t) });
    expect(r.code).toBe(0);
    const result = JSON.parse(chunks.join(''));
    expect(result.traces.vN.t.length).toBe(5001);
  });

  it('--out .csv is written through a file stream', async () => {
    const f = file('lif.neuro', lifDoc());
    const out = path.join(dir, 'r.csv');
    const r = await cli(['run', f, '--out', out]);
    expect(r.code).toBe(0);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('kind,id,variable,index,t,value');
    expect(lines.filter((l) => l.startsWith('trace,')).length).toBe(5001);
  });
});
