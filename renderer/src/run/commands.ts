/**
 * The Simulation menu's commands (ui/commands.ts): Run, Pause (or Resume), Step (one dt) and Stop
 * call the run controller (run/RunController.ts), as the run toolbar's buttons do. No keys here:
 * the desktop menu's accelerators (F5, F6, F10, Shift+F5) are main's (main/electron/menu.ts).
 */
import { currentDocument } from '../document/documentStore';
import type { Command } from '../ui/commands';
import type { RunServices } from './services';

export const RUN_COMMANDS: ReadonlyArray<Command<RunServices>> = [
  {
    id: 'sim.run',
    label: 'Run',
    enabled: ({ run }) => currentDocument() !== null && !run.isActive,
    run: ({ run }) => run.start(),
  },
  {
    id: 'sim.pause',
    label: 'Pause or resume',
    enabled: ({ run }) => run.isActive,
    run: ({ run }) => run.togglePause(),
  },
  {
    id: 'sim.step',
    label: 'Step one time step',
    enabled: ({ run }) => currentDocument() !== null && run.canStep,
    run: ({ run }) => run.stepDt(),
  },
  {
    id: 'sim.stop',
    label: 'Stop',
    enabled: ({ run }) => run.isActive,
    run: ({ run }) => run.stop(),
  },
];
