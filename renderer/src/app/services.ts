/**
 * The window's services, assembled once (App): run/'s (host, session, run controller, preferences,
 * canvas slot), the file session and the command registry with every command registered.
 */
import type { HostApi } from '../../../shared/ipc/contract';
import { FileSession } from '../files/fileSession';
import { createRunServices, type Services } from '../run/services';
import { CommandRegistry } from '../ui/commands';
import { registerCommands } from './commands';

export function createAppServices(host: HostApi): Services {
  const run = createRunServices(host);
  const commands = new CommandRegistry<Services>(() => services);
  const services: Services = {
    ...run,
    files: new FileSession(host, run.preferences),
    commands,
  };
  registerCommands(commands);
  return services;
}
