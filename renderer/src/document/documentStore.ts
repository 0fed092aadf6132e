/**
 * The document store: the open network document (the spec's JSON plus layout), its file name and
 * its undo history. Changed only by the named commands of commands.ts (through `applyCommand`), by
 * undo/redo, and by loading (a file, or New: files/fileSession.ts), which is not undoable and clears the history.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { NetworkDocument } from '../../../shared/document/model';
import type { Command } from './commands';
import { commit, redo, sealMerge, startHistory, undo, type History } from './history';

export interface DocumentState {
  document: NetworkDocument | null;
  fileName: string;
  /** Problems found when the document was loaded. */
  loadError: string | null;
  history: History | null;
  /** Bumped on every load, so views can reset what belonged to the previous file. */
  loadCount: number;
}

export type DocumentStore = StoreApi<DocumentState>;

export function createDocumentStore(): DocumentStore {
  return createStore<DocumentState>(() => ({
    document: null,
    fileName: 'untitled.neuro',
    loadError: null,
    history: null,
    loadCount: 0,
  }));
}

export const documentStore = createDocumentStore();

/** Replaces the document (opening a file; not undoable: the history starts afresh). */
export function loadInto(store: DocumentStore, document: NetworkDocument, fileName: string): void {
  store.setState((s) => ({
    document,
    fileName,
    loadError: null,
    history: startHistory(document),
    loadCount: s.loadCount + 1,
  }));
}

/**
 * Runs a named command on the open document under its history policy. Returns whether the
 * document changed (a refused command changes nothing).
 */
export function runIn<A>(
  store: DocumentStore,
  command: Command<A>,
  args: A,
  mergeKey?: string,
): boolean {
  const { document, history } = store.getState();
  if (!document || !history) return false;
  const next = command.apply(document, args);
  if (next === document) return false;
  // A document set from outside the commands (a test hook) becomes the base of this step.
  const base = history.present === document ? history : { ...history, present: document };
  const updated = commit(base, next, command.policy, mergeKey);
  store.setState({ document: updated.present, history: updated });
  return true;
}

function step(store: DocumentStore, move: (h: History) => History): boolean {
  const { history } = store.getState();
  if (!history) return false;
  const moved = move(history);
  if (moved === history) return false;
  store.setState({ document: moved.present, history: moved });
  return true;
}

export function undoIn(store: DocumentStore): boolean {
  return step(store, undo);
}

export function redoIn(store: DocumentStore): boolean {
  return step(store, redo);
}

// ------------------------------------------------------------------------------------------------
// The app's store

/** Command: replace the document (opening a file; not undoable). */
export function loadDocumentCommand(document: NetworkDocument, fileName: string): void {
  loadInto(documentStore, document, fileName);
}

export function setLoadErrorCommand(message: string): void {
  documentStore.setState({ loadError: message });
}

export function applyCommand<A>(command: Command<A>, args: A, mergeKey?: string): boolean {
  return runIn(documentStore, command, args, mergeKey);
}

export function undoCommand(): boolean {
  return undoIn(documentStore);
}

export function redoCommand(): boolean {
  return redoIn(documentStore);
}

/** A text field lost focus: its next edit is a new undo step. */
export function sealMergeCommand(): void {
  const { history } = documentStore.getState();
  if (history) documentStore.setState({ history: sealMerge(history) });
}

export function canUndo(state: DocumentState): boolean {
  return (state.history?.past.length ?? 0) > 0;
}

export function canRedo(state: DocumentState): boolean {
  return (state.history?.future.length ?? 0) > 0;
}

/** The open document (for code outside React that needs the current value). */
export function currentDocument(): NetworkDocument | null {
  return documentStore.getState().document;
}
