/**
 * The file commands (ui/commands.ts): New, Open, Recent, Examples, Save, Save As and the exports,
 * run by the File menu, the file toolbar and (in the browser host, where no native menu has the
 * accelerators) Ctrl+O, Ctrl+S and Ctrl+Shift+S.
 */
import type { Command } from '../ui/commands';
import type { Services } from '../run/services';

export const FILE_COMMANDS: ReadonlyArray<Command<Services>> = [
  { id: 'file.new', label: 'New circuit', run: ({ files }) => files.newDocument() },
  {
    id: 'file.open',
    label: 'Open a circuit',
    keys: ['Mod+O'],
    keyScope: 'menu',
    run: ({ files }) => files.openFile(),
  },
  { id: 'file.recent', label: 'Open a recent circuit', run: ({ files }) => files.openRecent() },
  { id: 'file.examples', label: 'Examples', run: ({ files }) => files.openExamples() },
  {
    id: 'file.save',
    label: 'Save',
    keys: ['Mod+S'],
    keyScope: 'menu',
    run: ({ files }) => files.save(),
  },
  {
    id: 'file.saveAs',
    label: 'Save as',
    keys: ['Mod+Shift+S'],
    keyScope: 'menu',
    run: ({ files }) => files.saveAs(),
  },
  {
    id: 'file.exportBrian2',
    label: 'Export a Brian2 script',
    run: ({ files }) => files.requestExport('brian2'),
  },
  {
    id: 'file.exportPynn',
    label: 'Export a PyNN script',
    run: ({ files }) => files.requestExport('pynn'),
  },
];
