/**
 * The editor's heat-map (materializeWeight) shows the matrix a run uses: for every generator the
 * matrix equals the compiled projection's weights, read back from the engine's own layouts.
 */
import { describe, expect, it } from 'vitest';
import type { Weight } from '../../document/model';
import { createSimulation } from '../createSimulation';
import { CONN_CSR, CONN_DENSE, CONN_IDENTITY } from '../plan';
import { network } from '../test-support/testNetworks';
import { materializeWeight } from './weightDraws';

function compiledMatrix(weight: Weight, rows: number, cols: number, seed: number): number[][] {
  const doc = network({
    seed,
    nodes: [
      { id: 'X', kind: 'input', size: cols, signal: { type: 'constant', value: 0 } },
      { id: 'Y', kind: 'population', size: rows, model: 'rate', params: {} },
    ],
    edges: [{ id: 'w', source: 'X', target: 'Y', weight }],
  });
  const created = createSimulation(doc);
  if (!created.ok) throw new Error(JSON.stringify(created.issues));
  const p = created.simulation.plan.projections.find((q) => q.id === 'w')!;
  const out = Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
  if (p.conn === CONN_DENSE) {
    for (let i = 0; i < rows; i++)
      for (let j = 0; j < cols; j++) out[i]![j] = p.dense![j * rows + i]!;
  } else if (p.conn === CONN_CSR) {
    for (let j = 0; j < cols; j++)
      for (let c = p.rowPtr![j]!; c < p.rowPtr![j + 1]!; c++) out[p.col![c]!]![j] = p.weight;
  } else if (p.conn === CONN_IDENTITY) {
    for (let i = 0; i < rows; i++) out[i]![i] = p.weight;
  } else {
    for (const row of out) row.fill(p.weight);
  }
  return out;
}

describe('materializeWeight equals the compiled weights', () => {
  const cases: Array<[string, Weight, number, number]> = [
    ['uniform', { init: 'uniform', low: -1, high: 2 }, 7, 5],
    ['normal', { init: 'normal', mean: 0.5, std: 0.2 }, 4, 9],
    ['normal with its own seed', { init: 'normal', mean: 0, std: 1, seed: 77 }, 6, 6],
    ['sparse', { init: 'sparse', p: 0.3, value: 0.25 }, 12, 10],
    ['sparse p = 1', { init: 'sparse', p: 1, value: -2 }, 3, 4],
    ['identity', { init: 'identity', value: 1.5 }, 5, 5],
    ['scalar', 0.7, 3, 2],
  ];
  it.each(cases)('%s', (_name, weight, rows, cols) => {
    const shown = materializeWeight(weight, rows, cols, 42, 'w');
    expect(shown).toEqual(compiledMatrix(weight, rows, cols, 42));
    expect(shown.length).toBe(rows);
    expect(shown[0]!.length).toBe(cols);
  });

  it('depends on the simulation seed unless the generator has its own', () => {
    const g: Weight = { init: 'uniform', low: 0, high: 1 };
    expect(materializeWeight(g, 3, 3, 1, 'w')).not.toEqual(materializeWeight(g, 3, 3, 2, 'w'));
    const own: Weight = { init: 'uniform', low: 0, high: 1, seed: 5 };
    expect(materializeWeight(own, 3, 3, 1, 'w')).toEqual(materializeWeight(own, 3, 3, 2, 'w'));
  });
});
