import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lifRate } from '../../shared/models/lifRate';
import { runCli } from './runCli';

const dir = mkdtempSync(path.join(tmpdir(), 'neurosketch-cli-'));

function file(name: string, doc: unknown): string {
  const p = path.join(dir, name);
  writeFileSync(p, typeof doc === 'string' ? doc : JSON.stringify(doc, null, 2));
  return p;
}

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
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
    probes: [{ id: 'vN', target: 'N', variable: 'v', every: 10 }],
    ...extra,
  };
}

describe('CLI run', () => {
  it('prints the result JSON on stdout and nothing else; exit 0', async () => {
    const f = file('lif.neuro', lifDoc());
    const { code, out, err } = await cli('run', f);
    expect(code).toBe(0);
    expect(err).toBe('');
    const result = JSON.parse(out);
    expect(result.format).toBe('neurosketch-result');
    expect(result.dt).toBe(0.0001);
    expect(result.duration).toBe(0.5);
    expect(result.seed).toBe(1);
    const spikes: number[] = result.spikes.N[0];
    const rate = (spikes.length - 1) / (spikes[spikes.length - 1]! - spikes[0]!);
    expect(rate / lifRate(1.5, { tauM: 0.02, tauRef: 0.002, vTh: 1, vReset: 0 }) - 1).toBeLessThan(
      1e-9,
    );
    expect(result.traces.vN.t.length).toBe(501);
    expect(result.traces.vN.t[1]).toBeCloseTo(0.001, 15);
    expect(result.stats.steps).toBe(5000);
    expect(result.stats.spikes).toBe(spikes.length);
    expect(result.stats.wallSeconds).toBeCloseTo(
      result.stats.compileSeconds + result.stats.runSeconds,
      12,
    );
  });

  it('--out .csv writes the long form sorted by kind, id, index, t', async () => {
    const f = file('lif2.neuro', lifDoc());
    const out = path.join(dir, 'out.csv');
    const r = await cli('run', f, '--out', out, '--duration', '0.05');
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('kind,id,variable,index,t,value');
    expect(lines[1]).toMatch(/^spike,N,,0,0\.0219722457733/);
    const traceLines = lines.filter((l) => l.startsWith('trace,vN,v,0,'));
    expect(traceLines.length).toBe(51);
    // sample times read as the decimals they are (0.003, not 0.0030000000000000005)
    const times = traceLines.map((l) => l.split(',')[4]!);
    times.forEach((t, k) => expect(t).toBe(String(Number((k * 0.001).toFixed(3)))));
  });

  it('--out .json, --dt and --seed override the file', async () => {
    const f = file('lif3.neuro', lifDoc());
    const out = path.join(dir, 'out.json');
    expect((await cli('run', f, '--out', out, '--dt', '0.001', '--seed', '7')).code).toBe(0);
    const result = JSON.parse(readFileSync(out, 'utf8'));
    expect(result.dt).toBe(0.001);
    expect(result.seed).toBe(7);
    expect(result.stats.steps).toBe(500);
  });

  it('--set: a bare name is a param, dotted paths reach fields; the result is validated again', async () => {
    const f = file('lif4.neuro', lifDoc());
    const base = JSON.parse((await cli('run', f)).out);
    const biased = JSON.parse((await cli('run', f, '--set', 'N.bias=0.5')).out);
    expect(biased.spikes.N[0].length).toBeGreaterThan(base.spikes.N[0].length);
    const viaParams = JSON.parse((await cli('run', f, '--set', 'N.params.bias=0.5')).out);
    expect(viaParams.spikes).toEqual(biased.spikes);
    const signal = JSON.parse(
      (await cli('run', f, '--set', 'drive.signal.value=3', '--set', 'e1.weight=0.5')).out,
    );
    expect(signal.spikes).toEqual(base.spikes);
    const bad = await cli('run', f, '--set', 'N.tauM=-1');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^error: .*lif4\.neuro: nodes\[1\]\.params\.tauM: /m);
    const noId = await cli('run', f, '--set', 'Q.bias=1');
    expect(noId.code).toBe(2);
    expect(noId.err).toContain('no node or edge with id "Q"');
    const notJson = await cli('run', f, '--set', 'N.bias=abc');
    expect(notJson.code).toBe(2);
    expect(notJson.err).toContain('VALUE must be JSON');
  });
});

describe('CLI problems', () => {
  it('validate prints ok: FILE and exits 0', async () => {
    const f = file('ok.neuro', lifDoc());
    expect(await cli('validate', f)).toEqual({ code: 0, out: `ok: ${f}\n`, err: '' });
  });

  it('an invalid param: one line per problem with the field path, exit 2', async () => {
    const doc = lifDoc();
    (doc['nodes'] as Array<Record<string, unknown>>)[1]!['params'] = { tauM: -0.02, tauRef: -1 };
    const f = file('bad.neuro', doc);
    for (const cmd of ['validate', 'run']) {
      const r = await cli(cmd, f);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      const lines = r.err.trimEnd().split('\n');
      expect(lines.length).toBeGreaterThanOrEqual(2);
      for (const l of lines)
        expect(l).toMatch(/^error: .*bad\.neuro: nodes\[1\]\.params\.(tauM|tauRef): /);
    }
  });

  it('missing file, invalid JSON, unknown option and command: exit 2 without a stack trace', async () => {
    const cases = [
      await cli('run', path.join(dir, 'nope.neuro')),
      await cli('run', file('junk.neuro', '{"format": ')),
      await cli('run', file('x.neuro', lifDoc()), '--bogus'),
      await cli('frobnicate'),
      await cli('run', file('y.neuro', lifDoc()), '--dt', '0.00013'),
      await cli('run', file('z.neuro', lifDoc()), '--out', path.join(dir, 'out.txt')),
    ];
    for (const r of cases) {
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/^error: /);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
    expect(cases[4]!.err).toContain('whole number of steps');
  });

  it('a non-finite state stops the run with exit 1 naming node and time', async () => {
    const f = file('blowup.neuro', {
      format: 'neurosketch-network',
      version: 1,
      simulation: { dt: 0.001, duration: 2, seed: 1 },
      nodes: [{ id: 'R', kind: 'neuron', model: 'rate', activation: 'relu', params: { bias: 1 } }],
      edges: [{ id: 'loop', source: 'R', target: 'R', weight: 2 }],
    });
    const r = await cli('run', f);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^error: .*blowup\.neuro: node R at t=[0-9.]+ s: /);
  });

  it('unknown keys are warnings (exit 0)', async () => {
    const doc = lifDoc();
    (doc['nodes'] as Array<Record<string, unknown>>)[1]!['params'] = { tau_m: 0.02 };
    const r = await cli('validate', file('warn.neuro', doc));
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^warning: .*warn\.neuro: nodes\[1\]\.params\.tau_m: .*tauM/m);
  });
});
