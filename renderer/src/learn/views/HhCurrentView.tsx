/**
 * View 2: one HH neuron under a few constant input currents (the notes' Figures 1.1 and 1.2, in
 * this model's units), and the Na, K and leak currents through one spike.
 */
import { openLearnView } from '../learnStore';
import { useMemo } from 'react';
import { LearnChart } from '../LearnChart';
import { columns, toCsv } from '../math/csv';
import {
  HH_DEFAULTS,
  HH_REGIMES,
  ionicCurrentsThroughSpike,
  runHh,
  STIMULUS_ON_MS,
} from '../math/hhCurrent';
import { NodePicker, numericParams, useModelNodes } from '../NodePicker';
import { ViewFrame } from '../ViewFrame';
import { COLORS, fmt, points, type LearnViewProps } from '../viewProps';

const RUN_MS = 100;
const REGIME_COLORS = [COLORS.grey, COLORS.teal, COLORS.blue, COLORS.orange, COLORS.purple];
/** The run whose first spike the ionic-current chart dissects. */
const DISSECTED = 2;

export function HhCurrentView({ document, nodeId }: LearnViewProps) {
  const {
    nodes: hhNodes,
    selected,
    setSelected,
    node,
  } = useModelNodes(document, 'hhCurrent', nodeId);
  const paramsKey = JSON.stringify(numericParams(node, { ...HH_DEFAULTS }));
  const params = useMemo(() => JSON.parse(paramsKey) as typeof HH_DEFAULTS, [paramsKey]);
  const runs = useMemo(
    () => HH_REGIMES.map((r) => runHh({ ...params }, r.current, RUN_MS)),
    [params],
  );
  const ionic = useMemo(
    () => ionicCurrentsThroughSpike(runs[DISSECTED]!, { ...params }),
    [runs, params],
  );

  const voltageSets = useMemo(
    () =>
      runs.map((run, i) => ({
        label: `${fmt(run.current)} µA/cm²: ${HH_REGIMES[i]!.label}`,
        data: points(run.t, run.V),
        borderColor: REGIME_COLORS[i],
        borderWidth: 1.25,
        pointRadius: 0,
      })),
    [runs],
  );
  const ionicSets = useMemo(
    () =>
      ionic
        ? [
            {
              label: 'I_Na = gNa m³h (V − ENa)',
              data: points(ionic.t, ionic.iNa),
              borderColor: COLORS.red,
              borderWidth: 2,
              pointRadius: 0,
            },
            {
              label: 'I_K = gK n⁴ (V − EK)',
              data: points(ionic.t, ionic.iK),
              borderColor: COLORS.blue,
              borderWidth: 2,
              pointRadius: 0,
            },
            {
              label: 'I_L = gL (V − EL)',
              data: points(ionic.t, ionic.iL),
              borderColor: COLORS.green,
              borderWidth: 2,
              pointRadius: 0,
            },
          ]
        : [],
    [ionic],
  );
  const data = useMemo(
    () => ({
      nodeId: node?.id ?? null,
      params,
      regimes: runs.map((r, i) => ({
        current: r.current,
        label: HH_REGIMES[i]!.label,
        spikes: r.spikes,
      })),
      ionic,
    }),
    [node, params, runs, ionic],
  );

  return (
    <ViewFrame
      viewId="hhCurrent"
      title="HH under input current"
      data={data}
      csv={() =>
        toCsv(
          ['t_ms', ...runs.map((r) => `V_mV_at_${r.current}`)],
          columns(runs[0]!.t, ...runs.map((r) => r.V)),
        )
      }
      text={
        <>
          The current is switched on at {STIMULUS_ON_MS} ms. In this model (modern convention, rest
          near −65 mV) a current above about 2.5 µA/cm² gives a single onset spike and above about
          6.5 µA/cm² repetitive spiking, faster as the current grows, until around 80 µA/cm² the
          neuron fires once and then stays depolarised (block): just above that V still rings in
          damped oscillations for a while, at 200 µA/cm² it settles near −41 mV at once. The
          notes&apos; figure uses another convention (J = 0.1 and 0.6, rest near −120), so its
          numbers do not carry over. The second chart splits one spike into its currents: Na rushes
          in (negative) on the way up, K flows out on the way down.
        </>
      }
      tex={String.raw`\begin{aligned}C\frac{dV}{dt} = J_{in} &- g_L(V - V_L)\\ &- g_{Na} m^3 h (V - V_{Na})\\ &- g_K n^4 (V - V_K)\end{aligned}`}
    >
      <div className="learn-controls">
        <NodePicker
          label="HH neuron"
          nodes={hhNodes}
          value={selected}
          onChange={(id) => {
            setSelected(id);
            openLearnView('hhCurrent', id);
          }}
          standardLabel="standard HH neuron (default parameters)"
        />
        <p className="learn-note">
          Spikes in {RUN_MS} ms:{' '}
          {runs.map((r) => `${fmt(r.current)} µA/cm² → ${r.spikes.length}`).join(', ')}.
        </p>
      </div>
      <div className="learn-charts">
        <LearnChart
          id="learn-hh-current-voltage"
          title="V(t) for five input currents"
          datasets={voltageSets}
          x={{ label: 'time (ms)', min: 0, max: RUN_MS }}
          y={{ label: 'V (mV)', min: -100, max: 60 }}
          height={300}
        />
        <LearnChart
          id="learn-hh-current-ionic"
          title={`Ionic currents through one spike (${fmt(HH_REGIMES[DISSECTED]!.current)} µA/cm²)`}
          datasets={ionicSets}
          x={{ label: 'time from the spike (ms)', min: -2, max: 8 }}
          y={{ label: 'current (µA/cm², outward +)' }}
          height={300}
        />
      </div>
    </ViewFrame>
  );
}
