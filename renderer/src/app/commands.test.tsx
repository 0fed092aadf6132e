// @vitest-environment jsdom
/**
 * The command registry as the app fills it: every native menu item has its command, no key is
 * bound twice and each key finds its command, the help sheet lists every bound command, menu
 * commands arrive through the registry (Simulation > Run, Pause, Stop, Step call the run
 * controller), and keys go to the registry with the editor's and the menus' rules.
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { NetworkDocument } from '../../../shared/document/model';
import type { HostApi } from '../../../shared/ipc/contract';
import { menuCommandSchema } from '../../../shared/ipc/desktopContract';
import { HelpSheet } from '../canvas/HelpSheet';
import { currentDocument, loadDocumentCommand } from '../document/documentStore';
import { uiStore } from '../document/uiStore';
import { fileStore } from '../files/fileSession';
import { ServicesProvider, type Services } from '../run/services';
import { keysLabel, type KeyPress } from '../ui/commands';
import { createAppServices } from './services';
import { handleCommandKey, useCommandInput } from './useCommandInput';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const circuit = {
  format: 'neurosketch-network',
  version: 1,
  simulation: { dt: 1e-4, duration: 1, seed: 1 },
  nodes: [{ id: 'A', kind: 'neuron', model: 'lif', label: 'A' }],
  edges: [],
  probes: [],
  layout: { A: { x: 0, y: 0 } },
} as unknown as NetworkDocument;

/** A host whose events the test sends; requests are never made by these tests. */
function fakeHost() {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const host = {
    on: (event: string, listener: (payload: unknown) => void) => {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(listener);
      return () => listeners.get(event)!.delete(listener);
    },
  } as unknown as HostApi;
  const emit = (event: string, payload: unknown): void =>
    listeners.get(event)?.forEach((l) => l(payload));
  return { host, emit };
}

/** A key press as a binding says it (`Mod+Shift+Z` → Ctrl, Shift, "z"). */
function press(binding: string): KeyPress {
  const parts = binding.split('+');
  return {
    key: parts[parts.length - 1]!,
    ctrlKey: parts.includes('Mod'),
    metaKey: false,
    shiftKey: parts.includes('Shift'),
    altKey: false,
  };
}

let root: Root | null = null;
let container: HTMLElement | null = null;
function mount(element: React.ReactElement): HTMLElement {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  act(() => root!.render(element));
  return container;
}

beforeEach(() => loadDocumentCommand(circuit, 'c.neuro'));
afterEach(() => {
  act(() => root?.unmount());
  container?.remove();
  root = null;
  container = null;
  uiStore.setState({ helpOpen: false, selection: [] });
  fileStore.setState({ info: null });
  vi.restoreAllMocks();
});

describe('the command registry', () => {
  it('has a command for every native menu item', () => {
    const { commands } = createAppServices(fakeHost().host);
    const missing = menuCommandSchema.options.filter((id) => !commands.get(id));
    expect(missing).toEqual([]);
  });

  it('binds each key once, and each key finds its command', () => {
    const { commands } = createAppServices(fakeHost().host);
    const bound = commands.list().flatMap((c) => (c.keys ?? []).map((k) => [k, c.id] as const));
    expect(bound.length).toBeGreaterThan(20);
    const keys = bound.map(([k]) => k.toLowerCase());
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
    for (const [key, id] of bound) expect(commands.commandForKey(press(key))?.id, key).toBe(id);
    // as the editor always had them: Shift held with a plain letter, Ctrl+Shift+C copies, ? is
    // Shift+/, Ctrl+Shift+Z redoes but Ctrl+Z undoes
    expect(commands.commandForKey({ ...press('N'), shiftKey: true })?.id).toBe('node.addLif');
    expect(commands.commandForKey({ ...press('Mod+C'), shiftKey: true })?.id).toBe('edit.copy');
    expect(commands.commandForKey({ ...press('?'), shiftKey: true })?.id).toBe('help.shortcuts');
    expect(commands.commandForKey(press('Mod+Shift+Z'))?.id).toBe('edit.redo');
    expect(commands.commandForKey(press('Mod+Z'))?.id).toBe('edit.undo');
    expect(commands.commandForKey(press('Mod+Shift+S'))?.id).toBe('file.saveAs');
    // a letter with Ctrl is not the plain letter's command
    expect(commands.commandForKey(press('Mod+N'))).toBeUndefined();
  });

  it('the help sheet lists every command that has keys, with its keys', () => {
    const services = createAppServices(fakeHost().host);
    uiStore.setState({ helpOpen: true });
    const sheet = mount(
      <ServicesProvider services={services}>
        <HelpSheet />
      </ServicesProvider>,
    );
    const rows = [...sheet.querySelectorAll('table:first-of-type tr')].map((row) => [
      row.querySelector('kbd')?.textContent,
      row.querySelector('td')?.textContent,
    ]);
    const bound = services.commands.list().filter((c) => c.keys && c.keys.length > 0);
    expect(rows).toEqual(bound.map((c) => [keysLabel(c.keys!), c.label]));
    expect(rows).toContainEqual(['Ctrl+Shift+Z or Ctrl+Y', 'Redo']);
    expect(rows).toContainEqual(['Delete or Backspace', 'Delete the selection']);
  });
});

describe('native menus and keys', () => {
  function Input({ services }: { services: Services }) {
    useCommandInput(services);
    return null;
  }

  it('Simulation > Run, Pause, Stop and Step call the run controller', () => {
    const { host, emit } = fakeHost();
    const services = createAppServices(host);
    const run = services.run;
    const start = vi.spyOn(run, 'start').mockResolvedValue(true);
    const togglePause = vi.spyOn(run, 'togglePause').mockResolvedValue();
    const stop = vi.spyOn(run, 'stop').mockResolvedValue();
    const stepDt = vi.spyOn(run, 'stepDt').mockResolvedValue();
    mount(<Input services={services} />);

    emit('menuCommand', { command: 'sim.run' });
    expect(start).toHaveBeenCalledTimes(1);
    emit('menuCommand', { command: 'sim.step' });
    expect(stepDt).toHaveBeenCalledTimes(1);
    // Pause and Stop act on an active run only (the toolbar's buttons are disabled otherwise).
    emit('menuCommand', { command: 'sim.pause' });
    emit('menuCommand', { command: 'sim.stop' });
    expect(togglePause).not.toHaveBeenCalled();
    expect(stop).not.toHaveBeenCalled();
    vi.spyOn(run, 'isActive', 'get').mockReturnValue(true);
    emit('menuCommand', { command: 'sim.pause' });
    emit('menuCommand', { command: 'sim.stop' });
    expect(togglePause).toHaveBeenCalledTimes(1);
    expect(stop).toHaveBeenCalledTimes(1);
    // Run is refused while a run is active, as the toolbar's button is disabled then.
    emit('menuCommand', { command: 'sim.run' });
    expect(start).toHaveBeenCalledTimes(1);
    // A malformed event does nothing.
    emit('menuCommand', { command: 'sim.explode' });
    emit('menuCommand', null);
  });

  it('Edit > Select All selects the circuit, or the text of the focused field', () => {
    const { host, emit } = fakeHost();
    const services = createAppServices(host);
    mount(<Input services={services} />);
    emit('menuCommand', { command: 'edit.selectAll' });
    expect(uiStore.getState().selection).toEqual(['A']);

    uiStore.setState({ selection: [] });
    const field = document.createElement('input');
    document.body.append(field);
    field.focus();
    const execCommand = vi.fn(() => true);
    Object.defineProperty(document, 'execCommand', { value: execCommand, configurable: true });
    emit('menuCommand', { command: 'edit.selectAll' });
    expect(execCommand).toHaveBeenCalledWith('selectAll');
    expect(uiStore.getState().selection).toEqual([]);
    field.remove();
  });

  it('editor keys act on the circuit, not while typing nor under the help sheet (but Escape)', () => {
    const services = createAppServices(fakeHost().host);
    const key = (init: KeyboardEventInit, target: EventTarget = document.body) => {
      const e = new KeyboardEvent('keydown', { ...init, bubbles: true, cancelable: true });
      Object.defineProperty(e, 'target', { value: target });
      return handleCommandKey(services, e);
    };
    expect(key({ key: 'a', ctrlKey: true })).toBe(true);
    expect(uiStore.getState().selection).toEqual(['A']);
    const field = document.createElement('input');
    expect(key({ key: 'Escape' }, field)).toBe(false);
    expect(uiStore.getState().selection).toEqual(['A']);
    uiStore.setState({ helpOpen: true });
    expect(key({ key: 'n' })).toBe(false);
    expect(currentDocument()!.nodes).toHaveLength(1);
    expect(key({ key: 'Escape' })).toBe(true);
    expect(uiStore.getState().helpOpen).toBe(false);
    expect(key({ key: 'Escape' })).toBe(true);
    expect(uiStore.getState().selection).toEqual([]);
  });

  it('no key acts on the circuit behind a modal dialog, wherever the focus is', () => {
    const services = createAppServices(fakeHost().host);
    const key = (init: KeyboardEventInit) =>
      handleCommandKey(
        services,
        new KeyboardEvent('keydown', { ...init, bubbles: true, cancelable: true }),
      );
    const dialog = document.createElement('div');
    dialog.setAttribute('role', 'dialog');
    dialog.setAttribute('aria-modal', 'true');
    document.body.append(dialog);
    for (const init of [
      { key: 'a', ctrlKey: true },
      { key: 'd', ctrlKey: true },
      { key: 'n' },
      { key: 'Delete' },
    ])
      expect(key(init), init.key).toBe(false);
    expect(uiStore.getState().selection).toEqual([]);
    expect(currentDocument()!.nodes).toHaveLength(1);
    dialog.remove();
    expect(key({ key: 'a', ctrlKey: true })).toBe(true);
    expect(uiStore.getState().selection).toEqual(['A']);
  });

  it('menu keys (Ctrl+S) are the browser host’s, in fields too; Electron’s menu has them', () => {
    const services = createAppServices(fakeHost().host);
    const save = vi.spyOn(services.files, 'save').mockResolvedValue(true);
    const ctrlS = () =>
      handleCommandKey(
        services,
        new KeyboardEvent('keydown', { key: 's', ctrlKey: true, cancelable: true }),
      );
    fileStore.setState({ info: { host: 'electron', platform: 'linux', versions: {} } });
    expect(ctrlS()).toBe(false);
    expect(save).not.toHaveBeenCalled();
    fileStore.setState({ info: { host: 'web', platform: 'linux', versions: {} } });
    expect(ctrlS()).toBe(true);
    expect(save).toHaveBeenCalledTimes(1);
  });
});
