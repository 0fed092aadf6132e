/**
 * e2e hooks of the file layer: an edit that does not depend on the editor's UI (so the unsaved
 * marker, autosave and recovery are tested on their own), and a read of the file session. The
 * window's `__neurosketchFilesTest` is declared in shared/testHooks.ts, which e2e reads too.
 */
import { documentStore } from '../document/documentStore';
import { fileStore, isDirty } from './fileSession';

export function installFileTestHooks(): void {
  window.__neurosketchFilesTest = {
    renameCircuit(name) {
      const { document } = documentStore.getState();
      if (document) documentStore.setState({ document: { ...document, name } });
    },
    state() {
      const s = fileStore.getState();
      return {
        fileName: s.fileName,
        dirty: isDirty(),
        hasHandle: s.handle !== null,
        documentName: documentStore.getState().document?.name ?? null,
      };
    },
  };
}
