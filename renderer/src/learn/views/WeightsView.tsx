/**
 * View 7: W, x, b and z = W x + b between two chosen nodes, with x from the live run at its
 * current simulated time when a probe records it (else what the document says), and the augmented
 * form [W | b][x; 1] beside it (notes 1.3.4).
 */
import { useMemo, useState } from 'react';
import { Formula } from '../Formula';
import { columns, toCsv } from '../math/csv';
import { nodeSize, weightMatrix } from '../math/weightMatrix';
import { ViewFrame } from '../ViewFrame';
import { fmt, type LearnViewProps, type LiveTraces } from '../viewProps';

/** Largest rows/columns typeset in full; bigger matrices show their top-left corner. */
const SHOWN = 8;

function texNumber(v: number): string {
  return fmt(v, 3).replace('−', '-');
}

function texMatrix(rows: number[][], separatorBeforeLast = false): string {
  const r = rows.length;
  const c = rows[0]?.length ?? 0;
  const shownRows = rows.slice(0, SHOWN);
  const cutCols = c > SHOWN + (separatorBeforeLast ? 1 : 0);
  const body = shownRows
    .map((row) => {
      const cells = cutCols
        ? [
            ...row.slice(0, SHOWN - 1).map(texNumber),
            '\\cdots',
            ...(separatorBeforeLast ? [texNumber(row[c - 1]!)] : []),
          ]
        : row.map(texNumber);
      return cells.join(' & ');
    })
    .join(' \\\\ ');
  const more = r > SHOWN ? ' \\\\ \\vdots' : '';
  const cols = cutCols ? SHOWN + (separatorBeforeLast ? 1 : 0) : c;
  if (separatorBeforeLast) {
    const spec = `${'c'.repeat(Math.max(1, cols - 1))}|c`;
    return `\\left[\\begin{array}{${spec}} ${body}${more} \\end{array}\\right]`;
  }
  return `\\begin{bmatrix} ${body}${more} \\end{bmatrix}`;
}

const column = (v: number[]): number[][] => v.map((x) => [x]);

/** The newest sample of a probe on `nodeId` (variable y or u), per element, and its time. */
export function liveActivity(
  session: LiveTraces | null,
  nodeId: string,
  size: number,
): { x: number[]; how: string } | null {
  if (!session) return null;
  for (const buffer of session.traces.values()) {
    if (buffer.target !== nodeId || (buffer.variable !== 'y' && buffer.variable !== 'u')) continue;
    if (buffer.length === 0) continue;
    const slot = buffer.slot(buffer.length - 1);
    const x = new Array<number>(size).fill(0);
    buffer.indices.forEach((element, e) => {
      if (element < size) x[element] = buffer.values[e]![slot]!;
    });
    const t = buffer.steps[slot]! * session.dt;
    return { x, how: `${buffer.variable} of the live run at t = ${fmt(t, 6)} s` };
  }
  return null;
}

export function WeightsView({ document, nodeId, session }: LearnViewProps) {
  const pairs = useMemo(() => {
    const seen = new Map<string, { source: string; target: string }>();
    for (const edge of document.edges) {
      const source = document.nodes.find((n) => n.id === edge.source);
      if (!source || source.kind === 'bias') continue;
      seen.set(`${edge.source}→${edge.target}`, { source: edge.source, target: edge.target });
    }
    return [...seen.entries()];
  }, [document]);
  const [pairKey, setPairKey] = useState(() => {
    const mine =
      pairs.find(([, p]) => p.target === nodeId) ??
      pairs.find(([, p]) => p.source === nodeId) ??
      pairs[0];
    return mine?.[0] ?? '';
  });
  const pair = pairs.find(([key]) => key === pairKey)?.[1];
  const [liveTick, setLiveTick] = useState(0);

  const matrix = useMemo(() => {
    if (!pair) return null;
    const source = document.nodes.find((n) => n.id === pair.source);
    // Read again whenever "Read x again" bumps liveTick.
    const live =
      source && liveTick >= 0 ? liveActivity(session, pair.source, nodeSize(source)) : null;
    return weightMatrix(document, pair.source, pair.target, live ?? undefined);
  }, [document, pair, session, liveTick]);

  const tex = matrix?.W
    ? String.raw`\underbrace{${texMatrix(column(matrix.z!))}}_{\vec z} = \underbrace{${texMatrix(matrix.W)}}_{W}\underbrace{${texMatrix(column(matrix.x))}}_{\vec x} + \underbrace{${texMatrix(column(matrix.b))}}_{\vec b}`
    : '';
  const augmented = matrix?.W
    ? String.raw`= \underbrace{${texMatrix(
        matrix.W.map((row, i) => [...row, matrix.b[i]!]),
        true,
      )}}_{\hat W = [W \mid \vec b]}\underbrace{${texMatrix(column([...matrix.x, 1]))}}_{[\vec x;\,1]}`
    : '';

  return (
    <ViewFrame
      viewId="weights"
      title="Weight matrix"
      data={matrix}
      csv={() => {
        if (!matrix) return toCsv(['kind', 'i', 'j', 'value'], []);
        const rows: Array<Array<number | string>> = [];
        matrix.W?.forEach((row, i) => row.forEach((w, j) => rows.push(['W', i, j, w])));
        matrix.x.forEach((v, j) => rows.push(['x', '', j, v]));
        matrix.b.forEach((v, i) => rows.push(['b', i, '', v]));
        matrix.z?.forEach((v, i) => rows.push(['z', i, '', v]));
        return toCsv(
          ['kind', 'i', 'j', 'value'],
          columns(...[0, 1, 2, 3].map((k) => rows.map((r) => r[k]!))),
        );
      }}
      text={
        <>
          Every connection from X to Y has its own weight: row i of W holds the weights into element
          i of Y, column j those out of element j of X. The input of Y is then one matrix-vector
          product plus the biases, z = Wx + b. Adding a constant 1 to x lets the biases become one
          more column of W, the augmented matrix on the right.
        </>
      }
      tex={String.raw`\vec z = W\vec x + \vec b = [W \mid \vec b]\begin{bmatrix}\vec x \\ 1\end{bmatrix},\qquad W \in \mathbb{R}^{M \times N}`}
    >
      <div className="learn-controls">
        {pairs.length > 0 ? (
          <label className="learn-field">
            <span className="learn-field__label">from X → to Y</span>
            <select value={pairKey} onChange={(e) => setPairKey(e.target.value)}>
              {pairs.map(([key]) => (
                <option key={key} value={key}>
                  {key}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <p className="learn-note">
            This circuit has no connections yet: connect two nodes to see their W.
          </p>
        )}
        {matrix && (
          <>
            <button
              type="button"
              className="learn-button"
              onClick={() => setLiveTick((t) => t + 1)}
            >
              Read x again
            </button>
            <p className="learn-note" aria-live="polite">
              x: {matrix.xSource}. b: the bias of {matrix.targetId} plus its bias-node edges. W from
              edge
              {matrix.edgeIds.length === 1 ? ' ' : 's '}
              {matrix.edgeIds.join(', ')}.{matrix.note ? ` ${matrix.note}.` : ''}
            </p>
          </>
        )}
      </div>
      {matrix?.W && (
        <div className="learn-matrices" aria-label="z = Wx + b with numbers">
          <Formula tex={tex} />
          <Formula tex={augmented} />
        </div>
      )}
    </ViewFrame>
  );
}
