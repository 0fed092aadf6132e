/**
 * The chart of a population probe (more than a handful of recorded neurons): by default the mean
 * over the neurons with a ±1 SD band (TraceChart), or a neuron-by-time heat map (HeatMapChart), or
 * one chosen neuron alone. The choice is a small control in the chart's head:
 * "mean ± SD | heat map | neuron #k". Only the choice is React state; samples flow as ever.
 */
import { useRef, useState } from 'react';
import type { PopulationView } from './chartSpecs';
import type { SimulationSession } from '../run/SimulationSession';
import type { TimeView } from './timeView';
import { HeatMapChart } from './HeatMapChart';
import { TraceChart, type TraceChartProps } from './TraceChart';

type Mode = 'mean' | 'heat' | 'neuron';

export type PopulationChartProps = Omit<TraceChartProps, 'controls' | 'note'> & {
  session: SimulationSession;
  timeView: TimeView;
  population: PopulationView;
};

export function PopulationChart({ population, ...props }: PopulationChartProps) {
  const [mode, setMode] = useState<Mode>('mean');
  const first = population.recorded[0] ?? 0;
  const [neuron, setNeuron] = useState(first);
  const [draft, setDraft] = useState(String(first));
  const last = population.size - 1;
  const recorded = population.recorded.includes(neuron);
  const lowest = population.recorded[0] ?? 0;
  const highest = population.recorded[population.recorded.length - 1] ?? last;
  /** The next recorded neuron after k in direction `step` (the box's arrows skip the others). */
  const nextRecorded = (k: number, step: 1 | -1): number | undefined =>
    step > 0
      ? population.recorded.find((r) => r >= k)
      : [...population.recorded].reverse().find((r) => r <= k);
  // Typing a neuron switches the view, which mounts another chart (and a new input): the new
  // input takes the focus back so the next digit lands in it.
  const keepFocus = useRef(false);

  const controls = (
    <span className="live-chart__views" role="group" aria-label={`${props.title}: view`}>
      <button
        type="button"
        aria-pressed={mode === 'mean'}
        onClick={() => setMode('mean')}
        title="The mean over the recorded neurons, with a band of ±1 standard deviation"
      >
        mean ± SD
      </button>
      <button
        type="button"
        aria-pressed={mode === 'heat'}
        onClick={() => setMode('heat')}
        title="One row per neuron, colour for the value"
      >
        heat map
      </button>
      <button
        type="button"
        aria-pressed={mode === 'neuron'}
        onClick={() => setMode('neuron')}
        title="One neuron alone; type its index"
      >
        neuron #
      </button>
      <input
        type="number"
        min={lowest}
        max={highest}
        step={1}
        value={draft}
        aria-label={`${props.title}: neuron to show alone (recorded: ${population.recordedText})`}
        title={`Recorded: ${population.recordedText}. To see another neuron, add it to the scope's indices in the inspector and run again.`}
        ref={(input) => {
          if (input && keepFocus.current) {
            keepFocus.current = false;
            input.focus();
          }
        }}
        onKeyDown={(e) => {
          // The arrows step from recorded neuron to recorded neuron, not into the gaps.
          if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
          const next = nextRecorded(
            neuron + (e.key === 'ArrowUp' ? 1 : -1),
            e.key === 'ArrowUp' ? 1 : -1,
          );
          e.preventDefault();
          if (next === undefined) return;
          setDraft(String(next));
          setNeuron(next);
          if (mode !== 'neuron') {
            keepFocus.current = true;
            setMode('neuron');
          }
        }}
        onChange={(e) => {
          const text = e.target.value;
          const k = Number(text);
          setDraft(text);
          if (text !== '' && Number.isInteger(k) && k >= 0 && k <= last) {
            setNeuron(k);
            if (mode !== 'neuron') {
              keepFocus.current = true;
              setMode('neuron');
            }
          }
        }}
      />
    </span>
  );

  if (mode === 'heat')
    return (
      <HeatMapChart
        session={props.session}
        timeView={props.timeView}
        fallbackSeconds={props.fallbackSeconds}
        chartIds={props.chartIds}
        title={props.title}
        {...(props.titleColor ? { titleColor: props.titleColor } : {})}
        probes={population.heatProbes}
        pngTitle={population.heatTitle}
        valueLabel={population.valueLabel}
        {...(population.fixedRange ? { fixedRange: population.fixedRange } : {})}
        fileBaseName={props.fileBaseName}
        controls={controls}
      />
    );
  if (mode === 'neuron' && !recorded)
    // Never an empty chart: the mean stays in view, and the note says why and what to do.
    return (
      <TraceChart
        {...props}
        controls={controls}
        pngTitle={population.bandTitle}
        note={
          <span className="live-chart__note--warn" role="status">
            Neuron {neuron} is not recorded by this scope: it records {population.recordedText}.
            Showing their mean instead. To see neuron {neuron}, select the scope and add {neuron} to
            its indices in the inspector, then run again.
          </span>
        }
      />
    );
  if (mode === 'neuron')
    return (
      <TraceChart
        {...props}
        series={population.neuronSeries(neuron)}
        fileBaseName={`${props.fileBaseName}-neuron-${neuron}`}
        pngTitle={`${props.title}: neuron ${neuron} of ${population.size}`}
        controls={controls}
        note={`Neuron ${neuron} alone (of ${population.size}). Recorded: ${population.recordedText}.`}
      />
    );
  return (
    <TraceChart
      {...props}
      controls={controls}
      note={population.bandNote}
      pngTitle={population.bandTitle}
    />
  );
}
