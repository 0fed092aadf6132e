/**
 * View 3: the LIF charging curve v(t) under a constant v_in with t*, the reset and the refractory
 * hold drawn, and G(v_in) (the format's (docs/format.md#nodes) general form with the node's own params) with points
 * simulated by the engine (a background sweep) on top.
 */
import type { NeuronModelId } from '../../../../shared/models/registry';
import { useEffect, useMemo, useState } from 'react';
import { openLearnView } from '../learnStore';
import type { NetworkDocument, NetworkNode } from '../../../../shared/document/model';
import type { SweepPoint } from '../../../../shared/ipc/sweepContract';
import { LearnChart } from '../LearnChart';
import { columns, toCsv } from '../math/csv';
import {
  chargingTrace,
  crossingTime,
  LIF_DEFAULTS,
  lifRate,
  rateCurve,
  type LifParams,
} from '../math/lifMath';
import { NodePicker, numericParams, useModelNodes } from '../NodePicker';
import { runSweep } from '../sweepClient';
import { SliderField, ViewFrame } from '../ViewFrame';
import { COLORS, fmt, points, vline, type LearnViewProps } from '../viewProps';

interface SimulatedPoints {
  state: 'running' | 'done' | 'error';
  points: SweepPoint[];
  error?: string;
}

/** The inputs simulated by the engine for the points on G. */
export const LIF_SIMULATED_INPUTS = [0.5, 1, 1.1, 1.25, 1.5, 2, 2.5, 3, 4, 5];

/** The document and node a sweep runs: the circuit's node, or a standard LIF neuron. */
export function sweepSubject(
  document: NetworkDocument,
  node: NetworkNode | undefined,
  model: NeuronModelId,
): { documentText: string; nodeId: string } {
  if (node) return { documentText: JSON.stringify(document), nodeId: node.id };
  const standard = {
    format: 'neurosketch-network',
    version: 1,
    name: `standard ${model.toUpperCase()} neuron`,
    simulation: { dt: 0.0001, duration: 1, seed: 1 },
    nodes: [{ id: 'N', kind: 'neuron', model }],
    edges: [],
  };
  return { documentText: JSON.stringify(standard), nodeId: 'N' };
}

/**
 * The constant part of a node's input: its bias plus constant inputs and bias nodes through plain
 * edges. Other inputs (synapses, varying signals) are left out and counted.
 */
export function constantDrive(
  document: NetworkDocument,
  node: NetworkNode | undefined,
): { drive: number; others: number } | null {
  if (!node) return null;
  let drive = numericParams(node, { bias: 0 }).bias;
  let others = 0;
  for (const edge of document.edges) {
    if (edge.target !== node.id) continue;
    const source = document.nodes.find((n) => n.id === edge.source);
    if (typeof edge.weight !== 'number' || edge.synapse || !source) others += 1;
    else if (source.kind === 'bias') drive += edge.weight;
    else if (
      source.kind === 'input' &&
      source.signal.type === 'constant' &&
      typeof source.signal.value === 'number'
    )
      drive += edge.weight * source.signal.value;
    else others += 1;
  }
  return { drive, others };
}

/** The note's tail on the inputs `constantDrive` left out, or '' (one input "is", several "are"). */
export function otherInputsText(others: number): string {
  if (others === 0) return '';
  return others === 1
    ? '; its one other input (a synapse or a varying signal) is not included'
    : `; its ${others} other inputs (synapses, varying signals) are not included`;
}

export function LifView({ document, nodeId, host }: LearnViewProps) {
  const { nodes: lifNodes, selected, setSelected, node } = useModelNodes(document, 'lif', nodeId);
  const paramsKey = JSON.stringify(numericParams(node, { ...LIF_DEFAULTS }));
  const params: LifParams = useMemo(() => JSON.parse(paramsKey) as LifParams, [paramsKey]);
  // The view starts at the picked neuron's own constant input (its bias and constant drives),
  // even below threshold; only without a neuron at the demo value 2.
  const own = constantDrive(document, node);
  const [vIn, setVIn] = useState(() => own?.drive ?? 2);
  // Picking another neuron opens the view on it afresh (its own input; the panel's header follows).
  const pick = (id: string): void => {
    setSelected(id);
    openLearnView('lif', id);
  };
  const subject = useMemo(() => sweepSubject(document, node, 'lif'), [document, node]);
  // The engine's points, tagged with the subject they belong to (a new subject starts empty).
  const [sweepState, setSweepState] = useState<SimulatedPoints & { subject: object | null }>({
    subject: null,
    state: 'running',
    points: [],
  });
  const simulated: SimulatedPoints = useMemo(
    () => (sweepState.subject === subject ? sweepState : { state: 'running', points: [] }),
    [sweepState, subject],
  );
  useEffect(() => {
    const sweep = runSweep(
      host,
      { ...subject, currents: LIF_SIMULATED_INPUTS, durationSeconds: 1 },
      (p) =>
        setSweepState((s) =>
          s.subject === subject
            ? { ...s, points: [...s.points, p.point] }
            : { subject, state: 'running', points: [p.point] },
        ),
    );
    sweep.done.then(
      (pts) => setSweepState({ subject, state: 'done', points: pts }),
      (e: Error) => {
        if (e.message !== 'cancelled')
          setSweepState({ subject, state: 'error', points: [], error: e.message });
      },
    );
    return () => sweep.cancel();
  }, [host, subject]);

  const tStar = crossingTime(vIn, params);
  const rate = lifRate(vIn, params);
  // About three inter-spike intervals, rounded up to 10 ms.
  const span =
    Math.ceil(
      (Number.isFinite(tStar) ? Math.min(3.2 * (tStar + params.tauRef), 1) : 5 * params.tauM) * 100,
    ) / 100;
  const trace = useMemo(() => chargingTrace(vIn, params, span), [vIn, params, span]);
  // G(v_in) is drawn to 5, or a little past a larger v_in so its marker stays on the chart.
  const rateMax = Math.max(5, Math.ceil(vIn * 1.1));
  const curve = useMemo(() => rateCurve(params, rateMax), [params, rateMax]);

  const vMax = Math.max(params.vTh, vIn) * 1.1;
  const yMin = Math.min(0, params.vReset);
  const chargingSets = useMemo(() => {
    const ms = (t: number) => t * 1000;
    const refractory = trace.refractory.flatMap(([a, b]) => [
      { x: ms(a), y: params.vReset },
      { x: ms(b), y: params.vReset },
      { x: ms(b), y: null },
    ]);
    return [
      {
        label: 'v(t)',
        data: trace.t.map((t, i) => ({ x: ms(t), y: trace.v[i]! })),
        borderColor: COLORS.blue,
        borderWidth: 2,
        pointRadius: 0,
      },
      {
        label: `vTh = ${fmt(params.vTh)}`,
        data: [
          { x: 0, y: params.vTh },
          { x: ms(span), y: params.vTh },
        ],
        borderColor: COLORS.grey,
        borderDash: [6, 4],
        borderWidth: 1,
        pointRadius: 0,
      },
      {
        label: `v_in = ${fmt(vIn)}`,
        data: [
          { x: 0, y: vIn },
          { x: ms(span), y: vIn },
        ],
        borderColor: COLORS.green,
        borderDash: [2, 3],
        borderWidth: 1,
        pointRadius: 0,
      },
      ...(Number.isFinite(tStar)
        ? [
            {
              label: `t* = ${fmt(ms(tStar))} ms`,
              data: vline(ms(tStar), yMin, vMax),
              borderColor: COLORS.red,
              borderDash: [4, 3],
              borderWidth: 1.5,
              pointRadius: 0,
            },
          ]
        : []),
      {
        label: 'spike: v reaches vTh, resets',
        data: trace.spikes.map((t) => ({ x: ms(t), y: params.vTh })),
        borderColor: COLORS.red,
        backgroundColor: COLORS.red,
        showLine: false,
        pointRadius: 4,
      },
      {
        label: `refractory τref = ${fmt(ms(params.tauRef))} ms`,
        data: refractory,
        borderColor: COLORS.orange,
        borderWidth: 6,
        pointRadius: 0,
        spanGaps: false,
      },
    ];
  }, [trace, params, span, vIn, tStar, yMin, vMax]);

  const rateSets = useMemo(
    () => [
      {
        label: 'G(v_in), analytic',
        data: points(curve.vIn, curve.rate),
        borderColor: COLORS.blue,
        borderWidth: 2,
        pointRadius: 0,
      },
      {
        label: 'simulated (engine)',
        data: simulated.points.map((p) => ({ x: p.current, y: p.rate })),
        borderColor: COLORS.red,
        backgroundColor: COLORS.red,
        showLine: false,
        pointRadius: 4,
        pointStyle: 'crossRot' as const,
        borderWidth: 2,
      },
      {
        label: `v_in = ${fmt(vIn)}`,
        data: [{ x: vIn, y: rate }],
        borderColor: COLORS.green,
        backgroundColor: COLORS.green,
        showLine: false,
        pointRadius: 5,
      },
    ],
    [curve, simulated, vIn, rate],
  );

  // Said of the v_in shown, not of the one the view started at (the fifth walkthrough read
  // "v_in = 0 ... never fires" above G = 41.71 Hz at v_in 1.5).
  const neverFires =
    vIn <= params.vTh
      ? `At v_in = ${fmt(vIn)}, not above vTh = ${fmt(params.vTh)}, v settles below it and never fires: drag v_in above ${fmt(params.vTh)} to see spikes.`
      : null;

  const data = useMemo(
    () => ({
      nodeId: node?.id ?? null,
      params,
      vIn,
      tStar,
      rate,
      curve,
      trace: { spikes: trace.spikes },
      simulated: simulated.points,
      simulatedState: simulated.state,
    }),
    [node, params, vIn, tStar, rate, curve, trace, simulated],
  );

  return (
    <ViewFrame
      viewId="lif"
      title="LIF charging and rate"
      data={data}
      csv={() =>
        toCsv(
          ['kind', 'v_in', 'rate_Hz'],
          [
            ...columns(
              curve.vIn.map(() => 'analytic'),
              curve.vIn,
              curve.rate,
            ),
            ...simulated.points.map((p) => ['simulated', p.current, p.rate]),
          ],
        )
      }
      text={
        <>
          Under a constant input the voltage climbs exponentially towards v_in, but only inputs
          above the threshold ever reach it. The crossing time t* plus the refractory pause is one
          inter-spike interval, so the rate is its inverse: zero up to vTh, then rising steeply and
          saturating at 1/τref. The crosses are the engine's own runs of this neuron, one second
          each.
        </>
      }
      tex={String.raw`\begin{gathered}v(t) = v_{in} + (v_{reset} - v_{in})\,e^{-t/\tau_m}\\ t^* = \tau_m \ln\frac{v_{in} - v_{reset}}{v_{in} - v_{th}}\\ G(v_{in}) = \frac{1}{\tau_{ref} + t^*}\ \ (v_{in} > v_{th})\end{gathered}`}
    >
      <div className="learn-controls">
        <NodePicker
          label="LIF neuron"
          nodes={lifNodes}
          value={selected}
          onChange={pick}
          standardLabel="standard LIF neuron (default parameters)"
        />
        <SliderField
          label={`v_in: ${fmt(vIn)}`}
          name="v_in"
          min={0}
          max={Math.max(5, Math.ceil((own?.drive ?? 0) * 1.5))}
          step={0.01}
          grow
          value={vIn}
          onChange={setVIn}
        />
        {node && own && (
          <p className="learn-note" data-testid="lif-own-input">
            Starts at {node.label ?? node.id}’s own constant input: v_in = {fmt(own.drive)} (its
            bias
            {own.drive !== numericParams(node, { bias: 0 }).bias ? ' and constant inputs' : ''})
            {otherInputsText(own.others)}.{neverFires && <> {neverFires}</>}
          </p>
        )}
        {!node && neverFires && (
          <p className="learn-note" data-testid="lif-never-fires">
            {neverFires}
          </p>
        )}
        <p className="learn-note" aria-live="polite">
          τm = {fmt(params.tauM * 1000)} ms, τref = {fmt(params.tauRef * 1000)} ms, vTh ={' '}
          {fmt(params.vTh)}, vReset = {fmt(params.vReset)}; t* ={' '}
          {Number.isFinite(tStar) ? `${fmt(tStar * 1000)} ms` : 'never'}, G = {fmt(rate)} Hz.{' '}
          {simulated.state === 'running' &&
            `Simulating… ${simulated.points.length}/${LIF_SIMULATED_INPUTS.length}`}
          {simulated.state === 'done' &&
            `${simulated.points.length} points simulated by the engine.`}
          {simulated.state === 'error' && `The engine could not run it: ${simulated.error}`}
        </p>
      </div>
      <div className="learn-charts">
        <LearnChart
          id="learn-lif-charging"
          title="v(t) under constant v_in"
          datasets={chargingSets}
          x={{ label: 'time (ms)', min: 0, max: span * 1000 }}
          y={{ label: 'v', min: yMin, max: vMax }}
        />
        <LearnChart
          id="learn-lif-rate"
          title="Firing rate G(v_in)"
          datasets={rateSets}
          x={{ label: 'v_in', min: 0, max: rateMax }}
          y={{ label: 'rate (Hz)', min: 0 }}
          onPickX={(x) => setVIn(Math.round(Math.min(rateMax, Math.max(0, x)) * 100) / 100)}
        />
      </div>
    </ViewFrame>
  );
}
