/**
 * View 6: the PSC filter h(t) for a chosen tau_s and n with its area integrated numerically, fast
 * against slow synapses, and a spike train filtered into s(t) = sum_p h(t - t_p) (notes 1.3.3).
 */
import { useMemo, useState } from 'react';
import type { NetworkDocument } from '../../../../shared/document/model';
import { constraintText } from '../../../../shared/models/paramSpec';
import { SYNAPSE_PARAMS } from '../../../../shared/models/paramSpecs';
import { LearnChart } from '../LearnChart';
import { columns, toCsv } from '../math/csv';
import { DEMO_SPIKE_TRAIN, filteredTrain, kernelArea, kernelSamples } from '../math/pscData';
import { Field, ViewFrame } from '../ViewFrame';
import { COLORS, fmt, points, type LearnViewProps } from '../viewProps';

const FAST_TAU = 0.01;
const SLOW_TAU = 0.3;
const TRAIN_END = 1.2;

/** Spike times (s) reaching a synapse from `sourceId`: a spike-train input's, or a run's. */
export function inputSpikes(
  document: NetworkDocument,
  sourceId: string | undefined,
  session: LearnViewProps['session'],
): { times: number[]; from: string } | null {
  const source = document.nodes.find((n) => n.id === sourceId);
  if (!source) return null;
  if (source.kind === 'input' && source.signal.type === 'spikes') {
    const times = source.signal.times as number[] | number[][];
    const first = Array.isArray(times[0]) ? (times[0] as number[]) : (times as number[]);
    if (first.length > 0)
      return { times: [...first], from: `${source.label ?? source.id}’s spike times` };
  }
  const run = session?.spikes.get(source.id);
  if (run && run.end > run.start) {
    const times: number[] = [];
    for (let k = run.start; k < run.end && times.length < 200; k++)
      if (run.indices[k] === 0) times.push(run.times[k]!);
    if (times.length > 0)
      return { times, from: `${source.label ?? source.id}’s spikes in the last run` };
  }
  return null;
}

export function PscView({ document, nodeId, session }: LearnViewProps) {
  // The picked node's incoming synapses first (what reaches it), then its outgoing ones; a picked
  // synapse (the Learn button with a synapse selected) first, then the others into its target.
  const synapses = useMemo(() => {
    const picked = document.edges.find((e) => e.id === nodeId);
    const node = picked ? picked.target : nodeId;
    return document.edges
      .filter((e) => e.synapse && (node === undefined || e.target === node || e.source === node))
      .sort(
        (a, b) =>
          Number(b.id === nodeId) - Number(a.id === nodeId) ||
          Number(b.target === node) - Number(a.target === node),
      );
  }, [document, nodeId]);
  const first = synapses[0]?.synapse;
  const [edgeId, setEdgeId] = useState(synapses[0]?.id ?? '');
  const [tauMs, setTauMs] = useState(first ? first.tauS * 1000 : 20);
  const [n, setN] = useState(first?.n ?? 1);
  const tauS = tauMs / 1000;
  const valid = tauS > 0 && Number.isInteger(n) && n >= 0 && n <= 10;

  const kernelEnd = Math.max((n + 8) * tauS, 0.01);
  const kernel = useMemo(
    () => (valid ? kernelSamples(tauS, n, kernelEnd) : null),
    [valid, tauS, n, kernelEnd],
  );
  const area = useMemo(() => (valid ? kernelArea(tauS, n) : NaN), [valid, tauS, n]);
  const fast = useMemo(() => kernelSamples(FAST_TAU, valid ? n : 0, 1.5, 1500), [n, valid]);
  const slow = useMemo(() => kernelSamples(SLOW_TAU, valid ? n : 0, 1.5, 1500), [n, valid]);
  const fastArea = useMemo(() => kernelArea(FAST_TAU, valid ? n : 0), [n, valid]);
  const slowArea = useMemo(() => kernelArea(SLOW_TAU, valid ? n : 0), [n, valid]);
  // The synapse's real input spikes: its source's spike times (a spike-train input), or the
  // spikes its source fired in the last run; the demo train only when there are none.
  const realSpikes = useMemo(
    () => inputSpikes(document, synapses.find((e) => e.id === edgeId)?.source, session),
    [document, synapses, edgeId, session],
  );
  const spikes = realSpikes?.times ?? DEMO_SPIKE_TRAIN;
  // A reduce, not Math.max(...times): a long run's train would overflow the argument list.
  const trainEnd = realSpikes
    ? realSpikes.times.reduce((m, t) => Math.max(m, t), 0) + 8 * tauS + 0.05
    : TRAIN_END;
  const train = useMemo(
    () => (valid ? filteredTrain(spikes, tauS, n, trainEnd, 1200) : null),
    [valid, tauS, n, spikes, trainEnd],
  );

  const kernelSets = useMemo(
    () =>
      kernel
        ? [
            {
              label: `h(t), τs = ${fmt(tauMs)} ms, n = ${n}`,
              data: points(
                kernel.t.map((t) => t * 1000),
                kernel.h,
              ),
              borderColor: COLORS.blue,
              backgroundColor: 'rgba(31, 119, 180, 0.15)',
              fill: 'origin' as const,
              borderWidth: 2,
              pointRadius: 0,
            },
          ]
        : [],
    [kernel, tauMs, n],
  );
  const compareSets = useMemo(
    () => [
      {
        label: `fast, τs = ${FAST_TAU * 1000} ms (AMPA-like)`,
        data: points(
          fast.t.map((t) => t * 1000),
          fast.h,
        ),
        borderColor: COLORS.orange,
        borderWidth: 2,
        pointRadius: 0,
      },
      {
        label: `slow, τs = ${SLOW_TAU * 1000} ms (NMDA-like)`,
        data: points(
          slow.t.map((t) => t * 1000),
          slow.h,
        ),
        borderColor: COLORS.purple,
        borderWidth: 2,
        pointRadius: 0,
      },
    ],
    [fast, slow],
  );
  const trainSets = useMemo(() => {
    if (!train) return [];
    const top = Math.max(...train.s) * 1.05 || 1;
    const spikeLines = spikes.flatMap((t) => [
      { x: t * 1000, y: 0 },
      { x: t * 1000, y: top },
      { x: t * 1000, y: null },
    ]);
    return [
      {
        label: 's(t) = Σ h(t − t_p)',
        data: points(
          train.t.map((t) => t * 1000),
          train.s,
        ),
        borderColor: COLORS.blue,
        borderWidth: 2,
        pointRadius: 0,
      },
      {
        label: 'spikes t_p',
        data: spikeLines,
        borderColor: COLORS.red,
        borderWidth: 1.5,
        pointRadius: 0,
        spanGaps: false,
      },
    ];
  }, [train, spikes]);

  const data = useMemo(
    () => ({
      tauS,
      n,
      area,
      fastArea,
      slowArea,
      kernel,
      train: train && { spikes, ...train },
    }),
    [tauS, n, area, fastArea, slowArea, kernel, train, spikes],
  );

  const pickEdge = (id: string): void => {
    setEdgeId(id);
    const synapse = synapses.find((e) => e.id === id)?.synapse;
    if (synapse) {
      setTauMs(synapse.tauS * 1000);
      setN(synapse.n ?? 0);
    }
  };

  return (
    <ViewFrame
      viewId="psc"
      title="PSC filters"
      data={data}
      csv={() => toCsv(['t_s', 's_per_s'], train ? columns(train.t, train.s) : [])}
      text={
        <>
          A spike arriving at a synapse does not act at once: it releases a current h(t) that rises
          and decays with the synapse&apos;s time constant τs, and k is chosen so that the total
          charge, the area under h, is always 1 whatever τs and n. Larger n makes the current rise
          more slowly before it decays. A train of spikes gives the sum of one such current per
          spike, so spikes close together pile up.
        </>
      }
      tex={String.raw`\begin{gathered}h(t) = \frac{t^n e^{-t/\tau_s}}{n!\,\tau_s^{n+1}}\ \ (t \ge 0),\quad \int_0^\infty h(t)\,dt = 1\\ s(t) = \sum_p h(t - t_p)\end{gathered}`}
    >
      <div className="learn-controls">
        {synapses.length > 0 && (
          <label className="learn-field">
            <span className="learn-field__label">synapse of edge</span>
            <select value={edgeId} onChange={(e) => pickEdge(e.target.value)}>
              {synapses.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.id}: {e.source} → {e.target}
                </option>
              ))}
            </select>
          </label>
        )}
        <Field label="τs (ms)">
          <input
            type="number"
            aria-label="tau_s (ms)"
            min={0.1}
            max={1000}
            step={0.5}
            value={tauMs}
            onChange={(e) => setTauMs(Number(e.target.value))}
          />
        </Field>
        <Field label="n">
          <input
            type="number"
            aria-label="n"
            min={0}
            max={10}
            step={1}
            value={n}
            onChange={(e) => setN(Number(e.target.value))}
          />
        </Field>
        <p className="learn-note" aria-live="polite" data-testid="psc-area">
          {valid ? (
            <>
              Area ∫h dt = <strong>{area.toFixed(6)}</strong> (Simpson&apos;s rule on 20 000
              intervals over [0, (n+40)τs]); fast {fastArea.toFixed(6)}, slow {slowArea.toFixed(6)}.
            </>
          ) : (
            `τs must be ${constraintText(SYNAPSE_PARAMS[0]!)} and n a ${constraintText(SYNAPSE_PARAMS[1]!)}.`
          )}
        </p>
      </div>
      <div className="learn-charts learn-charts--three">
        <LearnChart
          id="learn-psc-kernel"
          title="h(t), area shaded"
          datasets={kernelSets}
          x={{ label: 'time (ms)', min: 0, max: kernelEnd * 1000 }}
          y={{ label: 'h (1/s)', min: 0 }}
          height={220}
        />
        <LearnChart
          id="learn-psc-compare"
          title="Fast vs slow synapse"
          datasets={compareSets}
          x={{ label: 'time (ms)', min: 0, max: 1500 }}
          y={{ label: 'h (1/s)', min: 0 }}
          height={220}
        />
        <LearnChart
          id="learn-psc-train"
          title={
            realSpikes
              ? `Spike train (${realSpikes.from}) and its current s(t)`
              : 'Spike train (a demo train: no input spikes yet) and its current s(t)'
          }
          datasets={trainSets}
          x={{ label: 'time (ms)', min: 0, max: trainEnd * 1000 }}
          y={{ label: 's (1/s)', min: 0 }}
          height={220}
        />
      </div>
    </ViewFrame>
  );
}
