/**
 * The browser host's file picker: lists the workspace folder (only it and its subfolders; the host
 * refuses anything else) and hands back the same opaque handles as Electron's dialogs.
 */
import { useCallback, useEffect, useState } from 'react';
import type { GrantedFile, OpenedFile, WorkspaceListing } from '../../../shared/ipc/fileContract';
import { useServices } from '../run/services';
import { CircuitFileIcon, FolderIcon } from '../ui/icons';
import { Modal } from '../ui/Modal';

type Props =
  | { mode: 'open'; onDone(file: OpenedFile | null): void }
  | { mode: 'save'; suggestedName: string; onDone(file: GrantedFile | null): void };

function join(folder: string, name: string): string {
  return folder === '' ? name : `${folder}/${name}`;
}

export function WorkspacePicker(props: Props) {
  const { host } = useServices();
  const [folder, setFolder] = useState('');
  const [listing, setListing] = useState<WorkspaceListing | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState(props.mode === 'save' ? props.suggestedName : '');
  const [confirmReplace, setConfirmReplace] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    void host.listWorkspace({ folder }).then((result) => {
      if (!live) return;
      if (result.ok) {
        setListing(result.value);
        setError(null);
      } else setError(result.error);
    });
    return () => {
      live = false;
    };
  }, [host, folder]);

  const cancel = useCallback(() => props.onDone(null), [props]);

  const open = async (fileName: string): Promise<void> => {
    if (props.mode !== 'open') return;
    setBusy(true);
    const result = await host.openWorkspaceFile({ path: join(folder, fileName) });
    setBusy(false);
    if (result.ok) props.onDone(result.value);
    else setError(result.error);
  };

  const saveHere = async (overwrite: boolean): Promise<void> => {
    if (props.mode !== 'save') return;
    const trimmed = name.trim();
    if (!trimmed) {
      setError('Type a file name.');
      return;
    }
    const withExt = trimmed.toLowerCase().endsWith('.neuro') ? trimmed : `${trimmed}.neuro`;
    const exists = listing?.entries.some((e) => e.kind === 'file' && e.name === withExt);
    if (exists && !overwrite) {
      setConfirmReplace(true);
      return;
    }
    setBusy(true);
    const result = await host.createWorkspaceFile({ folder, name: withExt, overwrite });
    setBusy(false);
    if (result.ok) props.onDone(result.value);
    else setError(result.error);
  };

  const crumbs = folder === '' ? [] : folder.split('/');
  const title = props.mode === 'open' ? 'Open a circuit' : 'Save the circuit as';
  return (
    <Modal
      title={title}
      onCancel={cancel}
      className="picker"
      description={
        <p>
          Files in <strong>{listing?.rootLabel ?? 'your NeuroSketch folder'}</strong>
          {crumbs.length > 0 && <> / {crumbs.join(' / ')}</>}
        </p>
      }
    >
      <nav className="picker__crumbs" aria-label="folder">
        <button type="button" onClick={() => setFolder('')} disabled={folder === ''}>
          NeuroSketch folder
        </button>
        {crumbs.length > 0 && (
          <button
            type="button"
            onClick={() => setFolder(crumbs.slice(0, -1).join('/'))}
            aria-label="Up one folder"
          >
            ↑ Up
          </button>
        )}
      </nav>
      <ul className="picker__list" aria-label="files">
        {listing && listing.entries.length === 0 && (
          <li className="picker__empty">No circuits here yet.</li>
        )}
        {listing?.entries.map((entry) => (
          <li key={`${entry.kind}:${entry.name}`}>
            {entry.kind === 'folder' ? (
              <button
                type="button"
                className="picker__entry picker__entry--folder"
                onClick={() => setFolder(join(folder, entry.name))}
                aria-label={`folder ${entry.name}`}
              >
                <FolderIcon /> {entry.name}
              </button>
            ) : (
              <button
                type="button"
                className="picker__entry"
                disabled={busy}
                onClick={() => {
                  if (props.mode === 'open') void open(entry.name);
                  else {
                    setName(entry.name);
                    setConfirmReplace(false);
                  }
                }}
              >
                <CircuitFileIcon /> {entry.name}
              </button>
            )}
          </li>
        ))}
      </ul>
      {props.mode === 'save' && (
        <form
          className="picker__save"
          onSubmit={(event) => {
            event.preventDefault();
            void saveHere(false);
          }}
        >
          <label>
            File name
            <input
              type="text"
              value={name}
              autoFocus
              onChange={(event) => {
                setName(event.target.value);
                setConfirmReplace(false);
              }}
            />
          </label>
          {confirmReplace ? (
            <div role="alert" className="picker__replace">
              {name} already exists. Replace it?
              <button type="button" onClick={() => void saveHere(true)} disabled={busy}>
                Replace
              </button>
            </div>
          ) : (
            <button type="submit" className="primary" disabled={busy}>
              Save
            </button>
          )}
        </form>
      )}
      {error && (
        <p role="alert" className="ns-modal__error">
          {error}
        </p>
      )}
      <div className="ns-modal__actions">
        <button type="button" onClick={cancel}>
          Cancel
        </button>
      </div>
    </Modal>
  );
}
