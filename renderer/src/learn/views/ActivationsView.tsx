/** View 5: the five per-neuron activations with a z slider; softmax and one-hot of a vector. */
import { MODELS } from '../../../../shared/models/registry';
import { useMemo, useState } from 'react';
import { constantDrive } from './LifView';
import { LearnChart } from '../LearnChart';
import {
  activation,
  activationCurves,
  onehotOf,
  parseVector,
  SINGLE_ACTIVATION_NAMES,
  softmaxOf,
} from '../math/activationData';
import { columns, toCsv } from '../math/csv';
import { Field, SliderField, ViewFrame } from '../ViewFrame';
import { COLORS, fmt, points, vline, type LearnViewProps } from '../viewProps';

const CURVE_COLORS = [COLORS.blue, COLORS.orange, COLORS.green, COLORS.red, COLORS.purple];

export function ActivationsView({ document, nodeId }: LearnViewProps) {
  const node = document.nodes.find((n) => n.id === nodeId);
  const nodeActivation =
    node &&
    (node.kind === 'neuron' || node.kind === 'population') &&
    MODELS[node.model].hasActivation
      ? (node.activation ?? 'logistic')
      : null;
  const initialVector = useMemo(() => {
    const bias = node && node.kind === 'population' ? node.params?.['bias'] : undefined;
    return Array.isArray(bias) ? bias.join(', ') : '1, 2, 0.5, -1';
  }, [node]);
  // A single rate unit starts at its own z (bias plus constant inputs); otherwise the demo 0.5.
  const ownZ =
    node && node.kind === 'neuron' ? (constantDrive(document, node)?.drive ?? null) : null;
  const [z, setZ] = useState(ownZ ?? 0.5);
  const [vectorText, setVectorText] = useState(initialVector);
  const curves = useMemo(() => activationCurves(), []);
  const vector = useMemo(() => parseVector(vectorText), [vectorText]);
  const soft = useMemo(() => (vector ? softmaxOf(vector) : null), [vector]);
  const hot = useMemo(() => (vector ? onehotOf(vector) : null), [vector]);
  const readout = useMemo(
    () => Object.fromEntries(SINGLE_ACTIVATION_NAMES.map((name) => [name, activation(name, z)])),
    [z],
  );

  const curveSets = useMemo(
    () => [
      ...SINGLE_ACTIVATION_NAMES.map((name, i) => ({
        label: name === nodeActivation ? `${name} (this node)` : name,
        data: points(curves.z, curves.values[name]),
        borderColor: CURVE_COLORS[i],
        borderWidth: name === nodeActivation ? 3.5 : 2,
        pointRadius: 0,
        stepped: name === 'threshold' ? ('after' as const) : false,
      })),
      {
        label: `z = ${fmt(z)}`,
        data: vline(z, -2, 5),
        borderColor: COLORS.grey,
        borderDash: [4, 3],
        borderWidth: 1.5,
        pointRadius: 0,
      },
    ],
    [curves, z, nodeActivation],
  );
  const labels = useMemo(() => (vector ?? []).map((_, i) => `z${i + 1}`), [vector]);
  const barSets = useMemo(
    () =>
      soft && hot
        ? [
            { label: 'SoftMax(z)', data: soft, backgroundColor: COLORS.blue },
            { label: 'One-Hot(z)', data: hot, backgroundColor: COLORS.orange },
          ]
        : [],
    [soft, hot],
  );
  const data = useMemo(
    () => ({ z, readout, vector, softmax: soft, onehot: hot, curves }),
    [z, readout, vector, soft, hot, curves],
  );

  return (
    <ViewFrame
      viewId="activations"
      title="Activation functions"
      data={data}
      csv={() =>
        toCsv(
          ['z', ...SINGLE_ACTIVATION_NAMES],
          columns(curves.z, ...SINGLE_ACTIVATION_NAMES.map((n) => curves.values[n])),
        )
      }
      text={
        <>
          A rate unit turns its input z into an activity y = σ(z): low for small inputs, rising, and
          (for most of them) levelling off, like a neuron&apos;s rate. ReLU never levels off and the
          threshold jumps from 0 to 1. SoftMax and One-Hot act on a whole layer at once: SoftMax
          makes the outputs positive and sum to 1, One-Hot keeps only the largest.
        </>
      }
      tex={String.raw`\begin{gathered}\sigma(z) = \frac{1}{1+e^{-z}},\quad \arctan z,\quad \tanh z\\ \mathrm{threshold}(z) = \begin{cases}0 & z<0\\ 1 & z \ge 0\end{cases},\quad \mathrm{ReLU}(z) = \max(0, z)\\ \mathrm{SoftMax}(\vec z)_i = \frac{e^{z_i}}{\sum_j e^{z_j}}\\ \mathrm{OneHot}(\vec z)_i = \begin{cases}1 & z_i = \max \vec z\\ 0 & \text{otherwise}\end{cases}\end{gathered}`}
    >
      <div className="learn-controls">
        <SliderField
          label={`z: ${fmt(z)}`}
          name="z"
          min={-5}
          max={5}
          step={0.05}
          value={z}
          onChange={setZ}
        />
        <Field label="vector z (comma separated)">
          <input
            type="text"
            aria-label="vector z"
            aria-invalid={vector === null}
            value={vectorText}
            onChange={(e) => setVectorText(e.target.value)}
          />
        </Field>
        {vector === null && (
          <p className="learn-note learn-note--error" role="alert">
            Type numbers separated by commas (at most 50).
          </p>
        )}
      </div>
      <table className="learn-readout" aria-label="activations at z">
        <tbody>
          <tr>
            {SINGLE_ACTIVATION_NAMES.map((name) => (
              <td key={name}>
                {name}({fmt(z)}) = <strong>{fmt(readout[name]!)}</strong>
              </td>
            ))}
          </tr>
        </tbody>
      </table>
      <div className="learn-charts">
        <LearnChart
          id="learn-activations"
          title="σ(z) for single neurons"
          datasets={curveSets}
          x={{ label: 'z', min: -5, max: 5 }}
          y={{ label: 'σ(z)', min: -2, max: 5 }}
          onPickX={(x) => setZ(Math.round(Math.min(5, Math.max(-5, x)) * 20) / 20)}
        />
        <LearnChart
          id="learn-softmax"
          title="SoftMax and One-Hot of the vector"
          kind="bar"
          labels={labels}
          datasets={barSets}
          x={{ label: 'element' }}
          y={{ label: 'output', min: 0, max: 1 }}
        />
      </div>
      {vector && soft && hot && (
        <table className="learn-readout" aria-label="softmax and one-hot">
          <thead>
            <tr>
              <th scope="col">i</th>
              {vector.map((_, i) => (
                <th key={i} scope="col">
                  {i + 1}
                </th>
              ))}
              <th scope="col">sum</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">z</th>
              {vector.map((v, i) => (
                <td key={i}>{fmt(v)}</td>
              ))}
              <td />
            </tr>
            <tr>
              <th scope="row">SoftMax</th>
              {soft.map((v, i) => (
                <td key={i}>{v.toFixed(4)}</td>
              ))}
              <td>{soft.reduce((a, b) => a + b, 0).toFixed(4)}</td>
            </tr>
            <tr>
              <th scope="row">One-Hot</th>
              {hot.map((v, i) => (
                <td key={i}>{v}</td>
              ))}
              <td>{hot.reduce((a, b) => a + b, 0)}</td>
            </tr>
          </tbody>
        </table>
      )}
    </ViewFrame>
  );
}
