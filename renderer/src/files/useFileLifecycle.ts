/**
 * Wires the file session into the app: startup (`FileSession.start`: a file from the OS, else the
 * default example, then the offer to restore autosaved work, then the start screen), autosave
 * every few seconds, the window title with its unsaved marker, closing with unsaved changes
 * (Electron's close handshake, the browser's beforeunload), files the OS asks to open, and dropped
 * files. Menus and keys are the command registry's (app/useCommandInput.ts, files/commands.ts).
 */
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { documentStore } from '../document/documentStore';
import { installFileTestHooks } from './testHooks';
import { AUTOSAVE_INTERVAL_MS, fileStore, type FileSession } from './fileSession';

/** True when the open document has changes not saved to its file. */
export function useDirty(): boolean {
  const document = useStore(documentStore, (s) => s.document);
  const saved = useStore(fileStore, (s) => s.savedDocument);
  return document !== null && document !== saved;
}

export function documentTitle(fileName: string, dirty: boolean): string {
  return `${dirty ? '● ' : ''}${fileName} — NeuroSketch`;
}

export function useFileLifecycle(files: FileSession): void {
  const host = files.host;
  const dirty = useDirty();
  const fileName = useStore(fileStore, (s) => s.fileName);
  const isWeb = useStore(fileStore, (s) => s.info?.host === 'web');

  useEffect(() => {
    installFileTestHooks();
    // Once per window: the session remembers that it started (StrictMode runs effects twice).
    void files.start();
  }, [files]);

  useEffect(() => {
    const offOpen = host.on('openRequested', (file) => void files.openHandle(file.handle));
    const offClose = host.on('closeRequested', () => {
      void files.confirmDiscard('close the window').then((go) => {
        if (go) void host.confirmClose();
      });
    });
    return () => {
      offOpen();
      offClose();
    };
  }, [host, files]);

  useEffect(() => {
    const timer = window.setInterval(() => void files.autosaveNow(), AUTOSAVE_INTERVAL_MS);
    return () => window.clearInterval(timer);
  }, [files]);

  useEffect(() => {
    const title = documentTitle(fileName, dirty);
    window.document.title = title;
    if (fileStore.getState().info) void host.setDocumentState({ title, dirty });
  }, [host, fileName, dirty]);

  // The browser host: the browser asks before leaving a page with unsaved work.
  useEffect(() => {
    if (!isWeb) return;
    const beforeUnload = (event: BeforeUnloadEvent): void => {
      if (dirty) event.preventDefault();
    };
    window.addEventListener('beforeunload', beforeUnload);
    return () => window.removeEventListener('beforeunload', beforeUnload);
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
      if (file) void files.openDropped(file);
    };
    window.addEventListener('dragover', dragOver);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', dragOver);
      window.removeEventListener('drop', drop);
    };
  }, [files]);
}
