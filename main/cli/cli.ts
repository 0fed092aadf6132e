/**
 * The headless CLI (docs/format.md#results):
 *   neurosketch run FILE [--out PATH] [--duration S] [--dt S] [--seed N] [--set ID.PATH=VALUE]...
 *   neurosketch validate FILE
 * Exit codes: 0 ok, 1 runtime failure, 2 invalid input. Never a stack trace for a user's mistake.
 * Built as out/main/cli-core.cjs and started by launcher.ts (out/main/cli.js), which caches V8's
 * compiled code of it.
 */
import { runCli } from './runCli';

// A closed pipe (`... | head`) is the reader's choice, not an error worth a stack trace. Any other
// stdout error (ENOSPC on `> /dev/full`) reaches the write's callback, and runCli reports it in
// one line; this listener only keeps it from being thrown as an uncaught 'error' event.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
});

const io = {
  // Resolves once written (backpressure for a streamed result); rejects on a write error.
  stdout: (text: string) =>
    new Promise<void>((resolve, reject) => {
      process.stdout.write(text, (err) => (err ? reject(err) : resolve()));
    }),
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
