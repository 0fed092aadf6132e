/**
 * The preload with `electron` mocked and a fake window: it exposes one method per request, and
 * openDroppedFile sends main a path only for a file of the user's latest trusted drop, once.
 * Scripted drops (isTrusted false), files never dropped, files without a path (made by a script)
 * and a second use of the same drop are refused before any IPC.
 */
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { HOST_REQUEST_CHANNELS } from '../../shared/ipc/channels';
import { DROP_CHANNEL } from '../../shared/ipc/fileChannels';
import { createDropGuard, MAX_DROPPED_FILES, type DropEventLike } from './dropGuard';

interface FakeFile {
  name: string;
  path?: string;
}
type Api = Record<string, (...args: unknown[]) => Promise<unknown>>;

const exposed = new Map<string, unknown>();
const invoke = vi.fn(async (..._args: unknown[]) => ({ ok: true, value: 'opened' }));
const windowListeners: Array<{ type: string; fn: (e: DropEventLike) => void; capture: unknown }> =
  [];

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (name: string, api: unknown) => exposed.set(name, api) },
  ipcRenderer: { invoke, on: vi.fn(), removeListener: vi.fn() },
  webUtils: {
    getPathForFile: (file: FakeFile) => {
      if (typeof file !== 'object' || file === null) throw new TypeError('not a File');
      return file.path ?? '';
    },
  },
}));

let api: Api;
let drop: (e: DropEventLike) => void;
const dropEvent = (files: FakeFile[], isTrusted = true): DropEventLike => ({
  isTrusted,
  dataTransfer: { files },
});

beforeAll(async () => {
  vi.stubGlobal(
    'addEventListener',
    (type: string, fn: (e: DropEventLike) => void, capture: unknown) =>
      windowListeners.push({ type, fn, capture }),
  );
  await import('./preload');
  vi.unstubAllGlobals();
  api = exposed.get('neurosketch') as Api;
  const listener = windowListeners.find((l) => l.type === 'drop')!;
  drop = listener.fn;
  expect(listener.capture).toBe(true);
});
beforeEach(() => invoke.mockClear());

const a: FakeFile = { name: 'a.neuro', path: '/home/u/a.neuro' };
const b: FakeFile = { name: 'b.neuro', path: '/home/u/b.neuro' };

describe('preload', () => {
  it('exposes one method per request, event subscription and openDroppedFile', () => {
    for (const name of Object.keys(HOST_REQUEST_CHANNELS))
      expect(typeof api[name]).toBe('function');
    expect(typeof api['on']).toBe('function');
    expect(typeof api['openDroppedFile']).toBe('function');
  });

  it('opens a file the user dropped, once', async () => {
    drop(dropEvent([a]));
    expect(await api['openDroppedFile']!(a)).toEqual({ ok: true, value: 'opened' });
    expect(invoke).toHaveBeenCalledWith(DROP_CHANNEL, { path: '/home/u/a.neuro' });
    invoke.mockClear();
    const again = (await api['openDroppedFile']!(a)) as { ok: boolean };
    expect(again.ok).toBe(false);
    expect(invoke).not.toHaveBeenCalled();
  });

  it('refuses a file that was not dropped, or dropped by a script', async () => {
    drop(dropEvent([a]));
    expect(((await api['openDroppedFile']!(b)) as { ok: boolean }).ok).toBe(false);
    drop(dropEvent([b], false)); // a synthetic drop: ignored, a is still the latest real drop
    expect(((await api['openDroppedFile']!(b)) as { ok: boolean }).ok).toBe(false);
    expect(invoke).not.toHaveBeenCalled();
    expect(((await api['openDroppedFile']!(a)) as { ok: boolean }).ok).toBe(true);
  });

  it('refuses a file without a path and anything that is not a file', async () => {
    drop(dropEvent([{ name: 'made.neuro' }, a]));
    for (const file of [{ name: 'made.neuro' }, '/home/u/a.neuro', null, 42, { path: 7 }]) {
      const result = (await api['openDroppedFile']!(file)) as { ok: boolean; error: string };
      expect(result.ok).toBe(false);
      expect(result.error).toMatch(/dropped on the window/);
    }
    expect(invoke).not.toHaveBeenCalled();
  });

  it('forgets an earlier drop when a new one happens', async () => {
    drop(dropEvent([a]));
    drop(dropEvent([b]));
    expect(((await api['openDroppedFile']!(a)) as { ok: boolean }).ok).toBe(false);
    expect(((await api['openDroppedFile']!(b)) as { ok: boolean }).ok).toBe(true);
    drop(dropEvent([a]));
    drop({ isTrusted: true, dataTransfer: null }); // a drop of no files (a palette item)
    expect(((await api['openDroppedFile']!(a)) as { ok: boolean }).ok).toBe(false);
  });
});

describe('drop guard', () => {
  it('remembers at most MAX_DROPPED_FILES files of a drop', () => {
    const guard = createDropGuard((f) => (f as FakeFile).path ?? '');
    const files = Array.from({ length: MAX_DROPPED_FILES + 4 }, (_, i) => ({
      name: `${i}.neuro`,
      path: `/d/${i}.neuro`,
    }));
    guard.record(dropEvent(files));
    expect(guard.take(files[0])).toBe('/d/0.neuro');
    expect(guard.take(files[MAX_DROPPED_FILES - 1])).toBe(`/d/${MAX_DROPPED_FILES - 1}.neuro`);
    expect(guard.take(files[MAX_DROPPED_FILES])).toBeNull();
  });

  it('survives a path lookup that throws', () => {
    const guard = createDropGuard(() => {
      throw new Error('not a File');
    });
    guard.record(dropEvent([a]));
    expect(guard.take(a)).toBeNull();
  });
});
