/** Where the app's own files are, from source, from the built bundle, or from a packaged app. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding package.json (the project root, or the app folder inside an asar). */
export function appRoot(fromUrl: string = import.meta.url): string {
  let dir = path.dirname(fileURLToPath(fromUrl));
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find the NeuroSketch app folder (package.json)');
    dir = parent;
  }
}

export function examplesDir(): string {
  return path.join(appRoot(), 'examples');
}

/** The built renderer (index.html and assets). */
export function rendererDir(): string {
  return path.join(appRoot(), 'out', 'renderer');
}

/** The bundled worker script, next to the bundle that imports it. */
export function workerUrl(): URL {
  return new URL('./simWorker.js', pathToBundleDir());
}

function pathToBundleDir(): URL {
  return new URL(`file://${path.join(appRoot(), 'out', 'main')}/`);
}
