/**
 * `npm run web`: the same renderer and main-process services, hosted on 127.0.0.1 for a browser.
 * Flags: --port N (default random), --no-open (do not open a browser), --workspace DIR (the
 * picker's folder; default ~/Documents/NeuroSketch, env NEUROSKETCH_WORKSPACE), --data-dir DIR
 * (recent files, preferences, autosave; default ~/.config/neurosketch, env NEUROSKETCH_DATA_DIR).
 */
import path from 'node:path';
import { rendererDir, workerUrl } from '../services/appPaths';
import { openInBrowser } from './openInBrowser';
import { startWebHost } from './webHost';

const HELP = `npm run web [-- OPTIONS]: NeuroSketch in your browser, served only to this computer

  --port N          the port on 127.0.0.1 (default: a free one)
  --no-open         print the address instead of opening a browser
  --workspace DIR   the folder the Open and Save pickers show
                    (default ~/Documents/NeuroSketch, or NEUROSKETCH_WORKSPACE)
  --data-dir DIR    recent files, preferences and autosave
                    (default ~/.config/neurosketch, or NEUROSKETCH_DATA_DIR)
  --help            this text

The address it prints carries an access token (after #token=): open exactly that address.
The token is never put on a command line: the browser is handed a private redirect page.`;

interface WebArgs {
  port?: number;
  open: boolean;
  workspaceDir?: string;
  dataDir?: string;
}

function parseArgs(argv: string[]): WebArgs {
  const out: WebArgs = {
    open: true,
    workspaceDir: process.env['NEUROSKETCH_WORKSPACE'] || undefined,
    dataDir: process.env['NEUROSKETCH_DATA_DIR'] || undefined,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--port') {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value < 0 || value > 65535) {
        console.error('error: --port needs a whole number from 0 to 65535');
        process.exit(2);
      }
      out.port = value;
    } else if (arg === '--help' || arg === '-h') {
      console.log(HELP);
      process.exit(0);
    } else if (arg === '--no-open') out.open = false;
    else if (arg === '--workspace' || arg === '--data-dir') {
      const dir = argv[++i];
      if (!dir) {
        console.error(`error: ${arg} needs a folder`);
        process.exit(2);
      }
      if (arg === '--workspace') out.workspaceDir = path.resolve(dir);
      else out.dataDir = path.resolve(dir);
    } else {
      console.error(
        `error: unknown option ${arg} (known: --port N, --no-open, --workspace DIR, --data-dir DIR, --help)`,
      );
      process.exit(2);
    }
  }
  return out;
}

/** One line for what stops the host from starting (never a stack trace). */
function startFailure(error: NodeJS.ErrnoException, port: number | undefined): string {
  if (error.code === 'EADDRINUSE')
    return `error: port ${port} is already in use (is NeuroSketch already running?): choose another with --port N, or leave --port out for a free one`;
  if (error.code === 'EACCES')
    return `error: port ${port} is not allowed for this user: choose one above 1023 with --port N`;
  return `error: the host could not start: ${error.message}`;
}

const args = parseArgs(process.argv.slice(2));
// A failure inside one request is answered where it happens; anything that still escapes is
// logged in one line and the host stays up for the open tabs.
process.on('unhandledRejection', (reason) => {
  console.error(
    `internal error (the host keeps running): ${String((reason as Error)?.message ?? reason)}`,
  );
});
let host;
try {
  host = await startWebHost({
    port: args.port,
    rendererDir: rendererDir(),
    workerUrl: workerUrl(),
    workspaceDir: args.workspaceDir,
    dataDir: args.dataDir,
  });
} catch (e) {
  console.error(startFailure(e as NodeJS.ErrnoException, args.port));
  process.exit(1);
}
console.log(`NeuroSketch is running at ${host.url}`);
console.log('(only this computer can reach it; press Ctrl+C to stop)');
if (args.open && !process.env['CI']) openInBrowser(host.url);
const stop = (): void => {
  void host.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
