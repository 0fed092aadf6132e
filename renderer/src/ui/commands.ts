/**
 * The command registry (as VS Code and Excalidraw have it): every command of the app by id, with
 * its label, its keys and whether it can run now. Native menus (`menu:command` events), keyboard
 * shortcuts, the context menu, the toolbars and the help sheet all reach a command through the
 * registry, so each is defined once, beside its feature (files/commands.ts, run/commands.ts,
 * canvas/shortcuts.ts, app/commands.ts), and app/ registers them all (app/commands.ts).
 *
 * A command is what a person asks for; what it does to the document is an action
 * (document/actions.ts) or a document command (document/commands.ts, applied with its history
 * policy by `applyCommand`). Generic in its context `C` (the app's services), so this bottom
 * folder knows no feature.
 */

export interface Command<C> {
  /** Unique; the menu's ids are those of `menuCommandSchema` (shared/ipc/desktopContract.ts). */
  readonly id: string;
  /** As listed in the help sheet. */
  readonly label: string;
  /**
   * Its key bindings, e.g. `Mod+Z`, `Mod+Shift+Z`, `Delete`, `F2`, `N`, `?`. `Mod` is Ctrl (or ⌘).
   * A letter without Mod also fires with Shift held, and a Mod binding without Shift also fires
   * with it when no binding claims the Shift variant (Ctrl+Shift+C copies, Ctrl+Shift+Z redoes).
   */
  readonly keys?: readonly string[];
  /**
   * 'editor' (the default): the key acts on the circuit, so not while typing in a field, nor under
   * a dialog but for Escape, nor before a circuit is open. 'menu': the key of a native menu item
   * (Electron's accelerator does it there), handled by the page only where there is no native
   * menu (the browser host), in fields too.
   */
  readonly keyScope?: 'editor' | 'menu';
  /** Whether it can run now (disabled: menus and `execute` do nothing); always when absent. */
  enabled?(context: C): boolean;
  run(context: C): unknown;
}

/** What a key binding needs of a keydown event (a KeyboardEvent has it). */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

interface Binding {
  key: string;
  mod: boolean;
  shift: boolean;
}

function parseBinding(text: string): Binding {
  const parts = text.split('+');
  // "+" itself would be the last part after an empty one; no binding uses it.
  const key = parts[parts.length - 1]!;
  const modifiers = new Set(parts.slice(0, -1));
  return {
    key: key.length === 1 ? key.toLowerCase() : key,
    mod: modifiers.has('Mod'),
    shift: modifiers.has('Shift'),
  };
}

/** A binding as shown to people: `Mod+Shift+Z` → `Ctrl+Shift+Z`. */
export function keyLabel(binding: string): string {
  return binding.replace(/\bMod\+/g, 'Ctrl+');
}

/** All of a command's bindings as shown: `Ctrl+Shift+Z or Ctrl+Y`. */
export function keysLabel(keys: readonly string[]): string {
  return keys.map(keyLabel).join(' or ');
}

/**
 * Whether a key press is this binding. `exact`: Shift as the binding says; otherwise a binding
 * without Shift accepts it held (for `?`, which needs Shift, and as the editor always did).
 */
function matches(binding: Binding, e: KeyPress, exact: boolean): boolean {
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (key !== binding.key) return false;
  const mod = e.ctrlKey || e.metaKey;
  const shiftOk = exact ? e.shiftKey === binding.shift : binding.shift ? e.shiftKey : true;
  if (binding.mod) return mod && shiftOk;
  // A plain letter or digit: not with Ctrl, ⌘ or Alt (those are other shortcuts, or the OS's).
  if (/^[a-z0-9]$/.test(binding.key)) return !mod && !e.altKey && shiftOk;
  // Named keys (Delete, F2, Escape) and symbols (?): whatever modifiers are held.
  return true;
}

export class CommandRegistry<C> {
  private readonly commands = new Map<string, Command<C>>();

  /** `context`: the services a command runs with, read when it runs. */
  constructor(private readonly context: () => C) {}

  /** Adds commands; an id registered twice is a programming error. Returns the unregister. */
  register(...commands: ReadonlyArray<Command<C>>): () => void {
    for (const command of commands) {
      if (this.commands.has(command.id)) throw new Error(`command ${command.id} registered twice`);
      this.commands.set(command.id, command);
    }
    return () => {
      for (const command of commands)
        if (this.commands.get(command.id) === command) this.commands.delete(command.id);
    };
  }

  get(id: string): Command<C> | undefined {
    return this.commands.get(id);
  }

  /** Whether the command exists and can run now. */
  isEnabled(id: string): boolean {
    const command = this.commands.get(id);
    return command !== undefined && (command.enabled?.(this.context()) ?? true);
  }

  /**
   * Runs a command by id (a menu item, a key, a button). An unknown id (a malformed event) or a
   * disabled command does nothing. Returns whether it ran.
   */
  execute(id: string): boolean {
    const command = this.commands.get(id);
    if (!command) return false;
    const context = this.context();
    if (command.enabled && !command.enabled(context)) return false;
    void command.run(context);
    return true;
  }

  /** The command a key press is bound to, if any (exact bindings before Shift-tolerant ones). */
  commandForKey(e: KeyPress): Command<C> | undefined {
    for (const exact of [true, false]) {
      for (const command of this.commands.values()) {
        if (command.keys?.some((k) => matches(parseBinding(k), e, exact))) return command;
      }
    }
    return undefined;
  }

  /** Every command, in the order registered (the help sheet lists those with keys). */
  list(): Array<Command<C>> {
    return [...this.commands.values()];
  }

  /** A command's first key as shown (`Ctrl+D`), for a menu item beside its label. */
  keyOf(id: string): string | undefined {
    const first = this.commands.get(id)?.keys?.[0];
    return first === undefined ? undefined : keyLabel(first);
  }
}

/** Whether a text field (input, text area, editable element) has the focus. */
export function textFieldFocused(element: Element | null = document.activeElement): boolean {
  return (
    element instanceof HTMLInputElement ||
    element instanceof HTMLTextAreaElement ||
    (element instanceof HTMLElement && element.isContentEditable)
  );
}

/**
 * Undo, Redo and Select All from a native menu while a text field has the focus act on the field's
 * text, not on the circuit. True when the field took it.
 */
export function nativeTextEdit(action: 'undo' | 'redo' | 'selectAll'): boolean {
  if (!textFieldFocused()) return false;
  document.execCommand(action);
  return true;
}

/** Whether a keydown's target is a field being typed in (editor keys leave it alone). */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}
