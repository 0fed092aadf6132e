/**
 * The start screen, which is also the examples gallery: at startup it greets the user over the
 * default circuit (still loaded behind it); File > Examples… and the toolbar's Examples… open it
 * again. It offers a new empty circuit, Open file…, and the shipped examples with their names and
 * descriptions in the course notes' order; "Show at startup" is a preference.
 */
import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { ExampleInfo, RecentEntry } from '../../../shared/ipc/fileContract';
import { useServices } from '../run/services';
import { documentStore } from '../document/documentStore';
import type { DialogRequest } from './dialogs';
import { Modal } from '../ui/Modal';
import { useList } from './useList';

function PlusIcon() {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" className="start-screen__icon">
      <path d="M12 5v14M5 12h14" />
    </svg>
  );
}

function FolderIcon() {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" className="start-screen__icon">
      <path d="M3 7.5A1.5 1.5 0 0 1 4.5 6h4l2 2h9A1.5 1.5 0 0 1 21 9.5v8a1.5 1.5 0 0 1-1.5 1.5h-15A1.5 1.5 0 0 1 3 17.5z" />
    </svg>
  );
}

export function StartScreen({
  request,
}: {
  request: Extract<DialogRequest, { kind: 'examples' }>;
}) {
  const welcome = request.welcome === true;
  const { host, preferences } = useServices();
  const { items, error } = useList<ExampleInfo>(() => host.listExamples());
  // The student's own circuits come first at startup, and the default action continues the last.
  const recent = useList<RecentEntry>(() => host.listRecent());
  const recentItems = welcome ? (recent.items ?? []).slice(0, 5) : [];
  const last = recentItems[0];
  const savedShowAtStartup = useStore(preferences.store, (s) => s.showStartScreen);
  // The box follows the click at once; the preference is saved behind it (and the box goes back if
  // that fails).
  const [showAtStartup, setShowAtStartupBox] = useState(savedShowAtStartup);
  const currentName = useStore(documentStore, (s) => s.document?.name ?? null);
  const [preferenceError, setPreferenceError] = useState<string | null>(null);
  const dismiss = useRef<HTMLButtonElement>(null);
  // Runs after the modal opened (a parent's effect runs after its children's): the safe default
  // for Enter is to go on with what is open, not to replace it.
  useEffect(() => dismiss.current?.focus(), [last]);

  const setShowAtStartup = async (show: boolean): Promise<void> => {
    setShowAtStartupBox(show);
    const next = { ...preferences.store.getState(), showStartScreen: show };
    const failed = await preferences.save(next);
    setPreferenceError(failed);
    if (failed) setShowAtStartupBox(preferences.store.getState().showStartScreen);
  };

  return (
    <Modal
      title={welcome ? 'Welcome to NeuroSketch' : 'Examples'}
      onCancel={() => request.resolve(null)}
      className="gallery start-screen"
      description={
        welcome ? (
          <p>
            Build small neural circuits from the course notes and watch them run live. Start with an
            example, a blank canvas, or a circuit of your own.
          </p>
        ) : undefined
      }
    >
      {recentItems.length > 0 && (
        <>
          <h3 className="start-screen__heading">Your recent circuits</h3>
          <ul className="gallery__list start-screen__recent" aria-label="recent circuits">
            {recentItems.map((entry) => (
              <li key={entry.handle}>
                <button
                  type="button"
                  className="gallery__item"
                  onClick={() => request.resolve({ kind: 'recent', handle: entry.handle })}
                >
                  <span className="gallery__name">{entry.fileName}</span>
                  <span className="gallery__description">{entry.location}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <div className="start-screen__actions">
        <button
          type="button"
          className="start-screen__action"
          onClick={() => request.resolve({ kind: 'new' })}
        >
          <PlusIcon />
          <span className="start-screen__text">
            <span className="gallery__name">New empty circuit</span>
            <span className="gallery__description">a blank canvas to build on</span>
          </span>
        </button>
        <button
          type="button"
          className="start-screen__action"
          onClick={() => request.resolve({ kind: 'open' })}
        >
          <FolderIcon />
          <span className="start-screen__text">
            <span className="gallery__name">Open file…</span>
            <span className="gallery__description">a .neuro circuit you saved</span>
          </span>
        </button>
      </div>
      <h3 className="start-screen__heading">Examples, in the order of the course notes</h3>
      {error && <p role="alert">{error}</p>}
      <ul className="gallery__list start-screen__list" aria-label="examples">
        {items?.map((example) => (
          <li key={example.id}>
            <button
              type="button"
              className="gallery__item"
              onClick={() => request.resolve({ kind: 'example', id: example.id })}
            >
              <span className="gallery__name">{example.name}</span>
              <span className="gallery__description">{example.description}</span>
            </button>
          </li>
        ))}
      </ul>
      {preferenceError && (
        <p role="alert" className="ns-modal__error">
          {preferenceError}
        </p>
      )}
      <div className="ns-modal__actions start-screen__footer">
        <label className="start-screen__startup">
          <input
            type="checkbox"
            checked={showAtStartup}
            onChange={(event) => void setShowAtStartup(event.target.checked)}
          />
          Show at startup
        </label>
        {last ? (
          <button
            ref={dismiss}
            type="button"
            className="primary"
            onClick={() => request.resolve({ kind: 'recent', handle: last.handle })}
          >
            Continue with “{last.fileName}”
          </button>
        ) : (
          <button
            ref={dismiss}
            type="button"
            className={welcome ? 'primary' : undefined}
            onClick={() => request.resolve(null)}
          >
            {welcome ? (currentName ? `Continue with “${currentName}”` : 'Close') : 'Cancel'}
          </button>
        )}
      </div>
    </Modal>
  );
}
