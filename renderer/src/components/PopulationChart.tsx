/**
 * The chart of a population probe (more than a handful of recorded neurons): by default the mean
 * over the neurons with a ±1 SD band (TraceChart), or a neuron-by-time heat map (HeatMapChart), or
 * one chosen neuron alone. The choice is a small control in the chart's head:
 * "mean ± SD | heat map | neuron #k". Only the choice is React state; samples flow as ever.
 */
import { useRef, useState } from 'react';
import type { PopulationView } from '../sim/chartSpecs';
import type { SimulationSession } from '../sim/SimulationSession';
import type { TimeView } from '../sim/timeView';
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
        min={0}
        max={last}
        step={1}
        value={draft}
        aria-label={`${props.title}: neuron to show alone (0 to ${last})`}
        ref={(input) => {
          if (input && keepFocus.current) {
            keepFocus.current = false;
            input.focus();
          }
        }}
        onChange={(e) => {
          setDraft(e.target.value);
          const k = Number(e.target.value);
          if (e.target.value !== '' && Number.isInteger(k) && k >= 0 && k <= last) {
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
        valueLabel={population.valueLabel}
        {...(population.fixedRange ? { fixedRange: population.fixedRange } : {})}
        fileBaseName={props.fileBaseName}
        controls={controls}
      />
    );
  if (mode === 'neuron')
    return (
      <TraceChart
        {...props}
        series={population.neuronSeries(neuron)}
        fileBaseName={`${props.fileBaseName}-neuron-${neuron}`}
        controls={controls}
        note={
          recorded
            ? `Neuron ${neuron} alone (of ${population.size}).`
            : `Neuron ${neuron} is not recorded by this scope.`
        }
      />
    );
  return <TraceChart {...props} controls={controls} note={population.bandNote} />;
}
