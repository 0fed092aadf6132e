/**
 * Electron main process: the thin edge. It creates the window with the security defaults, wires
 * IPC to the same HostService the web host uses, checks every IPC sender, owns the native dialogs
 * and menus, and takes files from the OS (command line, file association, macOS `open-file`, a
 * second instance, a drop through the preload). The renderer only ever gets opaque file handles.
 * The page comes from the `app://` scheme, which serves only the renderer bundle (hardening.ts,
 * decision 0021), never from file://.
 */
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  screen,
  session,
  type IpcMainInvokeEvent,
} from 'electron';
import path from 'node:path';
import { HOST_REQUESTS, HOST_EVENT_CHANNELS, type HostEvents } from '../../shared/ipc/contract';
import { DROP_CHANNEL } from '../../shared/ipc/fileChannels';
import type { MenuCommand } from '../../shared/ipc/desktopContract';
import { droppedPathSchema } from '../../shared/ipc/fileContract';
import { appRoot, rendererDir, workerUrl } from '../services/appPaths';
import type { FileService, NativeDialogs, WindowControl } from '../services/files/fileService';
import { createDesktopFileService } from '../services/files/hostFiles';
import { displayPath } from '../services/files/workspace';
import { HostService } from '../services/hostService';
import { CONTENT_SECURITY_POLICY } from '../services/security';
import { SimulationHost } from '../services/simulationHost';
import { SweepService } from '../services/sweepService';
import {
  APP_INDEX_URL,
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  createAppProtocolHandler,
  isAppPage,
} from './hardening';
import { buildMenuTemplate } from './menu';
import { fileFromArgv } from './osOpen';
import { WindowStateStore, type WindowState } from './windowState';

const APP_NAME = 'NeuroSketch';
const NEURO_FILTERS = [{ name: 'NeuroSketch circuit', extensions: ['neuro'] }];

let mainWindow: BrowserWindow | null = null;
let files: FileService | null = null;
/** Set by the renderer (setDocumentState): closing then asks first. */
let documentDirty = false;
let closeConfirmed = false;
/** Files the OS handed over before the services were ready. */
const earlyOsPaths: string[] = [];

function createWindow(state: WindowState, windowState: WindowStateStore): BrowserWindow {
  const win = new BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: 800,
    minHeight: 560,
    title: APP_NAME,
    show: false,
    webPreferences: {
      preload: path.join(appRoot(), 'out', 'main', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // A packaged app cannot open DevTools by any means (menu, shortcut or API).
      devTools: !app.isPackaged,
      spellcheck: false,
      // Middle-click would open links in new windows; navigation is denied anyway.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  win.once('ready-to-show', () => {
    if (state.maximized) win.maximize();
    win.show();
  });
  // Navigation and new windows are denied (the app shows no remote content and opens no links).
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  // Closing with unsaved changes: the renderer asks (its own dialog), then calls confirmClose.
  win.on('close', (event) => {
    void windowState.save(win.getNormalBounds(), win.isMaximized()).catch(() => undefined);
    if (documentDirty && !closeConfirmed) {
      event.preventDefault();
      win.webContents.send(HOST_EVENT_CHANNELS.closeRequested, null);
    }
  });
  void win.loadURL(APP_INDEX_URL);
  return win;
}

/** Only our own window's main frame, showing our own renderer, may call the host. */
export function isTrustedSender(
  event: Pick<IpcMainInvokeEvent, 'senderFrame' | 'sender'>,
): boolean {
  const frame = event.senderFrame;
  if (!frame || !mainWindow || event.sender !== mainWindow.webContents) return false;
  return isAppPage(frame.url);
}

const UNKNOWN_SENDER = { ok: false, error: 'request from an unknown sender refused' } as const;

function wireIpc(service: HostService, fileService: FileService): void {
  for (const [name, spec] of Object.entries(HOST_REQUESTS)) {
    ipcMain.handle(spec.channel, async (event, payload: unknown) => {
      if (!isTrustedSender(event)) return UNKNOWN_SENDER;
      return service.handle(name, payload);
    });
  }
  // A dropped file: the preload resolved its path with webUtils.getPathForFile.
  ipcMain.handle(DROP_CHANNEL, async (event, payload: unknown) => {
    if (!isTrustedSender(event)) return UNKNOWN_SENDER;
    const parsed = droppedPathSchema.safeParse(payload);
    if (!parsed.success) return { ok: false, error: 'malformed drop request' };
    try {
      return { ok: true, value: await fileService.openDropped(parsed.data.path) };
    } catch (e) {
      return { ok: false, error: (e as Error).message };
    }
  });
}

function focusWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

function openFromOs(filePath: string): void {
  if (files) void files.requestOpenFromOs(filePath).catch(() => undefined);
  else earlyOsPaths.push(filePath);
  focusWindow();
}

function sendMenuCommand(command: MenuCommand): void {
  mainWindow?.webContents.send(HOST_EVENT_CHANNELS.menuCommand, { command });
}

async function rebuildMenu(fileService: FileService): Promise<void> {
  const recent = (await fileService.recent.list()).map((p) => ({
    label: `${path.basename(p)} — ${displayPath(path.dirname(p))}`,
    path: p,
  }));
  const template = buildMenuTemplate(
    { platform: process.platform, appName: APP_NAME, recent, devTools: !app.isPackaged },
    {
      command: sendMenuCommand,
      openRecent: (p) => fileService.requestOpenRecent(p),
      clearRecent: () => void fileService.recent.clear().then(() => rebuildMenu(fileService)),
    },
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

async function start(): Promise<void> {
  // The page and its assets: only files of the renderer bundle, 404 for anything else.
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir()));
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      },
    });
  });
  // No permission is ever granted (camera, notifications, ...), and none is reported as granted.
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) =>
    callback(false),
  );
  session.defaultSession.setPermissionCheckHandler(() => false);
  const sink = {
    emit<E extends keyof HostEvents>(event: E, payload: HostEvents[E]): void {
      mainWindow?.webContents.send(HOST_EVENT_CHANNELS[event], payload);
    },
  };
  const userData = app.getPath('userData');
  const dialogs: NativeDialogs = {
    async showOpen() {
      const options = { properties: ['openFile' as const], filters: NEURO_FILTERS };
      const result = mainWindow
        ? await dialog.showOpenDialog(mainWindow, options)
        : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async showSave(suggestedName) {
      const options = { defaultPath: suggestedName, filters: NEURO_FILTERS };
      const result = mainWindow
        ? await dialog.showSaveDialog(mainWindow, options)
        : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  };
  const windowControl: WindowControl = {
    setDocumentState(title, dirty) {
      documentDirty = dirty;
      mainWindow?.setTitle(title);
      mainWindow?.setDocumentEdited(dirty);
    },
    confirmClose() {
      closeConfirmed = true;
      mainWindow?.close();
    },
  };
  const fileService = createDesktopFileService({
    dataDir: userData,
    dialogs,
    window: windowControl,
    emitOpenRequested: (file) => sink.emit('openRequested', file),
  });
  fileService.onRecentChanged = () => void rebuildMenu(fileService).catch(() => undefined);
  files = fileService;
  const simWorker = workerUrl();
  const service = new HostService({
    simulation: new SimulationHost({ workerUrl: simWorker }, sink),
    // The sweep worker is bundled beside the run's (and unpacked with it).
    sweeps: new SweepService(new URL('sweepWorker.js', simWorker), sink),
    files: fileService,
  });
  wireIpc(service, fileService);
  await rebuildMenu(fileService).catch(() => undefined);

  const windowState = new WindowStateStore(path.join(userData, 'window-state.json'));
  const state = await windowState.load(screen.getAllDisplays().map((d) => d.workArea));
  mainWindow = createWindow(state, windowState);
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  const fromArgs = fileFromArgv(process.argv.slice(app.isPackaged ? 1 : 2), process.cwd());
  for (const p of fromArgs ? [fromArgs, ...earlyOsPaths] : earlyOsPaths) openFromOs(p);
  earlyOsPaths.length = 0;
}

// Before ready: the app scheme is standard and secure (a real origin for the CSP's 'self').
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

// One instance: a second launch (double-clicking a .neuro file) hands its file to the first.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv, cwd) => {
    const file = fileFromArgv(argv.slice(1), cwd);
    if (file) openFromOs(file);
    else focusWindow();
  });
  // macOS: files opened from Finder or dropped on the Dock icon, possibly before ready.
  app.on('open-file', (event, filePath) => {
    event.preventDefault();
    openFromOs(filePath);
  });
  void app.whenReady().then(start);
}

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

app.on('window-all-closed', () => app.quit());
