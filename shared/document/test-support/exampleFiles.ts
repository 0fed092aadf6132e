/**
 * The `.neuro` files tests run over: the spec's worked examples and the project's examples.
 * The folder reader is passed in (tests pass node:fs), because test-support/ is also compiled for
 * the renderer, which has no Node.
 */

export interface FolderReader {
  existsSync(path: string): boolean;
  readdirSync(path: string): string[];
}

/**
 * The contract's worked examples where the contract lives, beside the repository (relative to the
 * repository root, the tests' working directory), when that folder is present.
 */
export const SPEC_EXAMPLES_DIR = '../shared/spec/examples';
/** A copy of the contract's worked examples inside the repo, used when the folder above is absent. */
export const SPEC_EXAMPLES_COPY = 'shared/document/__fixtures__/spec';

/** The worked examples: from the contract's folder when present, else the in-repo copy. */
export function specExampleFiles(fs: FolderReader): string[] {
  return fs.existsSync(SPEC_EXAMPLES_DIR)
    ? neuroFiles(fs, SPEC_EXAMPLES_DIR)
    : neuroFiles(fs, SPEC_EXAMPLES_COPY);
}

export function neuroFiles(fs: FolderReader, dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.neuro'))
    .sort()
    .map((f) => `${dir}/${f}`);
}

/** Every valid example file: the worked examples, examples/, examples/warnings/. */
export function validExampleFiles(fs: FolderReader): string[] {
  return [
    ...specExampleFiles(fs),
    ...neuroFiles(fs, 'examples'),
    ...neuroFiles(fs, 'examples/warnings'),
  ];
}
