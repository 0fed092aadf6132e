/**
 * Where menus and keys reach the command registry (ui/commands.ts): the native menus'
 * `menu:command` events (Electron's menu; ids of `menuCommandSchema`) run by id, and one keydown
 * listener runs the command a key is bound to. No key acts while a modal dialog is open. Editor
 * keys act on the circuit: not while typing in a field, nor under the help sheet or the matrix
 * editor (but Escape), nor before a circuit is open. Menu keys (Ctrl+O, Ctrl+S, ...) are handled here only in the browser host: in Electron the
 * native menu's accelerators do it.
 */
import { useEffect } from 'react';
import { menuCommandSchema } from '../../../shared/ipc/desktopContract';
import { currentDocument } from '../document/documentStore';
import { uiStore } from '../document/uiStore';
import { fileStore } from '../files/fileSession';
import type { Services } from '../run/services';
import { isTyping } from '../ui/commands';

/** Handles a keydown through the registry; true when a command took it. */
export function handleCommandKey(services: Services, e: KeyboardEvent): boolean {
  const command = services.commands.commandForKey(e);
  if (!command) return false;
  // A modal dialog open ("Restart the run?", Save changes?): its keys are its own, wherever the
  // focus is (a click on its backdrop leaves it on the page); nothing acts on what is behind it.
  if (modalOpen()) return false;
  if (command.keyScope === 'menu') {
    if (fileStore.getState().info?.host !== 'web' || e.altKey) return false;
  } else {
    if (e.defaultPrevented || isTyping(e.target) || currentDocument() === null) return false;
    const { matrixEdgeId, helpOpen } = uiStore.getState();
    if ((matrixEdgeId || helpOpen) && e.key !== 'Escape') return false;
  }
  e.preventDefault();
  services.commands.execute(command.id);
  return true;
}

/** Whether a modal dialog (`aria-modal`) is on screen. */
function modalOpen(): boolean {
  return typeof document !== 'undefined' && document.querySelector('[aria-modal="true"]') !== null;
}

export function useCommandInput(services: Services): void {
  const { host } = services;
  useEffect(() => {
    const offMenu = host.on('menuCommand', (payload) => {
      const parsed = menuCommandSchema.safeParse(payload?.command);
      if (parsed.success) services.commands.execute(parsed.data);
    });
    const onKeyDown = (e: KeyboardEvent): void => void handleCommandKey(services, e);
    window.addEventListener('keydown', onKeyDown);
    return () => {
      offMenu();
      window.removeEventListener('keydown', onKeyDown);
    };
  }, [host, services]);
}
