/**
 * View 6: the PSC filter h(t) for a chosen tau_s and n with its area integrated numerically, fast
 * against slow synapses, and a spike train filtered into s(t) = sum_p h(t - t_p) (notes 1.3.3).
 */
import { useMemo, useState } from 'react';
import { LearnChart } from '../LearnChart';
import { columns, toCsv } from '../math/csv';
import { DEMO_SPIKE_TRAIN, filteredTrain, kernelArea, kernelSamples } from '../math/pscData';
import { Field, ViewFrame } from '../ViewFrame';
import { COLORS, fmt, points, type LearnViewProps } from '../viewProps';

const FAST_TAU = 0.01;
const SLOW_TAU = 0.3;
const TRAIN_END = 1.2;

export function PscView({ document, nodeId }: LearnViewProps) {
  const synapses = useMemo(
    () =>
      document.edges.filter(
        (e) => e.synapse && (nodeId === undefined || e.target === nodeId || e.source === nodeId),
      ),
    [document, nodeId],
  );
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
  const train = useMemo(
    () => (valid ? filteredTrain(DEMO_SPIKE_TRAIN, tauS, n, TRAIN_END, 1200) : null),
    [valid, tauS, n],
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
    const spikeLines = DEMO_SPIKE_TRAIN.flatMap((t) => [
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
  }, [train]);

  const data = useMemo(
    () => ({
      tauS,
      n,
      area,
      fastArea,
      slowArea,
      kernel,
      train: train && { spikes: DEMO_SPIKE_TRAIN, ...train },
    }),
    [tauS, n, area, fastArea, slowArea, kernel, train],
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
            'τs must be above 0 and n a whole number from 0 to 10.'
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
          title="Spike train and its current s(t)"
          datasets={trainSets}
          x={{ label: 'time (ms)', min: 0, max: TRAIN_END * 1000 }}
          y={{ label: 's (1/s)', min: 0 }}
          height={220}
        />
      </div>
    </ViewFrame>
  );
}
