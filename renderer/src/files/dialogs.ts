/**
 * The app's modal dialogs as promises: code asks (`askUnsaved`, `pickWorkspaceFile`, ...) and
 * awaits the answer; DialogHost renders whichever request is current. One dialog at a time: a
 * request made while another is open is answered "cancelled" at once.
 */
import { createStore } from 'zustand/vanilla';
import type { GrantedFile, OpenedFile, Recovery } from '../../../shared/ipc/fileContract';

export type UnsavedAnswer = 'save' | 'discard' | 'cancel';

/** What the start screen (the examples gallery) was asked to do. */
export type GalleryChoice =
  | { kind: 'example'; id: string }
  | { kind: 'new' }
  | { kind: 'open' }
  | { kind: 'recent'; handle: string };

export type DialogRequest =
  | { kind: 'unsaved'; fileName: string; action: string; resolve(answer: UnsavedAnswer): void }
  | { kind: 'open'; resolve(file: OpenedFile | null): void }
  | { kind: 'saveAs'; suggestedName: string; resolve(file: GrantedFile | null): void }
  | { kind: 'recovery'; recovery: Recovery; resolve(restore: boolean): void }
  | {
      kind: 'examples';
      /** At startup: the welcome title, and a button to go on with the circuit already open. */
      welcome?: boolean;
      resolve(choice: GalleryChoice | null): void;
    }
  | { kind: 'recent'; resolve(handle: string | null): void }
  | { kind: 'about'; resolve(): void }
  | { kind: 'preferences'; resolve(): void };

export const dialogStore = createStore<{ current: DialogRequest | null }>(() => ({
  current: null,
}));

type Kind = DialogRequest['kind'];
type RequestOf<K extends Kind> = Extract<DialogRequest, { kind: K }>;
type AnswerOf<K extends Kind> = Parameters<RequestOf<K>['resolve']>[0];

function cancelled(kind: Kind): unknown {
  if (kind === 'unsaved') return 'cancel';
  if (kind === 'recovery') return false;
  return kind === 'about' || kind === 'preferences' ? undefined : null;
}

/** Shows a dialog and resolves with its answer when the user closes it. */
export function ask<K extends Kind>(
  request: Omit<RequestOf<K>, 'resolve'> & { kind: K },
): Promise<AnswerOf<K>> {
  return new Promise((resolve) => {
    if (dialogStore.getState().current) {
      resolve(cancelled(request.kind) as AnswerOf<K>);
      return;
    }
    const full = {
      ...request,
      resolve: (answer: AnswerOf<K>) => {
        dialogStore.setState({ current: null });
        resolve(answer);
      },
    } as unknown as DialogRequest;
    dialogStore.setState({ current: full });
  });
}
