/**
 * The trace charts of a document, one per (target node, variable group): v; V; the HH gates m, h,
 * n; J and s; y; u. A probe of a handful of neurons is one line per neuron; a probe of more than
 * SUMMARY_ABOVE_ELEMENTS is its mean with a ±1 SD band, and offers a heat map and one neuron alone
 * (charts/PopulationChart.tsx). Pure: the charts panel renders what this returns.
 */
import { modelById } from '../../../shared/models/registry';
import type { NetworkDocument, Probe } from '../../../shared/document/model';
import {
  SUMMARY_ABOVE_ELEMENTS,
  type SimulationSession,
  type TraceBuffer,
} from '../run/SimulationSession';
import { nodeColor, nodeName, shade } from '../ui/nodeColors';

export interface ChartSeries {
  /** Stable key (probe id and element). */
  key: string;
  label: string;
  color: string;
  dash?: number[];
  /**
   * An edge of a band: 'upper' is filled down to the series before it (its 'lower'), translucent,
   * without a line. Bands have no checkbox of their own: they follow `toggledBy`.
   */
  band?: 'lower' | 'upper';
  /** The key of the series whose checkbox shows and hides this one. */
  toggledBy?: string;
  /** A band's name in the chart's key ("± 1 SD"), on its 'upper' edge. */
  legend?: string;
  /**
   * Where its samples are (looked up on every redraw: a new run brings new buffers): a recorded
   * element, or a series in the buffer's ring slots (its across-element statistics).
   */
  source(
    session: SimulationSession,
  ): { buffer: TraceBuffer; element: number | Float64Array } | undefined;
}

export interface ReferenceLine {
  value: number;
  label: string;
  color: string;
}

export interface YBounds {
  min?: number;
  max?: number;
  suggestedMin?: number;
  suggestedMax?: number;
}

/** A population chart's other views (charts/PopulationChart.tsx). */
export interface PopulationView {
  /** Neurons in the target. */
  size: number;
  /** Neuron indices recorded (by some population probe of the chart), ascending. */
  recorded: number[];
  /** Which neurons those are, in words: "neurons 0–15 of 100", "all 100 neurons". */
  recordedText: string;
  /** The series to show for neuron k alone. */
  neuronSeries(k: number): ChartSeries[];
  heatProbes: Array<{ probeId: string; label: string; size: number }>;
  valueLabel: string;
  fixedRange?: { lo: number; hi: number };
  /** What the mean line and the band are. */
  bandNote: string;
  /**
   * The PNG titles of the mean ± SD and heat-map views: which neurons they show, so the image says
   * it on its own ("P1 · v: mean ± 1 SD of 16 recorded neurons (0–15 of 100)").
   */
  bandTitle: string;
  heatTitle: string;
}

export interface ChartSpec {
  key: string;
  /** Test-hook ids this chart answers to (its probe ids). */
  chartIds: string[];
  title: string;
  titleColor?: string;
  yLabel: string;
  series: ChartSeries[];
  references?: ReferenceLine[];
  yBounds?: YBounds;
  /** Base of the PNG file name. */
  fileBaseName: string;
  /** A chart of a population probe (more than SUMMARY_ABOVE_ELEMENTS elements): its views. */
  population?: PopulationView;
}

/**
 * Most elements of one probe drawn as separate traces. Beyond SUMMARY_ABOVE_ELEMENTS a probe is
 * drawn as its mean with a ±1 SD band instead (PopulationChart: or a heat map, or one neuron).
 */
const MAX_SERIES_PER_PROBE = SUMMARY_ABOVE_ELEMENTS;
const GATE_COLORS: Record<string, string> = { m: '#d55e00', h: '#009e73', n: '#0072b2' };

type Group = 'v' | 'V' | 'gates' | 'Js' | 'y' | 'u';

function groupOf(variable: string): Group {
  if (variable === 'm' || variable === 'h' || variable === 'n') return 'gates';
  if (variable === 'J' || variable === 's') return 'Js';
  return variable as Group;
}

function paramsOf(doc: NetworkDocument, nodeId: string): Record<string, unknown> {
  const node = doc.nodes.find((n) => n.id === nodeId);
  return (node && 'params' in node && node.params ? node.params : {}) as Record<string, unknown>;
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}

/**
 * Neuron indices as a student reads them: runs of consecutive indices as "0–15", separated by
 * commas ("0–7, 20–27"); beyond four runs the first three and "…" (the count says the rest).
 */
export function indexRanges(indices: readonly number[]): string {
  const sorted = [...new Set(indices)].sort((a, b) => a - b);
  const runs: string[] = [];
  let k = 0;
  while (k < sorted.length) {
    let end = k;
    while (end + 1 < sorted.length && sorted[end + 1] === sorted[end]! + 1) end += 1;
    runs.push(end === k ? String(sorted[k]) : `${sorted[k]}–${sorted[end]}`);
    k = end + 1;
  }
  return runs.length > 4 ? `${runs.slice(0, 3).join(', ')}, …` : runs.join(', ');
}

/** "all 100 neurons" or "neurons 0–15 of 100": which neurons of a population a probe records. */
export function recordedNeuronsText(indices: readonly number[], size: number): string {
  const count = new Set(indices).size;
  if (count >= size) return `all ${size} neurons`;
  return `${count === 1 ? 'neuron' : 'neurons'} ${indexRanges(indices)} of ${size}`;
}

/** The trace charts of a document: one per (target node, variable group). */
export function chartSpecs(doc: NetworkDocument, baseName: string): ChartSpec[] {
  const groups = new Map<string, { target: string; group: Group; probes: Probe[] }>();
  for (const probe of doc.probes ?? []) {
    const key = `${probe.target}:${groupOf(probe.variable)}`;
    let entry = groups.get(key);
    if (!entry) {
      entry = { target: probe.target, group: groupOf(probe.variable), probes: [] };
      groups.set(key, entry);
    }
    entry.probes.push(probe);
  }
  return [...groups.entries()].map(([key, { target, group, probes }]) => {
    const node = doc.nodes.find((n) => n.id === target);
    const name = nodeName(doc, target);
    const color = nodeColor(doc, target);
    const model = node && 'model' in node ? node.model : undefined;
    const size = node && 'size' in node && typeof node.size === 'number' ? node.size : 1;
    const labelOf = (probe: Probe, index: number | null): string => {
      const element = index === null ? '' : `[${index}]`;
      if (group === 'gates' || group === 'Js')
        return size > 1 ? `${name}${element} ${probe.variable}` : probe.variable;
      return size > 1 ? `${name}${element}` : name;
    };
    const tintOf = (probe: Probe): string =>
      group === 'gates' ? (GATE_COLORS[probe.variable] ?? color) : color;
    const dashOf = (probe: Probe): { dash?: number[] } =>
      group === 'Js' && probe.variable === 's' && probes.length > 1 ? { dash: [5, 3] } : {};
    const indicesOf = (probe: Probe): number[] =>
      probe.indices ?? Array.from({ length: size }, (_, k) => k);
    /** The traces of the probes with a handful of elements, one line each. */
    const lines = (probe: Probe): ChartSeries[] =>
      indicesOf(probe)
        .slice(0, MAX_SERIES_PER_PROBE)
        .map((index, element) => ({
          key: `${probe.id}:${element}`,
          label: labelOf(probe, index),
          color: shade(tintOf(probe), element),
          ...dashOf(probe),
          source: (session) => {
            const buffer = session.traces.get(probe.id);
            return buffer && element < buffer.values.length ? { buffer, element } : undefined;
          },
        }));
    const isPopulation = (probe: Probe): boolean =>
      indicesOf(probe).length > SUMMARY_ABOVE_ELEMENTS;
    /** A population probe's mean line and its ±1 SD band (the band's edges follow the mean). */
    const meanAndBand = (probe: Probe): ChartSeries[] => {
      const key = `${probe.id}:mean`;
      const n = indicesOf(probe).length;
      const base = labelOf(probe, null);
      // A probe of part of a population says which part (a mean of 16 of 100 is not the mean of 100).
      const which = n < size ? ` recorded (${recordedNeuronsText(indicesOf(probe), size)})` : '';
      const stat =
        (pick: 'mean' | 'lower' | 'upper') =>
        (session: SimulationSession): ReturnType<ChartSeries['source']> => {
          const buffer = session.traces.get(probe.id);
          return buffer?.stats ? { buffer, element: buffer.stats[pick] } : undefined;
        };
      return [
        {
          key,
          label: `${base} mean of ${n}${which}`,
          color: tintOf(probe),
          ...dashOf(probe),
          source: stat('mean'),
        },
        {
          key: `${probe.id}:lower`,
          label: `${base} mean − 1 SD`,
          color: tintOf(probe),
          band: 'lower',
          toggledBy: key,
          source: stat('lower'),
        },
        {
          key: `${probe.id}:upper`,
          label: `${base} mean + 1 SD`,
          color: tintOf(probe),
          band: 'upper',
          toggledBy: key,
          legend: '± 1 SD',
          source: stat('upper'),
        },
      ];
    };
    const series: ChartSeries[] = probes.flatMap((probe) =>
      isPopulation(probe) ? meanAndBand(probe) : lines(probe),
    );
    const populationProbes = probes.filter(isPopulation);
    const neuronSeries = (k: number): ChartSeries[] =>
      probes.flatMap((probe) => {
        if (!isPopulation(probe)) return lines(probe);
        const element = indicesOf(probe).indexOf(k);
        return [
          {
            key: `${probe.id}:neuron`,
            label: labelOf(probe, k),
            color: tintOf(probe),
            ...dashOf(probe),
            source: (session: SimulationSession) => {
              const buffer = session.traces.get(probe.id);
              return buffer && element >= 0 && element < buffer.values.length
                ? { buffer, element }
                : undefined;
            },
          },
        ];
      });
    const params = paramsOf(doc, target);
    const references: ReferenceLine[] = [];
    let yLabel: string = group;
    let yBounds: YBounds = {};
    const variables = [...new Set(probes.map((p) => p.variable))].sort(
      (a, b) => 'mhnJs'.indexOf(a) - 'mhnJs'.indexOf(b),
    );
    let title = `${name} · ${variables.join(' ')}`;
    switch (group) {
      case 'v': {
        const vTh = numberOr(params['vTh'], 1);
        const vReset = numberOr(params['vReset'], 0);
        references.push({ value: vTh, label: 'threshold', color: '#24292f' });
        yLabel = 'v (dimensionless)';
        yBounds = { suggestedMin: Math.min(0, vReset), suggestedMax: vTh * 1.05 };
        break;
      }
      case 'V':
        references.push({
          value: numberOr(params['spikeThreshold'], 0),
          label: 'spike threshold',
          color: '#24292f',
        });
        yLabel = 'V (mV)';
        yBounds = { suggestedMin: -80, suggestedMax: 40 };
        break;
      case 'gates':
        yLabel = 'gate (0 to 1)';
        yBounds = { min: 0, max: 1 };
        title = `${name} · gates ${variables.join(' ')}`;
        break;
      case 'Js':
        // J is the summed input, s its synaptic (filtered) part; their unit is the model's
        yLabel = `${variables.join(', ')} (${modelById(model)?.inputLabel ?? 'dimensionless'})`;
        title = `${name} · ${variables.join(' and ')}`;
        break;
      case 'y':
        yLabel = 'y (activity)';
        break;
      case 'u':
        yLabel = 'u (input)';
        break;
    }
    const recorded = [...new Set(populationProbes.flatMap(indicesOf))].sort((a, b) => a - b);
    const shown =
      recorded.length >= size
        ? `all ${size} neurons`
        : `${recorded.length} recorded neuron${recorded.length === 1 ? '' : 's'} (${indexRanges(recorded)} of ${size})`;
    const population: PopulationView | undefined =
      populationProbes.length > 0
        ? {
            size,
            recorded,
            recordedText: recordedNeuronsText(populationProbes.flatMap(indicesOf), size),
            neuronSeries,
            heatProbes: populationProbes.map((probe) => ({
              probeId: probe.id,
              label: group === 'gates' || group === 'Js' ? probe.variable : name,
              size: indicesOf(probe).length,
            })),
            valueLabel: yLabel,
            ...(typeof yBounds.min === 'number' && typeof yBounds.max === 'number'
              ? { fixedRange: { lo: yBounds.min, hi: yBounds.max } }
              : {}),
            bandNote: `Line: the mean over the ${populationProbes.map((p) => indicesOf(p).length).join(' / ')} recorded neurons (${recordedNeuronsText(populationProbes.flatMap(indicesOf), size)}); band: mean ± 1 SD across them at each time.`,
            bandTitle: `${title}: mean ± 1 SD of ${shown}`,
            heatTitle: `${title}: heat map of ${shown}, one row each; colour: ${yLabel}`,
          }
        : undefined;
    return {
      key,
      ...(population ? { population } : {}),
      chartIds: probes.map((p) => p.id),
      title,
      titleColor: color,
      yLabel,
      series,
      references,
      yBounds,
      fileBaseName: `${baseName}-${probes.map((p) => p.id).join('-')}`,
    };
  });
}
