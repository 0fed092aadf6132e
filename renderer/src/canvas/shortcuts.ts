/**
 * The editor's commands (ui/commands.ts): undo, redo, the clipboard, delete, rename, fit, tidy,
 * snap, adding nodes by key, recording, the help sheet and Escape, with their keys. The app
 * registers them (app/commands.ts); the key handler, the Edit and View menus, the context menu,
 * the editor toolbar and the help sheet all run them from the registry. Beside them the mouse
 * gestures the help sheet lists.
 */
import { currentDocument } from '../document/documentStore';
import { uiStore } from '../document/uiStore';
import {
  addFromPalette,
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
import { nativeTextEdit, textFieldFocused, type Command } from '../ui/commands';
import type { Services } from '../run/services';

/** An editor command acts on the open circuit (none while the app is still loading). */
function hasCircuit(): boolean {
  return currentDocument() !== null;
}

function editor(command: Command<Services>): Command<Services> {
  return { enabled: hasCircuit, ...command };
}

function addNode(id: string, key: string, paletteKey: string, label: string): Command<Services> {
  return editor({
    id,
    label,
    keys: [key],
    run: ({ canvas }) => addFromPalette(canvas, paletteKey),
  });
}

export const EDITOR_COMMANDS: ReadonlyArray<Command<Services>> = [
  {
    id: 'edit.undo',
    label: 'Undo',
    keys: ['Mod+Z'],
    // A text field keeps its own undo (the menu's Undo while typing); keys never get here then.
    enabled: () => hasCircuit() || textFieldFocused(),
    run: () => nativeTextEdit('undo') || undo(),
  },
  {
    id: 'edit.redo',
    label: 'Redo',
    keys: ['Mod+Shift+Z', 'Mod+Y'],
    enabled: () => hasCircuit() || textFieldFocused(),
    run: () => nativeTextEdit('redo') || redo(),
  },
  editor({
    id: 'edit.copy',
    label: 'Copy the selected nodes (with the synapses between them)',
    keys: ['Mod+C'],
    run: copy,
  }),
  editor({ id: 'edit.cut', label: 'Cut', keys: ['Mod+X'], run: cut }),
  editor({ id: 'edit.paste', label: 'Paste', keys: ['Mod+V'], run: ({ canvas }) => paste(canvas) }),
  editor({
    id: 'edit.duplicate',
    label: 'Duplicate',
    keys: ['Mod+D'],
    run: ({ canvas }) => duplicate(canvas),
  }),
  {
    id: 'edit.selectAll',
    label: 'Select all',
    keys: ['Mod+A'],
    enabled: () => hasCircuit() || textFieldFocused(),
    run: () => nativeTextEdit('selectAll') || selectAll(),
  },
  editor({
    id: 'edit.delete',
    label: 'Delete the selection',
    keys: ['Delete', 'Backspace'],
    run: deleteSelection,
  }),
  editor({
    id: 'edit.rename',
    label: 'Rename the selected node',
    keys: ['F2'],
    run: () => startRename(),
  }),
  editor({
    id: 'view.fitCanvas',
    label: 'Zoom to fit',
    keys: ['F'],
    run: ({ canvas }) => canvas.fitView(),
  }),
  editor({ id: 'view.tidy', label: 'Tidy layout', keys: ['L'], run: ({ canvas }) => tidy(canvas) }),
  editor({
    id: 'view.snapToGrid',
    label: 'Snap to grid on/off',
    keys: ['G'],
    run: () => uiStore.setState((s) => ({ snapToGrid: !s.snapToGrid })),
  }),
  addNode('node.addLif', 'N', 'lif', 'Add a LIF neuron at the centre'),
  addNode('node.addHh', 'H', 'hh', 'Add an HH neuron'),
  addNode('node.addRate', 'R', 'rate', 'Add a rate neuron'),
  addNode('node.addInput', 'I', 'input-constant', 'Add a constant input'),
  addNode('node.addBias', 'B', 'bias', 'Add a bias node'),
  editor({
    id: 'node.record',
    label: 'Record the selected node (a chip on it)',
    keys: ['S'],
    run: () => recordSelected(),
  }),
  editor({
    id: 'help.shortcuts',
    label: 'Show this list',
    keys: ['?'],
    run: () => uiStore.setState({ helpOpen: true }),
  }),
  editor({
    id: 'view.dismiss',
    label: 'Close menus, clear the selection',
    keys: ['Escape'],
    run: () => {
      const s = uiStore.getState();
      if (s.contextMenu || s.helpOpen || s.matrixEdgeId)
        uiStore.setState({ contextMenu: null, helpOpen: false, matrixEdgeId: null });
      else uiStore.setState({ selection: [] });
    },
  }),
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
  {
    keys: 'Double click',
    label: 'Rename a node; on a synapse: its weight matrix (several elements) or its weight',
  },
  { keys: 'Right click', label: 'Context menu' },
  { keys: 'Scroll / drag the background', label: 'Zoom / pan' },
  { keys: 'Ctrl+wheel over a chart', label: 'Zoom its time axis (drag pans, double-click resets)' },
  { keys: 'Drag the bar above the charts', label: 'Give the charts more or less room' },
];
