/** Where the app's own files are, from source, from the built bundle, or from a packaged app. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

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

/**
 * The bundled worker script. In a packaged app it is unpacked beside the asar archive
 * (`app.asar.unpacked`), because a worker thread cannot start from inside the archive.
 */
export function workerUrl(name = 'simWorker'): URL {
  const file = path.join(appRoot(), 'out', 'main', `${name}.js`);
  const unpacked = file.replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`);
  return pathToFileURL(unpacked !== file && existsSync(unpacked) ? unpacked : file);
}
