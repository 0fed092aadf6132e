/**
 * UI state of the editor: selection, hover, open panels, the clipboard, a notice. Never undone,
 * never saved. Selection ids are nodes, edges and scopes (they share one id space).
 */
import { createStore } from 'zustand/vanilla';
import type { Clip } from './clipboard';

export interface ContextMenuState {
  x: number;
  y: number;
  /** Node, edge or scope id; null for the empty canvas. */
  targetId: string | null;
  /** Canvas (flow) coordinates of the click, for "add here". */
  flowX: number;
  flowY: number;
}

export interface Notice {
  id: number;
  text: string;
  /** 'hint': how to do something the student just tried another way (shown longer than 'info'). */
  tone: 'info' | 'hint' | 'refusal';
  /** The refusal's first words (default "Not connected: "). */
  lead?: string;
  /** The elements the notice is about: it goes when they change in a way that makes it stale. */
  about?: readonly string[];
}

/**
 * The canvas minimap: 'auto' shows it only while part of the circuit is outside the view (after a
 * fit it is all in view, so the map hides and covers no node); 'on' and 'off' are the student's
 * choice (the Map box in the canvas toolbar) for the rest of the session.
 */
export type MinimapMode = 'auto' | 'on' | 'off';

export interface UiState {
  selection: readonly string[];
  hoverId: string | null;
  renamingId: string | null;
  snapToGrid: boolean;
  minimap: MinimapMode;
  helpOpen: boolean;
  /** Edge whose weight matrix editor is open. */
  matrixEdgeId: string | null;
  contextMenu: ContextMenuState | null;
  notice: Notice | null;
  clipboard: Clip | null;
}

export const uiStore = createStore<UiState>(() => ({
  selection: [],
  hoverId: null,
  renamingId: null,
  snapToGrid: true,
  minimap: 'auto',
  helpOpen: false,
  matrixEdgeId: null,
  contextMenu: null,
  notice: null,
  clipboard: null,
}));

export function select(ids: readonly string[]): void {
  const current = uiStore.getState().selection;
  if (current.length === ids.length && current.every((id, i) => id === ids[i])) return;
  uiStore.setState({ selection: [...ids] });
}

/** Keeps only ids that still exist (after undo, delete, load). */
export function pruneSelection(exists: (id: string) => boolean): void {
  const { selection, hoverId, renamingId, matrixEdgeId, notice } = uiStore.getState();
  const kept = selection.filter(exists);
  const patch: Partial<UiState> = {};
  if (kept.length !== selection.length) patch.selection = kept;
  if (hoverId && !exists(hoverId)) patch.hoverId = null;
  if (renamingId && !exists(renamingId)) patch.renamingId = null;
  if (matrixEdgeId && !exists(matrixEdgeId)) patch.matrixEdgeId = null;
  if (notice?.about && !notice.about.some(exists)) patch.notice = null;
  if (Object.keys(patch).length > 0) uiStore.setState(patch);
}

let noticeCounter = 0;
export function notify(
  text: string,
  tone: Notice['tone'] = 'info',
  lead?: string,
  about?: readonly string[],
): void {
  noticeCounter += 1;
  uiStore.setState({
    notice: {
      id: noticeCounter,
      text,
      tone,
      ...(lead ? { lead } : {}),
      ...(about ? { about } : {}),
    },
  });
}

/** Takes down the notice about any of these elements (it described a state they have left). */
export function dismissNoticeAbout(ids: readonly string[]): void {
  const notice = uiStore.getState().notice;
  if (notice?.about?.some((id) => ids.includes(id))) uiStore.setState({ notice: null });
}
