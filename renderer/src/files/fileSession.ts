/**
 * The open file: which file the document came from (an opaque handle, never a path), whether it
 * has unsaved changes, and the file commands (New, Open, Save, Save As, Open Recent, examples,
 * drop, OS open, autosave and recovery) for both hosts: Electron's native dialogs or the browser
 * host's workspace picker, behind the same handles.
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
import { documentStore, loadDocumentCommand, applyCommand } from '../document/documentStore';
import { preferencesStore } from '../ui/preferences';
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

export const fileSession = createStore<FileSessionState>(() => ({
  handle: null,
  fileName: UNTITLED_FILE_NAME,
  savedDocument: null,
  autosavedDocument: null,
  autosavedAt: null,
  problems: null,
  notice: null,
  info: null,
}));

/** The open circuit as the naming rule sees it (files/fileNames.ts). */
export function openFileFacts(): OpenFileFacts {
  const { fileName, handle } = fileSession.getState();
  return { fileName, saved: handle !== null, circuitName: documentStore.getState().document?.name };
}

/** The stem of the names proposed for the open circuit: Save As, and every export. */
export function currentFileStem(): string {
  return fileStem(openFileFacts());
}

export function isDirty(): boolean {
  const { document } = documentStore.getState();
  return document !== null && document !== fileSession.getState().savedDocument;
}

let hostRef: HostApi | null = null;
export function setFileHost(host: HostApi, info: AppInfo): void {
  hostRef = host;
  fileSession.setState({ info });
}
function host(): HostApi {
  if (!hostRef) throw new Error('the file session has no host yet');
  return hostRef;
}

function notify(text: string, error = false): void {
  fileSession.setState({ notice: { text, error } });
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
    fileSession.setState({
      problems: { fileName, outcome: 'failed', issues: loaded.issues, text },
    });
    return false;
  }
  loadDocumentCommand(loaded.document, fileName);
  fileSession.setState({
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
 * Before replacing or closing unsaved work: asks Save / Don't save / Cancel. True to go on.
 */
export async function confirmDiscard(action: string): Promise<boolean> {
  if (!isDirty()) return true;
  const answer = await ask({ kind: 'unsaved', fileName: fileSession.getState().fileName, action });
  if (answer === 'cancel') return false;
  if (answer === 'save') return save();
  await host().discardAutosave({ slot: autosaveSlot() });
  return true;
}

/** A blank circuit with the preferred time step. */
export function blankDocumentText(): string {
  return serializeDocument(emptyDocument({ dt: preferencesStore.getState().defaultDt }));
}

export async function newDocument(): Promise<void> {
  if (!(await confirmDiscard('create a new circuit'))) return;
  openText(UNTITLED_FILE_NAME, blankDocumentText(), null);
}

export async function openFile(): Promise<void> {
  if (!(await confirmDiscard('open another file'))) return;
  if (fileSession.getState().info?.host === 'electron') {
    const result = await host().showOpenDialog();
    if (!result.ok) return notify(result.error, true);
    if (result.value) openText(result.value.fileName, result.value.text, result.value.handle);
    return;
  }
  const opened = await ask({ kind: 'open' });
  if (opened) openText(opened.fileName, opened.text, opened.handle);
}

/** Saves to the current file, or asks where when there is none. True when saved. */
export async function save(): Promise<boolean> {
  const { handle } = fileSession.getState();
  if (!handle) return saveAs();
  return writeTo(handle);
}

export async function saveAs(): Promise<boolean> {
  const { info } = fileSession.getState();
  // A circuit never saved is proposed under its own name, not "untitled.neuro".
  const suggestedName = proposedFileName(openFileFacts());
  let granted;
  if (info?.host === 'electron') {
    const result = await host().showSaveDialog({ suggestedName });
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
  return writeTo(granted.handle);
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

async function writeTo(handle: FileHandle): Promise<boolean> {
  const { document } = documentStore.getState();
  if (!document) return false;
  const result = await host().saveFile({ handle, text: serializeDocument(document) });
  if (!result.ok) {
    notify(`Not saved: ${result.error}`, true);
    return false;
  }
  const fileName = result.value.fileName;
  // The store keeps the file name it shows in its state; reload it with the same document.
  if (documentStore.getState().fileName !== fileName) documentStore.setState({ fileName });
  fileSession.setState({
    handle: result.value.handle,
    fileName,
    savedDocument: document,
    autosavedDocument: null,
    autosavedAt: null,
    notice: { text: `Saved ${fileName}`, error: false },
  });
  await host().discardAutosave({ slot: autosaveSlot() });
  return true;
}

export async function openRecent(): Promise<void> {
  const handle = await ask({ kind: 'recent' });
  if (handle) await openHandle(handle as FileHandle);
}

/** Opens a file main granted (recent entry, the OS, a native menu). */
export async function openHandle(handle: FileHandle): Promise<void> {
  if (!(await confirmDiscard('open another file'))) return;
  const result = await host().readFile({ handle });
  if (!result.ok) return notify(result.error, true);
  openText(result.value.fileName, result.value.text, result.value.handle);
}

/**
 * The examples gallery (File > Examples…, the toolbar): the start screen's list of examples, with
 * New and Open beside it. At startup (`welcome`) it greets the user over the default circuit.
 */
export async function openExamples(options: { welcome?: boolean } = {}): Promise<void> {
  const choice = await ask({ kind: 'examples', welcome: options.welcome });
  if (choice?.kind === 'example') await openExample(choice.id);
  else if (choice?.kind === 'new') await newDocument();
  else if (choice?.kind === 'open') await openFile();
  else if (choice?.kind === 'recent') await openHandle(choice.handle);
}

/** Examples open read-only: Save asks where to put the copy. */
export async function openExample(id: string): Promise<void> {
  if (!(await confirmDiscard('open an example'))) return;
  const result = await host().openExample({ id });
  if (!result.ok) return notify(result.error, true);
  openText(result.value.fileName, result.value.text, null);
}

/** A `.neuro` file dropped on the window. */
export async function openDropped(file: File): Promise<void> {
  if (!file.name.toLowerCase().endsWith('.neuro')) {
    return notify(`${file.name} is not a .neuro circuit`, true);
  }
  if (!(await confirmDiscard('open the dropped file'))) return;
  const api = host();
  if (api.openDroppedFile) {
    const result = await api.openDroppedFile(file);
    if (!result.ok) return notify(result.error, true);
    openText(result.value.fileName, result.value.text, result.value.handle);
    return;
  }
  // The browser host cannot write back to a dropped file: it opens as a copy, Save asks where.
  openText(file.name, await file.text(), null);
}

const SLOT_KEY = 'neurosketch-autosave-slot';
let slotId: string | null = null;

/**
 * This window's or tab's own autosave slot: a random id kept in sessionStorage, so a reload finds
 * its own work and two tabs never overwrite each other's.
 */
export function autosaveSlot(): string {
  if (slotId) return slotId;
  let stored: string | null = null;
  try {
    stored = window.sessionStorage.getItem(SLOT_KEY);
  } catch {
    // No storage (a locked-down browser): the slot lives as long as the page.
  }
  slotId = stored && /^[A-Za-z0-9_-]{8,64}$/.test(stored) ? stored : crypto.randomUUID();
  try {
    window.sessionStorage.setItem(SLOT_KEY, slotId);
  } catch {
    // As above.
  }
  return slotId;
}

/** Writes the unsaved document to the autosave slot when it changed since the last write. */
export async function autosaveNow(): Promise<void> {
  const { document } = documentStore.getState();
  const state = fileSession.getState();
  if (!document || !isDirty() || document === state.autosavedDocument) return;
  const result = await host().writeAutosave({
    slot: autosaveSlot(),
    fileName: state.fileName,
    handle: state.handle,
    text: serializeDocument(document),
  });
  if (result.ok) {
    fileSession.setState({ autosavedDocument: document, autosavedAt: result.value.savedAt });
  }
}

/** At startup: offers back work autosaved before a crash or kill. True when it was restored. */
export async function offerRecovery(): Promise<boolean> {
  const result = await host().getRecovery({ slot: autosaveSlot() });
  if (!result.ok || !result.value) return false;
  const recovery = result.value;
  const restore = await ask({ kind: 'recovery', recovery });
  if (!restore) {
    await host().discardAutosave({ slot: autosaveSlot() });
    return false;
  }
  if (openText(recovery.fileName, recovery.text, recovery.handle, { unsaved: true })) {
    notify(`Restored unsaved work on ${recovery.fileName}`);
    return true;
  }
  return false;
}

export function dismissProblems(): void {
  fileSession.setState({ problems: null });
}

export function dismissNotice(): void {
  fileSession.setState({ notice: null });
}
