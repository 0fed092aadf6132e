/**
 * Text -> NetworkDocument, with every problem reported at once (docs/format.md#document, docs/format.md#results).
 *
 * The text may start with a UTF-8 byte order mark (editors on Windows add one). Invalid JSON is
 * reported with its line and column; text longer than MAX_DOCUMENT_CHARS is refused before it is
 * parsed. Then validateDocument: header, migration, shape, rules, warnings. Never throws.
 */
import type { Issue } from './issue';
import { findJsonSyntaxError } from './jsonSyntax';
import { formatBytes } from './admission';
import { MAX_DOCUMENT_CHARS } from './limits';
import type { ValidateOptions, ValidationResult } from './validateDocument';
import { validateDocument } from './validateDocument';

export type LoadResult = ValidationResult;

export { validateDocument };
export type { ValidateOptions, ValidationResult };
export type { ValidatedDocument } from './validated';

function error(path: string, message: string): Issue {
  return { severity: 'error', path, message };
}

/** 1-based line and column of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

function describeJsonError(text: string, e: unknown): string {
  const found = findJsonSyntaxError(text);
  // JSON.parse and the scanner agree on what JSON is; if they ever disagree, say what V8 said.
  const offset = found?.offset ?? text.length;
  const reason = found?.reason ?? (e instanceof Error ? e.message : String(e));
  const { line, column } = lineColumn(text, offset);
  return `not valid JSON at line ${line}, column ${column}: ${reason}`;
}

/** Parses and validates the text of a `.neuro` file. Never throws. */
export function loadDocument(text: string, options: ValidateOptions = {}): LoadResult {
  if (text.length > MAX_DOCUMENT_CHARS) {
    return {
      ok: false,
      issues: [
        error(
          '',
          `the file is too large (${formatBytes(text.length)}; at most ${formatBytes(MAX_DOCUMENT_CHARS)}): describe large populations with sizes and generators rather than long lists`,
        ),
      ],
    };
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch (e) {
    return { ok: false, issues: [error('', describeJsonError(body, e))] };
  }
  try {
    return validateDocument(raw, options);
  } catch (e) {
    // A bug of ours, not the user's: say so rather than crash the caller.
    return {
      ok: false,
      issues: [
        error(
          '',
          `internal error while checking the file (please report it): ${(e as Error).message}`,
        ),
      ],
    };
  }
}
