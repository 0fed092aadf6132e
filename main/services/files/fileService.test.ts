/**
 * The file requests through HostService, as both hosts call them: every payload parsed, paths
 * never cross, a handle main did not grant is refused, and a refused request changes nothing.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HostResult } from '../../../shared/ipc/contract';
import { DEFAULT_PREFERENCES } from '../../../shared/ipc/desktopContract';
import { HostService } from '../hostService';
import { GALLERY_ORDER } from '../examples';
import type { SimulationHost } from '../simulationHost';
import { FileService, type NativeDialogs, type WindowControl } from './fileService';
import { Workspace } from './workspace';

let base: string;
let workspaceDir: string;
let dataDir: string;
let outside: string;

beforeEach(() => {
  base = mkdtempSync(path.join(tmpdir(), 'neurosketch-files-'));
  workspaceDir = path.join(base, 'ws');
  dataDir = path.join(base, 'data');
  outside = path.join(base, 'outside');
  mkdirSync(workspaceDir);
  mkdirSync(outside);
  writeFileSync(path.join(workspaceDir, 'one.neuro'), 'one\n');
  writeFileSync(path.join(outside, 'secret.neuro'), 'secret\n');
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

const TAB_A = 'tab-aaaaaaaa';
const TAB_B = 'tab-bbbbbbbb';
const TAB_C = 'tab-cccccccc';
const TAB_D = 'tab-dddddddd';
const TAB_E = 'tab-eeeeeeee';

const APP_INFO = { host: 'web' as const, platform: 'linux', versions: { NeuroSketch: '0.1.0' } };

function webService() {
  const files = new FileService({
    dataDir,
    examplesDir: path.resolve('examples'),
    workspace: new Workspace(workspaceDir),
    appInfo: APP_INFO,
  });
  return { files, host: new HostService({ simulation: {} as SimulationHost, files }) };
}

async function ok<T>(promise: Promise<HostResult<unknown>>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(result.error);
  return result.value as T;
}

/** Every file under the test folder, with its content: "no side effect" means this is unchanged. */
function snapshot(): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string): void => {
    if (!existsSync(dir)) return;
    for (const d of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, d.name);
      if (d.isDirectory()) walk(p);
      else out[path.relative(base, p)] = readFileSync(p, 'utf8');
    }
  };
  walk(base);
  return out;
}

describe('file requests (browser host)', () => {
  it('opens, saves and re-opens through the picker with opaque handles', async () => {
    const { host } = webService();
    const listing = await ok<{ entries: unknown[]; rootLabel: string }>(
      host.handle('listWorkspace', { folder: '' }),
    );
    expect(listing.entries).toEqual([{ name: 'one.neuro', kind: 'file' }]);
    const opened = await ok<{ handle: string; fileName: string; text: string }>(
      host.handle('openWorkspaceFile', { path: 'one.neuro' }),
    );
    expect(opened).toEqual({
      handle: expect.stringMatching(/^fh-[0-9a-f]{32}$/),
      fileName: 'one.neuro',
      text: 'one\n',
    });
    expect(JSON.stringify(opened)).not.toContain(base);

    const target = await ok<{ handle: string; fileName: string }>(
      host.handle('createWorkspaceFile', { folder: '', name: 'two' }),
    );
    expect(target.fileName).toBe('two.neuro');
    await ok(host.handle('saveFile', { handle: target.handle, text: 'two\n' }));
    expect(readFileSync(path.join(workspaceDir, 'two.neuro'), 'utf8')).toBe('two\n');
    const again = await ok<{ text: string }>(host.handle('readFile', { handle: target.handle }));
    expect(again.text).toBe('two\n');

    // Saving over an existing file needs overwrite.
    const refused = await host.handle('createWorkspaceFile', { folder: '', name: 'one.neuro' });
    expect(refused).toEqual({ ok: false, error: expect.stringMatching(/already exists/) });
  });

  it('refuses a handle it did not grant, and a malformed payload, with no side effect', async () => {
    const { host } = webService();
    const before = snapshot();
    const forged = `fh-${'0'.repeat(32)}`;
    const cases: Array<[string, unknown]> = [
      ['readFile', { handle: forged }],
      ['saveFile', { handle: forged, text: 'x' }],
      ['saveFile', { handle: path.join(outside, 'secret.neuro'), text: 'x' }],
      ['saveFile', { path: path.join(outside, 'secret.neuro'), text: 'x' }],
      ['openWorkspaceFile', { path: '../outside/secret.neuro' }],
      ['openWorkspaceFile', { path: path.join(outside, 'secret.neuro') }],
      ['openWorkspaceFile', { path: '' }],
      ['listWorkspace', { folder: '..' }],
      ['listWorkspace', { folder: '/etc' }],
      ['createWorkspaceFile', { folder: '..', name: 'x.neuro' }],
      ['createWorkspaceFile', { folder: '', name: '../x.neuro' }],
      ['createWorkspaceFile', { folder: '', name: 'x.neuro', extra: 1 }],
      ['writeAutosave', { slot: TAB_A, fileName: 'a.neuro', handle: forged, text: 'x' }],
      ['writeAutosave', { slot: TAB_A, fileName: '../../a', handle: null, text: 'x' }],
      ['writeAutosave', { slot: '../../../tab', fileName: 'a.neuro', handle: null, text: 'x' }],
      ['writeAutosave', { fileName: 'a.neuro', handle: null, text: 'x' }],
      ['getRecovery', { slot: 'x/y' }],
      ['discardAutosave', undefined],
      ['setPreferences', { theme: 'purple', defaultDt: 1e-4, timeUnit: 'ms' }],
      ['setPreferences', { ...DEFAULT_PREFERENCES, defaultDt: -1 }],
      ['openExample', { id: '../package.json' }],
      ['showOpenDialog', undefined],
      ['showSaveDialog', { suggestedName: 'a.neuro' }],
    ];
    for (const [name, payload] of cases) {
      const result = await host.handle(name, payload);
      expect(result.ok, `${name} ${JSON.stringify(payload)}`).toBe(false);
    }
    expect(snapshot()).toEqual(before);
  });

  it('confines a granted file again at every read and save (a link swapped in later)', async () => {
    const host = webService().host;
    const opened = await ok<{ handle: string }>(
      host.handle('openWorkspaceFile', { path: 'one.neuro' }),
    );
    const inWorkspace = path.join(workspaceDir, 'one.neuro');
    // Swap the granted file for a link to a file outside the workspace.
    rmSync(inWorkspace);
    symlinkSync(path.join(outside, 'secret.neuro'), inWorkspace);
    const read = await host.handle('readFile', { handle: opened.handle });
    expect(read.ok).toBe(false);
    expect(JSON.stringify(read)).not.toContain('secret\\n');
    const saved = await host.handle('saveFile', { handle: opened.handle, text: 'pwned\n' });
    expect(saved.ok).toBe(false);
    expect(readFileSync(path.join(outside, 'secret.neuro'), 'utf8')).toBe('secret\n');
    // Swap a granted file's folder for a link that leads outside.
    mkdirSync(path.join(workspaceDir, 'sub'));
    writeFileSync(path.join(workspaceDir, 'sub', 'secret.neuro'), 'mine\n');
    const inSub = await ok<{ handle: string }>(
      host.handle('openWorkspaceFile', { path: 'sub/secret.neuro' }),
    );
    rmSync(path.join(workspaceDir, 'sub'), { recursive: true });
    symlinkSync(outside, path.join(workspaceDir, 'sub'));
    expect((await host.handle('readFile', { handle: inSub.handle })).ok).toBe(false);
    expect((await host.handle('saveFile', { handle: inSub.handle, text: 'pwned\n' })).ok).toBe(
      false,
    );
    expect(readFileSync(path.join(outside, 'secret.neuro'), 'utf8')).toBe('secret\n');
  });

  it('refuses a FIFO swapped in for a granted file at once, and stays responsive', async () => {
    const host = webService().host;
    const opened = await ok<{ handle: string }>(
      host.handle('openWorkspaceFile', { path: 'one.neuro' }),
    );
    rmSync(path.join(workspaceDir, 'one.neuro'));
    execFileSync('mkfifo', [path.join(workspaceDir, 'one.neuro')]);
    // More reads than Node has file threads: a blocking open would hang them all.
    const reads = await Promise.all(
      Array.from({ length: 6 }, () => host.handle('readFile', { handle: opened.handle })),
    );
    for (const read of reads) expect(read.ok).toBe(false);
    expect((await host.handle('listWorkspace', { folder: '' })).ok).toBe(true);
  });

  it('offers the single autosave of an earlier version after an upgrade', async () => {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(
      path.join(dataDir, 'autosave.json'),
      JSON.stringify({
        version: 1,
        fileName: 'old.neuro',
        path: null,
        text: 'old work\n',
        savedAt: '2026-01-01T00:00:00.000Z',
      }),
    );
    expect(await ok(webService().host.handle('getRecovery', { slot: TAB_A }))).toMatchObject({
      text: 'old work\n',
    });
  });

  it('keeps the recent list across restarts, newest first, without missing files', async () => {
    const first = webService().host;
    await ok(first.handle('openWorkspaceFile', { path: 'one.neuro' }));
    const made = await ok<{ handle: string }>(
      first.handle('createWorkspaceFile', { folder: '', name: 'two.neuro' }),
    );
    await ok(first.handle('saveFile', { handle: made.handle, text: 'two\n' }));
    writeFileSync(path.join(workspaceDir, 'gone.neuro'), 'x');
    await ok(first.handle('openWorkspaceFile', { path: 'gone.neuro' }));
    rmSync(path.join(workspaceDir, 'gone.neuro'));

    const second = webService().host;
    const recent = await ok<Array<{ handle: string; fileName: string; location: string }>>(
      second.handle('listRecent', undefined),
    );
    expect(recent.map((r) => r.fileName)).toEqual(['two.neuro', 'one.neuro']);
    const reopened = await ok<{ text: string }>(
      second.handle('readFile', { handle: recent[1]!.handle }),
    );
    expect(reopened.text).toBe('one\n');
    await ok(second.handle('clearRecent', undefined));
    expect(await ok(second.handle('listRecent', undefined))).toEqual([]);
  });

  it('autosaves into the data folder and offers the work back after a restart', async () => {
    const first = webService().host;
    const opened = await ok<{ handle: string }>(
      first.handle('openWorkspaceFile', { path: 'one.neuro' }),
    );
    expect(await ok(first.handle('getRecovery', { slot: TAB_A }))).toBeNull();
    await ok(
      first.handle('writeAutosave', {
        slot: TAB_A,
        fileName: 'one.neuro',
        handle: opened.handle,
        text: 'edited\n',
      }),
    );
    expect(readFileSync(path.join(workspaceDir, 'one.neuro'), 'utf8')).toBe('one\n');

    const second = webService().host; // a crash: a new process, new handles, a new tab
    const recovery = await ok<{ fileName: string; handle: string; text: string }>(
      second.handle('getRecovery', { slot: TAB_B }),
    );
    expect(recovery).toMatchObject({ fileName: 'one.neuro', text: 'edited\n' });
    await ok(second.handle('saveFile', { handle: recovery.handle, text: 'edited\n' }));
    expect(readFileSync(path.join(workspaceDir, 'one.neuro'), 'utf8')).toBe('edited\n');
    await ok(second.handle('discardAutosave', { slot: TAB_B }));
    expect(await ok(second.handle('getRecovery', { slot: TAB_B }))).toBeNull();
    expect(await ok(webService().host.handle('getRecovery', { slot: TAB_C }))).toBeNull();
  });

  it("gives each tab its own autosave slot: one tab's autosave never replaces another's", async () => {
    const host = webService().host;
    const write = (slot: string, text: string) =>
      ok(host.handle('writeAutosave', { slot, fileName: `${slot}.neuro`, handle: null, text }));
    await write(TAB_A, 'work of A\n');
    await write(TAB_B, 'work of B\n');
    // A live tab's work is not offered to a third tab of the same host.
    expect(await ok(host.handle('getRecovery', { slot: TAB_C }))).toBeNull();
    // A reload of tab A finds its own work, not B's.
    expect(await ok(host.handle('getRecovery', { slot: TAB_A }))).toMatchObject({
      text: 'work of A\n',
    });
    // After a crash, two new tabs starting together get one orphan each, newest first.
    const after = webService().host;
    const [x, y, z] = await Promise.all(
      [TAB_C, TAB_D, TAB_E].map((slot) =>
        ok<{ text: string } | null>(after.handle('getRecovery', { slot })),
      ),
    );
    expect([x?.text, y?.text].sort()).toEqual(['work of A\n', 'work of B\n']);
    expect(z).toBeNull();
  });

  it('keeps every entry when many files are opened at once (one writer for the recent list)', async () => {
    const host = webService().host;
    const names = Array.from({ length: 10 }, (_, k) => `f${k}.neuro`);
    for (const name of names) writeFileSync(path.join(workspaceDir, name), 'x\n');
    await Promise.all(
      [...names, ...names].map((name) => ok(host.handle('openWorkspaceFile', { path: name }))),
    );
    const recent = await ok<Array<{ fileName: string }>>(host.handle('listRecent', undefined));
    expect(recent.map((r) => r.fileName).sort()).toEqual([...names].sort());
  });

  it('persists preferences, falling back per field on a damaged file', async () => {
    const host = webService().host;
    expect(await ok(host.handle('getPreferences', undefined))).toEqual(DEFAULT_PREFERENCES);
    const next = { theme: 'dark', defaultDt: 5e-5, timeUnit: 's', showStartScreen: false };
    await ok(host.handle('setPreferences', next));
    expect(await ok(webService().host.handle('getPreferences', undefined))).toEqual(next);
    // (a file from before showStartScreen existed reads it as its default, too)
    writeFileSync(
      path.join(dataDir, 'preferences.json'),
      JSON.stringify({ theme: 'dark', defaultDt: 'fast' }),
    );
    expect(await ok(webService().host.handle('getPreferences', undefined))).toEqual({
      ...DEFAULT_PREFERENCES,
      theme: 'dark',
    });
    writeFileSync(path.join(dataDir, 'preferences.json'), '{ not json');
    expect(await ok(webService().host.handle('getPreferences', undefined))).toEqual(
      DEFAULT_PREFERENCES,
    );
  });

  it('lists the examples with their names and descriptions', async () => {
    const host = webService().host;
    const examples = await ok<Array<{ id: string; name: string; description: string }>>(
      host.handle('listExamples', undefined),
    );
    expect(examples.length).toBeGreaterThan(0);
    // in the course notes' order (examples.ts), not by file name
    expect(examples.map((e) => e.id)).toEqual(GALLERY_ORDER);
    const lif = examples.find((e) => e.id === 'lif-charging.neuro')!;
    expect(lif.name.length).toBeGreaterThan(3);
    const opened = await ok<{ fileName: string; text: string }>(
      host.handle('openExample', { id: 'lif-charging.neuro' }),
    );
    expect(opened.text).toBe(readFileSync('examples/lif-charging.neuro', 'utf8'));
  });
});

describe('file requests (Electron)', () => {
  function desktop(dialogs: Partial<NativeDialogs> = {}) {
    const emitted: unknown[] = [];
    const win: WindowControl = { setDocumentState: vi.fn(), confirmClose: vi.fn() };
    const files = new FileService({
      dataDir,
      examplesDir: path.resolve('examples'),
      appInfo: { ...APP_INFO, host: 'electron' },
      dialogs: {
        showOpen: dialogs.showOpen ?? (async () => null),
        showSave: dialogs.showSave ?? (async () => null),
      },
      window: win,
      emitOpenRequested: (f) => emitted.push(f),
    });
    return {
      files,
      host: new HostService({ simulation: {} as SimulationHost, files }),
      emitted,
      win,
    };
  }

  it('grants what the native dialogs return, and only that', async () => {
    const chosen = path.join(outside, 'secret.neuro');
    const { host } = desktop({
      showOpen: async () => chosen,
      showSave: async () => path.join(outside, 'copy'),
    });
    const opened = await ok<{ handle: string; text: string }>(
      host.handle('showOpenDialog', undefined),
    );
    expect(opened.text).toBe('secret\n');
    const saveTo = await ok<{ handle: string; fileName: string }>(
      host.handle('showSaveDialog', { suggestedName: 'copy.neuro' }),
    );
    expect(saveTo.fileName).toBe('copy.neuro');
    await ok(host.handle('saveFile', { handle: saveTo.handle, text: 'copy\n' }));
    expect(readFileSync(path.join(outside, 'copy.neuro'), 'utf8')).toBe('copy\n');
    // The workspace picker does not exist in Electron.
    expect((await host.handle('listWorkspace', { folder: '' })).ok).toBe(false);
  });

  it('a cancelled dialog grants nothing', async () => {
    const { host } = desktop();
    expect(await ok(host.handle('showOpenDialog', undefined))).toBeNull();
    expect(await ok(host.handle('showSaveDialog', { suggestedName: 'a.neuro' }))).toBeNull();
  });

  it('opens from the OS: queued until the renderer asks, then pushed as events', async () => {
    const { files, host, emitted } = desktop();
    const file = path.join(outside, 'secret.neuro');
    await files.requestOpenFromOs(file);
    const pending = await ok<{ handle: string; fileName: string }>(
      host.handle('takePendingOpen', undefined),
    );
    expect(pending.fileName).toBe('secret.neuro');
    expect(
      (await ok<{ text: string }>(host.handle('readFile', { handle: pending.handle }))).text,
    ).toBe('secret\n');
    await files.requestOpenFromOs(file);
    expect(emitted).toEqual([{ handle: pending.handle, fileName: 'secret.neuro' }]);
    await expect(files.requestOpenFromOs(path.join(outside, 'missing.neuro'))).rejects.toThrow();
    await expect(files.requestOpenFromOs('/etc/passwd')).rejects.toThrow(/only .neuro/);
  });

  it('opens a dropped .neuro file and nothing else', async () => {
    const { files } = desktop();
    const opened = await files.openDropped(path.join(outside, 'secret.neuro'));
    expect(opened.fileName).toBe('secret.neuro');
    await expect(files.openDropped('/etc/passwd')).rejects.toThrow(/only .neuro/);
    await expect(files.openDropped('relative.neuro')).rejects.toThrow(/only .neuro/);
  });

  it('passes the document state and the close confirmation to the window', async () => {
    const { host, win } = desktop();
    await ok(host.handle('setDocumentState', { title: '● a.neuro — NeuroSketch', dirty: true }));
    expect(win.setDocumentState).toHaveBeenCalledWith('● a.neuro — NeuroSketch', true);
    expect((await host.handle('setDocumentState', { title: 'x', dirty: 'yes' })).ok).toBe(false);
    await ok(host.handle('confirmClose', undefined));
    expect(win.confirmClose).toHaveBeenCalledTimes(1);
  });
});
