/**
 * Commands beyond run/validate, each in its own file: runCli dispatches to this table.
 *   export FILE --to brian2|pynn --out DIR [--inputs as-drawn|native]   (exportCommand.ts)
 *   compare A.json B.json [--tolerance KEY=VALUE]... [--json]             (compareCommand.ts)
 */
import { COMPARE_USAGE, compareCommand } from './compareCommand';
import { EXPORT_USAGE, exportCommand } from './exportCommand';
import type { CliIo } from './runCli';

export const EXTRA_COMMANDS: Record<string, (argv: string[], io: CliIo) => Promise<number>> = {
  export: exportCommand,
  compare: compareCommand,
};

export const EXTRA_USAGE = EXPORT_USAGE + COMPARE_USAGE;
