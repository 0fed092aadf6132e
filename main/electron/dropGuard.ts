/**
 * The preload's record of what the user dropped (decision 0021). A capture-phase `drop` listener
 * in the preload's isolated world records the paths of the files of each trusted drop event (one a
 * person made, not one a script dispatched); `openDroppedFile` then proceeds only for a file whose
 * path is in the latest drop, once. Pure: the path lookup (webUtils.getPathForFile) is passed in.
 */

/** The part of a DOM DragEvent the guard reads. */
export interface DropEventLike {
  readonly isTrusted: boolean;
  readonly dataTransfer?: { readonly files?: ArrayLike<unknown> | null } | null;
}

/** At most this many files of one drop are remembered (the renderer opens the first). */
export const MAX_DROPPED_FILES = 16;

export interface DropGuard {
  /** The listener: remembers the paths of a trusted drop's files, replacing the previous drop. */
  record(event: DropEventLike): void;
  /** The file's path if it was in the latest drop (and forgets it), else null. */
  take(file: unknown): string | null;
}

export function createDropGuard(pathOf: (file: unknown) => string): DropGuard {
  const lookup = (file: unknown): string => {
    try {
      const p = pathOf(file);
      return typeof p === 'string' ? p : '';
    } catch {
      return '';
    }
  };
  let dropped: string[] = [];
  return {
    record(event) {
      if (event.isTrusted !== true) return;
      const files = event.dataTransfer?.files;
      const paths: string[] = [];
      const count = Math.min(files?.length ?? 0, MAX_DROPPED_FILES);
      for (let i = 0; i < count; i++) {
        const p = lookup(files![i]);
        if (p) paths.push(p);
      }
      // Only the latest drop counts: an earlier one the user did not act on is forgotten.
      dropped = paths;
    },
    take(file) {
      const p = lookup(file);
      if (!p) return null;
      const index = dropped.indexOf(p);
      if (index < 0) return null;
      dropped.splice(index, 1);
      return p;
    },
  };
}
