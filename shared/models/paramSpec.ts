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

/** How a constraint is written: bounds formatted by `show`, the symbols for >= and <=. */
export interface ConstraintStyle {
  show?: (bound: number) => string;
  ge?: string;
  le?: string;
  /** Include the rule across params ("> vReset"; default true). */
  relation?: boolean;
}

/**
 * The constraint of a spec, the one wording that the docs' tables, validation, the compiler, live
 * edits and the inspector use: "whole number, 0 to 10", "> 0", ">= 0", "> vReset" ('' when any
 * number goes).
 */
export function constraintText(spec: ParamSpec, style: ConstraintStyle = {}): string {
  const show = style.show ?? String;
  const ge = style.ge ?? '>=';
  const le = style.le ?? '<=';
  const parts: string[] = [];
  if (spec.integer) parts.push('whole number');
  if (spec.min !== undefined && spec.max !== undefined && !spec.exclusiveMin) {
    parts.push(`${show(spec.min)} to ${show(spec.max)}`);
  } else {
    if (spec.min !== undefined) parts.push(`${spec.exclusiveMin ? '>' : ge} ${show(spec.min)}`);
    if (spec.max !== undefined) parts.push(`${le} ${show(spec.max)}`);
  }
  if (spec.relation && style.relation !== false) parts.push(spec.relation);
  return parts.join(', ');
}

/** Whether a finite x breaks the spec's own bounds (whole number, min, max). */
function breaksBounds(spec: ParamSpec, x: number): boolean {
  if (spec.integer && !Number.isInteger(x)) return true;
  if (spec.min !== undefined && (spec.exclusiveMin ? !(x > spec.min) : !(x >= spec.min)))
    return true;
  return spec.max !== undefined && !(x <= spec.max);
}

/**
 * The constraint a finite value x breaks, as the words after the param's name ("must be > 0",
 * "must be a whole number, 0 to 10": constraintText), or undefined.
 */
export function brokenConstraint(
  spec: ParamSpec,
  x: number,
  style: ConstraintStyle = {},
): string | undefined {
  if (!breaksBounds(spec, x)) return undefined;
  return `must be ${spec.integer ? 'a ' : ''}${constraintText(spec, { ...style, relation: false })}`;
}

/** Whether x breaks the spec's constraint (a non-finite value always does). */
export function violates(spec: ParamSpec, x: number): boolean {
  return !Number.isFinite(x) || breaksBounds(spec, x);
}

/** The default value of each spec, by name. */
export function defaultsOf(specs: readonly ParamSpec[]): Record<string, number> {
  return Object.fromEntries(specs.map((s) => [s.name, s.default]));
}
