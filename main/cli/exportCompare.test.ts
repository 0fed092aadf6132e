/**
 * `export` and `compare` from the CLI, in-process (no peers needed): the folder written, exit 2
 * with one line per unmappable element, compare's table, JSON and exit codes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './runCli';

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  return { code, stdout, stderr };
}

const dir = mkdtempSync(path.join(tmpdir(), 'ns-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cli export', () => {
  it('writes circuit.py, data/ and README.md', async () => {
    const out = path.join(dir, 'cuba');
    const r = await cli(['export', 'examples/cuba.neuro', '--to', 'brian2', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(existsSync(path.join(out, 'circuit.py'))).toBe(true);
    expect(existsSync(path.join(out, 'README.md'))).toBe(true);
    expect(existsSync(path.join(out, 'data', 'e0_pre.npy'))).toBe(true);
  });

  it('gives the same script for --inputs as-drawn twice, another for native', async () => {
    const a = path.join(dir, 'a');
    const b = path.join(dir, 'b');
    await cli(['export', 'examples/two-drive-one.neuro', '--to', 'brian2', '--out', a]);
    await cli(['export', 'examples/two-drive-one.neuro', '--to=brian2', '--out=' + b]);
    expect(readFileSync(path.join(a, 'circuit.py'), 'utf8')).toBe(
      readFileSync(path.join(b, 'circuit.py'), 'utf8'),
    );
    const n = path.join(dir, 'n');
    const r = await cli([
      'export',
      'examples/two-drive-one.neuro',
      '--to',
      'brian2',
      '--out',
      n,
      '--inputs',
      'native',
    ]);
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(n, 'circuit.py'), 'utf8')).toContain("'inputs': 'native'");
  });

  it('exits 2 with one line per element it cannot export, writing nothing', async () => {
    const file = path.join(dir, 'delayed-rate.neuro');
    const doc = JSON.parse(readFileSync('examples/runaway-feedback.neuro', 'utf8')) as {
      edges: Array<Record<string, unknown>>;
    };
    doc.edges[0]!['delay'] = 0.002;
    writeFileSync(file, JSON.stringify(doc));
    const out = path.join(dir, 'refused');
    const r = await cli(['export', file, '--to', 'brian2', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([
      `error: ${file}: edges[0]: edge loop: a delay on an edge from a rate unit has no Brian2 mapping (summed variables are instantaneous)`,
    ]);
    expect(existsSync(out)).toBe(false);
  });

  it('exits 2 on a wrong command line or an invalid file', async () => {
    expect((await cli(['export', 'examples/cuba.neuro', '--to', 'nest', '--out', dir])).code).toBe(
      2,
    );
    expect((await cli(['export', 'examples/cuba.neuro', '--to', 'brian2'])).code).toBe(2);
    const bad = await cli([
      'export',
      'examples/broken/bad-tauM.neuro',
      '--to',
      'brian2',
      '--out',
      dir,
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /^error: examples\/broken\/bad-tauM.neuro: nodes\[1\]\.params\.tauM/,
    );
  });
});

describe('cli compare', () => {
  const a = path.join(dir, 'ours.json');
  const b = path.join(dir, 'peer.json');
  const result = (spikes: number[][]) => ({
    format: 'neurosketch-result',
    version: 1,
    dt: 1e-4,
    duration: 1,
    seed: 1,
    spikes: { N: spikes },
    traces: {},
    stats: {},
  });

  it('prints a table; exit 0 within tolerance, 1 beyond, 2 on a bad file', async () => {
    writeFileSync(a, JSON.stringify(result([[0.1, 0.2]])));
    writeFileSync(b, JSON.stringify(result([[0.10001, 0.20003]])));
    const ok = await cli(['compare', a, b, '--tolerance', 'count=0,time=1e-4']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^N\s+1\s+2\s+2\s/m);
    const over = await cli(['compare', a, b, '--tolerance', 'time=1e-5']);
    expect(over.code).toBe(1);
    expect(over.stderr).toMatch(/^error: spikes N: spike times differ by up to 3.00e-5 s/);
    const json = await cli(['compare', a, b, '--json']);
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as { spikes: Array<{ id: string; countB: number }> };
    expect(parsed.spikes[0]).toMatchObject({ id: 'N', countB: 2 });
    expect((await cli(['compare', a, 'examples/cuba.neuro'])).code).toBe(2);
    expect((await cli(['compare', a, b, '--tolerance', 'speed=1'])).code).toBe(2);
  });
});

describe('exported scripts are valid Python', () => {
  const python = ['/usr/bin/python3', 'python3'].find(
    (p) => spawnSync(p, ['-c', 'pass']).status === 0,
  );
  it.skipIf(!python)('every example, Brian2 and PyNN (ast.parse)', async () => {
    const checked: string[] = [];
    for (const file of readdirSync('examples').filter((f) => f.endsWith('.neuro'))) {
      for (const to of ['brian2', 'pynn']) {
        const out = path.join(dir, 'ast', `${to}-${file}`);
        const r = await cli(['export', `examples/${file}`, '--to', to, '--out', out]);
        if (r.code !== 0) continue;
        const parsed = spawnSync(
          python!,
          [
            '-c',
            'import ast, sys; ast.parse(open(sys.argv[1]).read())',
            path.join(out, 'circuit.py'),
          ],
          { encoding: 'utf8' },
        );
        expect(parsed.status, parsed.stderr).toBe(0);
        checked.push(`${to}:${file}`);
      }
    }
    expect(checked.length).toBeGreaterThan(10);
  });
});
