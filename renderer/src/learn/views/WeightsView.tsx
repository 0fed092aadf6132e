/**
 * View 7: everything that drives one target Y as one matrix-vector product (notes 1.3.4),
 * z = W x + b, and the augmented [W | b][x; 1] when Y has a bias: one row of W per element of Y,
 * one column per element of every source of its incoming edges. x comes from the run (a spiking
 * source's firing rate, a probed y or u) or else from the document; a probe of Y's J (or s) is
 * compared with z. The numbers are learn/math/weightMatrix.ts.
 */
import { useMemo, useState } from 'react';
import type { NetworkDocument } from '../../../../shared/document/model';
import { Formula } from '../Formula';
import { columns, toCsv } from '../math/csv';
import { displayName as nodeName } from '../../../../shared/document/graph';
import {
  targetMatrix,
  targetNodes,
  type SourceBlock,
  type TargetMatrixData,
} from '../math/weightMatrix';
import { NodePicker } from '../NodePicker';
import { openLearnView } from '../learnStore';
import { ViewFrame } from '../ViewFrame';
import { fmt, type LearnViewProps } from '../viewProps';

/** Largest rows/columns typeset in full; bigger matrices show their top-left corner. */
const SHOWN = 8;

function texNumber(v: number): string {
  return fmt(v, 4).replace('−', '-');
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

/** A short TeX name of a node for the symbolic form (w_CA, x_A), or null when it has none. */
function texName(doc: NetworkDocument, id: string): string | null {
  const node = doc.nodes.find((n) => n.id === id);
  for (const name of [node?.label, id]) if (name && /^[A-Za-z0-9]{1,3}$/.test(name)) return name;
  return null;
}

/**
 * The notes' symbolic form for a single target neuron driven by single neurons (A and B drive C):
 * z_C = [w_CA  w_CB] [x_A; x_B] + b_C = w_CA x_A + w_CB x_B + b_C. Null for populations.
 */
function symbolicTex(doc: NetworkDocument, data: TargetMatrixData): string | null {
  if (data.rows !== 1 || data.blocks.length === 0 || data.blocks.length > SHOWN) return null;
  if (data.blocks.some((b) => b.size !== 1)) return null;
  const y = texName(doc, data.targetId);
  const xs = data.blocks.map((b) => texName(doc, b.sourceId));
  if (!y || xs.some((x) => x === null)) return null;
  const sub = (s: string): string => (s.length === 1 ? s : `\\mathrm{${s}}`);
  const w = xs.map((x) =>
    y.length === 1 && x!.length === 1 ? `w_{${y}${x}}` : `w_{${sub(y)},${sub(x!)}}`,
  );
  const x = xs.map((s) => `x_{${sub(s!)}}`);
  const b = data.hasBias ? ` + b_{${sub(y)}}` : '';
  const products = w.map((wi, j) => `${wi}\\,${x[j]}`).join(' + ');
  const rows = x.join(' \\\\ ');
  return String.raw`z_{${sub(y)}} = \begin{bmatrix} ${w.join(' & ')} \end{bmatrix}\begin{bmatrix} ${rows} \end{bmatrix}${b} = ${products}${b}`;
}

function list(values: number[], unit = ''): string {
  const shown = values.slice(0, 4).map((v) => fmt(v, 4));
  return `${shown.join(', ')}${values.length > 4 ? ', …' : ''}${unit}`;
}

function columnsText(block: SourceBlock): string {
  return block.size === 1 ? `${block.first + 1}` : `${block.first + 1}–${block.first + block.size}`;
}

function xText(block: SourceBlock): string {
  const x = block.activity.x.slice(0, block.size);
  const unit = block.activity.kind === 'rate' || block.spiking ? ' Hz' : '';
  if (x.length <= 4) return list(x, unit);
  const mean = x.reduce((a, b) => a + b, 0) / x.length;
  return `mean ${fmt(mean, 4)}${unit} (${list(x)})`;
}

function measuredText(data: TargetMatrixData): string | null {
  const m = data.measured;
  if (!m) return null;
  const what =
    m.variable === 'J'
      ? `probe ${m.probeId}`
      : data.biasParam
        ? `probe ${m.probeId} records s, J without the bias param, which is added`
        : `probe ${m.probeId} records s, which is J here: no bias param`;
  const when =
    m.how === 'mean'
      ? `the mean of J over t = ${fmt(m.from * 1000, 4)}–${fmt(m.to * 1000, 4)} ms, after the spiking sources began to fire`
      : `J at t = ${fmt(m.to * 1000, 4)} ms, when x was read`;
  const z = data.z ? m.indices.map((i) => data.z![i]!) : null;
  const values =
    m.indices.length === 1
      ? `${fmt(m.values[0]!, 4)}; z = ${z ? fmt(z[0]!, 4) : '—'}`
      : `${list(m.values)}; z = ${z ? list(z) : '—'} (elements ${list(m.indices)})`;
  const why =
    m.how === 'mean'
      ? ' They differ by the spikes cut at the ends of the window and by the probe’s sampling; rates that change during the run make z a rough guide.'
      : '';
  return `Measured: ${when} (${what}): ${values}.${why}`;
}

/** Why z is not compared with a measured J, and what would let it be. */
function notMeasuredText(document: NetworkDocument, data: TargetMatrixData, ran: boolean): string {
  if (!ran) return 'Run the circuit to read x from the run, then Read x again.';
  const unknown = data.blocks.find(
    (block) => block.activity.kind === 'document' && !block.activity.constant,
  );
  if (data.measuredProbeId && unknown) {
    const variable =
      document.nodes.find((n) => n.id === unknown.sourceId)?.kind === 'input' ? 'u' : 'y';
    return `x of ${unknown.name} changes during the run and no probe records it: record its ${variable} to compare z with the J of ${data.targetName} (probe ${data.measuredProbeId}).`;
  }
  return `Record J of ${data.targetName} (a probe) to compare z with the J the run computes.`;
}

/** The target the view starts with: the requested node, else one it drives, else the first. */
function initialTarget(doc: NetworkDocument, requested: string | undefined): string {
  const targets = targetNodes(doc);
  if (requested && targets.some((n) => n.id === requested)) return requested;
  const driven = doc.edges.find((e) => e.source === requested)?.target;
  if (driven && targets.some((n) => n.id === driven)) return driven;
  return targets[0]?.id ?? '';
}

export function WeightsView({ document, nodeId, session }: LearnViewProps) {
  const targets = useMemo(() => targetNodes(document), [document]);
  const [targetId] = useState(() => initialTarget(document, nodeId));
  const [readCount, setReadCount] = useState(0);

  const data = useMemo(
    // Read the run again whenever "Read x again" bumps readCount.
    () => (readCount >= 0 ? targetMatrix(document, targetId, session) : null),
    [document, targetId, session, readCount],
  );

  const symbolic = data ? symbolicTex(document, data) : null;
  let tex = '';
  let augmented = '';
  if (data?.W && data.x.length === 0) {
    // Only a bias drives Y (an edge from a bias node): z = b.
    tex = String.raw`\underbrace{${texMatrix(column(data.z!))}}_{\vec z} = \underbrace{${texMatrix(column(data.b))}}_{\vec b}`;
  } else if (data?.W) {
    const bias = data.hasBias
      ? String.raw` + \underbrace{${texMatrix(column(data.b))}}_{\vec b}`
      : '';
    tex = String.raw`\underbrace{${texMatrix(column(data.z!))}}_{\vec z} = \underbrace{${texMatrix(data.W)}}_{W}\underbrace{${texMatrix(column(data.x))}}_{\vec x}${bias}`;
    if (data.hasBias)
      augmented = String.raw`= \underbrace{${texMatrix(
        data.W.map((row, i) => [...row, data.b[i]!]),
        true,
      )}}_{\hat W = [W \mid \vec b]}\underbrace{${texMatrix(column([...data.x, 1]))}}_{[\vec x;\,1]}`;
  }
  const target = document.nodes.find((n) => n.id === targetId);
  const anySpiking = data?.blocks.some((b) => b.spiking) ?? false;

  return (
    <ViewFrame
      viewId="weights"
      title="Weight matrix"
      data={data}
      csv={() => {
        if (!data) return toCsv(['kind', 'i', 'j', 'value', 'source'], []);
        const rows: Array<Array<number | string>> = [];
        data.W?.forEach((row, i) => row.forEach((w, j) => rows.push(['W', i, j, w, ''])));
        for (const block of data.blocks)
          for (let k = 0; k < block.size; k++)
            rows.push(['x', '', block.first + k, data.x[block.first + k]!, block.sourceId]);
        data.b.forEach((v, i) => rows.push(['b', i, '', v, '']));
        data.z?.forEach((v, i) => rows.push(['z', i, '', v, '']));
        return toCsv(
          ['kind', 'i', 'j', 'value', 'source'],
          columns(...[0, 1, 2, 3, 4].map((k) => rows.map((r) => r[k]!))),
        );
      }}
      text={
        <>
          All the inputs of a node Y at once: row i of W holds the weights into element i of Y, and
          each source of Y adds its own columns, one per element. The input of Y is one
          matrix-vector product plus the biases, z = Wx + b; adding a constant 1 to x makes the
          biases one more column of W, the augmented matrix.
        </>
      }
      tex={String.raw`\vec z = W\vec x + \vec b = [W \mid \vec b]\begin{bmatrix}\vec x \\ 1\end{bmatrix},\qquad W \in \mathbb{R}^{M \times N}`}
    >
      <div className="learn-controls">
        {targets.length > 0 ? (
          <NodePicker
            label="target Y (the rows of W)"
            nodes={targets}
            value={targetId}
            // The panel follows the picked target (its "for node" line), and the view restarts on it.
            onChange={(id) => openLearnView('weights', id)}
          />
        ) : (
          <p className="learn-note">
            This circuit has no connections yet: connect two nodes to see their W.
          </p>
        )}
        {data && (
          <>
            <button
              type="button"
              className="learn-button"
              onClick={() => setReadCount((t) => t + 1)}
            >
              Read x again
            </button>
            <p className="learn-note">
              z is the input J of {data.targetName} that these x produce.
              {anySpiking &&
                ' For a spiking source, x is its firing rate in Hz while it fires, (n − 1)/(t_n − t_1): every spike adds a PSC filter h of area 1 to s, so s averages the rate and z approximates the average J.'}{' '}
              {data.hasBias
                ? `b: ${[
                    data.biasParam ? `the bias param of ${data.targetName}` : '',
                    data.biasEdgeIds.length > 0
                      ? `the bias-node edge${data.biasEdgeIds.length === 1 ? '' : 's'} ${data.biasEdgeIds.join(', ')}`
                      : '',
                  ]
                    .filter(Boolean)
                    .join(' plus ')}.`
                : `${data.targetName} has no bias (no bias param, no edge from a bias node): b = 0.`}
              {data.note ? ` ${data.note}.` : ''}
            </p>
          </>
        )}
      </div>
      {data && (
        <div className="learn-matrices" aria-label="z = Wx + b with numbers">
          {symbolic && <Formula tex={symbolic} />}
          {tex && <Formula tex={tex} />}
          {augmented && <Formula tex={augmented} />}
        </div>
      )}
      {data && target && (
        <table className="learn-readout" aria-label={`inputs of ${nodeName(target)}`}>
          <thead>
            <tr>
              <th>columns</th>
              <th>source</th>
              <th>edges</th>
              <th>x</th>
              <th>what x is</th>
            </tr>
          </thead>
          <tbody>
            {data.blocks.map((block) => (
              <tr key={block.sourceId}>
                <td>{columnsText(block)}</td>
                <td>{block.name}</td>
                <td>{block.edgeIds.join(', ')}</td>
                <td>{xText(block)}</td>
                <td style={{ textAlign: 'left' }}>{block.activity.how}</td>
              </tr>
            ))}
            {data.hasBias && (
              <tr>
                <td>b</td>
                <td>bias</td>
                <td>{data.biasEdgeIds.join(', ')}</td>
                <td>{list(data.b)}</td>
                <td style={{ textAlign: 'left' }}>the augmented column, times the constant 1</td>
              </tr>
            )}
          </tbody>
        </table>
      )}
      {data && (
        <p className="learn-note" aria-live="polite" data-testid="weights-measured">
          {measuredText(data) ??
            notMeasuredText(document, data, session !== null && session.stepsReceived > 0)}
        </p>
      )}
    </ViewFrame>
  );
}
