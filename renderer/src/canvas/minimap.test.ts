/**
 * The minimap shows by itself only while part of the circuit is outside the view (a node's box,
 * through the viewport transform, past an edge of the pane), and always or never when chosen.
 */
import type { ReactFlowState } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { circuitOutsideView, minimapShown } from './minimap';

type ViewState = Parameters<typeof circuitOutsideView>[0];

function view(
  transform: [number, number, number],
  nodes: Array<{ x: number; y: number; width: number; height: number; hidden?: boolean }>,
): ViewState {
  const nodeLookup = new Map(
    nodes.map((n, i) => [
      String(i),
      {
        hidden: n.hidden,
        internals: { positionAbsolute: { x: n.x, y: n.y } },
        measured: { width: n.width, height: n.height },
      },
    ]),
  );
  return {
    transform,
    width: 800,
    height: 400,
    nodeLookup: nodeLookup as unknown as ReactFlowState['nodeLookup'],
  };
}

describe('circuitOutsideView', () => {
  const nodes = [
    { x: 0, y: 0, width: 160, height: 60 },
    { x: 500, y: 200, width: 160, height: 60 },
  ];
  it('is false when every node is inside the pane', () => {
    expect(circuitOutsideView(view([20, 20, 1], nodes))).toBe(false);
  });
  it('is true when a node crosses an edge, after a zoom or a pan', () => {
    expect(circuitOutsideView(view([20, 20, 1.5], nodes))).toBe(true); // 680 * 1.5 > 800
    expect(circuitOutsideView(view([-10, 20, 1], nodes))).toBe(true);
    expect(circuitOutsideView(view([20, 150, 1], nodes))).toBe(true); // 150 + 260 > 400
  });
  it('ignores hidden nodes and an unmeasured pane', () => {
    expect(
      circuitOutsideView(
        view([20, 20, 1], [...nodes, { x: 5000, y: 0, width: 1, height: 1, hidden: true }]),
      ),
    ).toBe(false);
    expect(circuitOutsideView({ ...view([-500, 0, 1], nodes), width: 0 })).toBe(false);
  });
});

describe('minimapShown', () => {
  it("follows the view in 'auto', the choice otherwise", () => {
    expect(minimapShown('auto', false)).toBe(false);
    expect(minimapShown('auto', true)).toBe(true);
    expect(minimapShown('on', false)).toBe(true);
    expect(minimapShown('off', true)).toBe(false);
  });
});
