import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serializeDocument } from '../../shared/document/canonical';
import { loadDocument } from '../../shared/document/loadDocument';
import { removeStaleTempFiles, saveDocumentFile, saveFileAtomic } from './fileStore';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'neurosketch-store-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('saveFileAtomic', () => {
  it('creates a new file and replaces an existing one, leaving no temp file', async () => {
    const file = path.join(dir, 'a.neuro');
    await saveFileAtomic(file, 'one\n');
    expect(readFileSync(file, 'utf8')).toBe('one\n');
    await saveFileAtomic(file, 'two, longer\n');
    expect(readFileSync(file, 'utf8')).toBe('two, longer\n');
    await saveFileAtomic(file, new TextEncoder().encode('bytes\n'));
    expect(readFileSync(file, 'utf8')).toBe('bytes\n');
    expect(readdirSync(dir)).toEqual(['a.neuro']);
  });

  it('keeps the permissions of the file it replaces', async () => {
    if (process.platform === 'win32') return;
    const file = path.join(dir, 'a.neuro');
    writeFileSync(file, 'old');
    chmodSync(file, 0o600);
    await saveFileAtomic(file, 'new');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('writes through a symlink to its target, keeping the link', async () => {
    if (process.platform === 'win32') return;
    const real = path.join(dir, 'real.neuro');
    const link = path.join(dir, 'link.neuro');
    writeFileSync(real, 'old');
    symlinkSync(real, link);
    await saveFileAtomic(link, 'new');
    expect(readFileSync(real, 'utf8')).toBe('new');
    expect(statSync(link).isFile()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['link.neuro', 'real.neuro']);
  });

  it('fails without touching anything when the folder does not exist', async () => {
    await expect(saveFileAtomic(path.join(dir, 'missing', 'a.neuro'), 'x')).rejects.toThrow(
      /ENOENT/,
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('fails and leaves the old file when the target is a folder', async () => {
    const target = path.join(dir, 'folder.neuro');
    await saveFileAtomic(path.join(dir, 'keep.neuro'), 'keep');
    mkdirSync(target);
    writeFileSync(path.join(target, 'inner'), 'x');
    await expect(saveFileAtomic(target, 'x')).rejects.toThrow();
    expect(readdirSync(dir).sort()).toEqual(['folder.neuro', 'keep.neuro']);
  });

  it('removes temp files of dead processes, never those of live ones', async () => {
    const file = path.join(dir, 'a.neuro');
    const dead = '.a.neuro.2147483646.0badc0de.tmp';
    const live = `.a.neuro.${process.ppid}.0badc0de.tmp`;
    const other = '.b.neuro.2147483646.0badc0de.tmp';
    for (const name of [dead, live, other]) writeFileSync(path.join(dir, name), 'partial');
    expect(await removeStaleTempFiles(file)).toEqual([dead]);
    await saveFileAtomic(file, 'x');
    expect(readdirSync(dir).sort()).toEqual([live, other, 'a.neuro'].sort());
  });
});

describe('saveDocumentFile', () => {
  it('writes the canonical form, which loads back to the same text', async () => {
    const text = readFileSync('examples/lif-charging.neuro', 'utf8');
    const loaded = loadDocument(text);
    if (!loaded.ok) throw new Error('example does not load');
    const file = path.join(dir, 'copy.neuro');
    await saveDocumentFile(file, loaded.document);
    expect(readFileSync(file, 'utf8')).toBe(serializeDocument(loaded.document));
    expect(readFileSync(file, 'utf8')).toBe(text);
  });
});
