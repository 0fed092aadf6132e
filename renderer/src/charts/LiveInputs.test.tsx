// @vitest-environment jsdom
/**
 * Live-input sliders: the range stays put while the slider itself moves the value, and is fitted
 * again when the value changes elsewhere (typed in the inspector), so a slider is never pinned at
 * its end by a value it cannot reach.
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { useStore } from 'zustand';
import type { NetworkDocument } from '../../../shared/document/model';
import { setParams } from '../document/commands';
import { documentStore, loadDocumentCommand, applyCommand } from '../document/documentStore';
import { SIGNAL_FIELDS } from '../../../shared/models/paramSpecs';
import { MODEL_PARAMS } from '../../../shared/models/registry';
import { select } from '../document/uiStore';
import { LiveInputs, sliderRange } from './LiveInputs';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;
let host: HTMLElement | null = null;
afterEach(() => {
  act(() => select([]));
  act(() => root?.unmount());
  host?.remove();
  root = null;
  host = null;
});

function Live() {
  const doc = useStore(documentStore, (s) => s.document);
  return doc ? <LiveInputs document={doc} /> : null;
}

const doc = {
  format: 'neurosketch-network',
  version: 1,
  simulation: { dt: 0.0001, duration: 1, seed: 1 },
  nodes: [{ id: 'A', kind: 'neuron', model: 'lif', label: 'A', params: { bias: 0.5 } }],
  edges: [],
  probes: [],
} as unknown as NetworkDocument;

describe('live input sliders', () => {
  it('sliderRange, one rule: twice the value, at least one shown unit; from the lower bound, else symmetric', () => {
    const bias = MODEL_PARAMS.lif.find((p) => p.name === 'bias');
    const tauM = MODEL_PARAMS.lif.find((p) => p.name === 'tauM');
    const rate = SIGNAL_FIELDS['poisson']!.find((f) => f.name === 'rate');
    // A bias may be negative: as far below 0 as above, whatever the sign of the value.
    expect(sliderRange(0.5, bias)).toMatchObject({ lo: -1, hi: 1 });
    expect(sliderRange(0, bias)).toMatchObject({ lo: -1, hi: 1 });
    expect(sliderRange(2, bias)).toMatchObject({ lo: -4, hi: 4 });
    expect(sliderRange(-3, bias)).toMatchObject({ lo: -6, hi: 6 });
    // A rate and a time constant start at their bound 0; a time's least range is 1 ms.
    expect(sliderRange(0, rate)).toMatchObject({ lo: 0, hi: 1 });
    expect(sliderRange(50, rate)).toMatchObject({ lo: 0, hi: 100 });
    expect(sliderRange(0.02, tauM)).toMatchObject({ lo: 0, hi: 0.04 });
    expect(sliderRange(0.0001, tauM)).toMatchObject({ lo: 0, hi: 0.001 });
  });

  it('a value typed elsewhere refits the range; the slider is not pinned at its end', () => {
    loadDocumentCommand(doc, 'live.neuro');
    host = document.createElement('div');
    document.body.append(host);
    root = createRoot(host);
    act(() => root!.render(<Live />));
    const slider = () => host!.querySelector('input[type="range"]') as HTMLInputElement;
    expect(slider().max).toBe('1');
    expect(slider().min).toBe('-1');
    act(() => void applyCommand(setParams, { ids: ['A'], values: { bias: 2 } }));
    expect(slider().max).toBe('4');
    expect(Number(slider().value)).toBe(2);
  });

  it('a time constant slider dragged to its left end stops one step above 0, never at 0', () => {
    loadDocumentCommand(doc, 'live.neuro');
    select(['A']); // a selected node shows every live param
    host = document.createElement('div');
    document.body.append(host);
    root = createRoot(host);
    act(() => root!.render(<Live />));
    const tau = [...host.querySelectorAll<HTMLInputElement>('input[type="range"]')].find((el) =>
      /tau/i.test(host!.querySelector(`label[for="${el.id}"]`)?.textContent ?? ''),
    );
    expect(tau, 'a slider for a time constant').toBeDefined();
    expect(tau!.min).toBe('0');
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    act(() => {
      setter.call(tau!, '0');
      tau!.dispatchEvent(new Event('input', { bubbles: true }));
    });
    const params = documentStore.getState().document!.nodes[0]!.params as Record<string, number>;
    const key = Object.keys(params).find((k) => k.startsWith('tau'))!;
    expect(params[key]).toBeGreaterThan(0);
    expect(params[key]).toBeCloseTo(Number(tau!.step), 12);
  });

  it('names each control as the inspector does: the field, its unit and its meaning (HH C was "A C")', () => {
    const hh = {
      ...doc,
      nodes: [{ id: 'A', kind: 'neuron', model: 'hh', label: 'A' }],
    } as unknown as NetworkDocument;
    loadDocumentCommand(hh, 'live.neuro');
    select(['A']);
    host = document.createElement('div');
    document.body.append(host);
    root = createRoot(host);
    act(() => root!.render(<Live />));
    const c = host.querySelector<HTMLInputElement>('input[type="range"][id$="-A-params-C"]')!;
    const row = c.closest('.live-inputs__row')!;
    expect(row.querySelector(`label[for="${c.id}"]`)!.textContent).toBe('A C (uF/cm^2)');
    expect(row.querySelector('.live-inputs__meaning')!.textContent).toBe('membrane capacitance');
  });

  it("a selected synapse gets its weight and tauS as live controls, which set the edge's fields", () => {
    const pair = {
      ...doc,
      nodes: [
        { id: 'A', kind: 'neuron', model: 'lif', label: 'A' },
        { id: 'B', kind: 'neuron', model: 'lif', label: 'B' },
      ],
      edges: [{ id: 'ab', source: 'A', target: 'B', weight: 0.05, synapse: { tauS: 0.005, n: 0 } }],
    } as unknown as NetworkDocument;
    loadDocumentCommand(pair, 'live.neuro');
    select(['ab']);
    host = document.createElement('div');
    document.body.append(host);
    root = createRoot(host);
    act(() => root!.render(<Live />));
    const labels = [...host.querySelectorAll('label')].map((l) => l.textContent);
    expect(labels).toEqual(['A bias', 'B bias', 'A → B weight (s)', 'A → B tauS (ms)']);
    expect(host.textContent).toContain("each spike adds w/τs to B's input J");
    const box = (label: string) =>
      host!.querySelector<HTMLInputElement>(`input[aria-label="${label}"]`)!;
    expect(box('A → B tauS value').value).toBe('5');
    const type = (input: HTMLInputElement, text: string): void => {
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      act(() => {
        setter.call(input, text);
        input.dispatchEvent(new Event('input', { bubbles: true }));
      });
      act(() => {
        input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
      });
    };
    type(box('A → B weight value'), '-0.2');
    type(box('A → B tauS value'), '10');
    expect(documentStore.getState().document!.edges[0]).toMatchObject({
      weight: -0.2,
      synapse: { tauS: 0.01, n: 0 },
    });
  });
});
