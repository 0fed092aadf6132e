/** The live-edit log in words, for the "edited live" tooltip. */
import type { NetworkDocument } from '../../../shared/document/model';
import { formatNumber } from '../ui/format';
import { elementName, fieldWords } from '../run/liveEdits';
import type { EditLogEntry } from '../run/SimulationSession';

/**
 * One live edit for people, named as the inspector and the live-input sliders name it: "t = 204.7
 * ms: A bias 1.5 → 1.62", "t = 1.2 ms: A → C weight 0.05 → 0.08" (a synapse by its ends, never by an
 * id such as "wCA" the student never typed; a field without its holder, `params.`, `signal.` or
 * `synapse.`). The exports keep the exact `A.params.bias` form of the CLI's --set.
 */
export function editLogLine(e: EditLogEntry, doc: NetworkDocument): string {
  const dot = e.field.indexOf('.');
  const id = dot < 0 ? e.field : e.field.slice(0, dot);
  const path = dot < 0 ? '' : fieldWords(e.field.slice(dot + 1));
  const value = (v: unknown): string =>
    v === undefined || v === null
      ? 'default'
      : typeof v === 'number'
        ? formatNumber(v, 4)
        : JSON.stringify(v);
  const t = Number((e.timeSeconds * 1000).toFixed(3));
  return `t = ${t} ms: ${elementName(doc, id)} ${path} ${value(e.oldValue)} → ${value(e.newValue)}`;
}
