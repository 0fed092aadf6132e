/**
 * The document's validation problems by element id, as the canvas and the inspector show them
 * (the same checks as the CLI: shared/document/validateDocument.ts).
 */
import type { NetworkDocument } from '../../../shared/document/model';
import { validateDocument } from '../../../shared/document/validateDocument';
import type { Issue } from '../../../shared/sim/types';

/** Problems of the document, by element id (shown on the nodes and edges). */
export function issuesById(doc: NetworkDocument): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let issues: Issue[];
  try {
    const result = validateDocument(doc);
    issues = result.ok ? result.warnings : result.issues;
  } catch {
    return out;
  }
  for (const issue of issues) {
    if (!issue.elementId) continue;
    // On the element's own card: its field, or the app's words where the message names paths.
    const field = issue.path.replace(/^(nodes|edges|probes)\[\d+\]\.?/, '');
    const text = issue.text ?? (field ? `${field}: ${issue.message}` : issue.message);
    out.set(issue.elementId, [...(out.get(issue.elementId) ?? []), text]);
  }
  return out;
}
