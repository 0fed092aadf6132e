/**
 * The renderer's services: what talks to the host or lives as long as the window, created once by
 * the app (app/App.tsx) and reached by components through one React context (`useServices()`),
 * never through module globals. This folder's part is `createRunServices(host)`: the host, the run
 * session, its controller, the preferences and the canvas slot. The folders above add theirs by
 * declaring them on `Services` (TypeScript module augmentation: `declare module '../run/services'`),
 * so run/ never imports them: files/ adds `files`, and app/ assembles the whole with the command
 * registry.
 *
 * The zustand stores (document, ui, drafts, file state, ...) are state, not services: they stay
 * module stores (decision 0024).
 */
import { createContext, useContext, type ReactNode } from 'react';
import type { HostApi } from '../../../shared/ipc/contract';
import { CanvasSlot } from '../document/canvasSlot';
import type { CommandRegistry } from '../ui/commands';
import { createPreferences, type PreferencesService } from '../ui/preferences';
import { RunController } from './RunController';
import { SimulationSession } from './SimulationSession';

/** The services of run/ and the folders below it. */
export interface RunServices {
  /** The typed host API (run/hostClient.ts). */
  readonly host: HostApi;
  /** The streamed data of the current run. */
  readonly session: SimulationSession;
  /** Run, pause, stop, step, live edits. */
  readonly run: RunController;
  readonly preferences: PreferencesService;
  /** The canvas's bridge for the editor's actions, while the canvas is mounted. */
  readonly canvas: CanvasSlot;
}

/** Every service of the window; folders above run/ declare theirs here (see the top). */
export interface Services extends RunServices {
  /** Commands by id: menus, keys, context menu, toolbars and the help sheet (ui/commands.ts). */
  readonly commands: CommandRegistry<Services>;
}

export function createRunServices(host: HostApi): RunServices {
  const session = new SimulationSession(host);
  return {
    host,
    session,
    run: new RunController(host, session),
    preferences: createPreferences(host),
    canvas: new CanvasSlot(),
  };
}

const ServicesContext = createContext<Services | null>(null);

export function ServicesProvider({
  services,
  children,
}: {
  services: Services;
  children: ReactNode;
}) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

/** The window's services (inside `ServicesProvider`, which App mounts at the top). */
export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices() outside ServicesProvider (app/App.tsx)');
  return services;
}
