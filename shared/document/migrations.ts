/**
 * Format migrations: a registry of named, sequential steps `vN -> vN+1` (docs/format.md#document: "older versions
 * are migrated"). Loading a file of version k applies the steps k -> k+1 -> ... -> FORMAT_VERSION in
 * order, on the parsed JSON, before validation; the file on disk is never touched (it is rewritten
 * in the current version only when the user saves).
 *
 * Version 1 is the first released format, so the registry is empty today. Adding version 2 means:
 * bump FORMAT_VERSION in schema.ts, append `{ from: 1, name: 'what-changed', ... }` here, add the
 * golden pair `__golden__/<name>.before.neuro` / `.after.neuro` (migrations.test.ts requires it),
 * and write the change into docs/format.md and a decision record.
 *
 * A step works on plain JSON (it must not assume the document is valid: validation runs after it),
 * returns a new object and never mutates its input. It keeps unknown keys and key order where it
 * can; the runner then writes the new version number in place.
 */
import type { Issue } from './issue';
import { FORMAT_VERSION } from './schema';

/** A parsed JSON object. */
export type JsonObject = Record<string, unknown>;

export interface MigrationStep {
  /** The version this step reads; it produces version `from + 1`. */
  from: number;
  /** kebab-case name; also the stem of its golden files in __golden__/. */
  name: string;
  /** One line: what changed in the format. */
  description: string;
  migrate(document: Readonly<JsonObject>): JsonObject;
}

/** Every migration of the released format, oldest first. */
export const MIGRATIONS: readonly MigrationStep[] = [];

/** A registry, and the version it migrates to. Tests pass their own. */
export interface MigrationRegistry {
  steps: readonly MigrationStep[];
  currentVersion: number;
}

export const DEFAULT_REGISTRY: MigrationRegistry = {
  steps: MIGRATIONS,
  currentVersion: FORMAT_VERSION,
};

/** The oldest version a registry can bring up to date. */
export function oldestReadableVersion(registry: MigrationRegistry): number {
  return registry.currentVersion - registry.steps.length;
}

/** Throws when the steps are not exactly oldest -> ... -> currentVersion, one version each. */
export function assertSequential(registry: MigrationRegistry): void {
  const oldest = oldestReadableVersion(registry);
  registry.steps.forEach((step, i) => {
    if (step.from !== oldest + i) {
      throw new Error(
        `migration "${step.name}" reads version ${step.from}, expected ${oldest + i} (steps must be sequential)`,
      );
    }
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(step.name)) {
      throw new Error(`migration name "${step.name}" is not kebab-case`);
    }
  });
}

export type MigrateResult =
  { ok: true; document: JsonObject; applied: string[] } | { ok: false; issue: Issue };

/** Replaces `version` keeping its place among the keys. */
function withVersion(document: JsonObject, version: number): JsonObject {
  const out: JsonObject = {};
  let placed = false;
  for (const key of Object.keys(document)) {
    const value = key === 'version' ? version : document[key];
    if (key === 'version') placed = true;
    Object.defineProperty(out, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  if (!placed) out['version'] = version;
  return out;
}

/**
 * Brings a parsed document up to `registry.currentVersion`. A document whose version is not a
 * whole number is returned unchanged (validation reports it); a newer or unknown older version is
 * refused with an issue on `version`.
 */
export function migrateDocument(
  document: JsonObject,
  registry: MigrationRegistry = DEFAULT_REGISTRY,
): MigrateResult {
  const version = document['version'];
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    return { ok: true, document, applied: [] };
  }
  if (version > registry.currentVersion) {
    return {
      ok: false,
      issue: {
        severity: 'error',
        path: 'version',
        message:
          `this file is format version ${version}, written by a newer NeuroSketch; this program ` +
          `reads versions up to ${registry.currentVersion}. Update NeuroSketch to open it ` +
          `(the file was not changed)`,
      },
    };
  }
  const oldest = oldestReadableVersion(registry);
  if (version < oldest) {
    return {
      ok: false,
      issue: {
        severity: 'error',
        path: 'version',
        message: `format version ${version} does not exist: the first version is ${oldest}`,
      },
    };
  }
  let current = document;
  const applied: string[] = [];
  for (let v = version; v < registry.currentVersion; v++) {
    const step = registry.steps[v - oldest]!;
    try {
      current = withVersion(step.migrate(current), v + 1);
    } catch (e) {
      return {
        ok: false,
        issue: {
          severity: 'error',
          path: '',
          message: `cannot bring this version ${v} file up to date (step "${step.name}"): ${(e as Error).message}`,
        },
      };
    }
    applied.push(step.name);
  }
  return { ok: true, document: current, applied };
}
