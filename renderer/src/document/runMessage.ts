/**
 * The run controls' message: why Run was refused (nothing to simulate, a field holds a value that
 * cannot be stored (document/drafts.ts), the host's admission rule), or why the host or a live edit
 * said no. UI state, never saved. It is shown at the top of the inspector column (RunMessage in
 * run/RunToolbar.tsx), where the field is fixed, so it covers nothing.
 *
 * How long a message stays is decided here, for every message (`watchRunMessage`), by what it is
 * about:
 *   - 'state': the document as it was when Run was pressed (nothing to simulate, the network is too
 *     large): it goes as soon as the document changes, and the next Run checks again. A refusal
 *     for a draft follows the drafts instead: fixing the field dismisses it, fixing one of several
 *     names the next.
 *   - 'run': what the host said about the run (a live edit refused, a step too large): it stays
 *     until dismissed.
 * Loading another circuit (New, Open, an example) takes any message down.
 * (A run that fails while running is the run's status, shown with its charts: run/RunController.ts.)
 */
import { createStore } from 'zustand/vanilla';
import { documentStore } from './documentStore';
import { draftStore, runRefusal, type Draft } from './drafts';

export interface RunMessage {
  text: string;
  /** What it describes, hence when it goes (above). */
  about: 'state' | 'run';
  /** Set when Run was refused for this draft: "Show" brings its field back. */
  draft?: Draft;
}

export const runMessageStore = createStore<{ message: RunMessage | null }>(() => ({
  message: null,
}));

/** Shows a message about the document's state (the default) or about the run; null clears. */
export function showRunMessage(
  text: string | null,
  about: RunMessage['about'] = 'state',
  draft?: Draft,
): void {
  runMessageStore.setState({
    message: text === null ? null : draft ? { text, about, draft } : { text, about },
  });
}

/** Brings a refusal up to date with the drafts that remain (none left: it goes). */
export function refreshRefusal(): void {
  const { message } = runMessageStore.getState();
  if (!message?.draft) return;
  const doc = documentStore.getState().document;
  const refusal = doc ? runRefusal(doc) : null;
  if (!refusal) runMessageStore.setState({ message: null });
  else if (refusal.message !== message.text || refusal.draft.key !== message.draft.key)
    runMessageStore.setState({
      message: { text: refusal.message, about: 'state', draft: refusal.draft },
    });
}

/**
 * Takes a message down once what it describes has gone: a state message when the document
 * changes, any message when another circuit is loaded (above).
 */
function documentChanged(loaded: boolean): void {
  const { message } = runMessageStore.getState();
  if (!message) return;
  if (loaded || (message.about === 'state' && !message.draft))
    runMessageStore.setState({ message: null });
  else refreshRefusal();
}

/** Keeps a shown message in step with the drafts and the document; returns the unsubscribe. */
export function watchRunMessage(): () => void {
  const offDrafts = draftStore.subscribe(refreshRefusal);
  const offDocument = documentStore.subscribe((state, previous) => {
    if (state.loadCount !== previous.loadCount) documentChanged(true);
    else if (state.document !== previous.document) documentChanged(false);
  });
  return () => {
    offDrafts();
    offDocument();
  };
}
