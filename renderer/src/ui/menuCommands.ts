/**
 * The renderer's command registry: native menu items (`menu:command`), in-app buttons and
 * keyboard shortcuts all run commands by name. Each part of the app registers the commands it
 * owns (files, preferences, about here; the editor and the run toolbar theirs); a command nobody
 * registered falls back to pressing the matching visible button, if there is one.
 */
import { menuCommandSchema, type MenuCommand } from '../../../shared/ipc/desktopContract';

type Handler = () => void | Promise<void>;
const handlers = new Map<MenuCommand, Handler>();

/** Registers the handler of a command; returns the unregister function. */
export function registerCommand(command: MenuCommand, handler: Handler): () => void {
  handlers.set(command, handler);
  return () => {
    if (handlers.get(command) === handler) handlers.delete(command);
  };
}

/** Buttons (by accessible name) that perform a command when nobody registered it. */
const FALLBACK_BUTTONS: Partial<Record<MenuCommand, RegExp>> = {
  'sim.run': /^run$/i,
  'sim.pause': /^pause$/i,
  'sim.stop': /^stop$/i,
  'sim.step': /^step/i,
  'edit.undo': /^undo$/i,
  'edit.redo': /^redo$/i,
};

function isEditable(element: Element | null): boolean {
  return (
    element instanceof HTMLInputElement ||
    element instanceof HTMLTextAreaElement ||
    (element instanceof HTMLElement && element.isContentEditable)
  );
}

/** Runs a command by name; an unknown name (a malformed event) is ignored. Returns whether it ran. */
export function runCommand(name: unknown): boolean {
  const parsed = menuCommandSchema.safeParse(name);
  if (!parsed.success) return false;
  const command = parsed.data;
  // Text fields keep their own undo, redo and select-all.
  if (isEditable(document.activeElement)) {
    const native = { 'edit.undo': 'undo', 'edit.redo': 'redo', 'edit.selectAll': 'selectAll' }[
      command as string
    ];
    if (native) {
      document.execCommand(native);
      return true;
    }
  }
  const handler = handlers.get(command);
  if (handler) {
    void handler();
    return true;
  }
  const pattern = FALLBACK_BUTTONS[command];
  if (!pattern) return false;
  const button = [...document.querySelectorAll('button')].find(
    (b) =>
      pattern.test((b.getAttribute('aria-label') ?? b.textContent ?? '').trim()) && !b.disabled,
  );
  button?.click();
  return Boolean(button);
}
