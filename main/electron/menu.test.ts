import { describe, expect, it, vi } from 'vitest';
import { menuCommandSchema } from '../../shared/ipc/desktopContract';
import { buildMenuTemplate, flattenMenu } from './menu';
import { fitToDisplays } from './windowState';
import { fileFromArgv } from './osOpen';

function build(
  platform: NodeJS.Platform,
  recent = [{ label: 'a.neuro — ~', path: '/h/a.neuro' }],
  devTools = false,
) {
  const handlers = { command: vi.fn(), openRecent: vi.fn(), clearRecent: vi.fn() };
  const template = buildMenuTemplate(
    { platform, appName: 'NeuroSketch', recent, devTools },
    handlers,
  );
  return { template, handlers, items: flattenMenu(template) };
}

const click = (item: { click?: unknown } | undefined): void => (item!.click as () => void)();

describe('native menu template', () => {
  it('has File, Edit, View, Simulation and Help (and the app menu on macOS)', () => {
    expect(build('linux').template.map((m) => m.label)).toEqual([
      '&File',
      '&Edit',
      '&View',
      '&Simulation',
      '&Help',
    ]);
    expect(build('darwin').template.map((m) => m.label)).toEqual([
      'NeuroSketch',
      '&File',
      '&Edit',
      '&View',
      '&Simulation',
      '&Help',
    ]);
  });

  it('each command item sends its own command, and every command has an item', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const { items, handlers } = build(platform);
      const sent = new Set<string>();
      for (const item of items.filter((i) => i.id && menuCommandSchema.safeParse(i.id).success)) {
        handlers.command.mockClear();
        click(item);
        expect(handlers.command).toHaveBeenCalledTimes(1);
        expect(handlers.command).toHaveBeenCalledWith(item.id);
        sent.add(item.id!);
      }
      expect([...sent].sort()).toEqual([...menuCommandSchema.options].sort());
    }
  });

  it('uses the platform accelerators', () => {
    const accel = (platform: NodeJS.Platform, id: string) =>
      build(platform).items.find((i) => i.id === id)?.accelerator;
    expect(accel('linux', 'file.open')).toBe('CmdOrCtrl+O');
    expect(accel('linux', 'file.saveAs')).toBe('Shift+CmdOrCtrl+S');
    expect(accel('linux', 'edit.redo')).toBe('Ctrl+Y');
    expect(accel('darwin', 'edit.redo')).toBe('Shift+Cmd+Z');
    expect(accel('darwin', 'file.preferences')).toBe('Cmd+,');
    expect(accel('win32', 'file.preferences')).toBe('Ctrl+,');
    expect(accel('linux', 'sim.run')).toBe('F5');
    const quit = (p: NodeJS.Platform) => build(p).items.find((i) => i.role === 'quit');
    expect(quit('win32')?.accelerator).toBe('Alt+F4');
    expect(quit('linux')?.accelerator).toBe('Ctrl+Q');
    expect(quit('darwin')?.accelerator).toBeUndefined();
  });

  it('offers Toggle Developer Tools in a development build only', () => {
    const recent = [{ label: 'a.neuro — ~', path: '/h/a.neuro' }];
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const roles = (devTools: boolean) =>
        build(platform, recent, devTools).items.map((i) => String(i.role ?? '').toLowerCase());
      expect(roles(true)).toContain('toggledevtools');
      expect(roles(false)).not.toContain('toggledevtools');
      // Nothing else of the menu changes.
      expect(roles(true).filter((r) => r !== 'toggledevtools')).toEqual(roles(false));
    }
  });

  it('Open Recent opens the chosen file by path in main, and can be cleared', () => {
    const { items, handlers } = build('linux');
    click(items.find((i) => i.label === 'a.neuro — ~'));
    expect(handlers.openRecent).toHaveBeenCalledWith('/h/a.neuro');
    click(items.find((i) => i.label === 'Clear Recent'));
    expect(handlers.clearRecent).toHaveBeenCalledTimes(1);
    const empty = build('linux', []).items;
    expect(empty.find((i) => i.label === 'No Recent Files')?.enabled).toBe(false);
    expect(empty.find((i) => i.label === 'Clear Recent')?.enabled).toBe(false);
  });
});

describe('window state', () => {
  const screen = { x: 0, y: 0, width: 1920, height: 1080 };
  it('keeps a window that is on screen', () => {
    const state = { x: 100, y: 80, width: 1280, height: 820, maximized: false };
    expect(fitToDisplays(state, [screen])).toEqual(state);
  });
  it('lets the OS place a window whose monitor is gone, and shrinks it to the screen', () => {
    expect(
      fitToDisplays({ x: 3000, y: 80, width: 2560, height: 1400, maximized: true }, [screen]),
    ).toEqual({ width: 1920, height: 1080, maximized: true });
  });
});

describe('files from the command line', () => {
  it('takes the first .neuro argument, resolved against the working directory', () => {
    expect(fileFromArgv(['--inspect', 'a.txt', 'net.neuro', 'b.neuro'], '/home/u')).toBe(
      '/home/u/net.neuro',
    );
    expect(fileFromArgv(['/abs/x.NEURO'], '/home/u')).toBe('/abs/x.NEURO');
    expect(fileFromArgv(['--flag', '.'], '/home/u')).toBeNull();
  });
});
