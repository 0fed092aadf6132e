/** Files the OS hands the app: on the command line, by file association, or a second instance. */
import path from 'node:path';

/**
 * The `.neuro` file among command-line arguments (flags and Electron's own arguments skipped),
 * resolved against the working directory of the process that received it; null when none.
 */
export function fileFromArgv(args: readonly string[], cwd: string): string | null {
  for (const arg of args) {
    if (arg.startsWith('-')) continue;
    if (arg.toLowerCase().endsWith('.neuro')) return path.resolve(cwd, arg);
  }
  return null;
}
