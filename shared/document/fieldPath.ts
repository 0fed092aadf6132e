/**
 * Field paths of issues, in the form the CLI prints and the spec shows: `nodes[2].params.tauM`.
 * A key that is not a plain identifier is quoted: `params["tau m"]`.
 */
export type PathSegment = string | number;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `['nodes', 2, 'params', 'tauM']` -> `nodes[2].params.tauM`. */
export function formatPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}
