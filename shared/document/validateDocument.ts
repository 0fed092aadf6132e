/**
 * Parsed JSON -> NetworkDocument, with every problem reported at once (docs/format.md#document-6).
 *
 * Order of work:
 *  1. the header: `format`, `version` (a newer version is refused here, before anything else);
 *  2. migration of an older version (migrations.ts);
 *  3. a nesting-depth guard (so nothing later can overflow the stack on hostile input);
 *  4. the shape, by the zod schema (schema.ts), each zod issue turned into a path and a sentence;
 *  5. the rules that involve more than one field, checked here on the same (possibly partly
 *     malformed) value: model params against the param registry, ids, references, matrix shapes,
 *     synapses on spiking sources, probe variables, whole-step durations, memory estimate;
 *  6. warnings for unknown keys inside params, synapse, signal, simulation and generators.
 *
 * Step 5 never assumes step 4 passed: every access checks its type first, so a file with a
 * malformed node still gets its edges and probes checked. Errors come first in the result, then
 * warnings, each in document order. The document returned is the input object itself (after
 * migration): validation transforms nothing and fills in no defaults.
 */
import type { z } from 'zod';
import { brokenConstraint, type ParamSpec } from '../models/paramSpec';
import { POPULATION_ACTIVATIONS } from '../models/activations';
import { LIF_DEFAULTS } from '../models/lif/params';
import { probeVariables } from '../models/neuron';
import {
  EDGE_DELAY,
  INPUT_PROBE_VARIABLES,
  SIGNAL_FIELDS,
  SIMULATION_PARAMS,
  SYNAPSE_PARAMS,
} from '../models/paramSpecs';
import { ALL_PROBE_VARIABLES, MODEL_LIST, modelById } from '../models/registry';
import type { Issue } from './issue';
import { formatPath, type PathSegment } from './fieldPath';
import { admitRun, gridSteps, wholeStepDurations, type RunOverrides } from './admission';
import { MAX_NESTING_DEPTH } from './limits';
import type { MigrationRegistry } from './migrations';
import { DEFAULT_REGISTRY, migrateDocument } from './migrations';
import type { NetworkDocument } from './model';
import { nearestKey } from './nearestKey';
import { markValidated, type ValidatedDocument } from './validated';
import {
  DOCUMENT_KEYS,
  FORMAT_NAME,
  MAX_NODE_SIZE,
  NetworkDocumentSchema,
  NormalInitSchema,
  NormalWeightsSchema,
  SignalSchema,
  SimulationSettingsSchema,
  SparseWeightsSchema,
  SynapseSchema,
  UniformInitSchema,
  UniformWeightsSchema,
  IdentityWeightsSchema,
} from './schema';

export type ValidationResult =
  { ok: true; document: ValidatedDocument; warnings: Issue[] } | { ok: false; issues: Issue[] };

export interface ValidateOptions {
  /** Migration registry (tests substitute their own). */
  migrations?: MigrationRegistry;
  /**
   * The run the document is validated for, when flags override its simulation block (the CLI's
   * --dt/--duration): the admission rule then judges that run, naming the flags.
   */
  run?: { overrides: RunOverrides; names?: { dt?: string; duration?: string } };
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function isNum(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}
function isSize(v: unknown): v is number {
  return isNum(v) && Number.isInteger(v) && v >= 1 && v <= MAX_NODE_SIZE;
}
function own(obj: Obj, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

/** A value as a person reads it in a message, shortened (bounded work on any input). */
export function preview(value: unknown): string {
  const text = previewPart(value, 0);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function previewPart(value: unknown, depth: number): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  if (typeof value !== 'object' || value === null) return String(value);
  if (depth >= 2) return Array.isArray(value) ? '[...]' : '{...}';
  const parts: string[] = [];
  let length = 0;
  const entries: Array<[string | undefined, unknown]> = Array.isArray(value)
    ? value.slice(0, 10).map((v) => [undefined, v])
    : Object.keys(value)
        .slice(0, 10)
        .map((k) => [k, (value as Obj)[k]]);
  for (const [key, v] of entries) {
    const part = (key === undefined ? '' : `${JSON.stringify(key)}:`) + previewPart(v, depth + 1);
    parts.push(part);
    length += part.length;
    if (length > 40) break;
  }
  const total = Array.isArray(value) ? value.length : Object.keys(value).length;
  const more = parts.length < total ? ',...' : '';
  return Array.isArray(value) ? `[${parts.join(',')}${more}]` : `{${parts.join(',')}${more}}`;
}

function quoteList(values: readonly unknown[]): string {
  return values.map((v) => JSON.stringify(v)).join(', ');
}

const UNIT_WORDS: Record<string, string> = { s: 'seconds', Hz: 'hertz', rad: 'radians' };

/** "tauM is the membrane time constant tau_m, in seconds; default 0.02". */
function specHint(spec: ParamSpec): string {
  const unit =
    spec.unit === '1' || spec.unit === 'J' ? '' : `, in ${UNIT_WORDS[spec.unit] ?? spec.unit}`;
  return `${spec.name} is the ${spec.meaning}${unit}; default ${spec.default}`;
}

function hasBound(spec: ParamSpec): boolean {
  return spec.min !== undefined || spec.max !== undefined;
}

/** Collects issues; fills in the element id from the path. */
class Report {
  readonly errors: Issue[] = [];
  readonly warnings: Issue[] = [];
  constructor(private readonly doc: unknown) {}

  error(path: readonly PathSegment[], message: string): void {
    this.errors.push(this.issue('error', path, message));
  }
  warning(path: readonly PathSegment[], message: string): void {
    this.warnings.push(this.issue('warning', path, message));
  }

  private issue(severity: Issue['severity'], path: readonly PathSegment[], message: string): Issue {
    const issue: Issue = { severity, path: formatPath(path), message };
    const elementId = this.elementIdOf(path);
    if (elementId !== undefined) issue.elementId = elementId;
    return issue;
  }

  private elementIdOf(path: readonly PathSegment[]): string | undefined {
    const [list, index] = path;
    if (!isObj(this.doc)) return undefined;
    if (list === 'layout' && typeof index === 'string') return index;
    if ((list === 'nodes' || list === 'edges' || list === 'probes') && typeof index === 'number') {
      const items = this.doc[list];
      const item = Array.isArray(items) ? items[index] : undefined;
      const id = isObj(item) ? item['id'] : undefined;
      return typeof id === 'string' && id !== '' ? id : undefined;
    }
    return undefined;
  }
}

// -----------------------------------------------------------------------------------------------
// Shape: zod issues -> sentences

/** The registry's spec of a field, by where it sits (simulation, synapse, delay, signal fields). */
function fieldSpec(path: readonly PathSegment[], doc: unknown): ParamSpec | undefined {
  const last = path[path.length - 1];
  const name = typeof last === 'number' ? path[path.length - 2] : last;
  if (typeof name !== 'string') return undefined;
  const find = (specs: readonly ParamSpec[] | undefined) => specs?.find((s) => s.name === name);
  if (path[0] === 'simulation') return find(SIMULATION_PARAMS);
  if (path[2] === 'synapse') return find(SYNAPSE_PARAMS);
  if (path[0] === 'edges' && name === 'delay') return EDGE_DELAY;
  if (path[2] === 'signal' && path.length >= 4) {
    const node =
      isObj(doc) && Array.isArray(doc['nodes']) ? doc['nodes'][path[1] as number] : undefined;
    const signal = isObj(node) ? node['signal'] : undefined;
    const type = isObj(signal) ? signal['type'] : undefined;
    if (typeof type === 'string') return find(SIGNAL_FIELDS[type]);
  }
  return undefined;
}

/** Extra words for a field, from the param registry, by where it sits. */
function fieldHint(path: readonly PathSegment[], doc: unknown): string | undefined {
  const last = path[path.length - 1];
  const name = typeof last === 'number' ? path[path.length - 2] : last;
  if (typeof name !== 'string') return undefined;
  const spec = fieldSpec(path, doc);
  if (spec) return specHint(spec);
  if (name === 'size' && path[0] === 'nodes') {
    return `the number of elements, a whole number from 1 to ${MAX_NODE_SIZE.toLocaleString('en-US')}`;
  }
  if (name === 'id') {
    return 'an id starts with a letter or _ and has only letters, digits, _ and -';
  }
  if (name === 'every') return 'probes record every this many steps (a whole number >= 1)';
  if (name === 'indices') return 'probe indices are element numbers, counting from 0';
  if (name === 'p') return 'p is the probability that a pair is connected, from 0 to 1';
  if (name === 'std') return 'a standard deviation cannot be negative';
  if (name === 'seed') return 'a seed is a whole number >= 0';
  return undefined;
}

type ZodIssue = z.core.$ZodIssue;

function expectedWords(expected: string): string {
  switch (expected) {
    case 'number':
      return 'a number';
    case 'int':
      return 'a whole number';
    case 'string':
      return 'text in double quotes';
    case 'array':
      return 'an array [...]';
    case 'object':
      return 'an object {...}';
    default:
      return `a ${expected}`;
  }
}

/** The sentence for one zod issue (the path is said separately). */
function zodMessage(issue: ZodIssue, input: unknown): string {
  switch (issue.code) {
    case 'invalid_type': {
      if (input === undefined) return 'is required';
      if (issue.expected === 'number' && typeof input === 'number') {
        return `must be a finite number (got ${preview(input)}; JSON has no NaN or Infinity, and numbers beyond about 1.8e308 overflow)`;
      }
      if (issue.expected === 'int') return `must be a whole number (got ${preview(input)})`;
      const quotedNumber =
        issue.expected === 'number' &&
        typeof input === 'string' &&
        input.trim() !== '' &&
        Number.isFinite(Number(input));
      return `must be ${expectedWords(issue.expected)} (got ${preview(input)})${quotedNumber ? `: write ${input.trim()} without quotes` : ''}`;
    }
    case 'invalid_value': {
      const values = issue.values;
      const suggestion =
        typeof input === 'string'
          ? nearestKey(
              input,
              values.filter((v): v is string => typeof v === 'string'),
            )
          : undefined;
      const what = values.length === 1 ? JSON.stringify(values[0]) : `one of ${quoteList(values)}`;
      return `must be ${what} (got ${preview(input)})${suggestion ? `; did you mean "${suggestion}"?` : ''}`;
    }
    case 'too_small':
      if (issue.origin === 'array') return `must have at least ${issue.minimum} items`;
      return `must be ${issue.inclusive ? '>=' : '>'} ${issue.minimum} (got ${preview(input)})`;
    case 'too_big':
      if (issue.origin === 'array') return `must have at most ${issue.maximum} items`;
      return `must be ${issue.inclusive ? '<=' : '<'} ${issue.maximum} (got ${preview(input)})`;
    case 'invalid_format':
      return `is not a valid id (got ${preview(input)})`;
    default:
      return issue.message;
  }
}

function isDiscriminatorIssue(issue: ZodIssue): issue is z.core.$ZodIssueInvalidUnion & {
  discriminator: string;
  options: unknown[];
} {
  return (
    issue.code === 'invalid_union' &&
    'discriminator' in issue &&
    Array.isArray((issue as { options?: unknown }).options)
  );
}

/** Walks the value along a path (for the input of nested union issues). */
function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const key of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<PropertyKey, unknown>)[key as string];
  }
  return v;
}

function toSegments(path: readonly PropertyKey[]): PathSegment[] {
  return path.map((k) => (typeof k === 'number' ? k : String(k)));
}

function reportZodIssues(
  issues: readonly ZodIssue[],
  base: readonly PathSegment[],
  root: unknown,
  report: Report,
): void {
  for (const issue of issues) {
    const path = [...base, ...toSegments(issue.path)];
    const input = valueAt(root, path);
    if (isDiscriminatorIssue(issue)) {
      // zod reports a bad discriminator at the object; name the key itself.
      const keyPath =
        path[path.length - 1] === issue.discriminator ? path : [...path, issue.discriminator];
      const value = valueAt(root, keyPath);
      const options = issue.options.filter((o): o is string => typeof o === 'string');
      const suggestion = typeof value === 'string' ? nearestKey(value, options) : undefined;
      report.error(
        keyPath,
        value === undefined
          ? `is required: one of ${quoteList(options)}`
          : `must be one of ${quoteList(options)} (got ${preview(value)})${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
      );
      continue;
    }
    if (issue.code === 'invalid_union') {
      // Follow the one alternative the value was evidently meant to be (the one that did not fail
      // on the value's own type); otherwise say what the alternatives are.
      const partial = issue.errors.filter(
        (branch) =>
          !branch.some(
            (e) => e.path.length === 0 && (e.code === 'invalid_type' || e.code === 'invalid_union'),
          ),
      );
      if (partial.length === 1) {
        reportZodIssues(partial[0]!, path, root, report);
        continue;
      }
      const message =
        issue.message && issue.message !== 'Invalid input' ? issue.message : 'has the wrong type';
      report.error(
        path,
        input === undefined ? `is required: it ${message}` : `${message} (got ${preview(input)})`,
      );
      continue;
    }
    const hint = fieldHint(path, root);
    // a number out of a registry field's bounds: the registry's wording (paramSpec.ts)
    const spec = fieldSpec(path, root);
    const broken = spec && isNum(input) ? brokenConstraint(spec, input) : undefined;
    const message = broken ? `${broken} (got ${preview(input)})` : zodMessage(issue, input);
    report.error(path, hint ? `${message}: ${hint}` : message);
  }
}

// -----------------------------------------------------------------------------------------------
// Structure guard

/** The path of the first value nested deeper than `maxDepth`, or undefined. Iterative. */
function findTooDeep(root: unknown, maxDepth: number): PathSegment[] | undefined {
  interface Frame {
    value: unknown;
    depth: number;
    parent: number;
    key: PathSegment;
  }
  const frames: Frame[] = [{ value: root, depth: 0, parent: -1, key: '' }];
  const stack = [0];
  while (stack.length > 0) {
    const index = stack.pop()!;
    const { value, depth } = frames[index]!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= maxDepth) {
      const path: PathSegment[] = [];
      for (let i = index; i > 0; i = frames[i]!.parent) path.unshift(frames[i]!.key);
      return path;
    }
    // Only containers need a frame (numbers in big arrays are skipped cheaply).
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const child: unknown = value[i];
        if (typeof child === 'object' && child !== null) {
          frames.push({ value: child, depth: depth + 1, parent: index, key: i });
          stack.push(frames.length - 1);
        }
      }
    } else {
      for (const key of Object.keys(value)) {
        const child: unknown = (value as Obj)[key];
        if (typeof child === 'object' && child !== null) {
          frames.push({ value: child, depth: depth + 1, parent: index, key });
          stack.push(frames.length - 1);
        }
      }
    }
  }
  return undefined;
}

// -----------------------------------------------------------------------------------------------
// Rules across fields

interface NodeInfo {
  index: number;
  kind: unknown;
  model?: string;
  /** Element count, when the node's size is valid. */
  size?: number;
  /** Emits spikes (needs a synapse on its edges); undefined when unknown (malformed node). */
  spiking?: boolean;
  /** For messages: "LIF neuron", "poisson input". */
  description: string;
}

function describeNode(node: Obj): string {
  const kind = node['kind'];
  if (kind === 'neuron' || kind === 'population') {
    const model = typeof node['model'] === 'string' ? node['model'].toUpperCase() : '';
    return `${model} ${kind}`.trim();
  }
  if (kind === 'input') {
    const signal = node['signal'];
    const type = isObj(signal) && typeof signal['type'] === 'string' ? `${signal['type']} ` : '';
    return `${type}input`;
  }
  return typeof kind === 'string' ? `${kind} node` : 'node';
}

function nodeInfo(node: Obj, index: number): NodeInfo {
  const kind = node['kind'];
  const info: NodeInfo = { index, kind, description: describeNode(node) };
  if (kind === 'neuron' || kind === 'population') {
    const model = node['model'];
    const definition = modelById(model);
    if (definition) {
      info.model = definition.id;
      info.spiking = definition.spiking;
    }
    if (kind === 'neuron') info.size = 1;
    else if (isSize(node['size'])) info.size = node['size'];
  } else if (kind === 'bias') {
    info.size = 1;
    info.spiking = false;
  } else if (kind === 'input') {
    const size = node['size'] ?? 1;
    if (isSize(size)) info.size = size;
    const signal = node['signal'];
    const type = isObj(signal) ? signal['type'] : undefined;
    if (type === 'spikes' || type === 'poisson') info.spiking = true;
    else if (typeof type === 'string' && type in SIGNAL_FIELDS) info.spiking = false;
  }
  return info;
}

/** Keys of the known fields of a zod object schema. */
function shapeKeys(schema: { shape: Record<string, unknown> }): string[] {
  return Object.keys(schema.shape);
}

const SIGNAL_KEYS: Record<string, string[]> = Object.fromEntries(
  SignalSchema.options.map((option) => [option.shape.type.value, shapeKeys(option)]),
);
const DRAW_KEYS: Record<string, string[]> = {
  uniform: shapeKeys(UniformInitSchema),
  normal: shapeKeys(NormalInitSchema),
};
const WEIGHT_KEYS: Record<string, string[]> = {
  uniform: shapeKeys(UniformWeightsSchema),
  normal: shapeKeys(NormalWeightsSchema),
  identity: shapeKeys(IdentityWeightsSchema),
  sparse: shapeKeys(SparseWeightsSchema),
};

/** Warns about each key of `obj` not in `known`, suggesting the nearest known key. */
function warnUnknownKeys(
  obj: Obj,
  known: readonly string[],
  path: readonly PathSegment[],
  what: string,
  report: Report,
): void {
  for (const key of Object.keys(obj)) {
    if (known.includes(key)) continue;
    const suggestion = nearestKey(key, known);
    const fix = suggestion
      ? `did you mean "${suggestion}"?`
      : `known: ${known.map((k) => `"${k}"`).join(', ')}`;
    report.warning(
      [...path, key],
      `unknown ${what} "${key}" is ignored (${fix}); a typo here would silently run with the default`,
    );
  }
}

/** Reports at most `limit` problems of a list, then one line for the rest. */
class Limited {
  private count = 0;
  constructor(
    private readonly report: Report,
    private readonly limit = 5,
  ) {}
  error(path: readonly PathSegment[], message: string): void {
    this.count++;
    if (this.count <= this.limit) this.report.error(path, message);
  }
  finish(path: readonly PathSegment[], what: string): void {
    if (this.count > this.limit) {
      this.report.error(path, `and ${this.count - this.limit} more ${what} like these`);
    }
  }
}

const NORMAL_MARGIN_STD = 6;

/** Checks one model param value (number, per-element array or draw) against its spec. */
function checkParamValue(
  spec: ParamSpec,
  value: unknown,
  path: readonly PathSegment[],
  size: number | undefined,
  report: Report,
): void {
  const hint = specHint(spec);
  if (isNum(value)) {
    const broken = brokenConstraint(spec, value);
    if (broken) report.error(path, `${broken} (got ${value}): ${hint}`);
    return;
  }
  if (Array.isArray(value)) {
    if (size !== undefined && value.length !== size) {
      report.error(
        path,
        `has ${value.length} values but the population has ${size} neurons: give one value per neuron, or a single number for all`,
      );
    }
    const limited = new Limited(report);
    value.forEach((x, i) => {
      const broken = isNum(x) ? brokenConstraint(spec, x) : undefined;
      if (broken) limited.error([...path, i], `${broken} (got ${x}): ${hint}`);
    });
    limited.finish(path, 'values');
    return;
  }
  if (!isObj(value)) return;
  const init = value['init'];
  if (init === 'uniform' || init === 'normal') {
    warnUnknownKeys(value, DRAW_KEYS[init]!, path, `key of a ${init} draw`, report);
  }
  if (init === 'uniform' && isNum(value['low']) && isNum(value['high'])) {
    const { low, high } = value as { low: number; high: number };
    if (low > high) {
      report.error(
        [...path, 'high'],
        `must be >= low (${low}): a uniform draw is taken from [low, high]`,
      );
    }
    const broken = brokenConstraint(spec, low) ?? brokenConstraint(spec, high);
    if (broken) {
      report.error(
        path,
        `the draw from [${low}, ${high}] can break the constraint: every drawn value ${broken}; ${hint}`,
      );
    }
  } else if (
    init === 'normal' &&
    isNum(value['mean']) &&
    isNum(value['std']) &&
    value['std'] >= 0
  ) {
    const { mean, std } = value as { mean: number; std: number };
    const broken = brokenConstraint(spec, mean);
    if (broken) {
      report.error([...path, 'mean'], `${broken} (got ${mean}): ${hint}`);
    } else if (hasBound(spec) && std > 0) {
      const low = mean - NORMAL_MARGIN_STD * std;
      const high = mean + NORMAL_MARGIN_STD * std;
      const risky = brokenConstraint(spec, low) ?? brokenConstraint(spec, high);
      if (risky) {
        report.warning(
          path,
          `a normal draw (mean ${mean}, std ${std}) can give values that break "${spec.name} ${risky.replace('must be ', '')}": the run is refused if one does; use a uniform draw or a smaller std`,
        );
      }
    }
  }
}

/** Range of a param over the population: exact for numbers/arrays/uniform, soft for normal. */
function paramRange(
  value: unknown,
  fallback: number,
): { low: number; high: number; soft: boolean } | undefined {
  if (value === undefined) return { low: fallback, high: fallback, soft: false };
  if (isNum(value)) return { low: value, high: value, soft: false };
  if (Array.isArray(value)) {
    const nums = value.filter(isNum);
    if (nums.length === 0) return undefined;
    return { low: Math.min(...nums), high: Math.max(...nums), soft: false };
  }
  if (isObj(value) && value['init'] === 'uniform' && isNum(value['low']) && isNum(value['high'])) {
    return { low: value['low'], high: value['high'], soft: false };
  }
  if (isObj(value) && value['init'] === 'normal' && isNum(value['mean']) && isNum(value['std'])) {
    const spread = NORMAL_MARGIN_STD * Math.abs(value['std']);
    return { low: value['mean'] - spread, high: value['mean'] + spread, soft: true };
  }
  return undefined;
}

/** LIF-like models (vTh and vReset): vTh > vReset, per element when both are given per element. */
function checkThreshold(params: Obj, path: readonly PathSegment[], report: Report): void {
  const vTh = own(params, 'vTh');
  const vReset = own(params, 'vReset');
  const defaults = { vTh: LIF_DEFAULTS.vTh, vReset: LIF_DEFAULTS.vReset };
  const at = (v: unknown, i: number, fallback: number): number | undefined =>
    v === undefined ? fallback : isNum(v) ? v : Array.isArray(v) && isNum(v[i]) ? v[i] : undefined;
  const arrays = Array.isArray(vTh) || Array.isArray(vReset);
  const plain = (v: unknown) => v === undefined || isNum(v) || Array.isArray(v);
  if (plain(vTh) && plain(vReset)) {
    const n = Math.max(
      Array.isArray(vTh) ? vTh.length : 1,
      Array.isArray(vReset) ? vReset.length : 1,
    );
    const limited = new Limited(report);
    for (let i = 0; i < n; i++) {
      const th = at(vTh, i, defaults.vTh);
      const reset = at(vReset, i, defaults.vReset);
      if (th === undefined || reset === undefined || th > reset) continue;
      const where = Array.isArray(vTh)
        ? [...path, 'vTh', i]
        : vTh !== undefined
          ? [...path, 'vTh']
          : Array.isArray(vReset)
            ? [...path, 'vReset', i]
            : [...path, 'vReset'];
      const which = arrays ? ` for neuron ${i}` : '';
      limited.error(
        where,
        `vTh must be above vReset${which} (vTh ${th}, vReset ${reset}): a LIF neuron resets below its threshold; raise vTh or lower vReset`,
      );
    }
    limited.finish([...path, 'vTh'], 'neurons');
    return;
  }
  const th = paramRange(vTh, defaults.vTh);
  const reset = paramRange(vReset, defaults.vReset);
  if (!th || !reset || th.low > reset.high) return;
  const message = `vTh must be above vReset for every neuron, but the values can overlap (vTh from ${th.low} to ${th.high}, vReset from ${reset.low} to ${reset.high})`;
  if (th.soft || reset.soft)
    report.warning([...path, 'vTh'], `${message}: the run is refused if a drawn pair overlaps`);
  else report.error([...path, 'vTh'], `${message}: keep every vTh above every vReset`);
}

function checkNeuron(node: Obj, info: NodeInfo, path: PathSegment[], report: Report): void {
  const model = info.model;
  const activation = node['activation'];
  if (typeof activation === 'string' && model !== undefined) {
    if (!modelById(model)!.hasActivation) {
      report.error(
        [...path, 'activation'],
        `only rate units have an activation, this is a ${model.toUpperCase()} ${String(info.kind)}: remove "activation" or set "model": "rate"`,
      );
    } else if (
      (POPULATION_ACTIVATIONS as readonly string[]).includes(activation) &&
      info.kind !== 'population'
    ) {
      report.error(
        [...path, 'activation'],
        `"${activation}" works across a population's neurons: make this node a population, or use "logistic", "arctan", "tanh", "threshold" or "relu"`,
      );
    }
  }
  const params = node['params'];
  if (!isObj(params) || model === undefined) return;
  const specs = modelById(model)!.params;
  const known = specs.map((s) => s.name);
  for (const key of Object.keys(params)) {
    const spec = specs.find((s) => s.name === key);
    if (!spec) {
      const suggestion = nearestKey(key, known);
      const elsewhere = MODEL_LIST.filter(
        (m) => m.id !== model && m.params.some((s) => s.name === key),
      ).map((m) => m.id.toUpperCase());
      const fix = suggestion
        ? `did you mean "${suggestion}"?`
        : elsewhere.length > 0
          ? `"${key}" is a param of ${elsewhere.join(' and ')}, not ${model.toUpperCase()}; ${model.toUpperCase()} params: ${known.join(', ')}`
          : `${model.toUpperCase()} params: ${known.join(', ')}`;
      report.warning(
        [...path, 'params', key],
        `unknown param "${key}" is ignored (${fix}); a typo here would silently run with the default`,
      );
      continue;
    }
    checkParamValue(spec, params[key], [...path, 'params', key], info.size, report);
  }
  if (specs.some((s) => s.name === 'vTh') && specs.some((s) => s.name === 'vReset'))
    checkThreshold(params, [...path, 'params'], report);
}

function checkSignalNumber(
  value: unknown,
  path: readonly PathSegment[],
  size: number | undefined,
  report: Report,
): void {
  if (Array.isArray(value) && size !== undefined && value.length !== size) {
    report.error(
      path,
      `has ${value.length} values but the input has size ${size}: give one value per element, or a single number for all`,
    );
  }
}

function checkAscending(
  times: readonly unknown[],
  path: readonly PathSegment[],
  strict: boolean,
  report: Report,
): void {
  for (let k = 1; k < times.length; k++) {
    const a = times[k - 1];
    const b = times[k];
    if (isNum(a) && isNum(b) && (strict ? !(b > a) : !(b >= a))) {
      report.error(
        [...path, k],
        `times must be in ascending order${strict ? ' (each later than the one before)' : ''}: ${b} comes after ${a}`,
      );
      return;
    }
  }
}

function checkSpikeTimes(
  times: readonly unknown[],
  path: readonly PathSegment[],
  report: Report,
): void {
  checkAscending(times, path, false, report);
  const negative = times.findIndex((t) => isNum(t) && t < 0);
  if (negative >= 0) {
    report.error(
      [...path, negative],
      `must be >= 0 (got ${String(times[negative])}): spike times are seconds from the start of the run`,
    );
  }
}

function checkInput(node: Obj, info: NodeInfo, path: PathSegment[], report: Report): void {
  const signal = node['signal'];
  if (!isObj(signal)) return;
  const type = signal['type'];
  if (typeof type !== 'string' || !(type in SIGNAL_KEYS)) return;
  const signalPath = [...path, 'signal'];
  warnUnknownKeys(signal, SIGNAL_KEYS[type]!, signalPath, `field of a ${type} signal`, report);
  const size = info.size;
  for (const field of SIGNAL_FIELDS[type] ?? []) {
    checkSignalNumber(own(signal, field.name), [...signalPath, field.name], size, report);
  }
  if (type === 'step') {
    const times = signal['times'];
    const values = signal['values'];
    if (Array.isArray(times)) checkAscending(times, [...signalPath, 'times'], true, report);
    if (Array.isArray(times) && Array.isArray(values)) {
      if (values.length !== times.length) {
        report.error(
          [...signalPath, 'values'],
          `has ${values.length} values for ${times.length} times: give one value per time (values[k] holds from times[k] on)`,
        );
      }
      values.forEach((v, k) => checkSignalNumber(v, [...signalPath, 'values', k], size, report));
    }
  }
  if (type === 'spikes') {
    const times = signal['times'];
    if (!Array.isArray(times)) return;
    const perElement = times.length > 0 && times.every((t) => Array.isArray(t));
    if (perElement) {
      if (size !== undefined && times.length !== size) {
        report.error(
          [...signalPath, 'times'],
          `has ${times.length} spike trains but the input has size ${size}: give one array of times per element, or one array shared by all`,
        );
      }
      times.forEach((train, e) =>
        checkSpikeTimes(train as unknown[], [...signalPath, 'times', e], report),
      );
    } else {
      checkSpikeTimes(times, [...signalPath, 'times'], report);
    }
  }
}

function checkEdge(
  edge: Obj,
  index: number,
  nodes: Map<string, NodeInfo>,
  otherIds: Map<string, string>,
  report: Report,
): void {
  const path: PathSegment[] = ['edges', index];
  const resolve = (end: 'source' | 'target'): NodeInfo | undefined => {
    const ref = edge[end];
    if (typeof ref !== 'string') return undefined;
    const node = nodes.get(ref);
    if (node) return node;
    const other = otherIds.get(ref);
    if (other) {
      report.error([...path, end], `"${ref}" is ${other}, not a node: an edge connects two nodes`);
      return undefined;
    }
    const suggestion = nearestKey(ref, [...nodes.keys()]);
    report.error(
      [...path, end],
      `there is no node "${ref}"${suggestion ? `; did you mean "${suggestion}"?` : ': use the id of a node of this file'}`,
    );
    return undefined;
  };
  const source = resolve('source');
  const target = resolve('target');
  if (target && (target.kind === 'input' || target.kind === 'bias')) {
    report.error(
      [...path, 'target'],
      `an edge cannot end at ${target.kind === 'input' ? 'an input' : 'a bias node'} ("${String(edge['target'])}"): edges go into neurons and populations only`,
    );
  }
  const weight = edge['weight'];
  const m = target?.size;
  const n = source?.size;
  if (
    Array.isArray(weight) &&
    m !== undefined &&
    n !== undefined &&
    (target!.kind === 'neuron' || target!.kind === 'population')
  ) {
    const shape = `${m} x ${n}: ${m} ${m === 1 ? 'row' : 'rows'} (target "${String(edge['target'])}"), ${n} ${n === 1 ? 'column' : 'columns'} (source "${String(edge['source'])}")`;
    if (weight.length !== m) {
      report.error(
        [...path, 'weight'],
        `has ${weight.length} ${weight.length === 1 ? 'row' : 'rows'}, but a weight matrix has one row per target element and one column per source element, here ${shape}`,
      );
    }
    const limited = new Limited(report);
    weight.forEach((row, r) => {
      if (Array.isArray(row) && row.length !== n) {
        limited.error(
          [...path, 'weight', r],
          `has ${row.length} ${row.length === 1 ? 'column' : 'columns'}, but each row has one weight per source element: ${n} for "${String(edge['source'])}"`,
        );
      }
    });
    limited.finish([...path, 'weight'], 'rows');
  }
  if (isObj(weight)) {
    const init = weight['init'];
    if (typeof init === 'string' && init in WEIGHT_KEYS) {
      warnUnknownKeys(
        weight,
        WEIGHT_KEYS[init]!,
        [...path, 'weight'],
        `key of a ${init} generator`,
        report,
      );
    }
    if (init === 'identity' && m !== undefined && n !== undefined && m !== n) {
      report.error(
        [...path, 'weight'],
        `identity connects element i to element i, so source and target need the same size ("${String(edge['source'])}" has ${n}, "${String(edge['target'])}" has ${m}): use a matrix or another generator`,
      );
    }
    if (
      init === 'uniform' &&
      isNum(weight['low']) &&
      isNum(weight['high']) &&
      weight['low'] > weight['high']
    ) {
      report.error(
        [...path, 'weight', 'high'],
        `must be >= low (${weight['low']}): weights are drawn from [low, high]`,
      );
    }
  }
  const synapse = edge['synapse'];
  if (source?.spiking && (synapse === undefined || synapse === null)) {
    report.error(
      [...path, 'synapse'],
      `the source "${String(edge['source'])}" (${source.description}) emits spikes, which need a synapse filter: add "synapse": {"tauS": 0.005} (tauS in seconds)`,
    );
  }
  if (isObj(synapse)) {
    warnUnknownKeys(synapse, shapeKeys(SynapseSchema), [...path, 'synapse'], 'synapse key', report);
  }
}

function checkProbe(
  probe: Obj,
  index: number,
  nodes: Map<string, NodeInfo>,
  otherIds: Map<string, string>,
  report: Report,
): void {
  const path: PathSegment[] = ['probes', index];
  const ref = probe['target'];
  if (typeof ref !== 'string') return;
  const node = nodes.get(ref);
  if (!node) {
    const other = otherIds.get(ref);
    const suggestion = nearestKey(ref, [...nodes.keys()]);
    report.error(
      [...path, 'target'],
      other
        ? `"${ref}" is ${other}: a probe records a node`
        : `there is no node "${ref}"${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
    );
    return;
  }
  const group = node.kind === 'input' ? 'input' : node.model;
  const variable = probe['variable'];
  if (node.kind === 'bias') {
    report.error(
      [...path, 'target'],
      `"${ref}" is a bias node (always 1): there is nothing to record`,
    );
  } else if (group !== undefined && typeof variable === 'string') {
    const definition = modelById(group);
    const allowed =
      group === 'input'
        ? INPUT_PROBE_VARIABLES
        : definition
          ? probeVariables(definition)
          : undefined;
    if (allowed && !allowed.includes(variable) && ALL_PROBE_VARIABLES.includes(variable)) {
      const what = group === 'input' ? 'an input' : `a ${group.toUpperCase()} ${String(node.kind)}`;
      report.error(
        [...path, 'variable'],
        `"${variable}" is not a variable of ${what} ("${ref}"): use one of ${quoteList(allowed)}`,
      );
    }
  }
  const indices = probe['indices'];
  if (Array.isArray(indices) && node.size !== undefined) {
    const seen = new Set<number>();
    const limited = new Limited(report);
    indices.forEach((x, i) => {
      if (!isNum(x)) return;
      if (x >= node.size!) {
        limited.error(
          [...path, 'indices', i],
          `element ${x} does not exist: "${ref}" has ${node.size} ${node.size === 1 ? 'element' : 'elements'}, numbered 0 to ${node.size! - 1}`,
        );
      } else if (seen.has(x)) {
        limited.error(
          [...path, 'indices', i],
          `element ${x} is listed twice: list each element once`,
        );
      }
      seen.add(x);
    });
    limited.finish([...path, 'indices'], 'indices');
  }
}

function checkSimulation(simulation: unknown, report: Report): void {
  if (!isObj(simulation)) return;
  warnUnknownKeys(
    simulation,
    shapeKeys(SimulationSettingsSchema),
    ['simulation'],
    'simulation setting',
    report,
  );
  const { dt, duration } = simulation;
  if (isNum(dt) && isNum(duration) && dt > 0 && duration > 0) {
    // Relative tolerance: the division's own rounding is not a mismatch (gridSteps).
    if (!gridSteps(duration, dt).whole) {
      const steps = duration / dt;
      const nearest = wholeStepDurations(duration, dt);
      report.error(
        ['simulation', 'duration'],
        `must be a whole number of steps of dt = ${dt} s, but ${duration} / ${dt} = ${Number(steps.toPrecision(12))} steps: use ${nearest.join(' or ')}, or change dt`,
      );
    }
  }
}

function checkIds(
  doc: Obj,
  report: Report,
): { nodes: Map<string, NodeInfo>; others: Map<string, string> } {
  const nodes = new Map<string, NodeInfo>();
  const others = new Map<string, string>();
  const firstUse = new Map<string, string>();
  for (const list of ['nodes', 'edges', 'probes'] as const) {
    const items = doc[list];
    if (!Array.isArray(items)) continue;
    items.forEach((item, i) => {
      if (!isObj(item)) return;
      const id = item['id'];
      // Malformed ids (reported by the schema) still resolve, so references to them are not
      // reported a second time.
      if (typeof id !== 'string' || id === '') return;
      const here = formatPath([list, i]);
      const previous = firstUse.get(id);
      if (previous !== undefined) {
        report.error(
          [list, i, 'id'],
          `id "${id}" is already used by ${previous}: ids must be unique across nodes, edges and probes; rename one`,
        );
        return;
      }
      firstUse.set(id, here);
      if (list === 'nodes') nodes.set(id, nodeInfo(item, i));
      else others.set(id, list === 'edges' ? `an edge (${here})` : `a probe (${here})`);
    });
  }
  return { nodes, others };
}

/**
 * The run-size admission rule (shared/document/admission.ts) for the file's own simulation block, on a
 * document otherwise valid (its sizes and rates are then trustworthy).
 */
function checkSize(doc: Obj, report: Report, run: ValidateOptions['run']): void {
  if (report.errors.length > 0) return;
  report.errors.push(...admitRun(doc, run?.overrides, { names: run?.names }).issues);
}

function checkHeader(doc: Obj, report: Report): boolean {
  const format = doc['format'];
  if (format === undefined) {
    report.error(['format'], `is required: a network file starts with "format": "${FORMAT_NAME}"`);
  } else if (format !== FORMAT_NAME) {
    report.error(
      ['format'],
      `this is not a NeuroSketch network file (format ${preview(format)}, expected "${FORMAT_NAME}")`,
    );
    return false;
  }
  const version = doc['version'];
  if (version === undefined) {
    report.error(['version'], 'is required: the format version, 1 for files of this program');
  } else if (!isNum(version) || !Number.isInteger(version)) {
    report.error(
      ['version'],
      `must be a whole number (got ${preview(version)}): the format version, 1 for files of this program`,
    );
  }
  return true;
}

const TOP_LEVEL_ORDER = ['', ...DOCUMENT_KEYS];

/** Sorts issues by where they are in the file (top-level key, then element index); stable. */
function inDocumentOrder(issues: Issue[]): Issue[] {
  const key = (issue: Issue): [number, number] => {
    const match = /^([A-Za-z_$][A-Za-z0-9_$]*)?(?:\[(\d+)\])?/.exec(issue.path);
    const top = TOP_LEVEL_ORDER.indexOf(match?.[1] ?? '');
    return [
      top === -1 ? TOP_LEVEL_ORDER.length : top,
      match?.[2] !== undefined ? Number(match[2]) : -1,
    ];
  };
  return issues
    .map((issue, i) => ({ issue, i, k: key(issue) }))
    .sort((a, b) => a.k[0] - b.k[0] || a.k[1] - b.k[1] || a.i - b.i)
    .map((x) => x.issue);
}

/**
 * Validates an already-parsed document (migrating an older version first). The editor calls this;
 * loadDocument calls it after JSON.parse. Never throws on any input.
 */
export function validateDocument(value: unknown, options: ValidateOptions = {}): ValidationResult {
  if (!isObj(value)) {
    return {
      ok: false,
      issues: [
        {
          severity: 'error',
          path: '',
          message: `a network file is a JSON object {...} (got ${Array.isArray(value) ? 'an array' : preview(value)})`,
        },
      ],
    };
  }
  const headerReport = new Report(value);
  if (!checkHeader(value, headerReport)) return { ok: false, issues: headerReport.errors };
  const migrated = migrateDocument(value, options.migrations ?? DEFAULT_REGISTRY);
  if (!migrated.ok) return { ok: false, issues: [migrated.issue] };
  const doc = migrated.document;
  const report = new Report(doc);
  report.errors.push(...headerReport.errors);

  const tooDeep = findTooDeep(doc, MAX_NESTING_DEPTH);
  if (tooDeep) {
    report.error(
      tooDeep,
      `is nested more than ${MAX_NESTING_DEPTH} levels deep: a network file never needs that; remove this data`,
    );
    return { ok: false, issues: report.errors };
  }

  const parsed = NetworkDocumentSchema.safeParse(doc);
  if (!parsed.success) {
    // The header was judged above; skip zod's view of it.
    const rest = parsed.error.issues.filter(
      (i) => i.path[0] !== 'format' && i.path[0] !== 'version',
    );
    reportZodIssues(rest, [], doc, report);
  }

  const { nodes, others } = checkIds(doc, report);
  const nodeList = Array.isArray(doc['nodes']) ? doc['nodes'] : [];
  nodeList.forEach((node, i) => {
    if (!isObj(node)) return;
    const info = nodeInfo(node, i);
    if (node['kind'] === 'neuron' || node['kind'] === 'population')
      checkNeuron(node, info, ['nodes', i], report);
    if (node['kind'] === 'input') checkInput(node, info, ['nodes', i], report);
  });
  const edgeList = Array.isArray(doc['edges']) ? doc['edges'] : [];
  edgeList.forEach((edge, i) => {
    if (isObj(edge)) checkEdge(edge, i, nodes, others, report);
  });
  const probeList = Array.isArray(doc['probes']) ? doc['probes'] : [];
  probeList.forEach((probe, i) => {
    if (isObj(probe)) checkProbe(probe, i, nodes, others, report);
  });
  checkSimulation(doc['simulation'], report);
  checkSize(doc, report, options.run);

  const errors = inDocumentOrder(report.errors);
  const warnings = inDocumentOrder(report.warnings);
  if (errors.length > 0) return { ok: false, issues: [...errors, ...warnings] };
  return { ok: true, document: markValidated(doc as NetworkDocument), warnings };
}
