// @vitest-environment jsdom
/**
 * The side panels' toggles: open unless collapsed before, the button named for what a press does
 * with aria-expanded and aria-controls, the state remembered in localStorage per panel.
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadPanelOpen, PANEL_STORAGE_KEYS, PanelToggle, usePanelOpen } from './PanelToggle';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;
let host: HTMLElement | null = null;

beforeEach(() => window.localStorage.clear());
afterEach(() => {
  act(() => root?.unmount());
  host?.remove();
  root = null;
  host = null;
});

function Panel() {
  const [open, setOpen] = usePanelOpen('palette');
  return (
    <>
      <PanelToggle panel="palette" open={open} onToggle={setOpen} controls="palette-body" />
      <div id="palette-body" hidden={!open} />
    </>
  );
}

function mount(): HTMLButtonElement {
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  act(() => root!.render(<Panel />));
  return host.querySelector('button')!;
}

describe('side panel toggles', () => {
  it('start open, collapse and expand on a press, and remember it', () => {
    expect(loadPanelOpen('palette')).toBe(true);
    const button = mount();
    expect(button.getAttribute('aria-label')).toBe('Hide palette');
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(button.getAttribute('aria-controls')).toBe('palette-body');
    act(() => button.click());
    expect(button.getAttribute('aria-label')).toBe('Show palette');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(host!.querySelector('#palette-body')!.hasAttribute('hidden')).toBe(true);
    expect(window.localStorage.getItem(PANEL_STORAGE_KEYS.palette)).toBe('false');
    expect(loadPanelOpen('palette')).toBe(false);
    // The inspector's state is its own.
    expect(loadPanelOpen('inspector')).toBe(true);
    act(() => button.click());
    expect(loadPanelOpen('palette')).toBe(true);
  });

  it('a collapsed panel stays collapsed when mounted again', () => {
    window.localStorage.setItem(PANEL_STORAGE_KEYS.palette, 'false');
    const button = mount();
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(button.textContent).toContain('Add');
  });
});
