/**
 * Run's refusal follows the drafts: fixing the field dismisses it, fixing one of two names the
 * other. Walkthrough 6 (steps 5-6, 34-35): "Nothing to simulate" stayed after nodes were added,
 * and "the network is too large" after the populations were deleted and even after New. A message
 * about the document's state goes when the document changes; every message goes when another
 * circuit is loaded; a message about the run stays until then.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { NetworkDocument } from '../../../shared/document/model';
import { addNode } from './commands';
import { applyCommand, loadDocumentCommand } from './documentStore';
import { clearAllDrafts, clearDraft, runRefusal, setDraft } from './drafts';
import { runMessageStore, showRunMessage, watchRunMessage } from './runMessage';

const doc = {
  format: 'neurosketch-network',
  version: 1,
  simulation: { dt: 0.0001, duration: 1, seed: 1 },
  nodes: [
    { id: 'A', kind: 'neuron', model: 'lif', label: 'A' },
    { id: 'B', kind: 'neuron', model: 'lif', label: 'B' },
  ],
  edges: [],
  probes: [],
} as unknown as NetworkDocument;

function draft(id: string, text: string): void {
  setDraft(`param:${id}:tauM`, {
    owner: { kind: 'node', ids: [id] },
    field: 'tauM',
    text,
    problem: 'tauM must be > 0 ms',
  });
}

/** What Run does when refused. */
function refuse(): void {
  const refusal = runRefusal(doc)!;
  showRunMessage(refusal.message, 'state', refusal.draft);
}

const message = () => runMessageStore.getState().message;

let unwatch: (() => void) | null = null;
afterEach(() => {
  unwatch?.();
  unwatch = null;
  showRunMessage(null);
  clearAllDrafts();
});

describe('the run refusal', () => {
  it('goes by itself once the field is fixed', () => {
    loadDocumentCommand(doc, 'a.neuro');
    unwatch = watchRunMessage();
    draft('A', '-5');
    refuse();
    expect(message()?.text).toBe(
      "Can't run: node A, tauM must be > 0 ms — fix it in the inspector",
    );
    clearDraft('param:A:tauM');
    expect(message()).toBeNull();
  });

  it('names the next draft when one of two is fixed', () => {
    loadDocumentCommand(doc, 'a.neuro');
    unwatch = watchRunMessage();
    draft('A', '-5');
    draft('B', '-1');
    refuse();
    expect(message()?.text).toContain('node A, tauM must be > 0 ms (and 1 more)');
    clearDraft('param:A:tauM');
    expect(message()?.text).toBe(
      "Can't run: node B, tauM must be > 0 ms — fix it in the inspector",
    );
    expect(message()?.draft?.key).toBe('param:B:tauM');
  });

  it('goes when another circuit is loaded', () => {
    loadDocumentCommand(doc, 'a.neuro');
    unwatch = watchRunMessage();
    draft('A', '-5');
    refuse();
    loadDocumentCommand(doc, 'b.neuro');
    expect(message()).toBeNull();
  });
});

describe('a message about the state of the document', () => {
  it('goes as soon as the document changes (Run checks again)', () => {
    loadDocumentCommand({ ...doc, nodes: [] }, 'a.neuro');
    unwatch = watchRunMessage();
    showRunMessage('Nothing to simulate: the canvas is empty.');
    applyCommand(addNode, {
      node: { id: 'C', kind: 'neuron', model: 'lif', label: 'C' },
      position: { x: 0, y: 0 },
    });
    expect(message()).toBeNull();
  });

  it('goes when another circuit is loaded, even an unchanged one (New)', () => {
    loadDocumentCommand(doc, 'a.neuro');
    unwatch = watchRunMessage();
    showRunMessage('P2: the network is too large to simulate', 'state');
    loadDocumentCommand(doc, 'Untitled');
    expect(message()).toBeNull();
  });
});

describe('a message about the run', () => {
  it('stays while the document changes, and goes when another circuit is loaded', () => {
    loadDocumentCommand(doc, 'a.neuro');
    unwatch = watchRunMessage();
    showRunMessage('The host said no', 'run');
    applyCommand(addNode, {
      node: { id: 'C', kind: 'neuron', model: 'lif', label: 'C' },
      position: { x: 0, y: 0 },
    });
    expect(message()).toEqual({ text: 'The host said no', about: 'run' });
    loadDocumentCommand(doc, 'c.neuro');
    expect(message()).toBeNull();
  });
});
