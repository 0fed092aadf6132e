/**
 * The document store: the open network document (the spec's JSON plus layout) and its file name.
 * Changed only by named commands; the editor (issue 5) adds the command set and history.
 */
import { createStore } from 'zustand/vanilla';
import type { NetworkDocument } from '../../../shared/document/model';

export interface DocumentState {
  document: NetworkDocument | null;
  fileName: string;
  /** Problems found when the document was loaded. */
  loadError: string | null;
}

export const documentStore = createStore<DocumentState>(() => ({
  document: null,
  fileName: 'untitled.neuro',
  loadError: null,
}));

/** Command: replace the document (opening a file; not undoable). */
export function loadDocumentCommand(document: NetworkDocument, fileName: string): void {
  documentStore.setState({ document, fileName, loadError: null });
}

export function setLoadErrorCommand(message: string): void {
  documentStore.setState({ loadError: message });
}
