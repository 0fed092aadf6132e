/** The keyboard-shortcut sheet (press ?). */
import { useStore } from 'zustand';
import { GESTURES, SHORTCUTS } from './shortcuts';
import { uiStore } from '../document/uiStore';

export function HelpSheet() {
  const open = useStore(uiStore, (s) => s.helpOpen);
  if (!open) return null;
  const close = (): void => uiStore.setState({ helpOpen: false });
  return (
    <div className="editor-dialog-backdrop" onClick={close}>
      <div
        className="editor-dialog help-sheet"
        role="dialog"
        aria-label="keyboard shortcuts"
        onClick={(e) => e.stopPropagation()}
      >
        <header className="editor-dialog__head">
          <h2>Keyboard shortcuts</h2>
          <button type="button" onClick={close} aria-label="close">
            ×
          </button>
        </header>
        <div className="help-sheet__cols">
          <table>
            <tbody>
              {SHORTCUTS.map((s) => (
                <tr key={s.keys}>
                  <th scope="row">
                    <kbd>{s.keys}</kbd>
                  </th>
                  <td>{s.label}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table>
            <tbody>
              {GESTURES.map((g) => (
                <tr key={g.keys}>
                  <th scope="row">{g.keys}</th>
                  <td>{g.label}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </div>
  );
}
