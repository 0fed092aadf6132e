import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { displayPath, isInside, Workspace, WorkspaceError } from './workspace';

let base: string;
let root: string;
let outside: string;
beforeEach(() => {
  base = mkdtempSync(path.join(tmpdir(), 'neurosketch-ws-'));
  root = path.join(base, 'workspace');
  outside = path.join(base, 'outside');
  mkdirSync(path.join(root, 'week1'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(path.join(root, 'a.neuro'), '{}');
  writeFileSync(path.join(root, 'notes.txt'), 'not a circuit');
  writeFileSync(path.join(root, '.hidden.neuro'), '{}');
  writeFileSync(path.join(root, 'week1', 'b.neuro'), '{}');
  writeFileSync(path.join(outside, 'secret.neuro'), '{"secret":true}');
  symlinkSync(path.join(outside, 'secret.neuro'), path.join(root, 'link-out.neuro'));
  symlinkSync(outside, path.join(root, 'dir-out'));
  symlinkSync(path.join(root, 'a.neuro'), path.join(root, 'link-in.neuro'));
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

describe('Workspace', () => {
  it('creates its folder on demand', async () => {
    const fresh = new Workspace(path.join(base, 'new', 'NeuroSketch'));
    expect(await fresh.list('')).toEqual([]);
  });

  it('lists folders and .neuro files only, never what leads outside', async () => {
    const ws = new Workspace(root);
    expect(await ws.list('')).toEqual([
      { name: 'week1', kind: 'folder' },
      { name: 'a.neuro', kind: 'file' },
      { name: 'link-in.neuro', kind: 'file' },
    ]);
    expect(await ws.list('week1')).toEqual([{ name: 'b.neuro', kind: 'file' }]);
  });

  it('resolves files inside and refuses every way out', async () => {
    const ws = new Workspace(root);
    expect(await ws.resolveExisting('week1/b.neuro')).toMatch(/week1[/\\]b\.neuro$/);
    for (const bad of [
      '../outside/secret.neuro',
      'week1/../../outside/secret.neuro',
      '/etc/passwd',
      path.join(outside, 'secret.neuro'),
      'link-out.neuro',
      'dir-out/secret.neuro',
      'week1\\..\\..\\outside',
      'C:/Windows',
      './a.neuro',
      'missing.neuro',
    ]) {
      await expect(ws.resolveExisting(bad), bad).rejects.toBeInstanceOf(WorkspaceError);
    }
    await expect(ws.list('dir-out')).rejects.toBeInstanceOf(WorkspaceError);
    await expect(ws.list('..')).rejects.toBeInstanceOf(WorkspaceError);
  });

  it('saves only inside, asks before replacing, and adds .neuro', async () => {
    const ws = new Workspace(root);
    expect(await ws.resolveForSave('week1', 'c', false)).toEqual({
      path: path.join(ws.root, 'week1', 'c.neuro'),
      existed: false,
    });
    await expect(ws.resolveForSave('', 'a.neuro', false)).rejects.toThrow(/already exists/);
    expect((await ws.resolveForSave('', 'a.neuro', true)).existed).toBe(true);
    await expect(ws.resolveForSave('', 'link-out.neuro', true)).rejects.toThrow(/outside/);
    await expect(ws.resolveForSave('', '../x.neuro', false)).rejects.toThrow();
    await expect(ws.resolveForSave('dir-out', 'x.neuro', false)).rejects.toThrow(/outside/);
    await expect(ws.resolveForSave('', '.x.neuro', false)).rejects.toThrow();
  });

  it('decides containment on resolved paths', () => {
    expect(isInside('/a/b', '/a/b/c')).toBe(true);
    expect(isInside('/a/b', '/a/b')).toBe(true);
    expect(isInside('/a/b', '/a/bc')).toBe(false);
    expect(isInside('/a/b', '/a')).toBe(false);
    expect(displayPath('/home/u/Documents/NeuroSketch', '/home/u')).toBe(
      `~${path.sep}Documents${path.sep}NeuroSketch`,
    );
  });
});
