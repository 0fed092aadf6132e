/**
 * The file, preference and desktop requests of the host API, for both hosts. Electron gives it
 * native dialogs and window controls; the browser host gives it a workspace folder for the in-app
 * picker. Either way the renderer gets opaque handles (fileHandles.ts) and never a path.
 *
 * Every method receives a payload already parsed by the contract's zod schema (HostService); a
 * thrown error becomes an error result there, with nothing done.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { MAX_DOCUMENT_CHARS } from '../../../shared/document/limits';
import type { HostRequestData, HostRequestResults } from '../../../shared/ipc/contract';
import type { AppInfo, DesktopRequestName } from '../../../shared/ipc/desktopContract';
import type { FileRequestName, GrantedFile, OpenedFile } from '../../../shared/ipc/fileContract';
import { readExample, sortGallery } from '../examples';
import { saveFileAtomic } from '../fileStore';
import { PreferencesStore } from '../preferences';
import { AutosaveStore } from './autosave';
import { FileHandleRegistry } from './fileHandles';
import { dataFile } from './jsonStore';
import { RecentFiles } from './recentFiles';
import { displayPath, FileTooLargeError, NEURO_EXTENSION, type Workspace } from './workspace';

export interface NativeDialogs {
  /** A path the user chose to open, or null when cancelled. */
  showOpen(): Promise<string | null>;
  /** A path the user chose to save to, or null when cancelled. */
  showSave(suggestedName: string): Promise<string | null>;
}

export interface WindowControl {
  setDocumentState(title: string, dirty: boolean): void;
  /** The user confirmed closing with unsaved changes: close now. */
  confirmClose(): void;
}

export interface FileServiceOptions {
  dataDir: string;
  examplesDir: string;
  appInfo: AppInfo;
  /** The browser host's picker folder. */
  workspace?: Workspace;
  /** Electron's native dialogs. */
  dialogs?: NativeDialogs;
  window?: WindowControl;
  /** Pushes an event to the renderer. */
  emitOpenRequested?: (file: GrantedFile) => void;
}

/** The requests this service serves: the file and the desktop part of the contract. */
export type FileServiceRequest = FileRequestName | DesktopRequestName;

type Handler<K extends FileServiceRequest> = (
  params: HostRequestData[K],
) => Promise<HostRequestResults[K]>;
/** One handler per request (a missing one does not compile), typed by the contract's schemas. */
type Handlers = { readonly [K in FileServiceRequest]: Handler<K> };

export class FileService {
  readonly handles = new FileHandleRegistry();
  readonly recent: RecentFiles;
  readonly autosave: AutosaveStore;
  readonly preferences: PreferencesStore;
  private pendingOpen: GrantedFile | null = null;
  private rendererReady = false;
  /** Called after the recent list changed (Electron rebuilds its menu). */
  onRecentChanged: () => void = () => {};

  constructor(private readonly options: FileServiceOptions) {
    this.recent = new RecentFiles(dataFile(options.dataDir, 'recent.json'));
    this.autosave = new AutosaveStore(
      dataFile(options.dataDir, 'autosave'),
      dataFile(options.dataDir, 'autosave.json'),
    );
    this.preferences = new PreferencesStore(dataFile(options.dataDir, 'preferences.json'));
  }

  dispatch<K extends FileServiceRequest>(
    name: K,
    params: HostRequestData[K],
  ): Promise<HostRequestResults[K]> {
    const handler: Handler<K> = this.handlers[name];
    return handler(params);
  }

  /**
   * Reads a granted file, refusing one too large to be a sane document before reading it. With a
   * workspace (the browser host) the file is confined again at the moment of reading.
   */
  private async read(filePath: string): Promise<OpenedFile> {
    let text: string;
    if (this.options.workspace) {
      text = await this.options.workspace.readConfined(filePath, MAX_DOCUMENT_CHARS);
    } else {
      const info = await stat(filePath);
      if (!info.isFile()) throw new Error(`${path.basename(filePath)} is not a file`);
      if (info.size > MAX_DOCUMENT_CHARS)
        throw new FileTooLargeError(path.basename(filePath), info.size, MAX_DOCUMENT_CHARS);
      text = await readFile(filePath, 'utf8');
    }
    return { handle: this.handles.grant(filePath), fileName: path.basename(filePath), text };
  }

  private granted(filePath: string): GrantedFile {
    return { handle: this.handles.grant(filePath), fileName: path.basename(filePath) };
  }

  private async remember(filePath: string): Promise<void> {
    await this.recent.add(filePath);
    this.onRecentChanged();
  }

  /** A path from outside the renderer (drop, command line, OS) must be an existing `.neuro` file. */
  private async checkOsPath(filePath: string): Promise<string> {
    if (!path.isAbsolute(filePath) || !filePath.toLowerCase().endsWith(NEURO_EXTENSION)) {
      throw new Error('only .neuro files can be opened');
    }
    const info = await stat(filePath).catch(() => null);
    if (!info?.isFile()) throw new Error(`${path.basename(filePath)} was not found`);
    return path.resolve(filePath);
  }

  /** Electron: a dropped file (its path came from webUtils in the preload). */
  async openDropped(filePath: string): Promise<OpenedFile> {
    const opened = await this.read(await this.checkOsPath(filePath));
    await this.remember(this.handles.resolve(opened.handle));
    return opened;
  }

  /** Electron: the OS asked to open a file; queued until the renderer is ready. */
  async requestOpenFromOs(filePath: string): Promise<void> {
    const file = this.granted(await this.checkOsPath(filePath));
    if (this.rendererReady && this.options.emitOpenRequested) this.options.emitOpenRequested(file);
    else this.pendingOpen = file;
  }

  /** Electron's native menu: open a recent file by path (the path never leaves main). */
  requestOpenRecent(filePath: string): void {
    this.options.emitOpenRequested?.(this.granted(filePath));
  }

  /**
   * A new folder for an export (issue 13): in the browser host's workspace (`NAME`, else `NAME-2`,
   * ...), in Electron where the user chooses in the save dialog. Null when cancelled.
   */
  async exportFolder(name: string): Promise<{ dir: string; location: string } | null> {
    if (this.options.workspace) {
      const root = await this.options.workspace.ensure();
      for (let k = 1; k < 1000; k++) {
        const folder = k === 1 ? name : `${name}-${k}`;
        const dir = path.join(root, folder);
        const exists = await stat(dir).then(
          () => true,
          () => false,
        );
        if (!exists) return { dir, location: folder };
      }
      throw new Error(`too many folders named ${name} in the workspace`);
    }
    if (this.options.dialogs) {
      const chosen = await this.options.dialogs.showSave(name);
      if (!chosen) return null;
      const dir = chosen.replace(/\.neuro$/i, '');
      return { dir, location: displayPath(dir) };
    }
    throw new Error('this host cannot write files');
  }

  private requireWorkspace(): Workspace {
    if (!this.options.workspace) throw new Error('this host has no workspace picker');
    return this.options.workspace;
  }

  private readonly handlers: Handlers = {
    getAppInfo: async () => this.options.appInfo,
    showOpenDialog: async () => {
      if (!this.options.dialogs) throw new Error('this host opens files through the picker');
      const chosen = await this.options.dialogs.showOpen();
      if (!chosen) return null;
      const opened = await this.read(chosen);
      await this.remember(chosen);
      return opened;
    },
    showSaveDialog: async ({ suggestedName }) => {
      if (!this.options.dialogs) throw new Error('this host saves files through the picker');
      const chosen = await this.options.dialogs.showSave(suggestedName);
      if (!chosen) return null;
      const withExtension = chosen.toLowerCase().endsWith(NEURO_EXTENSION)
        ? chosen
        : `${chosen}${NEURO_EXTENSION}`;
      return this.granted(withExtension);
    },
    listWorkspace: async ({ folder }) => {
      const workspace = this.requireWorkspace();
      return {
        folder,
        rootLabel: displayPath(workspace.root),
        entries: await workspace.list(folder),
      };
    },
    openWorkspaceFile: async ({ path: relative }) => {
      const filePath = await this.requireWorkspace().resolveExisting(relative);
      const opened = await this.read(filePath);
      await this.remember(filePath);
      return opened;
    },
    createWorkspaceFile: async ({ folder, name, overwrite }) => {
      const target = await this.requireWorkspace().resolveForSave(folder, name, overwrite);
      return this.granted(target.path);
    },
    readFile: async ({ handle }) => {
      const filePath = this.handles.resolve(handle);
      const opened = await this.read(filePath);
      await this.remember(filePath);
      return opened;
    },
    saveFile: async ({ handle, text }) => {
      const filePath = this.handles.resolve(handle);
      await this.options.workspace?.checkForSave(filePath);
      await saveFileAtomic(filePath, text);
      await this.remember(filePath);
      return this.granted(filePath);
    },
    listRecent: async () =>
      (await this.recent.list()).map((p) => ({
        ...this.granted(p),
        location: displayPath(path.dirname(p)),
      })),
    clearRecent: async () => {
      await this.recent.clear();
      this.onRecentChanged();
      return null;
    },
    listExamples: async () => {
      const names = (await readdir(this.options.examplesDir))
        .filter((n) => n.endsWith(NEURO_EXTENSION))
        .sort();
      const out = [];
      for (const id of names) {
        let name = id.replace(NEURO_EXTENSION, '');
        let description = '';
        try {
          const json = JSON.parse(await readExample(id)) as {
            name?: unknown;
            description?: unknown;
          };
          if (typeof json.name === 'string') name = json.name;
          if (typeof json.description === 'string') description = json.description;
        } catch {
          // A broken example still opens and shows its problems.
        }
        out.push({ id, name, description });
      }
      // In the course notes' order; any other example after them, by the name a student reads.
      return sortGallery(out);
    },
    openExample: async ({ id }) => ({ fileName: id, text: await readExample(id) }),
    takePendingOpen: async () => {
      this.rendererReady = true;
      const pending = this.pendingOpen;
      this.pendingOpen = null;
      return pending;
    },
    writeAutosave: async ({ slot, fileName, handle, text }) => {
      const filePath = handle ? this.handles.resolve(handle) : null;
      return { savedAt: await this.autosave.write(slot, fileName, filePath, text) };
    },
    getRecovery: async ({ slot: tab }) => {
      const slot = await this.autosave.take(tab);
      if (!slot) return null;
      return {
        fileName: slot.fileName,
        handle: slot.path ? this.handles.grant(slot.path) : null,
        text: slot.text,
        savedAt: slot.savedAt,
      };
    },
    discardAutosave: async ({ slot }) => {
      await this.autosave.discard(slot);
      return null;
    },
    getPreferences: async () => this.preferences.get(),
    setPreferences: async (preferences) => this.preferences.set(preferences),
    setDocumentState: async ({ title, dirty }) => {
      this.options.window?.setDocumentState(title, dirty);
      return null;
    },
    confirmClose: async () => {
      this.options.window?.confirmClose();
      return null;
    },
  };
}
