/** Renders the current modal request of the dialog store (see dialogs.ts). */
import { useState } from 'react';
import { useStore } from 'zustand';
import type { RecentEntry } from '../../../shared/ipc/fileContract';
import { AboutDialog } from './AboutDialog';
import { PreferencesDialog } from './PreferencesDialog';
import { useServices } from '../run/services';
import { dialogStore, type DialogRequest } from '../files/dialogs';
import { Modal } from '../ui/Modal';
import { StartScreen } from '../files/StartScreen';
import { useList } from '../files/useList';
import { WorkspacePicker } from '../files/WorkspacePicker';

function UnsavedDialog({ request }: { request: Extract<DialogRequest, { kind: 'unsaved' }> }) {
  return (
    <Modal
      role="alertdialog"
      title={`Save changes to ${request.fileName}?`}
      description={<p>You have unsaved changes. To {request.action}, save them or discard them.</p>}
      onCancel={() => request.resolve('cancel')}
    >
      <div className="ns-modal__actions">
        <button type="button" className="primary" onClick={() => request.resolve('save')}>
          Save
        </button>
        <button type="button" onClick={() => request.resolve('discard')}>
          Don’t save
        </button>
        <button type="button" onClick={() => request.resolve('cancel')}>
          Cancel
        </button>
      </div>
    </Modal>
  );
}

function RecoveryDialog({ request }: { request: Extract<DialogRequest, { kind: 'recovery' }> }) {
  const when = new Date(request.recovery.savedAt);
  return (
    <Modal
      role="alertdialog"
      title="Restore unsaved work?"
      description={
        <p>
          NeuroSketch closed before your changes to <strong>{request.recovery.fileName}</strong>{' '}
          were saved. They were kept automatically at {when.toLocaleString()}.
        </p>
      }
      onCancel={() => request.resolve(false)}
    >
      <div className="ns-modal__actions">
        <button type="button" className="primary" onClick={() => request.resolve(true)}>
          Restore
        </button>
        <button type="button" onClick={() => request.resolve(false)}>
          Discard
        </button>
      </div>
    </Modal>
  );
}

function RecentDialog({ request }: { request: Extract<DialogRequest, { kind: 'recent' }> }) {
  const [cleared, setCleared] = useState(false);
  const { host } = useServices();
  const { items, error } = useList<RecentEntry>(() => host.listRecent());
  const shown = cleared ? [] : items;
  return (
    <Modal title="Open recent" onCancel={() => request.resolve(null)} className="gallery">
      {error && <p role="alert">{error}</p>}
      {shown && shown.length === 0 && <p>No recent files yet.</p>}
      <ul className="gallery__list" aria-label="recent files">
        {shown?.map((entry) => (
          <li key={entry.handle}>
            <button
              type="button"
              className="gallery__item"
              onClick={() => request.resolve(entry.handle)}
            >
              <span className="gallery__name">{entry.fileName}</span>
              <span className="gallery__description">{entry.location}</span>
            </button>
          </li>
        ))}
      </ul>
      <div className="ns-modal__actions">
        <button
          type="button"
          disabled={!shown || shown.length === 0}
          onClick={() => void host.clearRecent().then(() => setCleared(true))}
        >
          Clear list
        </button>
        <button type="button" onClick={() => request.resolve(null)}>
          Cancel
        </button>
      </div>
    </Modal>
  );
}

export function DialogHost() {
  const request = useStore(dialogStore, (s) => s.current);
  if (!request) return null;
  switch (request.kind) {
    case 'unsaved':
      return <UnsavedDialog request={request} />;
    case 'recovery':
      return <RecoveryDialog request={request} />;
    case 'open':
      return <WorkspacePicker mode="open" onDone={request.resolve} />;
    case 'saveAs':
      return (
        <WorkspacePicker
          mode="save"
          suggestedName={request.suggestedName}
          onDone={request.resolve}
        />
      );
    case 'examples':
      return <StartScreen request={request} />;
    case 'recent':
      return <RecentDialog request={request} />;
    case 'about':
      return <AboutDialog onClose={() => request.resolve()} />;
    case 'preferences':
      return <PreferencesDialog onClose={() => request.resolve()} />;
  }
}
