/**
 * The names the app proposes (files/fileNames.ts): a never-saved circuit is proposed under its own
 * name, as a slug, in Save As (Electron's native dialog and the browser host's picker alike) and in
 * every export; a saved circuit under its file's name.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { NetworkDocument } from '../../../shared/document/model';
import type { HostApi } from '../../../shared/ipc/contract';
import { exportBaseName } from '../charts/runExport';
import { documentStore } from '../document/documentStore';
import { dialogStore } from './dialogs';
import { fileStem, proposedFileName, slugify } from './fileNames';
import { createPreferences } from '../ui/preferences';
import { FileSession, fileStore, openText } from './fileSession';

/** A file session on `host`, told it runs in `kind`. */
function filesOn(host: HostApi, kind: 'electron' | 'web'): FileSession {
  const files = new FileSession(host, createPreferences(host));
  files.setInfo({ host: kind, platform: 'linux', versions: {} });
  return files;
}

describe('slugify', () => {
  it('makes a file name of a circuit name', () => {
    expect(slugify('A and B drive C')).toBe('a-and-b-drive-c');
    expect(slugify('  Bias: a param or a bias node!  ')).toBe('bias-a-param-or-a-bias-node');
    expect(slugify('Réseau à deux couches')).toBe('reseau-a-deux-couches');
    expect(slugify('Week 3 / LIF (τ = 20 ms)')).toBe('week-3-lif-τ-20-ms');
    expect(slugify('???')).toBe('');
    expect(slugify('x'.repeat(80))).toHaveLength(60);
  });
});

describe('the stem of proposed names', () => {
  it('a saved circuit goes by its file; a never-saved one by its name, else its file name', () => {
    const saved = { fileName: 'a-b-drive-c.neuro', saved: true, circuitName: 'Untitled circuit' };
    expect(fileStem(saved)).toBe('a-b-drive-c');
    expect(proposedFileName(saved)).toBe('a-b-drive-c.neuro');
    const fresh = { fileName: 'untitled.neuro', saved: false, circuitName: 'A and B drive C' };
    expect(proposedFileName(fresh)).toBe('a-and-b-drive-c.neuro');
    // An example is not saved until Save As: its copy is proposed under the circuit's name.
    expect(fileStem({ ...fresh, fileName: 'two-drive-one.neuro' })).toBe('a-and-b-drive-c');
    expect(proposedFileName({ fileName: 'untitled.neuro', saved: false })).toBe('untitled.neuro');
    expect(fileStem({ fileName: 'dropped.neuro', saved: false, circuitName: '' })).toBe('dropped');
  });

  it('result exports follow the same rule', () => {
    expect(exportBaseName('a-b-drive-c.neuro', { saved: true, circuitName: 'Untitled' })).toBe(
      'a-b-drive-c-run',
    );
    expect(exportBaseName('untitled.neuro', { saved: false, circuitName: 'A and B drive C' })).toBe(
      'a-and-b-drive-c-run',
    );
  });
});

const circuit = (name: string): string =>
  JSON.stringify({
    format: 'neurosketch-network',
    version: 1,
    name,
    simulation: { dt: 0.0001, duration: 1, seed: 1 },
    nodes: [],
    edges: [],
  } satisfies Partial<NetworkDocument>);

describe('Save As proposes the circuit’s name for a never-saved circuit', () => {
  afterEach(() => dialogStore.setState({ current: null }));

  it('Electron: the native dialog is asked with it (main makes it its defaultPath)', async () => {
    const asked: unknown[] = [];
    const host = {
      showSaveDialog: async (params: unknown) => {
        asked.push(params);
        return { ok: true as const, value: null };
      },
    } as unknown as HostApi;
    const files = filesOn(host, 'electron');
    openText('untitled.neuro', circuit('A and B drive C'), null);
    expect(documentStore.getState().fileName).toBe('untitled.neuro');
    expect(await files.saveAs()).toBe(false); // cancelled
    expect(asked).toEqual([{ suggestedName: 'a-and-b-drive-c.neuro' }]);
  });

  it('the browser host: its picker is opened with it; a saved file keeps its own name', async () => {
    const files = filesOn({} as HostApi, 'web');
    openText('untitled.neuro', circuit('A and B drive C'), null);
    const pending = files.saveAs();
    const request = dialogStore.getState().current;
    expect(request).toMatchObject({ kind: 'saveAs', suggestedName: 'a-and-b-drive-c.neuro' });
    (request as { resolve(file: null): void }).resolve(null);
    expect(await pending).toBe(false);

    // Once it is a file, the file's name is proposed, whatever the circuit is called.
    openText('my-work.neuro', circuit('A and B drive C'), 'fh-0123456789abcdef0123456789abcdef');
    expect(fileStore.getState().handle).not.toBeNull();
    const again = files.saveAs();
    const second = dialogStore.getState().current;
    expect(second).toMatchObject({ kind: 'saveAs', suggestedName: 'my-work.neuro' });
    (second as { resolve(file: null): void }).resolve(null);
    await again;
  });
});
