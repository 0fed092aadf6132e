/**
 * The app's own commands (Preferences, About) and the one place every feature's commands are
 * registered, in the order the help sheet lists them: the editor's (canvas/shortcuts.ts), the
 * files' (files/commands.ts), the run's (run/commands.ts), then these. A new command goes in the
 * list of its feature; a new menu item also needs its id in `menuCommandSchema`
 * (shared/ipc/desktopContract.ts) and its item in main/electron/menu.ts.
 */
import { EDITOR_COMMANDS } from '../canvas/shortcuts';
import { ask } from '../files/dialogs';
import { FILE_COMMANDS } from '../files/commands';
import { RUN_COMMANDS } from '../run/commands';
import type { Services } from '../run/services';
import type { Command, CommandRegistry } from '../ui/commands';

export const APP_COMMANDS: ReadonlyArray<Command<Services>> = [
  { id: 'file.preferences', label: 'Preferences', run: () => ask({ kind: 'preferences' }) },
  { id: 'help.about', label: 'About NeuroSketch', run: () => ask({ kind: 'about' }) },
];

export function registerCommands(registry: CommandRegistry<Services>): void {
  registry.register(...EDITOR_COMMANDS, ...FILE_COMMANDS, ...RUN_COMMANDS, ...APP_COMMANDS);
}
