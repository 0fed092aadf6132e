/**
 * The app's export (issue 13): the preview the dialog lists, the folder name, and a folder whose
 * files equal the CLI's export of the same file.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/runCli';
import { exportFolderName, previewExport, writeExport } from './exportService';

const dir = mkdtempSync(path.join(tmpdir(), 'ns-export-service-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const text = readFileSync('examples/two-drive-one.neuro', 'utf8');

describe('exportService', () => {
  it('names the folder after the file and the peer, safely', () => {
    expect(exportFolderName({ fileName: 'two-drive-one.neuro', to: 'brian2' })).toBe(
      'two-drive-one-brian2',
    );
    expect(exportFolderName({ fileName: 'My "net"; rm -rf.neuro', to: 'pynn' })).toBe(
      'My_net_rm_-rf-pynn',
    );
  });

  it('previews every element, with warnings and refusals', () => {
    const b = previewExport({
      to: 'brian2',
      inputs: 'as-drawn',
      documentText: text,
      fileName: 'x',
    });
    expect(b.ok).toBe(true);
    expect(b.lines.map((l) => `${l.kind} ${l.id}`)).toEqual([
      'node A',
      'node B',
      'node C',
      'edge wCA',
      'edge wCB',
      'probe vC',
      'probe sC',
    ]);
    const p = previewExport({ to: 'pynn', inputs: 'as-drawn', documentText: text, fileName: 'x' });
    expect(p.ok).toBe(true);
    expect(p.lines.find((l) => l.id === 'sC')).toMatchObject({ ok: true, warning: true });
    const bad = previewExport({
      to: 'pynn',
      inputs: 'as-drawn',
      documentText: readFileSync('examples/psc-shapes.neuro', 'utf8'),
      fileName: 'psc-shapes.neuro',
    });
    expect(bad.ok).toBe(false);
    expect(bad.lines.filter((l) => !l.ok)).toHaveLength(12);
  });

  it('writes the files the CLI writes, byte for byte, and never over an existing folder', async () => {
    const request = {
      to: 'brian2' as const,
      inputs: 'as-drawn' as const,
      documentText: text,
      fileName: 'two-drive-one.neuro',
    };
    const target = path.join(dir, 'app');
    const written = await writeExport(request, async () => ({ dir: target, location: 'app' }));
    expect(written).toEqual({ location: 'app', files: 2 });
    const cli = path.join(dir, 'cli');
    const code = await runCli(
      ['export', 'examples/two-drive-one.neuro', '--to', 'brian2', '--out', cli],
      { stdout: () => {}, stderr: () => {} },
    );
    expect(code).toBe(0);
    for (const f of readdirSync(cli))
      expect(readFileSync(path.join(target, f), 'utf8')).toBe(
        readFileSync(path.join(cli, f), 'utf8'),
      );
    await expect(
      writeExport(request, async () => ({ dir: target, location: 'app' })),
    ).rejects.toThrow(/already exists/);
    expect(await writeExport(request, async () => null)).toBeNull();
  });
});
