// @vitest-environment jsdom
/**
 * Walks the schema (every node kind, every neuron model, every signal type) and the param registry,
 * and checks that the inspector shows a labelled field for every param and that typing a value
 * in it (in display units: ms for times) changes the document (in file units: seconds).
 */
import { emptyDocument } from '../../../shared/document/empty';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { useStore } from 'zustand';
import type { NetworkDocument, NetworkNode, Signal } from '../../../shared/document/model';
import {
  NetworkNodeSchema,
  NeuronModelSchema,
  SignalSchema,
} from '../../../shared/document/schema';
import type { ParamSpec } from '../../../shared/models/paramSpec';
import { MODEL_PARAMS } from '../../../shared/models/registry';
import {
  EDGE_DELAY,
  SIGNAL_FIELDS,
  SIMULATION_PARAMS,
  SYNAPSE_PARAMS,
} from '../../../shared/models/paramSpecs';
import { buildNode, defaultSignal } from '../document/catalogue';
import { formatNumber, rangeProblem, toDisplay } from '../ui/format';
import { addNode, addProbe, connectNodes } from '../document/commands';
import { currentDocument, documentStore, loadDocumentCommand } from '../document/documentStore';
import { clearAllDrafts, pendingDrafts, runRefusal } from '../document/drafts';
import { select } from '../document/uiStore';
import { Inspector } from './Inspector';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;
let host: HTMLElement | null = null;

afterEach(() => {
  act(() => root?.unmount());
  clearAllDrafts();
  host?.remove();
  root = null;
  host = null;
});

/** The inspector as App renders it: with the store's current document. */
function LiveInspector() {
  const doc = useStore(documentStore, (s) => s.document);
  return doc ? <Inspector document={doc} /> : null;
}

function render(doc: NetworkDocument, selection: string[]): HTMLElement {
  loadDocumentCommand(doc, 'test.neuro');
  select(selection);
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  act(() => root!.render(<LiveInspector />));
  return host;
}

/** The control a label names (by its field name, e.g. "tauM"). */
function field(
  el: HTMLElement,
  name: string,
): HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement {
  const label = [...el.querySelectorAll('label')].find(
    (l) => l.querySelector('.field__name')?.textContent === name,
  );
  expect(label, `a label "${name}"`).toBeDefined();
  const control = document.getElementById(label!.htmlFor);
  expect(control, `the control of "${name}"`).not.toBeNull();
  return control as HTMLInputElement;
}

function type(control: HTMLElement, text: string): void {
  const proto =
    control instanceof HTMLTextAreaElement
      ? HTMLTextAreaElement.prototype
      : HTMLInputElement.prototype;
  const setter = Object.getOwnPropertyDescriptor(proto, 'value')!.set!;
  act(() => {
    control.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    setter.call(control, text);
    control.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

/** A value other than the default that the spec accepts. */
function candidate(spec: ParamSpec): number {
  const options = [spec.default * 2, spec.default + 1, spec.max ?? 1, 0.5];
  return options.find((v) => v !== spec.default && rangeProblem(spec, v) === null)!;
}

/** Types a candidate in display units; returns the value the document should now hold. */
function edit(el: HTMLElement, spec: ParamSpec, label = spec.name): number {
  const value = candidate(spec);
  const control = field(el, label);
  expect(control.tagName).toBe('INPUT');
  type(control, formatNumber(toDisplay(spec, value), 12));
  expect(control.getAttribute('aria-invalid')).toBeNull();
  return value;
}

function docWith(node: NetworkNode): NetworkDocument {
  return addNode.apply(emptyDocument(), { node, position: { x: 0, y: 0 } });
}

function nodeIn(): NetworkNode {
  return currentDocument()!.nodes[0]!;
}

const kinds = NetworkNodeSchema.options.map((o) => o.shape.kind.value);
const models = NeuronModelSchema.options;
const signalTypes = SignalSchema.options.map((o) => o.shape.type.value) as Signal['type'][];
const covered = new Set<string>();

describe('the inspector edits every param of every node kind', () => {
  for (const kind of ['neuron', 'population'] as const) {
    for (const model of models) {
      it(`${kind} ${model}: ${MODEL_PARAMS[model].map((p) => p.name).join(', ')}`, () => {
        covered.add(kind);
        const key = kind === 'neuron' ? model : `pop-${model}`;
        const node = buildNode(emptyDocument(), key)!;
        const el = render(docWith(node), [node.id]);
        expect(field(el, 'model').value).toBe(model);
        for (const spec of MODEL_PARAMS[model]) {
          const value = edit(el, spec);
          const params = (nodeIn() as { params: Record<string, number> }).params;
          expect(params[spec.name], spec.name).toBeCloseTo(value, 12);
        }
        if (model === 'rate') expect(field(el, 'activation').value).toBe('logistic');
        if (kind === 'population') {
          type(field(el, 'size'), '7');
          expect(nodeIn()).toMatchObject({ size: 7 });
          // Every population param can also be given per neuron or drawn.
          expect(el.querySelectorAll('select[aria-label$=" mode"]')).toHaveLength(
            MODEL_PARAMS[model].length,
          );
        }
      });
    }
  }

  for (const type_ of signalTypes) {
    it(`input ${type_}: ${(SIGNAL_FIELDS[type_] ?? []).map((p) => p.name).join(', ') || 'lists'}`, () => {
      covered.add('input');
      const node: NetworkNode = { id: 'in1', kind: 'input', signal: defaultSignal(type_) };
      const el = render(docWith(node), ['in1']);
      expect(field(el, 'signal').value).toBe(type_);
      for (const spec of SIGNAL_FIELDS[type_] ?? []) {
        const value = edit(el, spec);
        const signal = (nodeIn() as { signal: Record<string, number> }).signal;
        expect(signal[spec.name], spec.name).toBeCloseTo(value, 12);
      }
      if (type_ === 'step') {
        type(field(el, 'times'), '0, 100, 300');
        type(field(el, 'values'), '0, 2, 0.5');
        expect(nodeIn()).toMatchObject({ signal: { times: [0, 0.1, 0.3], values: [0, 2, 0.5] } });
      }
      if (type_ === 'spikes') {
        type(field(el, 'spike times'), '5, 12.5');
        expect(nodeIn()).toMatchObject({ signal: { times: [0.005, 0.0125] } });
      }
      if (type_ === 'noise' || type_ === 'poisson') {
        type(field(el, 'seed'), '42');
        expect(nodeIn()).toMatchObject({ signal: { seed: 42 } });
      }
    });
  }

  it('input of size 3: per-element values', () => {
    const node: NetworkNode = {
      id: 'x',
      kind: 'input',
      size: 3,
      signal: { type: 'constant', value: 1 },
    };
    const el = render(docWith(node), ['x']);
    type(field(el, 'value'), '1, -2, 0.5');
    expect(nodeIn()).toMatchObject({ signal: { value: [1, -2, 0.5] } });
    type(field(el, 'value'), '1, 2');
    expect(field(el, 'value').getAttribute('aria-invalid')).toBe('true');
  });

  it('bias: id and label (it has no params)', () => {
    covered.add('bias');
    const el = render(docWith({ id: 'one', kind: 'bias' }), ['one']);
    type(field(el, 'label'), 'constant one');
    expect(nodeIn()).toMatchObject({ label: 'constant one' });
    expect(el.textContent).toContain('Outputs the constant 1');
  });

  it('covers every node kind of the schema', () => {
    expect([...covered].sort()).toEqual([...kinds].sort());
  });
});

describe('the inspector edits synapses, scopes and the document', () => {
  function twoNeurons(): NetworkDocument {
    let doc = docWith({ id: 'A', kind: 'neuron', model: 'lif', params: {} });
    doc = addNode.apply(doc, {
      node: { id: 'C', kind: 'neuron', model: 'hh', params: {} },
      position: { x: 0, y: 0 },
    });
    return connectNodes.apply(doc, { source: 'A', target: 'C' });
  }

  it('a spiking synapse: weight with its unit, tauS and n, delay; AMPA/NMDA presets', () => {
    const el = render(twoNeurons(), ['wCA']);
    expect(el.querySelector('label .field__unit')?.textContent).toContain('uA/cm^2·s');
    type(field(el, 'weight'), '0.0001');
    for (const spec of [...SYNAPSE_PARAMS, EDGE_DELAY]) edit(el, spec);
    const edge = currentDocument()!.edges[0]!;
    expect(edge.weight).toBe(0.0001);
    expect(edge.synapse).toEqual({
      tauS: candidate(SYNAPSE_PARAMS[0]!),
      n: candidate(SYNAPSE_PARAMS[1]!),
    });
    expect(edge.delay).toBe(candidate(EDGE_DELAY));
    // a spike train crosses, its weight already in C's unit times seconds: no unit hint
    expect(el.textContent).not.toMatch(/Units/);
    const nmda = [...el.querySelectorAll('button')].find((b) =>
      b.textContent?.startsWith('NMDA-like'),
    )!;
    act(() => nmda.click());
    expect(currentDocument()!.edges[0]!.synapse).toEqual({ tauS: 0.3, n: 1 });
  });

  it('several synapses: the weight help speaks of each synapse and names every target', () => {
    let doc = twoNeurons();
    doc = connectNodes.apply(doc, { source: 'C', target: 'A' });
    const el = render(doc, ['wCA', 'wAC']);
    expect(el.querySelector('h2')?.textContent).toContain('2 synapses');
    expect(el.textContent).toContain(
      "each spike of each synapse adds w/τs to its own target's input J (C and A)",
    );
    expect(el.textContent).not.toContain("adds w/τs to C's input");
  });

  it('shows an out-of-range value inline and does not store it', () => {
    const el = render(twoNeurons(), ['wCA']);
    type(field(el, 'tauS'), '-3');
    expect(el.querySelector('[role="alert"]')?.textContent).toBe('tauS must be > 0 ms');
    expect(currentDocument()!.edges[0]!.synapse).toEqual({ tauS: 0.005, n: 0 });
  });

  it('several LIF neurons at once, with the cortical preset', () => {
    let doc = docWith({ id: 'A', kind: 'neuron', model: 'lif', params: { tauM: 0.05 } });
    doc = addNode.apply(doc, {
      node: { id: 'B', kind: 'neuron', model: 'lif', params: {} },
      position: { x: 0, y: 0 },
    });
    const el = render(doc, ['A', 'B']);
    expect(field(el, 'tauM').getAttribute('placeholder')).toBe('mixed');
    const preset = [...el.querySelectorAll('button')].find((b) =>
      b.textContent?.startsWith('Cortical'),
    )!;
    act(() => preset.click());
    expect(currentDocument()!.nodes.map((n) => (n as { params: object }).params)).toEqual([
      { tauM: 0.02, tauRef: 0.002 },
      { tauM: 0.02, tauRef: 0.002 },
    ]);
  });

  it('a scope: variable and every', () => {
    const doc = addProbe.apply(twoNeurons(), {
      probe: { id: 'p1', target: 'C', variable: 'V' },
      position: { x: 0, y: 0 },
    });
    const el = render(doc, ['p1']);
    const variable = field(el, 'variable') as HTMLSelectElement;
    expect([...variable.options].map((o) => o.value)).toEqual(['V', 'm', 'h', 'n', 'J', 's']);
    type(field(el, 'every'), '10');
    expect(currentDocument()!.probes![0]).toMatchObject({ every: 10 });
  });

  it('nothing selected: name, description, author, dt, duration, seed', () => {
    const el = render(twoNeurons(), []);
    type(field(el, 'name'), 'Two neurons');
    type(field(el, 'author'), 'Ada');
    type(field(el, 'description'), 'HH driven by LIF');
    for (const spec of SIMULATION_PARAMS) edit(el, spec);
    const doc = currentDocument()!;
    expect(doc).toMatchObject({
      name: 'Two neurons',
      author: 'Ada',
      description: 'HH driven by LIF',
    });
    expect(doc.simulation).toEqual({
      dt: candidate(SIMULATION_PARAMS[0]!),
      duration: candidate(SIMULATION_PARAMS[1]!),
      seed: candidate(SIMULATION_PARAMS[2]!),
    });
    expect(field(el, 'dt').closest('.field')?.textContent).toContain('(ms)');
  });
});

describe('a value that cannot be stored', () => {
  function lifA(): NetworkDocument {
    return docWith({ id: 'A', kind: 'neuron', model: 'lif', params: { tauM: 0.02 } });
  }
  const tauM = (): unknown => (nodeIn() as { params: { tauM?: number } }).params.tauM;
  const alertOf = (el: HTMLElement): string | null | undefined =>
    el.querySelector('[role="alert"]')?.textContent;

  function key(control: HTMLElement, k: string): void {
    act(() => {
      control.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
    });
  }

  function blur(control: HTMLElement): void {
    act(() => control.dispatchEvent(new FocusEvent('focusout', { bubbles: true })));
  }

  it('tauM = -5: stays as typed with the field and range named, is not stored, and blocks Run', () => {
    const el = render(lifA(), ['A']);
    type(field(el, 'tauM'), '-5');
    expect(field(el, 'tauM').value).toBe('-5');
    expect(field(el, 'tauM').getAttribute('aria-invalid')).toBe('true');
    expect(alertOf(el)).toBe('tauM must be > 0 ms');
    expect(tauM()).toBe(0.02);
    expect(runRefusal(currentDocument()!)?.message).toBe(
      "Can't run: node A, tauM must be > 0 ms — fix it in the inspector",
    );

    // Leaving the field and the node and coming back shows the same text and message.
    blur(field(el, 'tauM'));
    expect(field(el, 'tauM').value).toBe('-5');
    act(() => select([]));
    expect(el.textContent).toContain('Circuit');
    act(() => select(['A']));
    expect(field(el, 'tauM').value).toBe('-5');
    expect(alertOf(el)).toBe('tauM must be > 0 ms');
    expect(runRefusal(currentDocument()!)).not.toBeNull();

    // A valid value is stored and Run is free again.
    type(field(el, 'tauM'), '30');
    expect(tauM()).toBeCloseTo(0.03, 12);
    expect(alertOf(el)).toBeUndefined();
    expect(runRefusal(currentDocument()!)).toBeNull();
  });

  it('keeps the typed text on blur even after the field was emptied on the way (default stored)', () => {
    const el = render(lifA(), ['A']);
    type(field(el, 'tauM'), '');
    expect(tauM()).toBeUndefined();
    type(field(el, 'tauM'), '-5');
    blur(field(el, 'tauM'));
    expect(field(el, 'tauM').value).toBe('-5');
    expect(alertOf(el)).toBe('tauM must be > 0 ms');
  });

  it('names the field and its range for text that is not a number; Escape goes back', () => {
    const el = render(lifA(), ['A']);
    type(field(el, 'tauM'), 'abc');
    expect(alertOf(el)).toBe('tauM must be a number > 0 ms');
    key(field(el, 'tauM'), 'Escape');
    expect(field(el, 'tauM').value).toBe('20');
    expect(alertOf(el)).toBeUndefined();
    expect(pendingDrafts()).toEqual([]);
  });

  it('a preset replaces the typed text; switching the model or deleting the node ends it', () => {
    const el = render(lifA(), ['A']);
    type(field(el, 'tauM'), '-5');
    blur(field(el, 'tauM'));
    const preset = [...el.querySelectorAll('button')].find((b) =>
      b.textContent?.startsWith('Fast-spiking'),
    )!;
    act(() => preset.click());
    expect(field(el, 'tauM').value).toBe('10');
    expect(pendingDrafts()).toEqual([]);

    type(field(el, 'tauM'), '-5');
    blur(field(el, 'tauM'));
    expect(pendingDrafts()).toHaveLength(1);
    const model = field(el, 'model') as HTMLSelectElement;
    act(() => {
      model.value = 'hh';
      model.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(pendingDrafts()).toEqual([]);
    expect(runRefusal(currentDocument()!)).toBeNull();
  });

  it('a synapse and the simulation settings are named too', () => {
    let doc = docWith({ id: 'A', kind: 'neuron', model: 'lif', params: {} });
    doc = addNode.apply(doc, {
      node: { id: 'C', kind: 'neuron', model: 'lif', params: {} },
      position: { x: 0, y: 0 },
    });
    doc = connectNodes.apply(doc, { source: 'A', target: 'C' });
    const el = render(doc, ['wCA']);
    type(field(el, 'tauS'), '0');
    expect(runRefusal(currentDocument()!)?.message).toBe(
      "Can't run: synapse A → C, tauS must be > 0 ms — fix it in the inspector",
    );
    act(() => select([]));
    type(field(el, 'dt'), '-1');
    expect(runRefusal(currentDocument()!)?.message).toBe(
      "Can't run: synapse A → C, tauS must be > 0 ms (and 1 more) — fix it in the inspector",
    );
    expect(pendingDrafts().map((d) => d.problem)).toEqual([
      'tauS must be > 0 ms',
      'dt must be > 0 ms',
    ]);
  });
});

describe('units of input values', () => {
  it('a constant shows no "J" (not joules): its unit is that of the driven neuron\'s input J', () => {
    let doc = docWith({ id: 'in1', kind: 'input', signal: { type: 'constant', value: 1 } });
    doc = addNode.apply(doc, {
      node: { id: 'N', kind: 'neuron', model: 'lif', params: {} },
      position: { x: 0, y: 0 },
    });
    doc = connectNodes.apply(doc, { source: 'in1', target: 'N' });
    let el = render(doc, ['in1']);
    let row = field(el, 'value').closest('.field')!;
    expect(row.querySelector('.field__unit')).toBeNull();
    expect(row.textContent).toContain("in the unit of N's input J: dimensionless");
    act(() => root!.unmount());
    host!.remove();

    doc = addNode.apply(doc, {
      node: { id: 'H', kind: 'neuron', model: 'hh', params: {} },
      position: { x: 0, y: 0 },
    });
    doc = connectNodes.apply(doc, { source: 'in1', target: 'H' });
    doc = { ...doc, edges: doc.edges.filter((e) => e.target === 'H') };
    el = render(doc, ['in1']);
    row = field(el, 'value').closest('.field')!;
    expect(row.querySelector('.field__unit')?.textContent).toBe(' (uA/cm^2)');
    expect(row.textContent).toContain("H's input J: uA/cm^2");
  });
});
