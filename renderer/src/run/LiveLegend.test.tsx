// @vitest-environment jsdom
/** The live legend names the top of its scale for the models on the canvas. */
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it } from 'vitest';
import { emptyDocument } from '../../../shared/document/empty';
import type { NetworkDocument, NetworkNode } from '../../../shared/document/model';
import { LiveLegend } from './LiveLegend';
import type { SimulationSession } from './SimulationSession';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** A session with a run under way (the legend shows while a run has data). */
const running = {
  status: 'running',
  subscribeStatus: () => () => {},
} as unknown as SimulationSession;

function legendText(nodes: NetworkNode[]): string {
  const doc: NetworkDocument = { ...emptyDocument(), nodes };
  const host = document.createElement('div');
  const root = createRoot(host);
  act(() => root.render(<LiveLegend session={running} document={doc} />));
  const text = host.textContent ?? '';
  act(() => root.unmount());
  return text;
}

describe('LiveLegend', () => {
  it('says 1, not threshold, and shows no spike ring for a circuit of rate units', () => {
    const text = legendText([
      { id: 'A', kind: 'neuron', model: 'rate' } as NetworkNode,
      { id: 'B', kind: 'neuron', model: 'rate' } as NetworkNode,
    ]);
    expect(text).not.toContain('threshold');
    expect(text).toContain('1');
    expect(text).not.toContain('spike');
  });

  it('says threshold and spike for LIF neurons, both names for a mixed circuit', () => {
    expect(legendText([{ id: 'A', kind: 'neuron', model: 'lif' } as NetworkNode])).toMatch(
      /threshold.*spike/,
    );
    expect(
      legendText([
        { id: 'A', kind: 'neuron', model: 'lif' } as NetworkNode,
        { id: 'B', kind: 'neuron', model: 'rate' } as NetworkNode,
      ]),
    ).toContain('threshold / 1');
  });
});
