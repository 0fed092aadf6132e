/**
 * The headless CLI (docs/format.md#results):
 *   neurosketch run FILE [--out PATH] [--duration S] [--dt S] [--seed N] [--set ID.PATH=VALUE]...
 *   neurosketch validate FILE
 * Exit codes: 0 ok, 1 runtime failure, 2 invalid input. Never a stack trace for a user's mistake.
 */
import { runCli } from './runCli';

// A closed pipe (`... | head`) is the reader's choice, not an error worth a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

const io = {
  stdout: (text: string) => process.stdout.write(text),
  stderr: (text: string) => process.stderr.write(text),
};
runCli(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`error: internal failure: ${(err as Error).message}\n`);
    process.exitCode = 1;
  },
);
