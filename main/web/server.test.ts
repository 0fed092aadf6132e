/** `npm run web` itself: a port already in use is one line and exit 1, never a stack trace. */
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.resolve('out/main/web.js'), '--no-open', ...args], {
      env: { ...process.env, CI: 'true' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('web host command', () => {
  it('says in one line that the port is in use', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const { code, stderr } = await run(['--port', String(port)]);
      expect(code).toBe(1);
      expect(stderr.trim().split('\n')).toEqual([
        `error: port ${port} is already in use (is NeuroSketch already running?): choose another with --port N, or leave --port out for a free one`,
      ]);
    } finally {
      blocker.close();
    }
  });

  it('refuses a bad port in one line', async () => {
    const { code, stderr } = await run(['--port', 'x']);
    expect(code).toBe(2);
    expect(stderr.trim()).toBe('error: --port needs a whole number from 0 to 65535');
  });
});
