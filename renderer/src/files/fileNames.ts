/**
 * The one rule for the names the app proposes: a circuit saved to a file goes by that file's name;
 * a circuit never saved (New, an example, a dropped copy, restored untitled work) goes by its own
 * name, as a slug ("A and B drive C" -> "a-and-b-drive-c"), and by the file name it came with when
 * it has no name. Save As proposes `${stem}.neuro`; exports are `${stem}-run.csv`,
 * `${stem}-diagram.png`, ...
 */

/** What a new circuit's file is called until it is saved. */
export const UNTITLED_FILE_NAME = 'untitled.neuro';

const NEURO = /\.neuro$/i;

/** What the rule needs to know about the open circuit. */
export interface OpenFileFacts {
  /** The file name shown in the title (`untitled.neuro` for a new circuit). */
  fileName: string;
  /** Whether the circuit is saved to that file (Save writes to it without asking). */
  saved: boolean;
  /** The circuit's `name`, if it has one. */
  circuitName?: string | undefined;
}

/**
 * A file-name slug of a circuit's name: lower case, accents dropped, every run of characters other
 * than letters and digits one '-', at most 60 characters. '' when nothing is left.
 */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .slice(0, 60)
    .replace(/^-+|-+$/g, '');
}

/** The stem of every name the app proposes for the open circuit (no extension). */
export function fileStem(file: OpenFileFacts): string {
  const own = file.fileName.replace(NEURO, '');
  if (file.saved && own) return own;
  return slugify(file.circuitName ?? '') || own || 'untitled';
}

/** The name Save / Save As proposes. */
export function proposedFileName(file: OpenFileFacts): string {
  return `${fileStem(file)}.neuro`;
}
