/**
 * Walkthrough 6: pressing S with nothing selected read "Not recorded: Nothing to record: …".
 * Walkthrough 5: a Scope dropped on Winner with D selected recorded D; Paste and Duplicate left the
 * Copy's "Copied 1 node." on screen.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { emptyDocument } from '../../../shared/document/empty';
import { addFromPalette, copy, duplicate, paste, recordSelected } from './actions';
import { CanvasSlot } from './canvasSlot';
import { currentDocument, loadDocumentCommand } from './documentStore';
import { select, uiStore } from './uiStore';

afterEach(() => uiStore.setState({ notice: null, selection: [] }));

/** The notice as EditorNotice shows it: a refusal's lead, then its text. */
function shown(): string {
  const notice = uiStore.getState().notice;
  return notice ? `${notice.lead ?? ''}${notice.text}` : '';
}

describe('recordSelected', () => {
  it('says once that nothing was recorded when no node is selected', () => {
    loadDocumentCommand(emptyDocument(), 'a.neuro');
    recordSelected();
    expect(shown()).toBe('Not recorded: select a neuron, population or input first, then press S.');
  });
});

/** An empty document with LIF neurons `ids`, side by side. */
function withNeurons(...ids: string[]): CanvasSlot {
  loadDocumentCommand(emptyDocument(), 'a.neuro');
  const canvas = new CanvasSlot();
  for (const id of ids) addFromPalette(canvas, 'lif', { x: ids.indexOf(id) * 300, y: 0 });
  expect(currentDocument()!.nodes.map((n) => n.id)).toEqual(ids);
  return canvas;
}

describe('a Scope dropped on a node', () => {
  it('records the node under the drop, not the selected one', () => {
    const canvas = withNeurons('A', 'B');
    select(['A']);
    addFromPalette(canvas, 'probe', { x: 300, y: 0 }, undefined, 'B');
    expect(currentDocument()!.probes).toMatchObject([{ target: 'B', variable: 'v' }]);
    expect(shown()).toBe('Scope scope1 records v of B.');
  });

  it('records the selected node when dropped on empty canvas', () => {
    const canvas = withNeurons('A', 'B');
    select(['A']);
    addFromPalette(canvas, 'probe', { x: 600, y: 400 });
    expect(currentDocument()!.probes).toMatchObject([{ target: 'A' }]);
  });
});

describe('paste and duplicate', () => {
  it('say what they did, counting the nodes', () => {
    const canvas = withNeurons('A', 'B');
    select(['A']);
    copy();
    expect(shown()).toBe('Copied 1 node.');
    paste(canvas);
    expect(shown()).toBe('Pasted 1 node.');
    select(['A', 'B']);
    duplicate(canvas);
    expect(shown()).toBe('Duplicated 2 nodes.');
    expect(currentDocument()!.nodes).toHaveLength(5);
  });
});
