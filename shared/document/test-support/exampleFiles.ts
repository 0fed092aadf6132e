/**
 * The `.neuro` files tests run over: the spec's worked examples and the project's examples.
 * The folder reader is passed in (tests pass node:fs), because test-support/ is also compiled for
 * the renderer, which has no Node.
 */

export interface FolderReader {
  existsSync(path: string): boolean;
  readdirSync(path: string): string[];
}

/** The spec's examples as the spec folder holds them, when that folder is present (dev machines). */
export const SPEC_EXAMPLES_DIR = '/work/shared/spec/examples';
/** A copy of the spec's examples inside the repo, so CI checks them too. */
export const SPEC_EXAMPLES_COPY = 'shared/document/__fixtures__/spec';

export function neuroFiles(fs: FolderReader, dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.neuro'))
    .sort()
    .map((f) => `${dir}/${f}`);
}

/** Every valid example file: spec examples (both copies), examples/, examples/warnings/. */
export function validExampleFiles(fs: FolderReader): string[] {
  return [
    ...neuroFiles(fs, SPEC_EXAMPLES_DIR),
    ...neuroFiles(fs, SPEC_EXAMPLES_COPY),
    ...neuroFiles(fs, 'examples'),
    ...neuroFiles(fs, 'examples/warnings'),
  ];
}
