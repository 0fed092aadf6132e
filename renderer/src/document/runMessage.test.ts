/**
 * Run's refusal follows the drafts: fixing the field dismisses it, fixing one of two names the
 * other, loading another circuit removes it; other messages stay until dismissed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { NetworkDocument } from '../../../shared/document/model';
import { loadDocumentCommand } from './documentStore';
import { clearAllDrafts, clearDraft, runRefusal, setDraft } from './drafts';
import { runMessageStore, showRunMessage, watchRefusal } from './runMessage';

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
  showRunMessage(refusal.message, refusal.draft);
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
    unwatch = watchRefusal();
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
    unwatch = watchRefusal();
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

  it('goes when another circuit is loaded; a message without a draft stays', () => {
    loadDocumentCommand(doc, 'a.neuro');
    unwatch = watchRefusal();
    draft('A', '-5');
    refuse();
    loadDocumentCommand(doc, 'b.neuro');
    expect(message()).toBeNull();
    showRunMessage('The host said no');
    loadDocumentCommand(doc, 'c.neuro');
    expect(message()).toEqual({ text: 'The host said no' });
  });
});
