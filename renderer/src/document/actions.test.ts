/** Walkthrough 6: pressing S with nothing selected read "Not recorded: Nothing to record: …". */
import { afterEach, describe, expect, it } from 'vitest';
import { emptyDocument } from '../../../shared/document/empty';
import { recordSelected } from './actions';
import { loadDocumentCommand } from './documentStore';
import { uiStore } from './uiStore';

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
