/**
 * Undo history as a pure value: past documents, future documents and the merge key of the last
 * step. `commit` applies a command's policy; undo/redo move one step. Documents are immutable, so
 * a step costs one reference.
 */
import type { NetworkDocument } from '../../../shared/document/model';
import type { HistoryPolicy } from './commands';

/** Oldest steps are forgotten beyond this. */
export const HISTORY_LIMIT = 500;

export interface History {
  past: readonly NetworkDocument[];
  present: NetworkDocument;
  future: readonly NetworkDocument[];
  /** Merge key of the step on top of `past` (null: the next merge starts a new step). */
  mergeKey: string | null;
}

export function startHistory(present: NetworkDocument): History {
  return { past: [], present, future: [], mergeKey: null };
}

/** `next` becomes the present under `policy`; an unchanged document records nothing. */
export function commit(
  history: History,
  next: NetworkDocument,
  policy: HistoryPolicy,
  mergeKey?: string,
): History {
  if (next === history.present) return history;
  if (policy === 'skip') return { ...history, present: next };
  if (policy === 'merge' && mergeKey !== undefined && mergeKey === history.mergeKey) {
    return { ...history, present: next, future: [] };
  }
  const past = [...history.past, history.present];
  if (past.length > HISTORY_LIMIT) past.splice(0, past.length - HISTORY_LIMIT);
  return {
    past,
    present: next,
    future: [],
    mergeKey: policy === 'merge' && mergeKey !== undefined ? mergeKey : null,
  };
}

export function undo(history: History): History {
  const previous = history.past[history.past.length - 1];
  if (!previous) return history;
  return {
    past: history.past.slice(0, -1),
    present: previous,
    future: [history.present, ...history.future],
    mergeKey: null,
  };
}

export function redo(history: History): History {
  const next = history.future[0];
  if (!next) return history;
  return {
    past: [...history.past, history.present],
    present: next,
    future: history.future.slice(1),
    mergeKey: null,
  };
}

/** Ends the current merge: the next merge command starts a new undo step (a field lost focus). */
export function sealMerge(history: History): History {
  return history.mergeKey === null ? history : { ...history, mergeKey: null };
}
