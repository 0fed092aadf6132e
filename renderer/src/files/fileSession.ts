/**
 * The open file: which file the document came from (an opaque handle, never a path), whether it
 * has unsaved changes, and the file commands (New, Open, Save, Save As, Open Recent, examples,
 * drop, OS open, autosave and recovery) for both hosts: Electron's native dialogs or the browser
 * host's workspace picker, behind the same handles.
 *
 * The state is a store (`fileStore`: which file, saved or not, the problems and notices of the last
 * file action); the operations that reach the host belong to the `FileSession` (one, held by the
 * app's services as `files`: `useServices().files`).
 *
 * Unsaved = the document store holds a different document object than the one last opened or
 * saved (documents are immutable; every edit makes a new one). A failed open never touches the
 * document store: the problems are listed and the current work stays.
 */
import { emptyDocument } from '../../../shared/document/empty';
import { createStore } from 'zustand/vanilla';
import { serializeDocument } from '../../../shared/document/canonical';
import { loadDocument } from '../../../shared/document/loadDocument';
import type { NetworkDocument } from '../../../shared/document/model';
import type { HostApi } from '../../../shared/ipc/contract';
import type { AppInfo } from '../../../shared/ipc/desktopContract';
import type { FileHandle } from '../../../shared/ipc/fileContract';
import type { Issue } from '../../../shared/sim/types';
import { setDocumentInfo } from '../document/commands';
import {
  applyCommand,
  documentStore,
  loadDocumentCommand,
  setLoadErrorCommand,
} from '../document/documentStore';
import type { PreferencesService } from '../ui/preferences';
import type { ExportTarget } from '../../../shared/ipc/exportContract';
// The module `declare module` below adds `files` to; imported so the augmentation resolves.
import type {} from '../run/services';
import { ask } from './dialogs';
import { fileStem, proposedFileName, UNTITLED_FILE_NAME, type OpenFileFacts } from './fileNames';

export const AUTOSAVE_INTERVAL_MS = 3000;

export interface ProblemReport {
  fileName: string;
  /** 'failed': the file was not opened; 'warnings': it opened, with these warnings. */
  outcome: 'failed' | 'warnings';
  issues: Issue[];
  /** The file's text (for showing the element a problem is in). */
  text: string;
}

export interface FileSessionState {
  handle: FileHandle | null;
  fileName: string;
  /** The document as last opened or saved; unsaved when the store holds another one. */
  savedDocument: NetworkDocument | null;
  /** The document last written to the autosave slot, and when. */
  autosavedDocument: NetworkDocument | null;
  autosavedAt: string | null;
  problems: ProblemReport | null;
  /** A message about the last file action (saved, refused, ...), for a status line. */
  notice: { text: string; error: boolean } | null;
  info: AppInfo | null;
}

/** The open file's state (state, not a service: like the document store, one per window). */
export const fileStore = createStore<FileSessionState>(() => ({
  handle: null,
  fileName: UNTITLED_FILE_NAME,
  savedDocument: null,
  autosavedDocument: null,
  autosavedAt: null,
  problems: null,
  notice: null,
  info: null,
}));

declare module '../run/services' {
  interface Services {
    /** The file operations (files/fileSession.ts). */
    readonly files: FileSession;
  }
}

/** The open circuit as the naming rule sees it (files/fileNames.ts). */
export function openFileFacts(): OpenFileFacts {
  const { fileName, handle } = fileStore.getState();
  return { fileName, saved: handle !== null, circuitName: documentStore.getState().document?.name };
}

/** The stem of the names proposed for the open circuit: Save As, and every export. */
export function currentFileStem(): string {
  return fileStem(openFileFacts());
}

export function isDirty(): boolean {
  const { document } = documentStore.getState();
  return document !== null && document !== fileStore.getState().savedDocument;
}

function notify(text: string, error = false): void {
  fileStore.setState({ notice: { text, error } });
}

/**
 * Opens document text as the current document. Returns false (and lists the problems, leaving the
 * current document as it was) when it does not load.
 */
export function openText(
  fileName: string,
  text: string,
  handle: FileHandle | null,
  options: { unsaved?: boolean } = {},
): boolean {
  const loaded = loadDocument(text);
  if (!loaded.ok) {
    fileStore.setState({
      problems: { fileName, outcome: 'failed', issues: loaded.issues, text },
    });
    return false;
  }
  loadDocumentCommand(loaded.document, fileName);
  fileStore.setState({
    handle,
    fileName,
    savedDocument: options.unsaved ? null : loaded.document,
    autosavedDocument: null,
    autosavedAt: null,
    problems:
      loaded.warnings.length > 0
        ? { fileName, outcome: 'warnings', issues: loaded.warnings, text }
        : null,
    notice: null,
  });
  return true;
}

/**
 * As a desktop app does: a circuit with no name of its own (none, or the new circuit's
 * "Untitled circuit") takes the name of the file it is saved as ("my-wta"), so the toolbar, the
 * start screen and the file say the same. One undoable rename, written with the save. A name the
 * student gave is never replaced.
 */
function nameAfterFile(fileName: string): void {
  const doc = documentStore.getState().document;
  const stem = fileName.replace(/\.neuro$/i, '');
  const name = doc?.name?.trim() ?? '';
  if (!doc || !stem || (name !== '' && name !== emptyDocument().name)) return;
  applyCommand(setDocumentInfo, { name: stem });
}

export function dismissProblems(): void {
  fileStore.setState({ problems: null });
}

export function dismissNotice(): void {
  fileStore.setState({ notice: null });
}

const SLOT_KEY = 'neurosketch-autosave-slot';

/**
 * The file operations of this window (New, Open, Save, Save As, Open Recent, examples, drop, OS
 * open, autosave and recovery, startup) through its host. One instance, created with the app's
 * services; it keeps the autosave slot and whether startup ran.
 */
export class FileSession {
  private slotId: string | null = null;
  private started = false;
  private readonly exportListeners = new Set<(to: ExportTarget) => void>();

  constructor(
    readonly host: HostApi,
    private readonly preferences: PreferencesService,
  ) {}

  /** What main said about itself (which host: native dialogs or the workspace picker). */
  setInfo(info: AppInfo): void {
    fileStore.setState({ info });
  }

  /**
   * Before replacing or closing unsaved work: asks Save / Don't save / Cancel. True to go on.
   */
  async confirmDiscard(action: string): Promise<boolean> {
    if (!isDirty()) return true;
    const answer = await ask({ kind: 'unsaved', fileName: fileStore.getState().fileName, action });
    if (answer === 'cancel') return false;
    if (answer === 'save') return this.save();
    await this.host.discardAutosave({ slot: this.autosaveSlot() });
    return true;
  }

  /** A blank circuit with the preferred time step. */
  blankDocumentText(): string {
    return serializeDocument(emptyDocument({ dt: this.preferences.store.getState().defaultDt }));
  }

  async newDocument(): Promise<void> {
    if (!(await this.confirmDiscard('create a new circuit'))) return;
    openText(UNTITLED_FILE_NAME, this.blankDocumentText(), null);
  }

  async openFile(): Promise<void> {
    if (!(await this.confirmDiscard('open another file'))) return;
    if (fileStore.getState().info?.host === 'electron') {
      const result = await this.host.showOpenDialog();
      if (!result.ok) return notify(result.error, true);
      if (result.value) openText(result.value.fileName, result.value.text, result.value.handle);
      return;
    }
    const opened = await ask({ kind: 'open' });
    if (opened) openText(opened.fileName, opened.text, opened.handle);
  }

  /** Saves to the current file, or asks where when there is none. True when saved. */
  async save(): Promise<boolean> {
    const { handle } = fileStore.getState();
    if (!handle) return this.saveAs();
    return this.writeTo(handle);
  }

  async saveAs(): Promise<boolean> {
    const { info } = fileStore.getState();
    // A circuit never saved is proposed under its own name, not "untitled.neuro".
    const suggestedName = proposedFileName(openFileFacts());
    let granted;
    if (info?.host === 'electron') {
      const result = await this.host.showSaveDialog({ suggestedName });
      if (!result.ok) {
        notify(result.error, true);
        return false;
      }
      granted = result.value;
    } else {
      granted = await ask({ kind: 'saveAs', suggestedName });
    }
    if (!granted) return false;
    nameAfterFile(granted.fileName);
    return this.writeTo(granted.handle);
  }

  private async writeTo(handle: FileHandle): Promise<boolean> {
    const { document } = documentStore.getState();
    if (!document) return false;
    const result = await this.host.saveFile({ handle, text: serializeDocument(document) });
    if (!result.ok) {
      notify(`Not saved: ${result.error}`, true);
      return false;
    }
    const fileName = result.value.fileName;
    // The store keeps the file name it shows in its state; reload it with the same document.
    if (documentStore.getState().fileName !== fileName) documentStore.setState({ fileName });
    fileStore.setState({
      handle: result.value.handle,
      fileName,
      savedDocument: document,
      autosavedDocument: null,
      autosavedAt: null,
      notice: { text: `Saved ${fileName}`, error: false },
    });
    await this.host.discardAutosave({ slot: this.autosaveSlot() });
    return true;
  }

  async openRecent(): Promise<void> {
    const handle = await ask({ kind: 'recent' });
    if (handle) await this.openHandle(handle as FileHandle);
  }

  /** Opens a file main granted (recent entry, the OS, a native menu). */
  async openHandle(handle: FileHandle): Promise<void> {
    if (!(await this.confirmDiscard('open another file'))) return;
    const result = await this.host.readFile({ handle });
    if (!result.ok) return notify(result.error, true);
    openText(result.value.fileName, result.value.text, result.value.handle);
  }

  /**
   * The examples gallery (File > Examples…, the toolbar): the start screen's list of examples,
   * with New and Open beside it. At startup (`welcome`) it greets the user over the default
   * circuit.
   */
  async openExamples(options: { welcome?: boolean } = {}): Promise<void> {
    const choice = await ask({ kind: 'examples', welcome: options.welcome });
    if (choice?.kind === 'example') await this.openExample(choice.id);
    else if (choice?.kind === 'new') await this.newDocument();
    else if (choice?.kind === 'open') await this.openFile();
    else if (choice?.kind === 'recent') await this.openHandle(choice.handle);
  }

  /** Examples open read-only: Save asks where to put the copy. */
  async openExample(id: string): Promise<void> {
    if (!(await this.confirmDiscard('open an example'))) return;
    const result = await this.host.openExample({ id });
    if (!result.ok) return notify(result.error, true);
    openText(result.value.fileName, result.value.text, null);
  }

  /** A `.neuro` file dropped on the window. */
  async openDropped(file: File): Promise<void> {
    if (!file.name.toLowerCase().endsWith('.neuro')) {
      return notify(`${file.name} is not a .neuro circuit`, true);
    }
    if (!(await this.confirmDiscard('open the dropped file'))) return;
    if (this.host.openDroppedFile) {
      const result = await this.host.openDroppedFile(file);
      if (!result.ok) return notify(result.error, true);
      openText(result.value.fileName, result.value.text, result.value.handle);
      return;
    }
    // The browser host cannot write back to a dropped file: it opens as a copy, Save asks where.
    openText(file.name, await file.text(), null);
  }

  /** File > Export > Brian2 / PyNN: the export dialog (files/ExportDialog.tsx) opens. */
  requestExport(to: ExportTarget): void {
    this.exportListeners.forEach((listener) => listener(to));
  }

  /** The export dialog listens while it is mounted; returns the unsubscribe. */
  onExportRequested(listener: (to: ExportTarget) => void): () => void {
    this.exportListeners.add(listener);
    return () => this.exportListeners.delete(listener);
  }

  /**
   * This window's or tab's own autosave slot: a random id kept in sessionStorage, so a reload
   * finds its own work and two tabs never overwrite each other's.
   */
  autosaveSlot(): string {
    if (this.slotId) return this.slotId;
    let stored: string | null = null;
    try {
      stored = window.sessionStorage.getItem(SLOT_KEY);
    } catch {
      // No storage (a locked-down browser): the slot lives as long as the page.
    }
    const slotId = stored && /^[A-Za-z0-9_-]{8,64}$/.test(stored) ? stored : crypto.randomUUID();
    this.slotId = slotId;
    try {
      window.sessionStorage.setItem(SLOT_KEY, slotId);
    } catch {
      // As above.
    }
    return slotId;
  }

  /** Writes the unsaved document to the autosave slot when it changed since the last write. */
  async autosaveNow(): Promise<void> {
    const { document } = documentStore.getState();
    const state = fileStore.getState();
    if (!document || !isDirty() || document === state.autosavedDocument) return;
    const result = await this.host.writeAutosave({
      slot: this.autosaveSlot(),
      fileName: state.fileName,
      handle: state.handle,
      text: serializeDocument(document),
    });
    if (result.ok) {
      fileStore.setState({ autosavedDocument: document, autosavedAt: result.value.savedAt });
    }
  }

  /** At startup: offers back work autosaved before a crash or kill. True when it was restored. */
  async offerRecovery(): Promise<boolean> {
    const result = await this.host.getRecovery({ slot: this.autosaveSlot() });
    if (!result.ok || !result.value) return false;
    const recovery = result.value;
    const restore = await ask({ kind: 'recovery', recovery });
    if (!restore) {
      await this.host.discardAutosave({ slot: this.autosaveSlot() });
      return false;
    }
    if (openText(recovery.fileName, recovery.text, recovery.handle, { unsaved: true })) {
      notify(`Restored unsaved work on ${recovery.fileName}`);
      return true;
    }
    return false;
  }

  /**
   * The window's startup, once (a second call does nothing): a file from the OS, else the last
   * recent file or the default circuit, then the offer to restore autosaved work, then the start
   * screen unless the user asked not to see it or is already working on a file.
   */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    const host = this.host;
    const info = await host.getAppInfo();
    if (!info.ok) {
      setLoadErrorCommand(info.error);
      return;
    }
    this.setInfo(info.value);
    await this.preferences.load();
    const pending = await host.takePendingOpen();
    const fromOs = pending.ok && pending.value !== null;
    const showStartScreen = !fromOs && this.preferences.store.getState().showStartScreen;
    if (pending.ok && pending.value) {
      await this.openHandle(pending.value.handle);
    } else if (!(showStartScreen && (await this.openLastRecent()))) {
      const result = await host.getStartupDocument();
      if (!result.ok) setLoadErrorCommand(result.error);
      else openText(result.value.fileName, result.value.text, null);
    }
    const restored = await this.offerRecovery();
    // The start screen greets a user who opened the app itself, over the circuit its default
    // button continues (the last recent file, else the default circuit), which stays loaded behind
    // it; not one who opened a file or just got their work back.
    if (showStartScreen && !restored) {
      void this.openExamples({ welcome: true });
    }
  }

  /**
   * The start screen's default action continues the student's last file, so that file (not an
   * example) is what shows behind it. False when there is none or it cannot be read (the default
   * circuit then).
   */
  private async openLastRecent(): Promise<boolean> {
    const recent = await this.host.listRecent();
    const last = recent.ok ? recent.value[0] : undefined;
    if (!last) return false;
    const read = await this.host.readFile({ handle: last.handle });
    if (!read.ok) return false;
    openText(read.value.fileName, read.value.text, read.value.handle);
    return true;
  }
}
