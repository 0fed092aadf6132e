/**
 * The Electron edge, with `electron` mocked (its binary is not installed on CI machines): every
 * request of the contract gets an IPC handler, untrusted senders are refused, malformed payloads
 * are rejected, and the window is created with the security defaults.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { HOST_REQUESTS } from '../../shared/ipc/contract';

const handlers = new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>();
const windows: Array<{ options: Record<string, unknown>; webContents: Record<string, unknown> }> =
  [];
let permissionHandler:
  ((wc: unknown, permission: string, cb: (ok: boolean) => void) => void) | null = null;

vi.mock('electron', () => {
  class BrowserWindow {
    webContents: Record<string, unknown>;
    constructor(public options: Record<string, unknown>) {
      this.webContents = {
        on: vi.fn(),
        setWindowOpenHandler: vi.fn(),
        send: vi.fn(),
      };
      windows.push(this);
    }
    once = vi.fn();
    on = vi.fn();
    show = vi.fn();
    loadFile = vi.fn(async () => undefined);
  }
  return {
    app: { whenReady: () => Promise.resolve(), on: vi.fn(), quit: vi.fn() },
    BrowserWindow,
    ipcMain: {
      handle: (channel: string, fn: (event: unknown, payload: unknown) => Promise<unknown>) =>
        handlers.set(channel, fn),
    },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: vi.fn() },
        setPermissionRequestHandler: (fn: typeof permissionHandler) => (permissionHandler = fn),
      },
    },
    shell: { openExternal: vi.fn() },
  };
});

let trustedEvent: unknown;

beforeAll(async () => {
  await import('./main');
  await new Promise((resolve) => setTimeout(resolve, 0));
  const win = windows[0]!;
  trustedEvent = {
    sender: win.webContents,
    senderFrame: { url: pathToFileURL(path.resolve('out/renderer/index.html')).href },
  };
});

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

  it('handles every request channel of the contract', () => {
    for (const spec of Object.values(HOST_REQUESTS)) expect(handlers.has(spec.channel)).toBe(true);
  });

  it('refuses requests from an unknown sender', async () => {
    const handler = handlers.get(HOST_REQUESTS.getStartupDocument.channel)!;
    const result = await handler(
      { sender: {}, senderFrame: { url: 'https://evil.example/' } },
      undefined,
    );
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/unknown sender/) });
  });

  it('rejects a malformed payload from the trusted window', async () => {
    const handler = handlers.get(HOST_REQUESTS.controlRun.channel)!;
    const result = (await handler(trustedEvent, { runId: 'run-1', action: 'format-disk' })) as {
      ok: boolean;
    };
    expect(result.ok).toBe(false);
  });

  it('answers the trusted window', async () => {
    const handler = handlers.get(HOST_REQUESTS.getStartupDocument.channel)!;
    const result = (await handler(trustedEvent, undefined)) as { ok: boolean };
    expect(result.ok).toBe(true);
  });

  it('denies every permission request', () => {
    const answers: boolean[] = [];
    permissionHandler!({}, 'media', (ok) => answers.push(ok));
    permissionHandler!({}, 'geolocation', (ok) => answers.push(ok));
    expect(answers).toEqual([false, false]);
  });
});
