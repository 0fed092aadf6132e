/**
 * View 4: the f-I curve of any neuron of the circuit (or a standard LIF/HH neuron): its constant
 * input swept in a background worker of the main process, with progress and cancel; for LIF the
 * analytic G overlaid.
 */
import { isPopulationActivation } from '../../../../shared/models/activations';
import { MODELS, type NeuronModelId } from '../../../../shared/models/registry';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { NetworkNode } from '../../../../shared/document/model';
import type { SweepPoint } from '../../../../shared/ipc/sweepContract';
import { LearnChart } from '../LearnChart';
import { toCsv } from '../math/csv';
import { checkSweepFields, type SweepFields, type SweepRange } from '../math/sweepRange';
import { LIF_DEFAULTS, lifRate, type LifParams } from '../math/lifMath';
import { openLearnView } from '../learnStore';
import { numericParams } from '../NodePicker';
import { runSweep, type SweepHandle } from '../sweepClient';
import { Field, ViewFrame } from '../ViewFrame';
import { COLORS, fmt, type LearnViewProps } from '../viewProps';
import { sweepSubject } from './LifView';

type Model = NeuronModelId;

function ratePoints(points: readonly SweepPoint[]): Array<{ x: number; y: number | null }> {
  return points.map((p) => ({ x: p.current, y: p.rate }));
}

/**
 * The engine's points with a gap where firing starts: between the last silent input and the
 * first firing one the rate jumps (for HH from 0 to tens of Hz: a type II onset); a line across the
 * jump would draw rates no input gives. Sorted by input, as the sweep returns them.
 */
export function withOnsetGaps(
  points: readonly SweepPoint[],
): Array<{ x: number; y: number | null }> {
  const out: Array<{ x: number; y: number | null }> = [];
  points.forEach((p, i) => {
    const before = points[i - 1];
    if (before && before.rate === 0 && p.rate > 0)
      out.push({ x: (before.current + p.current) / 2, y: null });
    out.push({ x: p.current, y: p.rate });
  });
  return out;
}

const STANDARD_LIF = '__standard-lif';
const STANDARD_HH = '__standard-hh';

function defaultRange(model: Model): SweepRange {
  const { from, to, count, duration } = MODELS[model].fi;
  return { from, to, count, duration };
}

/** The model's default sweep, as the four boxes show it. */
function defaultFields(model: Model): SweepFields {
  const { from, to, count, duration } = MODELS[model].fi;
  return { from: String(from), to: String(to), points: String(count), seconds: String(duration) };
}

function sweepable(node: NetworkNode): boolean {
  return (
    (node.kind === 'neuron' || node.kind === 'population') &&
    !isPopulationActivation(node.activation)
  );
}

interface SweepState {
  state: 'idle' | 'running' | 'done' | 'cancelled' | 'error';
  done: number;
  total: number;
  points: SweepPoint[];
  error?: string;
}

export function FiView({ document, nodeId, host }: LearnViewProps) {
  const nodes = useMemo(() => document.nodes.filter(sweepable), [document]);
  const [selected, setSelected] = useState(() =>
    nodeId === STANDARD_LIF || nodeId === STANDARD_HH || nodes.some((n) => n.id === nodeId)
      ? nodeId!
      : (nodes[0]?.id ?? STANDARD_LIF),
  );
  const node = nodes.find((n) => n.id === selected);
  const model: Model =
    node && (node.kind === 'neuron' || node.kind === 'population')
      ? node.model
      : selected === STANDARD_HH
        ? 'hh'
        : 'lif';
  // The boxes keep what is typed ("-", "-1", "0"); the sweep is what they describe once every
  // field is valid, and the last valid one (and its curve) stays while one is not.
  const [fields, setFields] = useState(() => defaultFields(model));
  const [range, setRange] = useState(() => defaultRange(model));
  const checked = checkSweepFields(fields);
  const problems = checked.ok ? {} : checked.problems;
  const edit = (key: keyof SweepFields, text: string): void => {
    const next = { ...fields, [key]: text };
    setFields(next);
    const c = checkSweepFields(next);
    if (c.ok) setRange(c.range);
  };
  const [sweep, setSweep] = useState<SweepState>({ state: 'idle', done: 0, total: 0, points: [] });
  const handleRef = useRef<SweepHandle | null>(null);
  useEffect(() => () => handleRef.current?.cancel(), []);

  const choose = (id: string): void => {
    handleRef.current?.cancel();
    setSelected(id);
    const n = nodes.find((x) => x.id === id);
    const m: Model =
      n && (n.kind === 'neuron' || n.kind === 'population')
        ? n.model
        : id === STANDARD_HH
          ? 'hh'
          : 'lif';
    setFields(defaultFields(m));
    setRange(defaultRange(m));
    setSweep({ state: 'idle', done: 0, total: 0, points: [] });
    // The panel's header follows the pick (the view reopens on it, as the other views do).
    openLearnView('fi', id);
  };

  const currents = useMemo(() => {
    const count = Math.max(2, Math.min(400, Math.round(range.count)));
    return Array.from(
      { length: count },
      (_, i) => range.from + ((range.to - range.from) * i) / (count - 1),
    );
  }, [range]);

  const start = (): void => {
    // Run sweep is disabled while a field is invalid; a sweep of a stale range never starts.
    if (!checked.ok) return;
    handleRef.current?.cancel();
    const subject = sweepSubject(document, node, model);
    setSweep({ state: 'running', done: 0, total: currents.length, points: [] });
    const handle = runSweep(host, { ...subject, currents, durationSeconds: range.duration }, (p) =>
      setSweep((s) => ({ ...s, done: p.done, total: p.total, points: [...s.points, p.point] })),
    );
    handleRef.current = handle;
    handle.done.then(
      (pts) => {
        if (handleRef.current === handle)
          setSweep({ state: 'done', done: pts.length, total: pts.length, points: pts });
      },
      (e: Error) => {
        if (handleRef.current !== handle) return;
        setSweep((s) =>
          e.message === 'cancelled'
            ? { ...s, state: 'cancelled' }
            : { ...s, state: 'error', error: e.message },
        );
      },
    );
  };
  const cancel = (): void => {
    handleRef.current?.cancel();
    setSweep((s) => ({ ...s, state: 'cancelled' }));
  };

  // the LIF closed form G(J) is drawn for models that have the LIF view
  const lifKey = MODELS[model].learnViews.includes('lif')
    ? JSON.stringify(numericParams(node, { ...LIF_DEFAULTS }))
    : null;
  const lifParams = useMemo(() => (lifKey ? (JSON.parse(lifKey) as LifParams) : null), [lifKey]);
  const analytic = useMemo(() => {
    if (!lifParams) return null;
    const xs = Array.from(
      { length: 401 },
      (_, i) => range.from + ((range.to - range.from) * i) / 400,
    );
    return xs.map((x) => ({ x, y: lifRate(x, lifParams) }));
  }, [lifParams, range]);

  // Points where the neuron fired only at the onset of the input, then fell silent.
  const onset = useMemo(() => sweep.points.filter((p) => (p.onsetSpikes ?? 0) > 0), [sweep.points]);
  // Where repetitive firing starts: the first input with a steady rate.
  const firstFiring = !MODELS[model].spiking
    ? undefined
    : sweep.points.find((p) => p.rate > 0 && p.spikes > 1)?.current;
  const datasets = useMemo(
    () => [
      ...(onset.length > 0
        ? [
            {
              label: 'onset transient only (spikes, then silent)',
              data: onset.map((p) => ({ x: p.current, y: 0 })),
              borderColor: COLORS.orange,
              backgroundColor: COLORS.orange,
              pointStyle: 'triangle' as const,
              pointRadius: 6,
              showLine: false,
            },
          ]
        : []),
      {
        label: MODELS[model].spiking ? 'rate (engine)' : 'y (engine)',
        data: MODELS[model].spiking ? withOnsetGaps(sweep.points) : ratePoints(sweep.points),
        borderColor: COLORS.red,
        backgroundColor: COLORS.red,
        borderWidth: 1.5,
        pointRadius: 3.5,
        // With the formula drawn, the engine's runs are its points only, so the curve shows.
        showLine: !analytic,
        // A gap (null) at the onset of firing is a break in the line, not a point at 0.
        spanGaps: false,
      },
      ...(analytic
        ? [
            {
              label: 'G(J), analytic',
              data: analytic,
              borderColor: COLORS.blue,
              borderWidth: 1.5,
              pointRadius: 0,
            },
          ]
        : []),
    ],
    [sweep.points, analytic, model, onset],
  );
  const data = useMemo(
    () => ({
      nodeId: node?.id ?? selected,
      model,
      state: sweep.state,
      done: sweep.done,
      total: sweep.total,
      points: sweep.points,
      error: sweep.error ?? null,
      repetitiveFrom: firstFiring ?? null,
    }),
    [node, selected, model, sweep, firstFiring],
  );
  const running = sweep.state === 'running';

  return (
    <ViewFrame
      viewId="fi"
      title="f-I curve"
      data={data}
      csv={() =>
        toCsv(
          [
            'input',
            MODELS[model].spiking ? 'rate_Hz' : 'y',
            'spikes',
            ...(lifParams ? ['G_analytic_Hz'] : []),
          ],
          sweep.points.map((p) => [
            p.current,
            p.rate,
            p.spikes,
            ...(lifParams ? [lifRate(p.current, lifParams)] : []),
          ]),
        )
      }
      text={
        <>
          Each point is a separate run of this one neuron, alone, with its inputs and bias replaced
          by a constant input J; the rate is (n − 1)/(t_n − t_1) over its spikes after the onset
          transient (the first fifth of the run, at least 50 ms), so spikes only at the onset
          (orange triangles) or a depolarisation block count as 0. The sweep runs in a background
          thread: the circuit stays editable and a live run is not slowed.{' '}
          {lifParams
            ? 'For LIF the blue curve is the formula.'
            : MODELS[model].spiking
              ? `${MODELS[model].shortLabel} has no formula for its rate: this curve is measured by simulation, point by point, with a break where repetitive firing starts (the rate jumps there).`
              : 'This curve is measured by simulation, point by point.'}
        </>
      }
      tex={
        lifParams
          ? String.raw`\begin{gathered}f(J) = \frac{n - 1}{t_n - t_1}\ \ \text{(simulated)}\\ G(J) = \frac{1}{\tau_{ref} + \tau_m \ln\frac{J - v_{reset}}{J - v_{th}}}\ \ \text{(LIF, } J > v_{th})\end{gathered}`
          : String.raw`f(J) = \frac{n - 1}{t_n - t_1}\ \ \text{(simulated; no closed form)}`
      }
    >
      <div className="learn-controls">
        <label className="learn-field">
          <span className="learn-field__label">neuron</span>
          <select value={selected} onChange={(e) => choose(e.target.value)} disabled={running}>
            {nodes.map((n) => (
              <option key={n.id} value={n.id}>
                {n.label && n.label !== n.id ? `${n.label} (${n.id})` : n.id} ·{' '}
                {n.kind === 'neuron' || n.kind === 'population' ? n.model : ''}
              </option>
            ))}
            <option value={STANDARD_LIF}>standard LIF neuron (default parameters)</option>
            <option value={STANDARD_HH}>standard HH neuron (default parameters)</option>
          </select>
        </label>
        <Field label="from">
          <input
            type="number"
            aria-label="sweep from"
            value={fields.from}
            aria-invalid={problems.from ? true : undefined}
            aria-describedby={problems.from ? 'fi-problem-from' : undefined}
            step="any"
            disabled={running}
            onChange={(e) => edit('from', e.target.value)}
          />
        </Field>
        <Field label="to">
          <input
            type="number"
            aria-label="sweep to"
            value={fields.to}
            aria-invalid={problems.to ? true : undefined}
            aria-describedby={problems.to ? 'fi-problem-to' : undefined}
            step="any"
            disabled={running}
            onChange={(e) => edit('to', e.target.value)}
          />
        </Field>
        <Field label="points">
          <input
            type="number"
            aria-label="sweep points"
            value={fields.points}
            aria-invalid={problems.points ? true : undefined}
            aria-describedby={problems.points ? 'fi-problem-points' : undefined}
            min={2}
            max={400}
            step={1}
            disabled={running}
            onChange={(e) => edit('points', e.target.value)}
          />
        </Field>
        <Field label="seconds per point">
          <input
            type="number"
            aria-label="seconds per point"
            value={fields.seconds}
            aria-invalid={problems.seconds ? true : undefined}
            aria-describedby={problems.seconds ? 'fi-problem-seconds' : undefined}
            min={0.001}
            max={20}
            step="any"
            disabled={running}
            onChange={(e) => edit('seconds', e.target.value)}
          />
        </Field>
        <div className="learn-sweep">
          {running ? (
            <button type="button" className="learn-button" onClick={cancel}>
              Cancel sweep
            </button>
          ) : (
            <button
              type="button"
              className="learn-button learn-button--primary"
              onClick={start}
              disabled={!checked.ok}
            >
              Run sweep
            </button>
          )}
          <progress aria-label="sweep progress" max={Math.max(1, sweep.total)} value={sweep.done} />
          <span className="learn-note" aria-live="polite" data-testid="sweep-status">
            {!checked.ok
              ? 'Run sweep waits for the marked field.'
              : sweep.state === 'idle'
                ? `${currents.length} runs of ${fmt(range.duration)} s each`
                : sweep.state === 'running'
                  ? `${sweep.done} / ${sweep.total}`
                  : sweep.state === 'done'
                    ? `done: ${sweep.points.length} points`
                    : sweep.state === 'cancelled'
                      ? `cancelled after ${sweep.points.length} points`
                      : `failed: ${sweep.error}`}
          </span>
        </div>
        {(Object.keys(problems) as Array<keyof SweepFields>).map((key) => (
          <p
            key={key}
            id={`fi-problem-${key}`}
            className="learn-note learn-note--error"
            role="alert"
          >
            {problems[key]}
          </p>
        ))}
        {sweep.state === 'done' && model !== 'rate' && (
          <p className="learn-note" data-testid="fi-onset">
            {firstFiring === undefined
              ? 'No steady firing in this range.'
              : `Repetitive firing from J = ${fmt(firstFiring)}`}
            {onset.length > 0 &&
              `; onset spikes only (then silent) at J = ${onset.map((p) => fmt(p.current)).join(', ')}`}
            .
          </p>
        )}
      </div>
      <div className="learn-charts learn-charts--one">
        <LearnChart
          id="learn-fi"
          title={`f-I curve of ${node ? node.id : selected === STANDARD_HH ? 'a standard HH neuron' : 'a standard LIF neuron'}`}
          datasets={datasets}
          x={{
            label: MODELS[model].fi.axis,
            min: Math.min(range.from, range.to),
            max: Math.max(range.from, range.to),
          }}
          y={{
            label: MODELS[model].spiking ? 'rate (Hz)' : 'y',
            ...(MODELS[model].spiking ? { min: 0 } : {}),
          }}
          height={320}
        />
      </div>
    </ViewFrame>
  );
}
