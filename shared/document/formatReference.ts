/**
 * Generated reference material of the format, from the schema and the param registry:
 *  - `networkJsonSchema()`: the JSON Schema shipped as docs/format/network.schema.json (zod's
 *    conversion of schema.ts, plus each model's params with their bounds, which depend on `model`
 *    and so are checked in validateDocument.ts rather than by the zod schema);
 *  - `renderParamReference()`: the parameter tables of docs/format.md.
 * formatReference.test.ts fails when a shipped file is out of date (and rewrites it on request).
 */
import { z } from 'zod';
import { constraintText, type ParamSpec } from '../models/paramSpec';
import { EDGE_DELAY, SIGNAL_FIELDS, SIMULATION_PARAMS, SYNAPSE_PARAMS } from '../models/paramSpecs';
import { MODEL_PARAMS } from '../models/registry';
import { NetworkDocumentSchema } from './schema';

/** Where the JSON Schema is published (its `$id`). */
export const JSON_SCHEMA_ID = 'https://neurosketch.app/schema/network-v1.schema.json';

type JsonSchema = Record<string, unknown>;

function boundedNumber(spec: ParamSpec): JsonSchema {
  const schema: JsonSchema = { type: spec.integer ? 'integer' : 'number' };
  if (spec.min !== undefined) schema[spec.exclusiveMin ? 'exclusiveMinimum' : 'minimum'] = spec.min;
  if (spec.max !== undefined) schema['maximum'] = spec.max;
  schema['description'] =
    `${spec.meaning} (${spec.unit === '1' ? 'dimensionless' : spec.unit}, default ${spec.default})`;
  return schema;
}

function modelParamsRule(perElement: boolean): JsonSchema[] {
  return Object.entries(MODEL_PARAMS).map(([model, specs]) => ({
    if: { properties: { model: { const: model } }, required: ['model'] },
    then: {
      properties: {
        params: {
          properties: Object.fromEntries(
            specs.map((spec) => {
              const one = boundedNumber(spec);
              return [
                spec.name,
                perElement
                  ? { anyOf: [one, { type: 'array', items: one }, { type: 'object' }] }
                  : one,
              ];
            }),
          ),
        },
      },
    },
  }));
}

/** The JSON Schema of a `.neuro` file (draft 2020-12). */
export function networkJsonSchema(): JsonSchema {
  const generated = z.toJSONSchema(NetworkDocumentSchema, {
    target: 'draft-2020-12',
  }) as JsonSchema;
  const defs = generated['$defs'] as Record<string, JsonSchema>;
  defs['NeuronNode']!['allOf'] = modelParamsRule(false);
  defs['PopulationNode']!['allOf'] = modelParamsRule(true);
  return { $schema: generated['$schema'], $id: JSON_SCHEMA_ID, ...generated };
}

function table(specs: readonly ParamSpec[], optional?: (spec: ParamSpec) => boolean): string {
  const rows = specs.map((spec) => {
    const name = optional?.(spec) ? `${spec.name} (optional)` : spec.name;
    const unit = spec.unit === '1' ? '-' : spec.unit === 'J' ? 'as J' : spec.unit;
    return `| \`${name}\` | ${unit} | ${spec.default} | ${constraintText(spec)} | ${spec.meaning} |`;
  });
  return [
    '| name | unit | default | constraint | meaning |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

/** The parameter tables of docs/format.md (markdown, before prettier). */
export function renderParamReference(): string {
  const out: string[] = [];
  for (const [model, specs] of Object.entries(MODEL_PARAMS)) {
    out.push(`### Params of \`model: "${model}"\``, '', table(specs), '');
  }
  out.push('### Synapse and delay', '', table([...SYNAPSE_PARAMS, EDGE_DELAY]), '');
  out.push('### Simulation', '', table(SIMULATION_PARAMS), '');
  for (const [type, fields] of Object.entries(SIGNAL_FIELDS)) {
    if (fields.length === 0) continue;
    out.push(
      `### Signal \`"${type}"\``,
      '',
      table(fields, (f) => (f as { optional?: boolean }).optional === true),
      '',
    );
  }
  return out.join('\n').trimEnd();
}
