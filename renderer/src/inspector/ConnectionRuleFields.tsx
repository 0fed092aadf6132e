/**
 * The connection rule of edges between multi-element nodes (decision 0013): all-to-all,
 * one-to-one (equal sizes), fixed probability p (also set as "inputs each", p = k / N), and the
 * weight w the rule gives every connection. A custom matrix or drawn weights show as such.
 */
import type { Edge, NetworkDocument, Weight } from '../../../shared/document/model';
import type { ParamSpec } from '../../../shared/models/paramSpec';
import {
  ruleOf,
  ruleText,
  ruleWeightValue,
  weightForRule,
  type RuleKind,
} from '../document/connectionRule';
import { setEdgeWeights } from '../document/actions';
import { findNode, nodeSize } from '../document/graph';
import { NumberField, SelectField } from './fields';
import { RULE_K_SPEC, RULE_P_SPEC } from './specs';

/** The rule's choice, its p (or inputs each) and the weight it gives every connection. */
export function ConnectionRuleFields({
  doc,
  edges,
  unit,
  weightSpec,
}: {
  doc: NetworkDocument;
  edges: Edge[];
  unit: string;
  weightSpec: ParamSpec;
}) {
  const ids = edges.map((e) => e.id);
  const first = edges[0]!;
  const rules = edges.map((e) => ruleOf(e.weight));
  const rule = rules.every((r) => r === rules[0]) ? rules[0]! : '';
  const sizes = edges.map((e) => {
    const s = findNode(doc, e.source);
    const t = findNode(doc, e.target);
    return { n: s ? nodeSize(s) : 1, m: t ? nodeSize(t) : 1 };
  });
  const canOneToOne = sizes.every(({ n, m }) => n === m);
  const values = edges.map((e) => ruleWeightValue(e.weight));
  const sameValue = values.every((v) => v === values[0]);
  const ps = edges.map((e) =>
    ruleOf(e.weight) === 'probability' ? (e.weight as { p: number }).p : 0.1,
  );
  const sameP = ps.every((p) => p === ps[0]);
  const options: { value: RuleKind; label: string }[] = [
    { value: 'all', label: 'all-to-all: every source element to every target element' },
    ...(canOneToOne
      ? [{ value: 'oneToOne' as const, label: 'one-to-one: element i to element i' }]
      : []),
    { value: 'probability', label: 'fixed probability p (about p·N inputs each)' },
    ...(rule === 'custom'
      ? [{ value: 'custom' as const, label: 'custom weights (matrix or drawn)' }]
      : []),
  ];
  const write = (next: RuleKind, w?: number, p?: number, mk?: string): void => {
    if (next === 'custom') return;
    const weights: Record<string, Weight> = {};
    edges.forEach((e, i) => {
      weights[e.id] = weightForRule(next, w ?? values[i]!, p ?? ps[i]!);
    });
    setEdgeWeights(weights, mk);
  };
  const n = sizes[0]!.n;
  const sameN = sizes.every((s) => s.n === n);
  return (
    <div className="inspector__rule" role="group" aria-label="connection">
      <SelectField<RuleKind>
        label="connection rule"
        value={rule}
        options={options}
        meaning="which source elements reach which target elements"
        onChange={(r) => write(r)}
      />
      {edges.length === 1 && (
        <p className="inspector__note" aria-label="connection summary">
          {ruleText(doc, first)}
        </p>
      )}
      {rule === 'probability' && (
        <>
          <NumberField
            fieldKey={`rule-p:${ids.join(',')}`}
            spec={RULE_P_SPEC}
            value={sameP ? ps[0] : undefined}
            mixed={!sameP}
            allowEmpty={false}
            onCommit={(v, mk) => v !== undefined && write('probability', undefined, v, mk)}
          />
          {sameN && (
            <NumberField
              fieldKey={`rule-k:${ids.join(',')}`}
              spec={{ ...RULE_K_SPEC, max: n }}
              label="inputs each"
              unitOverride=""
              value={sameP ? Number((ps[0]! * n).toPrecision(6)) : undefined}
              mixed={!sameP}
              allowEmpty={false}
              onCommit={(v, mk) => v !== undefined && write('probability', undefined, v / n, mk)}
            />
          )}
        </>
      )}
      {rule !== 'custom' && rule !== '' && (
        <NumberField
          fieldKey={`rule-w:${ids.join(',')}`}
          spec={weightSpec}
          unitOverride={unit === '1' ? '' : unit}
          value={sameValue ? values[0] : undefined}
          mixed={!sameValue}
          allowEmpty={false}
          onCommit={(v, mk) => v !== undefined && write(rule, v, undefined, mk)}
        />
      )}
    </div>
  );
}
