/**
 * The native menus (File, Edit, View, Simulation, Help; plus the app menu on macOS), as a pure
 * template function so tests can check every item without Electron. Items that act on the
 * document send a command to the renderer (`menu:command`, names in shared/ipc/desktopContract);
 * window and clipboard items use Electron's roles.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/ipc/desktopContract';

export interface MenuHandlers {
  /** Sends a command to the renderer. */
  command(command: MenuCommand): void;
  /** Opens a recent file (the path stays in main). */
  openRecent(path: string): void;
  clearRecent(): void;
}

export interface MenuContext {
  platform: NodeJS.Platform;
  appName: string;
  /** Recent files, newest first: a label for the menu and the path main opens. */
  recent: ReadonlyArray<{ label: string; path: string }>;
  /** Offer Toggle Developer Tools: development builds only (`!app.isPackaged`). */
  devTools: boolean;
}

type Item = MenuItemConstructorOptions;

export function buildMenuTemplate(context: MenuContext, handlers: MenuHandlers): Item[] {
  const mac = context.platform === 'darwin';
  const cmd = (label: string, command: MenuCommand, accelerator?: string): Item => ({
    label,
    id: command,
    ...(accelerator ? { accelerator } : {}),
    click: () => handlers.command(command),
  });
  const sep: Item = { type: 'separator' };

  const recentItems: Item[] =
    context.recent.length === 0
      ? [{ label: 'No Recent Files', enabled: false }]
      : context.recent.map((r) => ({ label: r.label, click: () => handlers.openRecent(r.path) }));

  const file: Item = {
    label: '&File',
    submenu: [
      cmd('&New', 'file.new', 'CmdOrCtrl+N'),
      cmd('&Open…', 'file.open', 'CmdOrCtrl+O'),
      {
        label: 'Open &Recent',
        id: 'file.openRecent',
        submenu: [
          ...recentItems,
          sep,
          {
            label: 'Clear Recent',
            enabled: context.recent.length > 0,
            click: () => handlers.clearRecent(),
          },
        ],
      },
      cmd('E&xamples…', 'file.examples'),
      sep,
      cmd('&Save', 'file.save', 'CmdOrCtrl+S'),
      cmd('Save &As…', 'file.saveAs', 'Shift+CmdOrCtrl+S'),
      {
        label: 'E&xport',
        id: 'file.export',
        submenu: [
          cmd('&Brian2 script…', 'file.exportBrian2'),
          cmd('&PyNN script…', 'file.exportPynn'),
        ],
      },
      ...(mac
        ? [sep, { role: 'close' } as Item]
        : [
            sep,
            cmd('&Preferences…', 'file.preferences', 'Ctrl+,'),
            sep,
            {
              role: 'quit',
              label: 'E&xit',
              accelerator: context.platform === 'win32' ? 'Alt+F4' : 'Ctrl+Q',
            } as Item,
          ]),
    ],
  };

  const edit: Item = {
    label: '&Edit',
    submenu: [
      cmd('&Undo', 'edit.undo', 'CmdOrCtrl+Z'),
      cmd('&Redo', 'edit.redo', mac ? 'Shift+Cmd+Z' : 'Ctrl+Y'),
      sep,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      cmd('&Delete', 'edit.delete', mac ? 'Backspace' : 'Delete'),
      cmd('Select &All', 'edit.selectAll', 'CmdOrCtrl+A'),
    ],
  };

  const view: Item = {
    label: '&View',
    submenu: [
      cmd('&Fit Circuit to Window', 'view.fitCanvas', 'CmdOrCtrl+0'),
      sep,
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { role: 'resetZoom', accelerator: 'CmdOrCtrl+Shift+0' },
      sep,
      { role: 'togglefullscreen', accelerator: mac ? 'Ctrl+Cmd+F' : 'F11' },
      ...(context.devTools ? [{ role: 'toggleDevTools' } as Item] : []),
    ],
  };

  const simulation: Item = {
    label: '&Simulation',
    submenu: [
      cmd('&Run', 'sim.run', 'F5'),
      cmd('&Pause', 'sim.pause', 'F6'),
      cmd('S&tep', 'sim.step', 'F10'),
      cmd('&Stop', 'sim.stop', 'Shift+F5'),
    ],
  };

  const help: Item = {
    label: '&Help',
    role: 'help',
    submenu: mac ? [] : [cmd(`&About ${context.appName}`, 'help.about')],
  };
  if (mac) (help.submenu as Item[]).push(cmd(`${context.appName} Help`, 'help.about'));

  const appMenu: Item = {
    label: context.appName,
    submenu: [
      cmd(`About ${context.appName}`, 'help.about'),
      sep,
      cmd('Settings…', 'file.preferences', 'Cmd+,'),
      sep,
      { role: 'services' },
      sep,
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      sep,
      { role: 'quit' },
    ],
  };

  return mac ? [appMenu, file, edit, view, simulation, help] : [file, edit, view, simulation, help];
}

/** Every item of a template, depth first (tests and lookups). */
export function flattenMenu(items: readonly Item[]): Item[] {
  const out: Item[] = [];
  for (const item of items) {
    out.push(item);
    if (Array.isArray(item.submenu)) out.push(...flattenMenu(item.submenu));
  }
  return out;
}
