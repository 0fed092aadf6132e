/**
 * Collapsing the palette and the inspector (issue 15, item 11: room for the canvas). Each side panel
 * has one toggle button, keyboard reachable like any button, whose state is remembered in
 * localStorage (as the charts splitter's height is). A collapsed panel stays mounted, hidden, so
 * its local state (the palette's activation, the inspector's drafts) survives a collapse.
 */
import { useCallback, useState } from 'react';
import { ChevronIcon } from './icons';

export type SidePanel = 'palette' | 'inspector';

export const PANEL_STORAGE_KEYS: Record<SidePanel, string> = {
  palette: 'neurosketch.paletteOpen',
  inspector: 'neurosketch.inspectorOpen',
};

/** Whether a panel was left open (open unless it was explicitly collapsed). */
export function loadPanelOpen(panel: SidePanel): boolean {
  try {
    return window.localStorage.getItem(PANEL_STORAGE_KEYS[panel]) !== 'false';
  } catch {
    return true; // storage refused (privacy settings): open it is
  }
}

function storePanelOpen(panel: SidePanel, open: boolean): void {
  try {
    window.localStorage.setItem(PANEL_STORAGE_KEYS[panel], String(open));
  } catch {
    // not remembered, still applied
  }
}

/** A side panel's open state: [open, setOpen (remembered)]. */
export function usePanelOpen(panel: SidePanel): [boolean, (open: boolean) => void] {
  const [open, setOpenState] = useState(() => loadPanelOpen(panel));
  const setOpen = useCallback(
    (next: boolean) => {
      setOpenState(next);
      storePanelOpen(panel, next);
    },
    [panel],
  );
  return [open, setOpen];
}

const NAMES: Record<SidePanel, string> = { palette: 'palette', inspector: 'inspector' };

/**
 * The toggle: "Hide palette" / "Show palette" (its accessible name says what a press does), with
 * aria-expanded and aria-controls naming the panel's body. The chevron points the way the panel
 * moves: the palette (left) collapses leftwards, the inspector (right) rightwards.
 */
export function PanelToggle({
  panel,
  open,
  onToggle,
  controls,
}: {
  panel: SidePanel;
  open: boolean;
  onToggle: (open: boolean) => void;
  /** The id of the panel's collapsible body. */
  controls: string;
}) {
  const towardsEdge = panel === 'palette' ? 'left' : 'right';
  const away = panel === 'palette' ? 'right' : 'left';
  const label = `${open ? 'Hide' : 'Show'} ${NAMES[panel]}`;
  return (
    <button
      type="button"
      className={`panel-toggle panel-toggle--${panel}`}
      aria-label={label}
      aria-expanded={open}
      aria-controls={controls}
      title={`${label} (more room for the canvas when hidden)`}
      onClick={() => onToggle(!open)}
    >
      <ChevronIcon direction={open ? towardsEdge : away} />
      {!open && (
        <span className="panel-toggle__name" aria-hidden="true">
          {panel === 'palette' ? 'Add' : 'Inspector'}
        </span>
      )}
    </button>
  );
}
