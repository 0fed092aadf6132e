/**
 * Electron main process: the thin edge. It creates the window with the security defaults, wires
 * IPC to the same HostService the web host uses, and checks every IPC sender.
 */
import { app, BrowserWindow, ipcMain, session, type IpcMainInvokeEvent } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { HOST_REQUESTS, HOST_EVENT_CHANNELS, type HostEvents } from '../../shared/ipc/contract';
import { appRoot, rendererDir, workerUrl } from '../services/appPaths';
import { HostService } from '../services/hostService';
import { CONTENT_SECURITY_POLICY } from '../services/security';
import { SimulationHost } from '../services/simulationHost';

let mainWindow: BrowserWindow | null = null;

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    title: 'NeuroSketch',
    show: false,
    webPreferences: {
      preload: path.join(appRoot(), 'out', 'main', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      // Middle-click must not open links in new windows.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  win.once('ready-to-show', () => win.show());
  // Navigation and new windows are denied (the app shows no remote content and opens no links).
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  void win.loadFile(path.join(rendererDir(), 'index.html'));
  return win;
}

/** Only our own window's main frame, showing our own renderer, may call the host. */
export function isTrustedSender(
  event: Pick<IpcMainInvokeEvent, 'senderFrame' | 'sender'>,
): boolean {
  const frame = event.senderFrame;
  if (!frame || !mainWindow || event.sender !== mainWindow.webContents) return false;
  const expected = pathToFileURL(path.join(rendererDir(), 'index.html')).href;
  return frame.url.split('#')[0]!.split('?')[0] === expected;
}

function wireIpc(service: HostService): void {
  for (const [name, spec] of Object.entries(HOST_REQUESTS)) {
    ipcMain.handle(spec.channel, async (event, payload: unknown) => {
      if (!isTrustedSender(event))
        return { ok: false, error: 'request from an unknown sender refused' };
      return service.handle(name, payload);
    });
  }
}

void app.whenReady().then(() => {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      },
    });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) =>
    callback(false),
  );
  const sink = {
    emit<E extends keyof HostEvents>(event: E, payload: HostEvents[E]): void {
      mainWindow?.webContents.send(HOST_EVENT_CHANNELS[event], payload);
    },
  };
  const service = new HostService(new SimulationHost({ workerUrl: workerUrl() }, sink));
  wireIpc(service);
  mainWindow = createWindow();
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
});

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

app.on('window-all-closed', () => app.quit());
