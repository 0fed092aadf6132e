// Types of electronegativity-match.mjs, for its unit test.
export interface Finding {
  check: string;
  file: string;
  message: string;
  code: string;
}
export interface Exception extends Finding {
  reason: string;
}
export function locationText(
  source: string,
  region: { startLine?: number; startColumn?: number; charLength?: number },
): string;
export function normalizeCode(code: string): string;
export function parseExceptions(json: unknown): Exception[];
export function matchFindings(
  findings: Finding[],
  exceptions: Exception[],
): {
  justified: Array<{ finding: Finding; exception: Exception }>;
  unjustified: Finding[];
  unused: Exception[];
};
