/**
 * The weight-matrix editor of an edge between populations (or vector inputs): W has one row per
 * target element and one column per source element (z = W x + b, notes 1.3.4). A heat map in a
 * diverging colour scale with editable cells and row/column labels, generators (uniform, normal,
 * identity, sparse, constant; seeded), paste from a spreadsheet, shape checks, and the target's
 * bias vector beside it.
 */
import { useState } from 'react';
import type { Edge, NetworkDocument, Weight } from '../../../shared/document/model';
import { divergingColor, formatNumber, weightMagnitude, weightText } from '../ui/format';
import { setParams, updateEdges } from '../document/commands';
import { weightRefusal } from '../document/connect';
import { applyCommand } from '../document/documentStore';
import { findEdge, findNode, nodeSize } from '../document/graph';
// generators drawn by the simulator's own code: the heat-map shows the matrix a run uses
import { materializeWeight } from '../../../shared/sim/compile/weightDraws';
import { uiStore } from '../document/uiStore';
import { useStore } from 'zustand';

/** Cells are edited one by one up to this size; larger matrices use generators or paste. */
export const MAX_EDITABLE = 32;

type GeneratorKind = 'uniform' | 'normal' | 'identity' | 'sparse' | 'constant';

/** Spreadsheet text (tabs, commas, semicolons or spaces between cells; one row per line). */
export function parseMatrix(text: string): number[][] | string {
  const lines = text
    .trim()
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length === 0) return 'nothing to paste';
  const rows: number[][] = [];
  for (const [i, line] of lines.entries()) {
    const cells = line.split(/\t|,|;|\s+/).filter((c) => c !== '');
    const values = cells.map((c) => Number(c.replace(/\u2212/g, '-')));
    const bad = values.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) return `row ${i + 1}, column ${bad + 1}: "${cells[bad]}" is not a number`;
    rows.push(values);
  }
  return rows;
}

function Generators({
  doc,
  edge,
  rows,
  cols,
}: {
  doc: NetworkDocument;
  edge: Edge;
  rows: number;
  cols: number;
}) {
  const [kind, setKind] = useState<GeneratorKind>('uniform');
  const [a, setA] = useState('-1');
  const [b, setB] = useState('1');
  const [seed, setSeed] = useState('');
  const [error, setError] = useState<string | null>(null);
  const labels: Record<GeneratorKind, [string, string | null]> = {
    uniform: ['low', 'high'],
    normal: ['mean', 'std'],
    identity: ['value', null],
    sparse: ['p', 'value'],
    constant: ['value', null],
  };
  const build = (): Weight | string => {
    const x = Number(a);
    const y = Number(b);
    const s = seed.trim() === '' ? undefined : Number(seed);
    if (!Number.isFinite(x) || (labels[kind][1] && !Number.isFinite(y))) return 'enter numbers';
    if (s !== undefined && (!Number.isInteger(s) || s < 0)) return 'the seed is a whole number ≥ 0';
    const withSeed = <T extends object>(g: T): T => (s === undefined ? g : { ...g, seed: s });
    switch (kind) {
      case 'uniform':
        return x > y
          ? 'low must not exceed high'
          : withSeed({ init: 'uniform' as const, low: x, high: y });
      case 'normal':
        return y < 0 ? 'std must be ≥ 0' : withSeed({ init: 'normal' as const, mean: x, std: y });
      case 'identity':
        return { init: 'identity' as const, value: x };
      case 'sparse':
        return x < 0 || x > 1
          ? 'p is a probability, 0 … 1'
          : withSeed({ init: 'sparse' as const, p: x, value: y });
      case 'constant':
        return x;
    }
  };
  const apply = (fill: boolean): void => {
    const w = build();
    if (typeof w === 'string') return setError(w);
    const weight =
      fill && typeof w === 'object'
        ? materializeWeight(w, rows, cols, doc.simulation.seed, edge.id)
        : w;
    const refusal = weightRefusal(doc, edge.id, weight);
    if (refusal) return setError(refusal);
    setError(null);
    applyCommand(updateEdges, { ids: [edge.id], patch: { weight } });
  };
  const identityRefused = rows !== cols ? `Identity needs equal sizes (${cols} → ${rows}).` : null;
  return (
    <fieldset className="matrix-editor__generators">
      <legend>Generate</legend>
      <select
        aria-label="generator"
        value={kind}
        onChange={(e) => setKind(e.target.value as GeneratorKind)}
      >
        <option value="uniform">uniform</option>
        <option value="normal">normal</option>
        <option value="identity" disabled={identityRefused !== null}>
          identity{identityRefused ? ' (sizes differ)' : ''}
        </option>
        <option value="sparse">sparse (probability p)</option>
        <option value="constant">constant</option>
      </select>
      <label>
        {labels[kind][0]}{' '}
        <input
          aria-label={labels[kind][0]}
          value={a}
          onChange={(e) => setA(e.target.value)}
          size={6}
        />
      </label>
      {labels[kind][1] && (
        <label>
          {labels[kind][1]}{' '}
          <input
            aria-label={labels[kind][1]!}
            value={b}
            onChange={(e) => setB(e.target.value)}
            size={6}
          />
        </label>
      )}
      {kind !== 'identity' && kind !== 'constant' && (
        <label>
          seed{' '}
          <input
            aria-label="seed"
            value={seed}
            placeholder="from simulation"
            onChange={(e) => setSeed(e.target.value)}
            size={8}
          />
        </label>
      )}
      <button
        type="button"
        onClick={() => apply(false)}
        title="Stored as a rule; sparse stays sparse in the file"
      >
        Use generator
      </button>
      {kind !== 'constant' && rows * cols <= MAX_EDITABLE * MAX_EDITABLE && (
        <button
          type="button"
          onClick={() => apply(true)}
          title="Draw the numbers now and edit them cell by cell"
        >
          Fill cells
        </button>
      )}
      {identityRefused && kind === 'identity' && (
        <span className="field__error">{identityRefused}</span>
      )}
      {error && (
        <span className="field__error" role="alert">
          {error}
        </span>
      )}
    </fieldset>
  );
}

function Cell({
  value,
  scale,
  label,
  onCommit,
}: {
  value: number;
  scale: number;
  label: string;
  onCommit(v: number): void;
}) {
  const [text, setText] = useState<string | null>(null);
  const bg = divergingColor(scale > 0 ? value / scale : 0);
  const strong = scale > 0 && Math.abs(value / scale) > 0.6;
  return (
    <input
      className="matrix-cell"
      aria-label={label}
      style={{ background: bg, color: strong ? '#fff' : '#0f172a' }}
      value={text ?? formatNumber(value, 4)}
      title={formatNumber(value, 12)}
      onFocus={(e) => e.target.select()}
      onChange={(e) => setText(e.target.value)}
      onBlur={() => {
        const v = Number(text);
        if (text !== null && text.trim() !== '' && Number.isFinite(v) && v !== value) onCommit(v);
        setText(null);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
        if (e.key === 'Escape') {
          setText(null);
          (e.target as HTMLInputElement).blur();
        }
      }}
    />
  );
}

export function MatrixEditor({ document: doc }: { document: NetworkDocument }) {
  const edgeId = useStore(uiStore, (s) => s.matrixEdgeId);
  const [pasteText, setPasteText] = useState('');
  const [pasteError, setPasteError] = useState<string | null>(null);
  const edge = edgeId ? findEdge(doc, edgeId) : undefined;
  if (!edge) return null;
  const source = findNode(doc, edge.source);
  const target = findNode(doc, edge.target);
  if (!source || !target) return null;
  const rows = nodeSize(target);
  const cols = nodeSize(source);
  const close = (): void => uiStore.setState({ matrixEdgeId: null });
  const shapeProblem = weightRefusal(doc, edge.id, edge.weight);
  const editable = rows <= MAX_EDITABLE && cols <= MAX_EDITABLE;
  const matrix =
    editable && !shapeProblem
      ? materializeWeight(edge.weight, rows, cols, doc.simulation.seed, edge.id)
      : null;
  const scale = weightMagnitude(edge.weight);
  const setWeight = (weight: Weight): void =>
    void applyCommand(updateEdges, { ids: [edge.id], patch: { weight } });
  const setCell = (i: number, j: number, v: number): void => {
    if (!matrix) return;
    const next = matrix.map((r) => [...r]);
    next[i]![j] = v;
    setWeight(next);
  };
  const biasParam =
    'params' in target
      ? (target.params as Record<string, unknown> | undefined)?.['bias']
      : undefined;
  const bias: number[] | null =
    target.kind === 'population' || target.kind === 'neuron'
      ? Array.isArray(biasParam)
        ? (biasParam as number[])
        : typeof biasParam === 'number'
          ? new Array<number>(rows).fill(biasParam)
          : biasParam === undefined
            ? new Array<number>(rows).fill(0)
            : null
      : null;
  const setBias = (i: number, v: number): void => {
    if (!bias) return;
    const next = [...bias];
    next[i] = v;
    applyCommand(setParams, {
      ids: [target.id],
      values: { bias: target.kind === 'neuron' ? v : next },
    });
  };
  const biasScale = bias ? Math.max(0, ...bias.map(Math.abs)) : 0;
  const applyPaste = (text: string): void => {
    const parsed = parseMatrix(text);
    if (typeof parsed === 'string') return setPasteError(parsed);
    const refusal = weightRefusal(doc, edge.id, parsed);
    if (refusal)
      return setPasteError(`${refusal} Pasted: ${parsed.length} × ${parsed[0]?.length ?? 0}.`);
    setPasteError(null);
    setPasteText('');
    setWeight(parsed);
  };
  const srcName = source.label ?? source.id;
  const tgtName = target.label ?? target.id;
  // Bias nodes wired into the target add to z as well, but as a column of W with x = 1, not in
  // the b column (the target's own bias param): said, so z = W x + b matches the canvas (the
  // fifth walkthrough read b = 0 beside a bias node feeding P1 with weight 1).
  const biasFeeds = doc.edges.flatMap((e) => {
    const from = e.target === target.id ? findNode(doc, e.source) : undefined;
    return from?.kind === 'bias' ? [`${from.label ?? from.id} (w ${weightText(e.weight)})`] : [];
  });
  return (
    <div className="editor-dialog-backdrop" onClick={close}>
      <div
        className="editor-dialog matrix-editor"
        role="dialog"
        aria-label={`weight matrix ${edge.id}`}
        onClick={(e) => e.stopPropagation()}
      >
        <header className="editor-dialog__head">
          <h2>
            Weights {srcName} → {tgtName}: W is {rows} × {cols}
          </h2>
          <button type="button" onClick={close} aria-label="close">
            ×
          </button>
        </header>
        <p className="inspector__note">
          One row per element of {tgtName} (target), one column per element of {srcName} (source): z
          = W x + b. Now: <strong>{weightText(edge.weight)}</strong>
          {typeof edge.weight === 'number' ? ' (the same weight for every pair)' : ''}.
          {bias && ` b is ${tgtName}’s own bias param.`}
          {biasFeeds.length > 0 &&
            ` The bias node${biasFeeds.length > 1 ? 's' : ''} ${biasFeeds.join(', ')} also feed${biasFeeds.length > 1 ? '' : 's'} ${tgtName}: not in b, but a column of W with x = 1 (Learn › Weight matrix shows every input of ${tgtName}).`}
        </p>
        {shapeProblem && (
          <p className="field__error" role="alert">
            {shapeProblem}
          </p>
        )}
        <Generators doc={doc} edge={edge} rows={rows} cols={cols} />
        {matrix ? (
          <div className="matrix-editor__grid-wrap">
            <table className="matrix-editor__grid" aria-label="weight matrix cells">
              <thead>
                <tr>
                  <th scope="col" className="matrix-editor__corner">
                    {tgtName} ↓ / {srcName} →
                  </th>
                  {matrix[0]!.map((_, j) => (
                    <th key={j} scope="col">
                      {j}
                    </th>
                  ))}
                  {bias && (
                    <th
                      scope="col"
                      className="matrix-editor__bias-head"
                      title={`bias param of ${tgtName}`}
                    >
                      b
                    </th>
                  )}
                </tr>
              </thead>
              <tbody
                onPaste={(e) => {
                  const text = e.clipboardData.getData('text/plain');
                  if (text.includes('\n') || text.includes('\t')) {
                    e.preventDefault();
                    applyPaste(text);
                  }
                }}
              >
                {matrix.map((row, i) => (
                  <tr key={i}>
                    <th scope="row">{i}</th>
                    {row.map((v, j) => (
                      <td key={j}>
                        <Cell
                          value={v}
                          scale={scale}
                          label={`W[${i}][${j}]`}
                          onCommit={(x) => setCell(i, j, x)}
                        />
                      </td>
                    ))}
                    {bias && (
                      <td className="matrix-editor__bias">
                        <Cell
                          value={bias[i] ?? 0}
                          scale={biasScale}
                          label={`b[${i}]`}
                          onCommit={(x) => setBias(i, x)}
                        />
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          !shapeProblem && (
            <p className="inspector__note">
              {rows} × {cols} is too large to edit cell by cell here: use a generator or paste the
              numbers.
            </p>
          )
        )}
        <div className="matrix-editor__paste">
          <label htmlFor="matrix-paste">
            Paste from a spreadsheet (rows on lines; tabs or commas between cells)
          </label>
          <textarea
            id="matrix-paste"
            rows={3}
            value={pasteText}
            onChange={(e) => setPasteText(e.target.value)}
          />
          <button type="button" onClick={() => applyPaste(pasteText)} disabled={!pasteText.trim()}>
            Use pasted matrix
          </button>
          {pasteError && (
            <span className="field__error" role="alert">
              {pasteError}
            </span>
          )}
        </div>
        <div className="matrix-editor__legend" aria-hidden="true">
          <span style={{ background: divergingColor(-1) }} /> −{formatNumber(scale, 3)}
          <span style={{ background: divergingColor(0) }} /> 0
          <span style={{ background: divergingColor(1) }} /> +{formatNumber(scale, 3)}
        </div>
      </div>
    </div>
  );
}
