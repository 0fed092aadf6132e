/**
 * Which "See the math" view is open, and for which node: UI state (never saved, never undone).
 * `openLearnView` is the entry point for the rest of the app (the node context menu, a menu item).
 */
import { createStore } from 'zustand/vanilla';

export const LEARN_VIEW_KINDS = [
  'hhGating',
  'hhCurrent',
  'lif',
  'fi',
  'activations',
  'psc',
  'weights',
] as const;
export type LearnViewKind = (typeof LEARN_VIEW_KINDS)[number];

export interface LearnState {
  open: boolean;
  kind: LearnViewKind;
  /**
   * The node the view is tied to; undefined: the view picks one; '' (or a view's own standard id):
   * the view's standard neuron, picked by the student.
   */
  nodeId: string | undefined;
}

export const learnStore = createStore<LearnState>(() => ({
  open: false,
  kind: 'hhGating',
  nodeId: undefined,
}));

/** Opens the Learn panel on view `kind`, tied to `nodeId` when given. */
export function openLearnView(kind: LearnViewKind, nodeId?: string): void {
  learnStore.setState({ open: true, kind, nodeId });
}

export function closeLearnPanel(): void {
  learnStore.setState({ open: false });
}
