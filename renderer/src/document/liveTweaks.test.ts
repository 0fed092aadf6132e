/**
 * Slider changes during a run: offered to keep or revert when the run ends; Revert puts the
 * pre-run values back as one undo step (and the very pre-run document when nothing else changed).
 */
import { emptyDocument } from '../../../shared/document/empty';
import { afterEach, describe, expect, it } from 'vitest';
import type { NetworkDocument } from '../../../shared/document/model';
import {
  setEdgeFieldFromSlider,
  setParamFromSlider,
  setSignalFieldFromSlider,
} from './runCommands';
import { addNode, connectNodes, setParams } from './commands';
import {
  currentDocument,
  documentStore,
  loadDocumentCommand,
  applyCommand,
  undoCommand,
} from './documentStore';
import {
  currentOffer,
  keepSliderChanges,
  liveTweakStore,
  revertSliderChanges,
  runBegan,
  runEnded,
  runRestarting,
} from './liveTweaks';

function circuit(): NetworkDocument {
  let doc = addNode.apply(emptyDocument(), {
    node: { id: 'drive', kind: 'input', signal: { type: 'constant', value: 1.5 } },
    position: { x: 0, y: 0 },
  });
  doc = addNode.apply(doc, {
    node: { id: 'A', kind: 'neuron', model: 'lif', params: { bias: 0.5 } },
    position: { x: 0, y: 0 },
  });
  return connectNodes.apply(doc, { source: 'drive', target: 'A' });
}

const offer = () => currentOffer(liveTweakStore.getState());
const bias = () => (currentDocument()!.nodes[1] as { params: { bias?: number } }).params.bias;
const drive = () => (currentDocument()!.nodes[0] as { signal: { value: number } }).signal.value;

afterEach(() => {
  runEnded();
  keepSliderChanges();
});

describe('slider changes during a run', () => {
  it('are offered when the run ends and Revert restores the pre-run values in one undo step', () => {
    loadDocumentCommand(circuit(), 'c.neuro');
    const before = currentDocument()!;
    runBegan(before);
    setParamFromSlider('A', 'bias', 2);
    setParamFromSlider('A', 'bias', 3);
    setSignalFieldFromSlider('drive', 'value', 4);
    expect(offer()).toBeNull();
    runEnded();
    expect(offer()!.changes).toEqual([
      { nodeId: 'A', kind: 'param', field: 'bias', before: 0.5, after: 3 },
      { nodeId: 'drive', kind: 'signal', field: 'value', before: 1.5, after: 4 },
    ]);
    const past = documentStore.getState().history!.past.length;
    revertSliderChanges();
    expect(offer()).toBeNull();
    expect([bias(), drive()]).toEqual([0.5, 1.5]);
    // The document before the run itself, so a saved file is not "unsaved" any more.
    expect(currentDocument()).toBe(before);
    expect(documentStore.getState().history!.past.length).toBe(past + 1);
    undoCommand();
    expect([bias(), drive()]).toEqual([3, 4]);
  });

  it('Keep changes nothing; no offer without a run, or when the sliders went back', () => {
    loadDocumentCommand(circuit(), 'c.neuro');
    setParamFromSlider('A', 'bias', 2);
    runEnded();
    expect(offer()).toBeNull();

    runBegan(currentDocument()!);
    setParamFromSlider('A', 'bias', 5);
    setParamFromSlider('A', 'bias', 2);
    runEnded();
    expect(offer()).toBeNull();

    runBegan(currentDocument()!);
    setParamFromSlider('A', 'bias', 1);
    runEnded();
    keepSliderChanges();
    expect(offer()).toBeNull();
    expect(bias()).toBe(1);
  });

  it('Revert keeps other edits made during the run; loading another circuit drops the offer', () => {
    loadDocumentCommand(circuit(), 'c.neuro');
    runBegan(currentDocument()!);
    setParamFromSlider('A', 'bias', 3);
    applyCommand(setParams, { ids: ['A'], values: { tauM: 0.01 } });
    runEnded();
    revertSliderChanges();
    expect(currentDocument()!.nodes[1]).toMatchObject({ params: { bias: 0.5, tauM: 0.01 } });

    runBegan(currentDocument()!);
    setParamFromSlider('A', 'bias', 3);
    runEnded();
    expect(offer()).not.toBeNull();
    loadDocumentCommand(circuit(), 'other.neuro');
    expect(offer()).toBeNull();
  });

  it("a restart keeps the stopped run's slider changes: both runs' changes, from the first start", () => {
    loadDocumentCommand(circuit(), 'c.neuro');
    runBegan(currentDocument()!);
    setParamFromSlider('A', 'bias', 2);
    runRestarting(true);
    runEnded(); // the restart's stop
    expect(offer()).toBeNull();
    runBegan(currentDocument()!);
    setSignalFieldFromSlider('drive', 'value', 4);
    runEnded();
    expect(offer()!.changes).toEqual([
      { nodeId: 'A', kind: 'param', field: 'bias', before: 0.5, after: 2 },
      { nodeId: 'drive', kind: 'signal', field: 'value', before: 1.5, after: 4 },
    ]);
  });

  it("a synapse's weight and tauS moved during a run are offered and reverted like a node's", () => {
    let doc = addNode.apply(circuit(), {
      node: { id: 'B', kind: 'neuron', model: 'lif' },
      position: { x: 0, y: 0 },
    });
    doc = connectNodes.apply(doc, { source: 'A', target: 'B' });
    loadDocumentCommand(doc, 'c.neuro');
    const edge = () => currentDocument()!.edges.find((e) => e.source === 'A')!;
    const { id, weight, synapse } = edge();
    runBegan(currentDocument()!);
    setEdgeFieldFromSlider(id, 'weight', 'weight', -0.2);
    setEdgeFieldFromSlider(id, 'synapse', 'tauS', 0.01);
    runEnded();
    expect(offer()!.changes).toEqual([
      { nodeId: id, kind: 'weight', field: 'weight', before: weight, after: -0.2 },
      { nodeId: id, kind: 'synapse', field: 'tauS', before: synapse!.tauS, after: 0.01 },
    ]);
    revertSliderChanges();
    expect(edge()).toMatchObject({ weight, synapse });
  });
});
