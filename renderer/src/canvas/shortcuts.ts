/**
 * Keyboard shortcuts of the editor: one table, used by the key handler and listed in the help
 * sheet (and available to the desktop menus).
 */
import { useEffect } from 'react';
import { uiStore } from '../document/uiStore';
import {
  addFromPalette,
  canvasBridge,
  copy,
  cut,
  deleteSelection,
  duplicate,
  paste,
  recordSelected,
  redo,
  selectAll,
  startRename,
  tidy,
  undo,
} from '../document/actions';

export interface Shortcut {
  /** As shown to people, e.g. "Ctrl+Z". */
  keys: string;
  label: string;
  /** Whether a keydown is this shortcut. */
  matches(e: KeyboardEvent): boolean;
  run(): void;
}

function mod(e: KeyboardEvent): boolean {
  return e.ctrlKey || e.metaKey;
}

function plain(key: string) {
  return (e: KeyboardEvent): boolean => !mod(e) && !e.altKey && e.key.toLowerCase() === key;
}

export const SHORTCUTS: readonly Shortcut[] = [
  {
    keys: 'Ctrl+Z',
    label: 'Undo',
    matches: (e) => mod(e) && !e.shiftKey && e.key.toLowerCase() === 'z',
    run: undo,
  },
  {
    keys: 'Ctrl+Shift+Z or Ctrl+Y',
    label: 'Redo',
    matches: (e) =>
      mod(e) && ((e.shiftKey && e.key.toLowerCase() === 'z') || e.key.toLowerCase() === 'y'),
    run: redo,
  },
  {
    keys: 'Ctrl+C',
    label: 'Copy the selected nodes (with the synapses between them)',
    matches: (e) => mod(e) && e.key.toLowerCase() === 'c',
    run: copy,
  },
  { keys: 'Ctrl+X', label: 'Cut', matches: (e) => mod(e) && e.key.toLowerCase() === 'x', run: cut },
  {
    keys: 'Ctrl+V',
    label: 'Paste',
    matches: (e) => mod(e) && e.key.toLowerCase() === 'v',
    run: paste,
  },
  {
    keys: 'Ctrl+D',
    label: 'Duplicate',
    matches: (e) => mod(e) && e.key.toLowerCase() === 'd',
    run: duplicate,
  },
  {
    keys: 'Ctrl+A',
    label: 'Select all',
    matches: (e) => mod(e) && e.key.toLowerCase() === 'a',
    run: selectAll,
  },
  {
    keys: 'Delete or Backspace',
    label: 'Delete the selection',
    matches: (e) => e.key === 'Delete' || e.key === 'Backspace',
    run: deleteSelection,
  },
  {
    keys: 'F2',
    label: 'Rename the selected node',
    matches: (e) => e.key === 'F2',
    run: () => startRename(),
  },
  { keys: 'F', label: 'Zoom to fit', matches: plain('f'), run: () => canvasBridge()?.fitView() },
  { keys: 'L', label: 'Tidy layout', matches: plain('l'), run: tidy },
  {
    keys: 'G',
    label: 'Snap to grid on/off',
    matches: plain('g'),
    run: () => uiStore.setState((s) => ({ snapToGrid: !s.snapToGrid })),
  },
  {
    keys: 'N',
    label: 'Add a LIF neuron at the centre',
    matches: plain('n'),
    run: () => void addFromPalette('lif'),
  },
  {
    keys: 'H',
    label: 'Add an HH neuron',
    matches: plain('h'),
    run: () => void addFromPalette('hh'),
  },
  {
    keys: 'R',
    label: 'Add a rate neuron',
    matches: plain('r'),
    run: () => void addFromPalette('rate'),
  },
  {
    keys: 'I',
    label: 'Add a constant input',
    matches: plain('i'),
    run: () => void addFromPalette('input-constant'),
  },
  {
    keys: 'B',
    label: 'Add a bias node',
    matches: plain('b'),
    run: () => void addFromPalette('bias'),
  },
  {
    keys: 'S',
    label: 'Record the selected node (a chip on it)',
    matches: plain('s'),
    run: () => recordSelected(),
  },
  {
    keys: '?',
    label: 'Show this list',
    matches: (e) => e.key === '?',
    run: () => uiStore.setState({ helpOpen: true }),
  },
  {
    keys: 'Escape',
    label: 'Close menus, clear the selection',
    matches: (e) => e.key === 'Escape',
    run: () => {
      const s = uiStore.getState();
      if (s.contextMenu || s.helpOpen || s.matrixEdgeId)
        uiStore.setState({ contextMenu: null, helpOpen: false, matrixEdgeId: null });
      else uiStore.setState({ selection: [] });
    },
  },
];

/** Mouse gestures, listed in the help sheet beside the keys. */
export const GESTURES: readonly { keys: string; label: string }[] = [
  {
    keys: 'Drag from the palette',
    label: 'Add a node where you drop it (or click / Enter: at the centre)',
  },
  { keys: 'Drag handle → handle', label: 'Connect: right handle (output) to left handle (input)' },
  { keys: 'Drag output → scope', label: 'Aim a scope at another node' },
  { keys: 'Shift+drag', label: 'Box select' },
  { keys: 'Ctrl+click', label: 'Add to the selection' },
  { keys: 'Double click', label: 'Rename a node; open the matrix of a population synapse' },
  { keys: 'Right click', label: 'Context menu' },
  { keys: 'Scroll / drag the background', label: 'Zoom / pan' },
  { keys: 'Ctrl+wheel over a chart', label: 'Zoom its time axis (drag pans, double-click resets)' },
  { keys: 'Drag the bar above the charts', label: 'Give the charts more or less room' },
];

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Listens for the shortcuts while the canvas is mounted (not while typing in a field). */
export function useEditorShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || isTyping(e.target)) return;
      const { matrixEdgeId, helpOpen } = uiStore.getState();
      if ((matrixEdgeId || helpOpen) && e.key !== 'Escape') return;
      const shortcut = SHORTCUTS.find((s) => s.matches(e));
      if (!shortcut) return;
      e.preventDefault();
      shortcut.run();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
