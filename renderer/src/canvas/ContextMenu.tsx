/**
 * Right-click menus: on a node, a synapse, a scope or the empty canvas. An item that is a command
 * of the registry (copy, delete, tidy, ...) runs it and shows its key from there; an item about the
 * element clicked (rename it, add a scope on it, add a node here) calls its action.
 */
import { useStore } from 'zustand';
import { addFromPalette, startRename } from '../document/actions';
import { currentDocument } from '../document/documentStore';
import { findEdge, findNode } from '../document/graph';
import { offersWeightMatrix } from '../document/connectionRule';
import { uiStore } from '../document/uiStore';
import { openLearnView } from '../learn/learnStore';
import { learnViewsForNode } from '../learn/learnViews';
import { useServices } from '../run/services';

interface Item {
  label: string;
  keys?: string;
  run(): void;
}

export function ContextMenu() {
  const menu = useStore(uiStore, (s) => s.contextMenu);
  const clipboard = useStore(uiStore, (s) => s.clipboard);
  const { commands, canvas } = useServices();
  if (!menu) return null;
  const command = (label: string, id: string): Item => ({
    label,
    keys: commands.keyOf(id),
    run: () => void commands.execute(id),
  });
  const doc = currentDocument();
  const close = (): void => uiStore.setState({ contextMenu: null });
  const at = { x: menu.flowX, y: menu.flowY };
  const items: Item[] = [];
  const node = doc && menu.targetId ? findNode(doc, menu.targetId) : undefined;
  const edge = doc && menu.targetId ? findEdge(doc, menu.targetId) : undefined;
  if (node) {
    items.push({
      label: 'Rename',
      keys: commands.keyOf('edit.rename'),
      run: () => startRename(node.id),
    });
    if (node.kind !== 'bias')
      items.push({
        label: 'Add a scope on it',
        keys: commands.keyOf('node.record'),
        run: () =>
          void addFromPalette(canvas, 'probe', { x: at.x + 200, y: at.y + 60 }, undefined, node.id),
      });
    for (const view of learnViewsForNode(node, doc!))
      items.push({ label: view.title, run: () => openLearnView(view.kind, node.id) });
    items.push(command('Duplicate', 'edit.duplicate'));
    items.push(command('Copy', 'edit.copy'));
    items.push(command('Delete', 'edit.delete'));
  } else if (edge) {
    if (offersWeightMatrix(doc!, edge))
      items.push({
        label: 'Edit weight matrix…',
        run: () => uiStore.setState({ matrixEdgeId: edge.id }),
      });
    items.push(command('Delete synapse', 'edit.delete'));
  } else if (menu.targetId) {
    items.push({
      label: 'Rename scope',
      keys: commands.keyOf('edit.rename'),
      run: () => startRename(menu.targetId!),
    });
    items.push(command('Delete scope', 'edit.delete'));
  } else {
    const add = (label: string, key: string): Item => ({
      label,
      run: () => void addFromPalette(canvas, key, at),
    });
    items.push(add('Add LIF neuron here', 'lif'));
    items.push(add('Add rate neuron here', 'rate'));
    items.push(add('Add constant input here', 'input-constant'));
    items.push(add('Add bias node here', 'bias'));
    if (clipboard) items.push(command('Paste', 'edit.paste'));
    items.push(command('Select all', 'edit.selectAll'));
    items.push(command('Tidy layout', 'view.tidy'));
  }
  return (
    <div
      className="editor-menu-backdrop"
      onClick={close}
      onContextMenu={(e) => {
        e.preventDefault();
        close();
      }}
    >
      <ul
        className="editor-menu"
        role="menu"
        style={{ left: menu.x, top: menu.y }}
        onClick={(e) => e.stopPropagation()}
      >
        {items.map((item) => (
          <li key={item.label} role="none">
            <button
              type="button"
              role="menuitem"
              onClick={() => {
                close();
                item.run();
              }}
            >
              <span>{item.label}</span>
              {item.keys && <kbd>{item.keys}</kbd>}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
