/** The examples shipped with the app (the gallery). */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { examplesDir } from './appPaths';

/** The circuit the app opens with: one LIF neuron charging from a constant input. */
export const DEFAULT_EXAMPLE = 'lif-charging.neuro';

/**
 * The gallery's order: the course notes' order, so a student meets the examples as the course
 * does. An example missing here is listed after these, by name (examples.test.ts checks that every
 * shipped example is listed).
 */
export const GALLERY_ORDER: readonly string[] = [
  'hh-current-steps.neuro', // 1.1 Hodgkin-Huxley
  'lif-charging.neuro', // 1.2.2 LIF
  'adaptation.neuro', // 1.2.2 LIF with spike-frequency adaptation (adaptive LIF)
  'psc-shapes.neuro', // 1.3.2 PSC filters: fast and slow, orders n
  'spike-train-psc.neuro', // 1.3.3 a spike train through a filter
  'two-drive-one.neuro', // 1.3.4 connection weights
  'bias-param-vs-node.neuro', // 1.3.4 the bias node
  'layer-softmax.neuro', // 1.2.3 activations and 1.3.4 z = Wx + b
  'winner-take-all.neuro', // 1.3.4 negative weights in a zero-delay cycle
  'cuba.neuro', // a network of 1.3.5's full LIF neurons
  'runaway-feedback.neuro', // what a failing run looks like
];

/** Sorts gallery entries into GALLERY_ORDER; others follow by the name a student reads. */
export function sortGallery<T extends { id: string; name: string }>(entries: T[]): T[] {
  const rank = (id: string): number => {
    const i = GALLERY_ORDER.indexOf(id);
    return i < 0 ? GALLERY_ORDER.length : i;
  };
  return [...entries].sort((a, b) => rank(a.id) - rank(b.id) || a.name.localeCompare(b.name));
}

export async function readExample(fileName: string): Promise<string> {
  if (!/^[A-Za-z0-9_-]+\.neuro$/.test(fileName)) throw new Error(`no example "${fileName}"`);
  return readFile(path.join(examplesDir(), fileName), 'utf8');
}
