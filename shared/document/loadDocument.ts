/**
 * Text -> NetworkDocument, with every problem reported at once (spec 2, 7).
 *
 * Slice version (issue 2): JSON and the top-level shape. The file layer (issue 4) replaces the body
 * with the full schema, migrations and warnings, keeping this signature.
 */
import type { Issue } from '../sim/types';
import type { NetworkDocument } from './model';
import { FORMAT_NAME, FORMAT_VERSION } from './model';

export type LoadResult =
  { ok: true; document: NetworkDocument; warnings: Issue[] } | { ok: false; issues: Issue[] };

function error(path: string, message: string): Issue {
  return { severity: 'error', path, message };
}

export function loadDocument(text: string): LoadResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, issues: [error('', `not valid JSON: ${(e as Error).message}`)] };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, issues: [error('', 'a network file is a JSON object')] };
  }
  const doc = raw as Record<string, unknown>;
  const issues: Issue[] = [];
  if (doc['format'] !== FORMAT_NAME) issues.push(error('format', `must be "${FORMAT_NAME}"`));
  if (typeof doc['version'] !== 'number') issues.push(error('version', 'must be a number'));
  else if (doc['version'] > FORMAT_VERSION)
    issues.push(
      error(
        'version',
        `this file is version ${doc['version']}, newer than this program knows (${FORMAT_VERSION}); update NeuroSketch to open it`,
      ),
    );
  if (!Array.isArray(doc['nodes'])) issues.push(error('nodes', 'must be an array'));
  if (!Array.isArray(doc['edges'])) issues.push(error('edges', 'must be an array'));
  if (typeof doc['simulation'] !== 'object' || doc['simulation'] === null)
    issues.push(error('simulation', 'must be an object with dt, duration and seed'));
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, document: raw as NetworkDocument, warnings: [] };
}
