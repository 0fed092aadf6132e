/** Right-click menus: on a node, a synapse, a scope or the empty canvas. */
import { useStore } from 'zustand';
import {
  addFromPalette,
  copy,
  deleteSelection,
  duplicate,
  paste,
  selectAll,
  startRename,
  tidy,
} from '../document/actions';
import { currentDocument } from '../document/documentStore';
import { findEdge, findNode } from '../document/graph';
import { uiStore } from '../document/uiStore';
import { openLearnView } from '../learn/learnStore';
import { learnViewsForNode } from '../learn/learnViews';

interface Item {
  label: string;
  keys?: string;
  run(): void;
}

export function ContextMenu() {
  const menu = useStore(uiStore, (s) => s.contextMenu);
  const clipboard = useStore(uiStore, (s) => s.clipboard);
  if (!menu) return null;
  const doc = currentDocument();
  const close = (): void => uiStore.setState({ contextMenu: null });
  const at = { x: menu.flowX, y: menu.flowY };
  const items: Item[] = [];
  const node = doc && menu.targetId ? findNode(doc, menu.targetId) : undefined;
  const edge = doc && menu.targetId ? findEdge(doc, menu.targetId) : undefined;
  if (node) {
    items.push({ label: 'Rename', keys: 'F2', run: () => startRename(node.id) });
    if (node.kind !== 'bias')
      items.push({
        label: 'Add a scope on it',
        keys: 'S',
        run: () => void addFromPalette('probe', { x: at.x + 200, y: at.y + 60 }),
      });
    for (const view of learnViewsForNode(node, doc!))
      items.push({ label: view.title, run: () => openLearnView(view.kind, node.id) });
    items.push({ label: 'Duplicate', keys: 'Ctrl+D', run: duplicate });
    items.push({ label: 'Copy', keys: 'Ctrl+C', run: copy });
    items.push({ label: 'Delete', keys: 'Del', run: deleteSelection });
  } else if (edge) {
    if (
      typeof edge.weight !== 'number' ||
      doc!.nodes.some(
        (n) =>
          (n.id === edge.source || n.id === edge.target) &&
          (n.kind === 'population' || (n.kind === 'input' && (n.size ?? 1) > 1)),
      )
    )
      items.push({
        label: 'Edit weight matrix…',
        run: () => uiStore.setState({ matrixEdgeId: edge.id }),
      });
    items.push({ label: 'Delete synapse', keys: 'Del', run: deleteSelection });
  } else if (menu.targetId) {
    items.push({ label: 'Rename scope', keys: 'F2', run: () => startRename(menu.targetId!) });
    items.push({ label: 'Delete scope', keys: 'Del', run: deleteSelection });
  } else {
    items.push({ label: 'Add LIF neuron here', run: () => void addFromPalette('lif', at) });
    items.push({ label: 'Add rate neuron here', run: () => void addFromPalette('rate', at) });
    items.push({
      label: 'Add constant input here',
      run: () => void addFromPalette('input-constant', at),
    });
    items.push({ label: 'Add bias node here', run: () => void addFromPalette('bias', at) });
    if (clipboard) items.push({ label: 'Paste', keys: 'Ctrl+V', run: paste });
    items.push({ label: 'Select all', keys: 'Ctrl+A', run: selectAll });
    items.push({ label: 'Tidy layout', keys: 'L', run: tidy });
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
