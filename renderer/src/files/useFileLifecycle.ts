/**
 * Wires the file session into the app: startup (a file from the OS, else the default example, then
 * the offer to restore autosaved work, then the start screen unless the user asked not to see it or
 * is already working on a file), autosave every few seconds, the window title with its
 * unsaved marker, closing with unsaved changes (Electron's close handshake, the browser's
 * beforeunload), native menu commands, keyboard shortcuts in the browser, and dropped files.
 */
import { useEffect } from 'react';
import { useStore } from 'zustand';
import type { HostApi } from '../../../shared/ipc/contract';
import { registerCommand, runCommand } from '../ui/menuCommands';
import { loadPreferences, preferencesStore } from '../ui/preferences';
import { documentStore, setLoadErrorCommand } from '../document/documentStore';
import { ask } from './dialogs';
import { installFileTestHooks } from './testHooks';
import {
  AUTOSAVE_INTERVAL_MS,
  autosaveNow,
  confirmDiscard,
  fileSession,
  newDocument,
  offerRecovery,
  openDropped,
  openExamples,
  openFile,
  openHandle,
  openText,
  save,
  saveAs,
  setFileHost,
} from './fileSession';

/** True when the open document has changes not saved to its file. */
export function useDirty(): boolean {
  const document = useStore(documentStore, (s) => s.document);
  const saved = useStore(fileSession, (s) => s.savedDocument);
  return document !== null && document !== saved;
}

export function documentTitle(fileName: string, dirty: boolean): string {
  return `${dirty ? '● ' : ''}${fileName} — NeuroSketch`;
}

let started = false;

/**
 * The start screen's default action continues the student's last file, so that file (not an
 * example) is what shows behind it. False when there is none or it cannot be read (the default
 * circuit then).
 */
async function openLastRecent(host: HostApi): Promise<boolean> {
  const recent = await host.listRecent();
  const last = recent.ok ? recent.value[0] : undefined;
  if (!last) return false;
  const read = await host.readFile({ handle: last.handle });
  if (!read.ok) return false;
  openText(read.value.fileName, read.value.text, read.value.handle);
  return true;
}

async function startup(host: HostApi): Promise<void> {
  installFileTestHooks();
  const info = await host.getAppInfo();
  if (!info.ok) {
    setLoadErrorCommand(info.error);
    return;
  }
  setFileHost(host, info.value);
  await loadPreferences(host);
  const pending = await host.takePendingOpen();
  const fromOs = pending.ok && pending.value !== null;
  const showStartScreen = !fromOs && preferencesStore.getState().showStartScreen;
  if (pending.ok && pending.value) {
    await openHandle(pending.value.handle);
  } else if (!(showStartScreen && (await openLastRecent(host)))) {
    const result = await host.getStartupDocument();
    if (!result.ok) setLoadErrorCommand(result.error);
    else openText(result.value.fileName, result.value.text, null);
  }
  const restored = await offerRecovery();
  // The start screen greets a user who opened the app itself, over the circuit its default button
  // continues (the last recent file, else the default circuit), which stays loaded behind it; not
  // one who opened a file or just got their work back.
  if (showStartScreen && !restored) {
    void openExamples({ welcome: true });
  }
}

export function useFileLifecycle(host: HostApi): void {
  const dirty = useDirty();
  const fileName = useStore(fileSession, (s) => s.fileName);
  const isWeb = useStore(fileSession, (s) => s.info?.host === 'web');

  useEffect(() => {
    if (started) return;
    started = true;
    void startup(host);
  }, [host]);

  useEffect(() => {
    const unregister = [
      registerCommand('file.new', newDocument),
      registerCommand('file.open', openFile),
      registerCommand('file.save', async () => void (await save())),
      registerCommand('file.saveAs', async () => void (await saveAs())),
      registerCommand('file.examples', () => openExamples()),
      registerCommand('file.preferences', () => ask({ kind: 'preferences' })),
      registerCommand('help.about', () => ask({ kind: 'about' })),
    ];
    const offMenu = host.on('menuCommand', (payload) => runCommand(payload?.command));
    const offOpen = host.on('openRequested', (file) => void openHandle(file.handle));
    const offClose = host.on('closeRequested', () => {
      void confirmDiscard('close the window').then((go) => {
        if (go) void host.confirmClose();
      });
    });
    return () => {
      unregister.forEach((off) => off());
      offMenu();
      offOpen();
      offClose();
    };
  }, [host]);

  useEffect(() => {
    const timer = window.setInterval(() => void autosaveNow(), AUTOSAVE_INTERVAL_MS);
    return () => window.clearInterval(timer);
  }, []);

  useEffect(() => {
    const title = documentTitle(fileName, dirty);
    window.document.title = title;
    if (fileSession.getState().info) void host.setDocumentState({ title, dirty });
  }, [host, fileName, dirty]);

  // The browser host: the browser asks before leaving a page with unsaved work; shortcuts that
  // Electron's menu accelerators provide there.
  useEffect(() => {
    if (!isWeb) return;
    const beforeUnload = (event: BeforeUnloadEvent): void => {
      if (dirty) event.preventDefault();
    };
    const keydown = (event: KeyboardEvent): void => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const key = event.key.toLowerCase();
      const command =
        key === 'o'
          ? 'file.open'
          : key === 's'
            ? event.shiftKey
              ? 'file.saveAs'
              : 'file.save'
            : null;
      if (!command) return;
      event.preventDefault();
      runCommand(command);
    };
    window.addEventListener('beforeunload', beforeUnload);
    window.addEventListener('keydown', keydown);
    return () => {
      window.removeEventListener('beforeunload', beforeUnload);
      window.removeEventListener('keydown', keydown);
    };
  }, [isWeb, dirty]);

  // A .neuro file dropped anywhere on the window.
  useEffect(() => {
    const hasFiles = (event: DragEvent): boolean =>
      Array.from(event.dataTransfer?.types ?? []).includes('Files');
    const dragOver = (event: DragEvent): void => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const drop = (event: DragEvent): void => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      const file = event.dataTransfer?.files[0];
      if (file) void openDropped(file);
    };
    window.addEventListener('dragover', dragOver);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', dragOver);
      window.removeEventListener('drop', drop);
    };
  }, []);
}
