/**
 * The Electron edge, with `electron` mocked (its binary is not installed on CI machines): every
 * request of the contract gets an IPC handler, untrusted senders are refused, malformed payloads
 * are rejected with no side effect, a path no dialog granted is refused, menu items reach the
 * renderer as commands, closing with unsaved changes asks first, and files from the OS open.
 * The window loads app://neurosketch/index.html (never file://), only that page may call the host,
 * permissions are neither granted nor reported granted, and DevTools stay in development builds.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HOST_EVENT_CHANNELS, HOST_REQUESTS } from '../../shared/ipc/contract';
import { DROP_CHANNEL } from '../../shared/ipc/fileChannels';
import { APP_INDEX_URL, APP_SCHEME_PRIVILEGES } from './hardening';
import { flattenMenu } from './menu';

type Handler = (event: unknown, payload: unknown) => Promise<unknown>;
interface FakeWindow {
  options: Record<string, unknown>;
  webContents: { send: ReturnType<typeof vi.fn> } & Record<string, unknown>;
  listeners: Map<string, (event: { preventDefault(): void }) => void>;
  close: ReturnType<typeof vi.fn>;
  setTitle: ReturnType<typeof vi.fn>;
  focus: ReturnType<typeof vi.fn>;
}

const electronState = vi.hoisted(() => ({ packaged: false }));
const base = mkdtempSync(path.join(tmpdir(), 'neurosketch-electron-'));
const userData = path.join(base, 'userData');
const handlers = new Map<string, Handler>();
const windows: FakeWindow[] = [];
const appListeners = new Map<string, (...args: unknown[]) => void>();
const menus: unknown[][] = [];
const dialogAnswers = { open: null as string | null, save: null as string | null };
let permissionHandler:
  ((wc: unknown, permission: string, cb: (ok: boolean) => void) => void) | null = null;
let permissionCheck: ((wc: unknown, permission: string) => boolean) | null = null;
const protocols = {
  privileged: [] as unknown[],
  handled: new Map<string, (request: Request) => Promise<Response>>(),
};

vi.mock('electron', () => {
  class BrowserWindow {
    webContents: FakeWindow['webContents'];
    listeners = new Map<string, (event: { preventDefault(): void }) => void>();
    constructor(public options: Record<string, unknown>) {
      this.webContents = { on: vi.fn(), setWindowOpenHandler: vi.fn(), send: vi.fn() };
      windows.push(this as unknown as FakeWindow);
    }
    once = vi.fn();
    on = (name: string, fn: (event: { preventDefault(): void }) => void) => {
      this.listeners.set(name, fn);
      return this;
    };
    show = vi.fn();
    maximize = vi.fn();
    focus = vi.fn();
    restore = vi.fn();
    isMinimized = () => false;
    isMaximized = () => false;
    getNormalBounds = () => ({ x: 10, y: 20, width: 1000, height: 700 });
    setTitle = vi.fn();
    setDocumentEdited = vi.fn();
    close = vi.fn(() => {
      const event = {
        defaultPrevented: false,
        preventDefault: () => (event.defaultPrevented = true),
      };
      this.listeners.get('close')?.(event);
    });
    loadFile = vi.fn(async () => undefined);
    loadURL = vi.fn(async () => undefined);
  }
  return {
    app: {
      whenReady: () => Promise.resolve(),
      on: (name: string, fn: (...args: unknown[]) => void) => appListeners.set(name, fn),
      quit: vi.fn(),
      requestSingleInstanceLock: () => true,
      getPath: () => userData,
      get isPackaged() {
        return electronState.packaged;
      },
    },
    BrowserWindow,
    dialog: {
      showOpenDialog: vi.fn(async () =>
        dialogAnswers.open
          ? { canceled: false, filePaths: [dialogAnswers.open] }
          : { canceled: true, filePaths: [] },
      ),
      showSaveDialog: vi.fn(async () =>
        dialogAnswers.save ? { canceled: false, filePath: dialogAnswers.save } : { canceled: true },
      ),
    },
    ipcMain: {
      handle: (channel: string, fn: Handler) => handlers.set(channel, fn),
    },
    Menu: {
      buildFromTemplate: (template: unknown[]) => template,
      setApplicationMenu: (menu: unknown[]) => menus.push(menu),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => protocols.privileged.push(...schemes),
      handle: (scheme: string, fn: (request: Request) => Promise<Response>) =>
        protocols.handled.set(scheme, fn),
    },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: vi.fn() },
        setPermissionRequestHandler: (fn: typeof permissionHandler) => (permissionHandler = fn),
        setPermissionCheckHandler: (fn: typeof permissionCheck) => (permissionCheck = fn),
      },
    },
    shell: { openExternal: vi.fn() },
  };
});

let trustedEvent: unknown;
const call = (channel: string, payload?: unknown) => handlers.get(channel)!(trustedEvent, payload);
type Result = { ok: boolean; value?: unknown; error?: string };

beforeAll(async () => {
  writeFileSync(path.join(base, 'mine.neuro'), 'mine\n');
  writeFileSync(path.join(base, 'other.neuro'), 'other\n');
  await import('./main');
  for (let i = 0; i < 20 && windows.length === 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const win = windows[0]!;
  trustedEvent = { sender: win.webContents, senderFrame: { url: APP_INDEX_URL } };
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('Electron main wiring', () => {
  it('creates the window with the security defaults', () => {
    const prefs = windows[0]!.options['webPreferences'] as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
  });

  it('loads the page from the app scheme, never from file://', () => {
    const win = windows[0] as unknown as { loadURL: ReturnType<typeof vi.fn>; loadFile: unknown };
    expect(win.loadURL).toHaveBeenCalledWith('app://neurosketch/index.html');
    expect(win.loadFile).not.toHaveBeenCalled();
    expect(protocols.privileged).toEqual([APP_SCHEME_PRIVILEGES]);
    expect(APP_SCHEME_PRIVILEGES.privileges).toMatchObject({ standard: true, secure: true });
    expect(APP_SCHEME_PRIVILEGES.privileges).not.toHaveProperty('bypassCSP');
    expect(APP_SCHEME_PRIVILEGES.privileges).not.toHaveProperty('corsEnabled');
    expect([...protocols.handled.keys()]).toEqual(['app']);
  });

  it('keeps DevTools in a development build (app.isPackaged false)', () => {
    const prefs = windows[0]!.options['webPreferences'] as Record<string, unknown>;
    expect(prefs).toMatchObject({
      devTools: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
      navigateOnDragDrop: false,
    });
    const items = flattenMenu(menus.at(-1) as Parameters<typeof flattenMenu>[0]);
    expect(items.some((i) => i.role === 'toggleDevTools')).toBe(true);
  });

  it('refuses a frame showing anything but our page, even in our window', async () => {
    const win = windows[0]!;
    for (const url of [
      pathToFileURL(path.resolve('out/renderer/index.html')).href,
      'app://neurosketch/other.html',
      'app://evil/index.html',
      'https://neurosketch/index.html',
    ]) {
      const event = { sender: win.webContents, senderFrame: { url } };
      const result = await handlers.get(HOST_REQUESTS.getStartupDocument.channel)!(event, {});
      expect(result, url).toEqual({ ok: false, error: expect.stringMatching(/unknown sender/) });
    }
    const withHash = { sender: win.webContents, senderFrame: { url: `${APP_INDEX_URL}#x` } };
    const ok = (await handlers.get(HOST_REQUESTS.listRecent.channel)!(
      withHash,
      undefined,
    )) as Result;
    expect(ok.ok).toBe(true);
  });

  it('handles every request channel of the contract, and the drop channel', () => {
    for (const spec of Object.values(HOST_REQUESTS)) expect(handlers.has(spec.channel)).toBe(true);
    expect(handlers.has(DROP_CHANNEL)).toBe(true);
  });

  it('refuses requests from an unknown sender', async () => {
    const untrusted = { sender: {}, senderFrame: { url: 'https://evil.example/' } };
    for (const channel of [HOST_REQUESTS.getStartupDocument.channel, DROP_CHANNEL]) {
      const result = await handlers.get(channel)!(untrusted, {
        path: path.join(base, 'mine.neuro'),
      });
      expect(result).toEqual({ ok: false, error: expect.stringMatching(/unknown sender/) });
    }
  });

  it('rejects a malformed payload from the trusted window, with no side effect', async () => {
    const before = readdirSync(base).sort();
    const cases: Array<[string, unknown]> = [
      [HOST_REQUESTS.controlRun.channel, { runId: 'run-1', action: 'format-disk' }],
      [HOST_REQUESTS.saveFile.channel, { path: path.join(base, 'x.neuro'), text: 'x' }],
      [HOST_REQUESTS.saveFile.channel, { handle: path.join(base, 'x.neuro'), text: 'x' }],
      [HOST_REQUESTS.setPreferences.channel, { theme: 'neon' }],
      [DROP_CHANNEL, { file: 42 }],
    ];
    for (const [channel, payload] of cases) {
      expect(((await call(channel, payload)) as Result).ok, channel).toBe(false);
    }
    expect(readdirSync(base).sort()).toEqual(before);
    expect(readFileSync(path.join(base, 'mine.neuro'), 'utf8')).toBe('mine\n');
  });

  it('refuses a file no dialog granted, and serves the one the dialog chose', async () => {
    const forged = `fh-${'a'.repeat(32)}`;
    const refused = (await call(HOST_REQUESTS.readFile.channel, { handle: forged })) as Result;
    expect(refused).toEqual({
      ok: false,
      error: expect.stringMatching(/not opened through a dialog/),
    });
    const notSaved = (await call(HOST_REQUESTS.saveFile.channel, {
      handle: forged,
      text: 'x',
    })) as Result;
    expect(notSaved.ok).toBe(false);

    dialogAnswers.open = path.join(base, 'mine.neuro');
    const opened = (await call(HOST_REQUESTS.showOpenDialog.channel)) as Result;
    expect(opened.value).toMatchObject({ fileName: 'mine.neuro', text: 'mine\n' });
    expect(JSON.stringify(opened)).not.toContain(base);
    const handle = (opened.value as { handle: string }).handle;
    await call(HOST_REQUESTS.saveFile.channel, { handle, text: 'changed\n' });
    expect(readFileSync(path.join(base, 'mine.neuro'), 'utf8')).toBe('changed\n');
  });

  it('opens the save dialog on the name the renderer proposes (its defaultPath)', async () => {
    const { dialog } = await import('electron');
    const show = vi.mocked(dialog.showSaveDialog);
    show.mockClear();
    dialogAnswers.save = path.join(base, 'a-and-b-drive-c');
    const granted = (await call(HOST_REQUESTS.showSaveDialog.channel, {
      suggestedName: 'a-and-b-drive-c.neuro',
    })) as Result;
    dialogAnswers.save = null;
    expect(show).toHaveBeenCalledTimes(1);
    expect(show.mock.calls[0]!.at(-1)).toMatchObject({ defaultPath: 'a-and-b-drive-c.neuro' });
    // A name typed without the extension gets it.
    expect(granted.value).toMatchObject({ fileName: 'a-and-b-drive-c.neuro' });
  });

  it('opens a dropped .neuro file through the preload channel, nothing else', async () => {
    const ok = (await call(DROP_CHANNEL, { path: path.join(base, 'other.neuro') })) as Result;
    expect(ok.value).toMatchObject({ fileName: 'other.neuro', text: 'other\n' });
    const refused = (await call(DROP_CHANNEL, { path: '/etc/passwd' })) as Result;
    expect(refused.ok).toBe(false);
  });

  it('builds the native menu; its items send commands to the renderer', () => {
    const menu = menus.at(-1) as Parameters<typeof flattenMenu>[0];
    const items = flattenMenu(menu);
    const send = windows[0]!.webContents.send;
    for (const id of ['file.open', 'file.save', 'sim.run', 'help.about'] as const) {
      send.mockClear();
      (items.find((i) => i.id === id)!.click as () => void)();
      expect(send).toHaveBeenCalledWith(HOST_EVENT_CHANNELS.menuCommand, { command: id });
    }
    // Files opened or saved above are in Open Recent.
    expect(items.some((i) => typeof i.label === 'string' && i.label.startsWith('mine.neuro'))).toBe(
      true,
    );
  });

  it('asks the renderer before closing with unsaved changes, and closes when confirmed', async () => {
    const win = windows[0]!;
    await call(HOST_REQUESTS.setDocumentState.channel, {
      title: '● a.neuro — NeuroSketch',
      dirty: true,
    });
    expect(win.setTitle).toHaveBeenCalledWith('● a.neuro — NeuroSketch');
    const event = {
      prevented: false,
      preventDefault() {
        this.prevented = true;
      },
    };
    win.listeners.get('close')!(event);
    expect(event.prevented).toBe(true);
    expect(win.webContents.send).toHaveBeenCalledWith(HOST_EVENT_CHANNELS.closeRequested, null);
    await call(HOST_REQUESTS.confirmClose.channel);
    expect(win.close).toHaveBeenCalled();
    const after = {
      prevented: false,
      preventDefault() {
        this.prevented = true;
      },
    };
    win.listeners.get('close')!(after);
    expect(after.prevented).toBe(false);
    // The window's bounds were remembered.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(
      JSON.parse(readFileSync(path.join(userData, 'window-state.json'), 'utf8')),
    ).toMatchObject({
      width: 1000,
      height: 700,
    });
  });

  it('a second instance hands its file to the first, which focuses and opens it', async () => {
    const win = windows[0]!;
    await call(HOST_REQUESTS.takePendingOpen.channel); // the renderer is ready
    win.webContents.send.mockClear();
    appListeners.get('second-instance')!({}, ['electron', 'other.neuro'], base);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(win.focus).toHaveBeenCalled();
    expect(win.webContents.send).toHaveBeenCalledWith(HOST_EVENT_CHANNELS.openRequested, {
      handle: expect.stringMatching(/^fh-/),
      fileName: 'other.neuro',
    });
  });

  it('denies every permission request, and reports every permission as not granted', () => {
    const answers: boolean[] = [];
    permissionHandler!({}, 'media', (ok) => answers.push(ok));
    permissionHandler!({}, 'geolocation', (ok) => answers.push(ok));
    expect(answers).toEqual([false, false]);
    for (const permission of ['media', 'notifications', 'clipboard-read', 'hid', 'serial']) {
      expect(permissionCheck!({}, permission)).toBe(false);
    }
  });
});

// Last: it loads a second copy of main, whose window then owns the IPC handlers.
describe('a packaged build', () => {
  it('has no DevTools: neither the window nor the menu offers them', async () => {
    electronState.packaged = true;
    vi.resetModules();
    const before = windows.length;
    await import('./main');
    for (let i = 0; i < 50 && windows.length === before; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(windows.length).toBe(before + 1);
    const prefs = windows.at(-1)!.options['webPreferences'] as Record<string, unknown>;
    expect(prefs['devTools']).toBe(false);
    const items = flattenMenu(menus.at(-1) as Parameters<typeof flattenMenu>[0]);
    expect(items.some((i) => i.role === 'toggleDevTools')).toBe(false);
    expect(items.some((i) => i.id === 'file.open')).toBe(true);
  });
});
