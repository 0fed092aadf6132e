/**
 * Editor benchmarks (issue 5), in headless Debian Chromium against the browser host
 * (`out/main/web.js`), on a 200-node, 400-synapse circuit (bench/editorNetwork.ts):
 *
 * - ui-editor-open-200 open_ms: from clicking the file in the Open dialog until the canvas shows
 *   all 200 nodes, measured and fitted into view (median of OPEN_RUNS opens);
 * - ui-editor-drag-200 fps: animation frames per second while a node is dragged in circles by the
 *   mouse (Playwright's real input events), against fps_ceiling, the same browser's rate on an
 *   empty page in the same run (before and after, averaged); fps_fraction = fps / fps_ceiling.
 *
 * Figures are printed as JSON lines, never asserted. Needs `node scripts/build.mjs` first.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { serializeDocument } from '../shared/document/canonical';
import { loadDocument } from '../shared/document/loadDocument';
import { CHROMIUM_ARGS, CHROMIUM_PATH, spawnWebHost } from '../e2e/webHostProcess';
import { median, report } from './benchOutput';
import { editorNetwork } from './editorNetwork';

const root = process.cwd();
const NODES = 200;
const EDGES = 400;
const BIG = 'editor-200.neuro';
const SMALL = 'editor-small.neuro';
const OPEN_RUNS = 5;
const DRAG_MS = 5000;
const CEILING_MS = 3000;

/** Animation frames per second of the page for `ms`. */
async function frameRate(page: Page, ms: number): Promise<number> {
  return page.evaluate(
    (duration) =>
      new Promise<number>((resolve) => {
        let frames = 0;
        const t0 = performance.now();
        const tick = (): void => {
          frames++;
          const elapsed = performance.now() - t0;
          if (elapsed < duration) requestAnimationFrame(tick);
          else resolve((frames * 1000) / elapsed);
        };
        requestAnimationFrame(tick);
      }),
    ms,
  );
}

async function ceiling(page: Page): Promise<number> {
  await page.setContent('<!doctype html><html><body></body></html>');
  return frameRate(page, CEILING_MS);
}

/** Opens `fileName` from the Open dialog; returns ms until all `count` nodes show, fitted. */
async function openTimed(page: Page, fileName: string, count: number): Promise<number> {
  await page.getByRole('button', { name: /^Open/ }).first().click();
  const entry = page.getByRole('button', { name: new RegExp(fileName.replace('.', '\\.')) });
  await entry.waitFor();
  const handle = await entry.elementHandle();
  const ms = await page.evaluate(
    ({ el, count }) =>
      new Promise<number>((resolve) => {
        const t0 = performance.now();
        (el as HTMLElement).click();
        const shown = (): boolean => {
          const nodes = document.querySelectorAll('.react-flow__node');
          if (nodes.length !== count) return false;
          const canvas = document.querySelector('.circuit-canvas')!.getBoundingClientRect();
          for (const n of nodes) {
            const r = n.getBoundingClientRect();
            if ((n as HTMLElement).style.visibility === 'hidden' || r.width === 0) return false;
            if (r.left < canvas.left - 1 || r.right > canvas.right + 1) return false;
            if (r.top < canvas.top - 1 || r.bottom > canvas.bottom + 1) return false;
          }
          return true;
        };
        const check = (): void => {
          // Shown in this frame: it is on screen once this frame is painted (the next one starts).
          if (shown()) requestAnimationFrame(() => resolve(performance.now() - t0));
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }),
    { el: handle, count },
  );
  await handle?.dispose();
  return ms;
}

/** Drags the node nearest the canvas centre in circles for DRAG_MS; returns fps and moves/s. */
async function dragRate(page: Page): Promise<{ fps: number; movesPerSecond: number; id: string }> {
  const target = await page.evaluate(() => {
    const canvas = document.querySelector('.circuit-canvas')!.getBoundingClientRect();
    const cx = canvas.left + canvas.width / 2;
    const cy = canvas.top + canvas.height / 2;
    let best = { id: '', x: 0, y: 0, d: Infinity };
    for (const n of document.querySelectorAll<HTMLElement>('.react-flow__node')) {
      const r = n.getBoundingClientRect();
      const x = r.left + r.width / 2;
      const y = r.top + r.height / 2;
      const d = Math.hypot(x - cx, y - cy);
      if (d < best.d) best = { id: n.dataset['id'] ?? '', x, y, d };
    }
    return best;
  });
  const positionOf = (): Promise<unknown> =>
    page.evaluate(
      (id) =>
        (
          window as unknown as {
            __neurosketchTest: { editor: { document(): { layout: Record<string, unknown> } } };
          }
        ).__neurosketchTest.editor.document().layout[id],
      target.id,
    );
  const before = JSON.stringify(await positionOf());
  await page.mouse.move(target.x, target.y);
  await page.mouse.down();
  await page.mouse.move(target.x + 4, target.y + 4);
  await page.mouse.move(target.x + 12, target.y + 8);
  // Count frames in the page while the mouse goes round (each move is one real input event).
  await page.evaluate(() => {
    const w = window as unknown as { __benchFrames: number; __benchStop: boolean };
    w.__benchFrames = 0;
    w.__benchStop = false;
    const tick = (): void => {
      w.__benchFrames++;
      if (!w.__benchStop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const t0 = Date.now();
  let moves = 0;
  const radius = 60;
  while (Date.now() - t0 < DRAG_MS) {
    const angle = moves * 0.15;
    await page.mouse.move(
      target.x + 12 + radius * Math.sin(angle),
      target.y + 8 + radius * (1 - Math.cos(angle)),
    );
    moves++;
  }
  const frames = await page.evaluate(() => {
    const w = window as unknown as { __benchFrames: number; __benchStop: boolean };
    w.__benchStop = true;
    return w.__benchFrames;
  });
  const seconds = (Date.now() - t0) / 1000;
  await page.mouse.up();
  const after = JSON.stringify(await positionOf());
  if (after === before) throw new Error(`the drag did not move ${target.id}: the figures are void`);
  return { fps: frames / seconds, movesPerSecond: moves / seconds, id: target.id };
}

async function main(): Promise<void> {
  const web = path.join(root, 'out', 'main', 'web.js');
  if (!existsSync(web)) throw new Error('out/main/web.js is missing: run `npm run build` first');
  const base = mkdtempSync(path.join(os.tmpdir(), 'neurosketch-bench-editor-'));
  const workspace = path.join(base, 'workspace');
  const dataDir = path.join(base, 'data');
  mkdirSync(workspace);
  mkdirSync(dataDir);
  // No start screen over the canvas (as e2e/fixtures.ts does).
  writeFileSync(path.join(dataDir, 'preferences.json'), '{"showStartScreen": false}\n');
  const big = editorNetwork(NODES, EDGES);
  const small = editorNetwork(3, 2);
  for (const [name, doc] of [
    [BIG, big],
    [SMALL, small],
  ] as const) {
    const text = serializeDocument(doc);
    const loaded = loadDocument(text);
    if (!loaded.ok) throw new Error(`${name} is invalid: ${JSON.stringify(loaded.issues[0])}`);
    writeFileSync(path.join(workspace, name), text);
  }
  const { url, process: host } = await spawnWebHost(root, {
    workspaceDir: workspace,
    dataDir,
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const ceilingBefore = await ceiling(page);

    await page.goto(url);
    await page.getByRole('toolbar', { name: 'simulation controls' }).waitFor();
    const opens: number[] = [];
    for (let r = 0; r < OPEN_RUNS; r++) {
      await openTimed(page, SMALL, 3); // so that each timed open replaces a different circuit
      opens.push(await openTimed(page, BIG, NODES));
    }
    await page.waitForTimeout(500);
    const drag = await dragRate(page);

    const ceilingAfter = await ceiling(page);
    const ceilingFps = (ceilingBefore + ceilingAfter) / 2;
    report('ui-editor-open-200', 'open_ms', median(opens), 'ms');
    report('ui-editor-open-200', 'open_ms_max', Math.max(...opens), 'ms');
    report('ui-editor-drag-200', 'fps', drag.fps, 'frames/s');
    report('ui-editor-drag-200', 'fps_ceiling', ceilingFps, 'frames/s');
    report('ui-editor-drag-200', 'fps_fraction', drag.fps / ceilingFps, '1');
    report('ui-editor-drag-200', 'mouse_moves_per_s', drag.movesPerSecond, 'events/s');
  } finally {
    await browser.close();
    host.kill('SIGTERM');
    rmSync(base, { recursive: true, force: true });
  }
}

await main();
