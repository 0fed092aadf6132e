/**
 * The file controls in the header (both hosts; Electron also has them in its native menu), the
 * unsaved marker, and a status line for file actions and autosave.
 */
import { useStore } from 'zustand';
import { GearIcon } from '../ui/icons';
import { useServices } from '../run/services';
import { ExportMenu } from './ExportDialog';
import { dismissNotice, fileStore } from './fileSession';
import { ProblemList } from './ProblemList';
import { useDirty } from './useFileLifecycle';
import './files.css';

export function UnsavedMarker() {
  const dirty = useDirty();
  if (!dirty) return null;
  return (
    <span className="unsaved-marker" data-testid="unsaved-marker" title="unsaved changes">
      <span aria-hidden="true">●</span>
      <span className="visually-hidden">unsaved changes</span>
    </span>
  );
}

/** The file commands' buttons (files/commands.ts; the File menu runs the same commands). */
export function FileToolbar() {
  const { commands } = useServices();
  const run = (id: string) => (): void => void commands.execute(id);
  return (
    <div className="file-toolbar" role="toolbar" aria-label="file">
      <button type="button" onClick={run('file.new')}>
        New
      </button>
      <button type="button" onClick={run('file.open')}>
        Open…
      </button>
      <button type="button" onClick={run('file.recent')}>
        Recent…
      </button>
      <button type="button" onClick={run('file.examples')}>
        Examples…
      </button>
      <button type="button" onClick={run('file.save')}>
        Save
      </button>
      <button type="button" onClick={run('file.saveAs')}>
        Save as…
      </button>
      <ExportMenu />
      <button type="button" onClick={run('file.preferences')} aria-label="Preferences">
        <GearIcon />
      </button>
      <button type="button" onClick={run('help.about')} aria-label="About NeuroSketch">
        About
      </button>
    </div>
  );
}

/**
 * A notice, cut in the middle when it ends with a file name ("Saved a-b-dr…ve-c.neuro"): the end
 * of a name is what tells files apart. The whole text stays in the DOM (and in the tooltip).
 */
function NoticeText({ text }: { text: string }) {
  const TAIL = 12;
  if (!/\.neuro$/.test(text) || text.length <= TAIL + 8) {
    return <span className="file-status__text">{text}</span>;
  }
  return (
    <>
      <span className="file-status__text file-status__head">{text.slice(0, -TAIL)}</span>
      <span className="file-status__tail">{text.slice(-TAIL)}</span>
    </>
  );
}

export function FileStatus() {
  const notice = useStore(fileStore, (s) => s.notice);
  const autosavedAt = useStore(fileStore, (s) => s.autosavedAt);
  const dirty = useDirty();
  const when = autosavedAt ? new Date(autosavedAt) : null;
  return (
    <div className="file-status" role="status" aria-live="polite">
      {notice && (
        <span
          className={`file-status__item${notice.error ? ' file-status__error' : ''}`}
          title={notice.text}
        >
          <NoticeText text={notice.text} />
          <button
            type="button"
            className="file-status__dismiss"
            onClick={dismissNotice}
            aria-label="Dismiss"
          >
            ✕
          </button>
        </span>
      )}
      {dirty && when && (
        <span
          className="file-status__item"
          data-testid="autosave-status"
          title={`Unsaved changes autosaved at ${when.toLocaleTimeString()}: they come back if the app closes before you save`}
        >
          <span className="file-status__text">
            Autosaved {when.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}
          </span>
        </span>
      )}
    </div>
  );
}

/** The file name beside the circuit's name in the header, with the unsaved marker. */
export function FileTitle() {
  const fileName = useStore(fileStore, (s) => s.fileName);
  return (
    <span className="file-title" data-testid="file-title">
      <span className="file-title__name" title={fileName}>
        {fileName}
      </span>
      <UnsavedMarker />
    </span>
  );
}

/** The problems of the last file opened, when there are any. */
export function FileProblems() {
  const problems = useStore(fileStore, (s) => s.problems);
  return problems ? <ProblemList report={problems} /> : null;
}
