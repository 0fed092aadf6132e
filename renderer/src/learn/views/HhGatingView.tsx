/** View 1: HH gating steady states and time constants against V, with a draggable V marker. */
import { useMemo, useState } from 'react';
import { LearnChart } from '../LearnChart';
import { gatingAt, gatingCurves } from '../math/hhGating';
import { columns, toCsv } from '../math/csv';
import { NodePicker, numericParams, useModelNodes } from '../NodePicker';
import { openLearnView } from '../learnStore';
import { SliderField, ViewFrame } from '../ViewFrame';
import { COLORS, fmt, points, vline, type LearnViewProps } from '../viewProps';
import { HH_DEFAULTS } from '../math/hhCurrent';

const V_MIN = -100;
const V_MAX = 50;

export function HhGatingView({ document, nodeId }: LearnViewProps) {
  const {
    nodes: hhNodes,
    selected,
    setSelected,
    node,
  } = useModelNodes(document, 'hhGating', nodeId);
  const params = numericParams(node, { ...HH_DEFAULTS });
  const [v, setV] = useState<number>(() => params.V0);
  const curves = useMemo(() => gatingCurves(V_MIN, V_MAX), []);
  const readout = useMemo(() => gatingAt(v), [v]);
  const pick = (x: number): void => setV(Math.round(Math.min(V_MAX, Math.max(V_MIN, x)) * 2) / 2);

  const steady = useMemo(
    () => [
      {
        label: 'm∞',
        data: points(curves.v, curves.mInf),
        borderColor: COLORS.blue,
        pointRadius: 0,
        borderWidth: 2,
      },
      {
        label: 'h∞',
        data: points(curves.v, curves.hInf),
        borderColor: COLORS.orange,
        pointRadius: 0,
        borderWidth: 2,
      },
      {
        label: 'n∞',
        data: points(curves.v, curves.nInf),
        borderColor: COLORS.green,
        pointRadius: 0,
        borderWidth: 2,
      },
      {
        label: `V = ${fmt(v)} mV`,
        data: vline(v, 0, 1),
        borderColor: COLORS.red,
        pointRadius: 0,
        borderWidth: 1.5,
      },
    ],
    [curves, v],
  );
  const taus = useMemo(
    () => [
      {
        label: 'τm',
        data: points(curves.v, curves.tauM),
        borderColor: COLORS.blue,
        pointRadius: 0,
        borderWidth: 2,
      },
      {
        label: 'τh',
        data: points(curves.v, curves.tauH),
        borderColor: COLORS.orange,
        pointRadius: 0,
        borderWidth: 2,
      },
      {
        label: 'τn',
        data: points(curves.v, curves.tauN),
        borderColor: COLORS.green,
        pointRadius: 0,
        borderWidth: 2,
      },
      {
        label: `V = ${fmt(v)} mV`,
        data: vline(v, 0, 10),
        borderColor: COLORS.red,
        pointRadius: 0,
        borderWidth: 1.5,
      },
    ],
    [curves, v],
  );
  const data = useMemo(
    () => ({ nodeId: node?.id ?? null, marker: readout, curves }),
    [node, readout, curves],
  );
  const xAxis = useMemo(() => ({ label: 'V (mV)', min: V_MIN, max: V_MAX }), []);

  return (
    <ViewFrame
      viewId="hhGating"
      title="HH gating"
      data={data}
      csv={() =>
        toCsv(
          ['V_mV', 'm_inf', 'h_inf', 'n_inf', 'tau_m_ms', 'tau_h_ms', 'tau_n_ms'],
          columns(
            curves.v,
            curves.mInf,
            curves.hInf,
            curves.nInf,
            curves.tauM,
            curves.tauH,
            curves.tauN,
          ),
        )
      }
      text={
        <>
          Each gate relaxes towards its steady state x∞(V) with time constant τx(V). Raising V opens
          m and n and closes h, and m is about ten times faster than h and n: that difference in
          speed is what lets a spike rise and then end. A Na channel is open when its three m gates
          and its h gate are (m³h); a K channel needs its four n gates (n⁴). Drag on the charts or
          use the slider.
        </>
      }
      tex={String.raw`\begin{gathered}\frac{dx}{dt} = \frac{x_\infty(V) - x}{\tau_x(V)},\quad x \in \{m, h, n\}\\ x_\infty = \frac{\alpha_x}{\alpha_x + \beta_x},\quad \tau_x = \frac{1}{\alpha_x + \beta_x}\\ \text{open fractions: } m^3 h\ (\mathrm{Na}),\quad n^4\ (\mathrm{K})\end{gathered}`}
    >
      <div className="learn-controls">
        <NodePicker
          label="HH neuron"
          nodes={hhNodes}
          value={selected}
          // Picking another neuron opens the view on it afresh (its V0; the panel's header follows).
          onChange={(id) => {
            setSelected(id);
            openLearnView('hhGating', id);
          }}
          standardLabel="standard HH neuron (default parameters)"
        />
        <SliderField
          label={`V marker: ${fmt(v)} mV`}
          name="V marker (mV)"
          min={V_MIN}
          max={V_MAX}
          step={0.5}
          value={v}
          onChange={setV}
        />
      </div>
      <table className="learn-readout" aria-label="gating values at the marker">
        <tbody>
          <tr>
            <th scope="row">V</th>
            <td>{fmt(v)} mV</td>
            <th scope="row">m∞</th>
            <td data-testid="readout-mInf">{readout.mInf.toFixed(4)}</td>
            <th scope="row">h∞</th>
            <td>{readout.hInf.toFixed(4)}</td>
            <th scope="row">n∞</th>
            <td>{readout.nInf.toFixed(4)}</td>
          </tr>
          <tr>
            <th scope="row">open Na m∞³h∞</th>
            <td>{fmt(readout.naOpen)}</td>
            <th scope="row">τm</th>
            <td>{fmt(readout.tauM)} ms</td>
            <th scope="row">τh</th>
            <td>{fmt(readout.tauH)} ms</td>
            <th scope="row">τn</th>
            <td>{fmt(readout.tauN)} ms</td>
          </tr>
          <tr>
            <th scope="row">open K n∞⁴</th>
            <td>{fmt(readout.kOpen)}</td>
            <th scope="row">gNa m∞³h∞</th>
            <td>{fmt(params.gNa * readout.naOpen)} mS/cm²</td>
            <th scope="row">gK n∞⁴</th>
            <td colSpan={3}>{fmt(params.gK * readout.kOpen)} mS/cm²</td>
          </tr>
        </tbody>
      </table>
      <div className="learn-charts">
        <LearnChart
          id="learn-hh-gating-steady"
          title="Steady states x∞(V)"
          datasets={steady}
          x={xAxis}
          y={{ label: 'fraction open', min: 0, max: 1 }}
          onPickX={pick}
        />
        <LearnChart
          id="learn-hh-gating-tau"
          title="Time constants τx(V)"
          datasets={taus}
          x={xAxis}
          y={{ label: 'τ (ms)', min: 0, max: 10 }}
          onPickX={pick}
        />
      </div>
    </ViewFrame>
  );
}
