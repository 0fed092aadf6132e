/**
 * Starting the browser host (`out/main/web.js`) and Chromium for tests and UI benchmarks: one
 * place for the flags these machines need (e2e/fixtures.ts and bench/ui*.bench.ts use it).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/**
 * The Chromium `npm test` found (scripts/findBrowser.mjs passes it as NEUROSKETCH_CHROMIUM), else
 * Debian's; when neither exists the fixture lets Playwright use its own. Flags: no sandbox, no GPU,
 * nothing from the network.
 */
export const CHROMIUM_PATH = process.env['NEUROSKETCH_CHROMIUM'] || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface WebHostProcess {
  url: string;
  process: ChildProcess;
}

/**
 * Start `out/main/web.js --no-open` under `root` with its own workspace and data folders; resolves
 * with the printed address (with its access token) once the host listens.
 */
export function spawnWebHost(
  root: string,
  folders: { workspaceDir: string; dataDir: string },
  env: Record<string, string> = {},
): Promise<WebHostProcess> {
  const child = spawn(process.execPath, [path.join(root, 'out/main/web.js'), '--no-open'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      ...process.env,
      ...env,
      NEUROSKETCH_WORKSPACE: folders.workspaceDir,
      NEUROSKETCH_DATA_DIR: folders.dataDir,
    },
  });
  return new Promise<WebHostProcess>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`web host did not start: ${out}`)), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /running at (http:\/\/\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1]!, process: child });
      }
    });
    child.on('exit', (code) => reject(new Error(`web host exited with ${code}: ${out}`)));
  });
}
