/**
 * The run controls' message: why Run was refused (a field holds a value that cannot be stored,
 * document/drafts.ts), or why the host or a live edit said no. UI state, never saved. It is shown at
 * the top of the inspector column (RunMessage in run/RunToolbar.tsx), where the field is
 * fixed, so it covers nothing.
 *
 * A refusal follows the drafts (`watchRefusal`): fixing the field dismisses it, fixing one of
 * several names the next, and loading another circuit (which ends its drafts) removes it.
 */
import { createStore } from 'zustand/vanilla';
import { documentStore } from './documentStore';
import { draftStore, runRefusal, type Draft } from './drafts';

export interface RunMessage {
  text: string;
  /** Set when Run was refused for this draft: "Show" brings its field back. */
  draft?: Draft;
}

export const runMessageStore = createStore<{ message: RunMessage | null }>(() => ({
  message: null,
}));

export function showRunMessage(text: string | null, draft?: Draft): void {
  runMessageStore.setState({
    message: text === null ? null : draft ? { text, draft } : { text },
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
    runMessageStore.setState({ message: { text: refusal.message, draft: refusal.draft } });
}

/** Keeps a shown refusal in step with the drafts and the document; returns the unsubscribe. */
export function watchRefusal(): () => void {
  const offDrafts = draftStore.subscribe(refreshRefusal);
  const offDocument = documentStore.subscribe(refreshRefusal);
  return () => {
    offDrafts();
    offDocument();
  };
}
