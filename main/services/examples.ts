/** The examples shipped with the app (the gallery). */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { examplesDir } from './appPaths';

/** The circuit the app opens with: one LIF neuron charging from a constant input. */
export const DEFAULT_EXAMPLE = 'lif-charging.neuro';

export async function readExample(fileName: string): Promise<string> {
  if (!/^[A-Za-z0-9_-]+\.neuro$/.test(fileName)) throw new Error(`no example "${fileName}"`);
  return readFile(path.join(examplesDir(), fileName), 'utf8');
}
