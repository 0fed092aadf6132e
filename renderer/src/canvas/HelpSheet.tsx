/** The keyboard-shortcut sheet (press ?): every command with keys in the registry, and gestures. */
import { useStore } from 'zustand';
import { GESTURES } from './shortcuts';
import { uiStore } from '../document/uiStore';
import { useServices } from '../run/services';
import { keysLabel } from '../ui/commands';

export function HelpSheet() {
  const open = useStore(uiStore, (s) => s.helpOpen);
  const { commands } = useServices();
  if (!open) return null;
  const bound = commands.list().filter((c) => c.keys && c.keys.length > 0);
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
              {bound.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <kbd>{keysLabel(c.keys!)}</kbd>
                  </th>
                  <td>{c.label}</td>
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
