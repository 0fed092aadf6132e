/**
 * The honest test of atomic saving: a child process saves a multi-megabyte file over and over,
 * alternating two versions, and is SIGKILLed at random moments, many times. After every kill the
 * file must parse and be exactly the old or the new version. The same harness run with a naive
 * writeFileSync must catch a torn file, which shows the harness can see the failure it guards
 * against; leftover temp files show kills did land in the middle of atomic saves.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveFileAtomic } from './fileStore';

const CHILD = path.resolve('main/services/__fixtures__/saveLoop.mjs');
const KILLS = 40;

let dir: string;
let bundle: string;
let versionA: string;
let versionB: string;

/** A valid JSON document of about `megabytes` MB whose content identifies the version. */
function bigDocument(version: string, megabytes: number): string {
  const values = Array.from(
    { length: Math.round((megabytes * 1e6) / 20) },
    (_, i) => i * 1.000001 + (version === 'A' ? 0 : 0.5),
  );
  return `${JSON.stringify({ format: 'neurosketch-network', version: 1, name: `version ${version}`, data: values }, null, 2)}\n`;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'neurosketch-kill-'));
  bundle = path.join(dir, 'fileStore.mjs');
  await build({
    entryPoints: ['main/services/fileStore.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: bundle,
    logLevel: 'error',
  });
  versionA = bigDocument('A', 3);
  versionB = bigDocument('B', 3.3);
  writeFileSync(path.join(dir, 'A.json'), versionA);
  writeFileSync(path.join(dir, 'B.json'), versionB);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Starts a saving child, waits for its first save, lets it run `ms`, kills it with SIGKILL. */
function saveAndKill(mode: 'atomic' | 'naive', target: string, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [CHILD, mode, bundle, target, path.join(dir, 'A.json'), path.join(dir, 'B.json')],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), ms));
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve();
      else reject(new Error(`child exited by itself (code ${code}): ${stderr}`));
    });
    child.on('error', reject);
  });
}

type Outcome = 'A' | 'B' | 'torn';

function inspect(target: string): Outcome {
  const text = readFileSync(target, 'utf8');
  if (text === versionA) return 'A';
  if (text === versionB) return 'B';
  return 'torn';
}

function tempFiles(folder: string): string[] {
  return readdirSync(folder).filter((f) => f.endsWith('.tmp'));
}

describe('saveFileAtomic under SIGKILL', () => {
  it(`leaves the complete old or new file after each of ${KILLS} random kills`, async () => {
    const folder = mkdtempSync(path.join(dir, 'atomic-'));
    const target = path.join(folder, 'circuit.neuro');
    await saveFileAtomic(target, versionA);
    const seen: Outcome[] = [];
    let leftovers = 0;
    for (let k = 0; k < KILLS; k++) {
      await saveAndKill('atomic', target, Math.random() * 60);
      const outcome = inspect(target);
      seen.push(outcome);
      expect(outcome, `kill ${k}: the file is neither version`).not.toBe('torn');
      expect(() => JSON.parse(readFileSync(target, 'utf8'))).not.toThrow();
      leftovers += tempFiles(folder).length > 0 ? 1 : 0;
    }
    // Both versions were on disk at some kill, and some kills hit a save in progress
    // (its temp file was left behind; the next child's save removes it).
    expect(seen).toContain('A');
    expect(seen).toContain('B');
    expect(leftovers).toBeGreaterThan(0);
    // A save by a live process cleans the dead processes' temp files.
    await saveFileAtomic(target, versionB);
    expect(tempFiles(folder)).toEqual([]);
    expect(inspect(target)).toBe('B');
  });

  it('the harness does catch a torn file when the save is not atomic (writeFileSync)', async () => {
    const folder = mkdtempSync(path.join(dir, 'naive-'));
    const target = path.join(folder, 'circuit.neuro');
    writeFileSync(target, versionA);
    let torn = false;
    for (let k = 0; k < KILLS && !torn; k++) {
      await saveAndKill('naive', target, Math.random() * 60);
      torn = inspect(target) === 'torn';
    }
    expect(torn).toBe(true);
  });
});
