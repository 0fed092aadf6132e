/**
 * An issue in the app's words: the element by its label (as on its card), the field by the name
 * the inspector shows, never a path like `nodes[2]` (the CLI keeps printing `path: message`,
 * docs/format.md). Tolerant: it also reads documents validation rejects.
 */
import type { Issue } from './issue';

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function list(doc: unknown, key: string): unknown[] {
  return isObj(doc) && Array.isArray(doc[key]) ? doc[key] : [];
}

function nodeName(doc: unknown, id: unknown): string | undefined {
  const node = list(doc, 'nodes').find((n) => isObj(n) && n['id'] === id);
  if (!isObj(node)) return typeof id === 'string' ? id : undefined;
  return typeof node['label'] === 'string' && node['label'] !== ''
    ? node['label']
    : String(node['id']);
}

/** How the student knows the element: a node's label, "A → B" for a synapse, "scope vA". */
function elementName(doc: unknown, element: unknown, kind: string): string | undefined {
  if (!isObj(element)) return undefined;
  if (kind === 'nodes') return nodeName(doc, element['id']);
  if (kind === 'edges')
    return `synapse ${nodeName(doc, element['source']) ?? '?'} → ${nodeName(doc, element['target']) ?? '?'}`;
  return typeof element['id'] === 'string' ? `scope ${element['id']}` : undefined;
}

/** Where the issue is: the element's name and the field inside it (params and signal unwrapped). */
function place(doc: unknown, issue: Issue): { name?: string; field: string } {
  const match = /^(nodes|edges|probes)\[(\d+)\]\.?(.*)$/.exec(issue.path);
  if (!match) {
    // simulation.dt, simulation.duration: the Circuit panel's fields
    const field = issue.path.replace(/^simulation\./, '');
    return { field: field === issue.path ? field : `${field} (in the Circuit panel)` };
  }
  const [, kind, index, rest] = match as unknown as [string, string, string, string];
  const byIndex = list(doc, kind)[Number(index)];
  const byId =
    issue.elementId !== undefined
      ? list(doc, kind).find((e) => isObj(e) && e['id'] === issue.elementId)
      : undefined;
  const name = elementName(doc, byId ?? byIndex, kind);
  return { ...(name ? { name } : {}), field: rest.replace(/^(params|signal|synapse)\./, '') };
}

/**
 * "P2: the network is too large …", "A, tauM: must be > 0". An issue with a `text` names its own
 * fields, so only the element is put before it.
 */
export function issueText(doc: unknown, issue: Issue): string {
  const { name, field } = place(doc, issue);
  if (issue.text !== undefined) return name ? `${name}: ${issue.text}` : issue.text;
  const where = [name, field].filter((p) => p).join(', ');
  return where ? `${where}: ${issue.message}` : issue.message;
}
