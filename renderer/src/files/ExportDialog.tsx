/**
 * File > Export > "Brian2 script…" / "PyNN script…" (issue 13). The menu button of the file
 * toolbar (Electron's native File > Export sends the same commands) opens this dialog, which
 * lists what each node, edge and probe becomes in the peer, and what cannot be exported with the
 * reason, before anything is written; then main writes the folder (script, data/, README.md) the
 * CLI's `export` writes: into the workspace in the browser host, where the user chooses in
 * Electron.
 */
import { useEffect, useState } from 'react';
import { serializeDocument } from '../../../shared/document/canonical';
import type { ExportPreview, ExportTarget } from '../../../shared/ipc/exportContract';
import { useServices } from '../run/services';
import { documentStore } from '../document/documentStore';
import { fileStore } from './fileSession';
import { Modal } from '../ui/Modal';

const PEER_NAMES: Record<ExportTarget, string> = { brian2: 'Brian2', pynn: 'PyNN' };

type Phase =
  | { kind: 'closed' }
  | { kind: 'loading'; to: ExportTarget }
  | { kind: 'preview'; to: ExportTarget; preview: ExportPreview; error?: string }
  | { kind: 'writing'; to: ExportTarget; preview: ExportPreview };

function request(to: ExportTarget, inputs: 'as-drawn' | 'native') {
  const doc = documentStore.getState().document;
  return {
    to,
    inputs,
    documentText: doc ? serializeDocument(doc) : '',
    fileName: fileStore.getState().fileName,
  };
}

/** The Export menu button and its dialog. */
export function ExportMenu() {
  const [menuOpen, setMenuOpen] = useState(false);
  const [phase, setPhase] = useState<Phase>({ kind: 'closed' });
  const [inputs, setInputs] = useState<'as-drawn' | 'native'>('as-drawn');
  const { host, files } = useServices();

  const open = (to: ExportTarget, with_ = inputs): void => {
    setMenuOpen(false);
    setPhase({ kind: 'loading', to });
    void host.previewExport(request(to, with_)).then((result) => {
      if (result.ok) setPhase({ kind: 'preview', to, preview: result.value });
      else
        setPhase({
          kind: 'preview',
          to,
          preview: { ok: false, lines: [], folderName: '' },
          error: result.error,
        });
    });
  };

  // File > Export > Brian2 / PyNN (the commands file.exportBrian2 and file.exportPynn).
  useEffect(() => files.onExportRequested((to) => open(to)));

  const write = async (to: ExportTarget, preview: ExportPreview): Promise<void> => {
    setPhase({ kind: 'writing', to, preview });
    const result = await host.writeExport(request(to, inputs));
    if (!result.ok) {
      setPhase({ kind: 'preview', to, preview, error: result.error });
      return;
    }
    setPhase({ kind: 'closed' });
    if (result.value)
      fileStore.setState({
        notice: {
          text: `Exported ${PEER_NAMES[to]} script to ${result.value.location}`,
          error: false,
        },
      });
  };

  return (
    <span className="export-menu" style={{ position: 'relative' }}>
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={menuOpen}
        aria-label="Export"
        title="Export: Brian2 or PyNN script"
        onClick={() => setMenuOpen((v) => !v)}
      >
        {/* an arrow leaving a tray: compact, so the file row keeps room for its status */}
        <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <path
            d="M8 1v9M4.5 4.5 8 1l3.5 3.5M2 9v5h12V9"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.6"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
      </button>
      {menuOpen && (
        <span
          role="menu"
          aria-label="Export"
          className="export-menu__items"
          style={{
            position: 'absolute',
            top: '100%',
            left: 0,
            zIndex: 20,
            display: 'flex',
            flexDirection: 'column',
            background: 'var(--panel-bg, Canvas)',
            boxShadow: '0 2px 8px rgba(0, 0, 0, 0.3)',
          }}
        >
          <button type="button" role="menuitem" onClick={() => open('brian2')}>
            Brian2 script…
          </button>
          <button type="button" role="menuitem" onClick={() => open('pynn')}>
            PyNN script…
          </button>
        </span>
      )}
      {phase.kind !== 'closed' && (
        <Modal
          title={`Export a ${PEER_NAMES[phase.to]} script`}
          onCancel={() => setPhase({ kind: 'closed' })}
          className="export-dialog"
          description={
            phase.kind === 'loading'
              ? 'Checking what maps…'
              : phase.preview.ok
                ? `Writes a folder ${phase.preview.folderName}: circuit.py, its data files and a README with the commands to run it.`
                : 'Some elements cannot be exported; nothing will be written.'
          }
        >
          {phase.kind !== 'loading' && (
            <>
              <label className="export-dialog__inputs">
                Random inputs{' '}
                <select
                  value={inputs}
                  onChange={(e) => {
                    const v = e.target.value as 'as-drawn' | 'native';
                    setInputs(v);
                    open(phase.to, v);
                  }}
                >
                  <option value="as-drawn">as NeuroSketch draws them</option>
                  <option value="native">drawn by the peer</option>
                </select>
              </label>
              <ul className="export-dialog__lines" aria-label="what maps">
                {phase.preview.lines.map((line) => (
                  <li
                    key={`${line.kind}:${line.id}:${line.path}:${line.text}`}
                    data-ok={line.ok && !line.warning ? 'yes' : line.ok ? 'warning' : 'no'}
                  >
                    <span aria-hidden="true">{line.ok ? (line.warning ? '!' : '✓') : '✗'}</span>{' '}
                    <strong>
                      {line.kind} {line.id}
                    </strong>
                    : {line.text}
                  </li>
                ))}
              </ul>
              {phase.kind === 'preview' && phase.error && (
                <p role="alert" className="export-dialog__error">
                  {phase.error}
                </p>
              )}
            </>
          )}
          <div className="ns-modal__actions">
            <button type="button" onClick={() => setPhase({ kind: 'closed' })}>
              Cancel
            </button>
            <button
              type="button"
              disabled={phase.kind !== 'preview' || !phase.preview.ok}
              onClick={() => {
                if (phase.kind === 'preview') void write(phase.to, phase.preview);
              }}
            >
              Write folder
            </button>
          </div>
        </Modal>
      )}
    </span>
  );
}
