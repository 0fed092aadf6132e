/**
 * How scripts/electronegativity.mjs decides which findings are justified (decision 0021). An
 * exception in electronegativity.json names the check, the scanned file, the tool's message and the
 * code at the finding's location; it covers one finding with all four equal, and only one. So a new
 * finding of the same check in the same file (another place, or a second copy of the same line)
 * fails the check, and an exception that no longer matches anything is reported as stale.
 *
 * The code is compared rather than the line number because the scanned main bundle is esbuild
 * output: its line numbers move with every edit anywhere in main/, and esbuild renames clashing
 * identifiers with numeric suffixes (`path` becomes `path13`), which the comparison ignores.
 */

/**
 * The text a finding points at: `charLength` characters from its start, or the whole start line
 * when the tool gives no length. Lines and columns are 1-based, as in SARIF.
 * @param {string} source
 * @param {{ startLine?: number, startColumn?: number, charLength?: number }} region
 * @returns {string}
 */
export function locationText(source, region) {
  const lines = source.split('\n');
  const lineIndex = (region.startLine ?? 1) - 1;
  if (lineIndex < 0 || lineIndex >= lines.length) return '';
  if (!region.charLength) return lines[lineIndex];
  let offset = 0;
  for (let i = 0; i < lineIndex; i++) offset += lines[i].length + 1;
  offset += Math.max(0, (region.startColumn ?? 1) - 1);
  return source.slice(offset, offset + region.charLength);
}

/**
 * Code compared in a canonical form: whitespace runs collapsed, ends trimmed, and the numeric
 * suffixes esbuild adds to clashing identifiers removed.
 * @param {string} code
 * @returns {string}
 */
export function normalizeCode(code) {
  return code
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\b([A-Za-z_$][A-Za-z_$]*)\d+\b/g, '$1');
}

/**
 * @typedef {{ check: string, file: string, message: string, code: string }} Finding
 * @typedef {Finding & { reason: string }} Exception
 */

/**
 * The exceptions of electronegativity.json, checked: each must name check, file, message, code
 * and a reason. Throws with the index of the first malformed one.
 * @param {unknown} json
 * @returns {Exception[]}
 */
export function parseExceptions(json) {
  const list = /** @type {{ justified?: unknown }} */ (json)?.justified;
  if (!Array.isArray(list)) throw new Error('electronegativity.json: "justified" must be a list');
  list.forEach((entry, i) => {
    for (const key of ['check', 'file', 'message', 'code', 'reason']) {
      if (typeof entry?.[key] !== 'string' || entry[key].trim() === '') {
        throw new Error(`electronegativity.json: justified[${i}] needs a non-empty "${key}"`);
      }
    }
  });
  return list;
}

/**
 * Pairs findings with exceptions, one to one.
 * @param {Finding[]} findings
 * @param {Exception[]} exceptions
 * @returns {{ justified: Array<{ finding: Finding, exception: Exception }>, unjustified: Finding[], unused: Exception[] }}
 */
export function matchFindings(findings, exceptions) {
  const free = [...exceptions];
  const justified = [];
  const unjustified = [];
  for (const finding of findings) {
    const code = normalizeCode(finding.code);
    const index = free.findIndex(
      (e) =>
        e.check === finding.check &&
        e.file === finding.file &&
        e.message === finding.message &&
        normalizeCode(e.code) === code,
    );
    if (index < 0) unjustified.push(finding);
    else justified.push({ finding, exception: free.splice(index, 1)[0] });
  }
  return { justified, unjustified, unused: free };
}
