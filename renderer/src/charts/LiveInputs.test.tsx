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
  select([]);
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
});
