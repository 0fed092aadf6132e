/**
 * The file controls in the header (both hosts; Electron also has them in its native menu), the
 * unsaved marker, and a status line for file actions and autosave.
 */
import { useStore } from 'zustand';
import { GearIcon } from '../ui/icons';
import { runCommand } from '../ui/menuCommands';
import { ask } from './dialogs';
import { ExportMenu } from './ExportDialog';
import { dismissNotice, fileSession, openRecent } from './fileSession';
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

export function FileToolbar() {
  return (
    <div className="file-toolbar" role="toolbar" aria-label="file">
      <button type="button" onClick={() => runCommand('file.new')}>
        New
      </button>
      <button type="button" onClick={() => runCommand('file.open')}>
        Open…
      </button>
      <button type="button" onClick={() => void openRecent()}>
        Recent…
      </button>
      <button type="button" onClick={() => runCommand('file.examples')}>
        Examples…
      </button>
      <button type="button" onClick={() => runCommand('file.save')}>
        Save
      </button>
      <button type="button" onClick={() => runCommand('file.saveAs')}>
        Save as…
      </button>
      <ExportMenu />
      <button
        type="button"
        onClick={() => void ask({ kind: 'preferences' })}
        aria-label="Preferences"
      >
        <GearIcon />
      </button>
      <button
        type="button"
        onClick={() => void ask({ kind: 'about' })}
        aria-label="About NeuroSketch"
      >
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
  const notice = useStore(fileSession, (s) => s.notice);
  const autosavedAt = useStore(fileSession, (s) => s.autosavedAt);
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
  const fileName = useStore(fileSession, (s) => s.fileName);
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
  const problems = useStore(fileSession, (s) => s.problems);
  return problems ? <ProblemList report={problems} /> : null;
}
