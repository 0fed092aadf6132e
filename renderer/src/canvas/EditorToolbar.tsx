/**
 * The editor's toolbar over the canvas: undo/redo, tidy, fit, snap, export, help, and the
 * notices (why a connection was refused, what was added).
 */
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { exportPng, exportSvg } from './exportDiagram';
import { useServices } from '../run/services';
import { currentFileStem } from '../files/fileSession';
import { canRedo, canUndo, documentStore } from '../document/documentStore';
import { uiStore } from '../document/uiStore';

/** The editor's short notices (added, refused), at the bottom of the canvas, clear of new nodes. */
export function EditorNotice() {
  const notice = useStore(uiStore, (s) => s.notice);
  useEffect(() => {
    if (!notice) return undefined;
    const timer = window.setTimeout(
      () => {
        if (uiStore.getState().notice?.id === notice.id) uiStore.setState({ notice: null });
      },
      notice.tone === 'info' ? 4000 : 9000,
    );
    return () => window.clearTimeout(timer);
  }, [notice]);
  if (!notice) return null;
  return (
    <div
      className={`editor-notice editor-notice--${notice.tone}`}
      role={notice.tone === 'refusal' ? 'alert' : 'status'}
      aria-live="polite"
    >
      <span className="editor-notice__text">
        {notice.tone === 'refusal' ? (notice.lead ?? 'Not connected: ') : ''}
        {notice.text}
      </span>
      <button type="button" aria-label="dismiss" onClick={() => uiStore.setState({ notice: null })}>
        ×
      </button>
    </div>
  );
}

export function EditorToolbar() {
  const undoable = useStore(documentStore, canUndo);
  const redoable = useStore(documentStore, canRedo);
  const snap = useStore(uiStore, (s) => s.snapToGrid);
  const { commands, canvas } = useServices();
  // Named by the rule of every export: the file once saved, else the circuit (files/fileNames.ts).
  const exportName = (): string => `${currentFileStem()}-diagram`;
  return (
    <div className="editor-toolbar-wrap">
      <div className="editor-toolbar" role="toolbar" aria-label="editor">
        <button
          type="button"
          onClick={() => commands.execute('edit.undo')}
          disabled={!undoable}
          title="Undo (Ctrl+Z)"
          aria-label="Undo"
        >
          ↶ Undo
        </button>
        <button
          type="button"
          onClick={() => commands.execute('edit.redo')}
          disabled={!redoable}
          title="Redo (Ctrl+Shift+Z)"
          aria-label="Redo"
        >
          ↷ Redo
        </button>
        <span className="editor-toolbar__sep" />
        <button type="button" onClick={() => commands.execute('view.tidy')} title="Tidy layout (L)">
          Tidy
        </button>
        <button
          type="button"
          onClick={() => commands.execute('view.fitCanvas')}
          title="Zoom to fit (F)"
        >
          Fit
        </button>
        <label className="editor-toolbar__check" title="Snap to grid (G)">
          <input
            type="checkbox"
            checked={snap}
            onChange={(e) => uiStore.setState({ snapToGrid: e.target.checked })}
          />
          Snap
        </label>
        <span className="editor-toolbar__sep" />
        <button
          type="button"
          onClick={() => void exportPng(exportName(), canvas.nodeSizes())}
          title="Save the diagram as a PNG image"
        >
          PNG
        </button>
        <button
          type="button"
          onClick={() => exportSvg(exportName(), canvas.nodeSizes())}
          title="Save the diagram as an SVG drawing"
        >
          SVG
        </button>
        <button
          type="button"
          onClick={() => commands.execute('help.shortcuts')}
          title="Keyboard shortcuts and help (?)"
          aria-label="Keyboard shortcuts and help"
        >
          ?
        </button>
      </div>
    </div>
  );
}
