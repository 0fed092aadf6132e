/**
 * A parameter spec (unit, default, constraint, meaning) and the one checker and wording of its
 * constraint, used by validation, the compiler, live edits, the inspector and the docs.
 * Values are in the file's units (docs/format.md#units); `displayUnit`/`displayScale` say how the
 * UI shows them (ms for times: shown = stored * 1000).
 */

export interface ParamSpec {
  name: string;
  /** Unit in the file. */
  unit: string;
  default: number;
  /** Inclusive lower bound (`>= min`), or exclusive when `exclusiveMin` (`> min`). */
  min?: number;
  exclusiveMin?: boolean;
  max?: number;
  /** Must be a whole number. */
  integer?: boolean;
  /** A rule across params, as the docs state it ("> vReset"); checked by the model's crossCheck. */
  relation?: string;
  /** Unit and scale the UI shows (shown = stored * displayScale). */
  displayUnit?: string;
  displayScale?: number;
  /** One line for a student. */
  meaning: string;
}

/** The same spec shown in milliseconds by the UI. */
export const ms = { displayUnit: 'ms', displayScale: 1000 } as const;

/**
 * The constraint a finite value x breaks, as the words after the param's name ("must be > 0"),
 * or undefined. `show` formats a bound (the UI shows it in display units).
 */
export function brokenConstraint(
  spec: ParamSpec,
  x: number,
  show: (bound: number) => string = String,
  symbols: { ge: string; le: string } = { ge: '>=', le: '<=' },
): string | undefined {
  if (spec.integer && !Number.isInteger(x)) return 'must be a whole number';
  if (spec.min !== undefined && (spec.exclusiveMin ? !(x > spec.min) : !(x >= spec.min)))
    return `must be ${spec.exclusiveMin ? '>' : symbols.ge} ${show(spec.min)}`;
  if (spec.max !== undefined && !(x <= spec.max)) return `must be ${symbols.le} ${show(spec.max)}`;
  return undefined;
}

/** Whether x breaks the spec's constraint (a non-finite value always does). */
export function violates(spec: ParamSpec, x: number): boolean {
  return !Number.isFinite(x) || brokenConstraint(spec, x) !== undefined;
}

/** The constraint in short form: ">= 0 and <= 10" ('' when any number goes). */
export function describeConstraint(spec: ParamSpec): string {
  const parts: string[] = [];
  if (spec.min !== undefined) parts.push(`${spec.exclusiveMin ? '>' : '>='} ${spec.min}`);
  if (spec.max !== undefined) parts.push(`<= ${spec.max}`);
  return parts.join(' and ');
}

/** The constraint as the docs' tables state it: "whole number, 0 to 10", "> 0", "> vReset". */
export function constraintText(spec: ParamSpec): string {
  const parts: string[] = [];
  if (spec.integer) parts.push('whole number');
  if (spec.min !== undefined && spec.max !== undefined && !spec.exclusiveMin) {
    parts.push(`${spec.min} to ${spec.max}`);
  } else {
    if (spec.min !== undefined) parts.push(`${spec.exclusiveMin ? '>' : '>='} ${spec.min}`);
    if (spec.max !== undefined) parts.push(`<= ${spec.max}`);
  }
  if (spec.relation) parts.push(spec.relation);
  return parts.join(', ');
}

/** The default value of each spec, by name. */
export function defaultsOf(specs: readonly ParamSpec[]): Record<string, number> {
  return Object.fromEntries(specs.map((s) => [s.name, s.default]));
}
