/**
 * Python source text from untrusted values. A circuit's texts (ids, names, descriptions, labels)
 * reach an exported script only through `pyStr`, which writes a plain single-quoted ASCII literal:
 * every character outside printable ASCII, and the quote and backslash, is escaped, so no text can
 * close the literal, start a new line or smuggle a statement. Numbers go through `pyNum`, which
 * accepts finite numbers only. File names derived from texts go through `safeFileName`.
 */

/** A Python str literal of `text`, pure printable ASCII, never a raw newline or quote. */
export function pyStr(text: string): string {
  let out = "'";
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (c >= 0x20 && c < 0x7f) out += ch;
    else if (c <= 0xff) out += '\\x' + c.toString(16).padStart(2, '0');
    else if (c <= 0xffff) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += '\\U' + c.toString(16).padStart(8, '0');
  }
  return out + "'";
}

/** A Python float/int literal; refuses anything that is not a finite number. */
export function pyNum(x: number): string {
  if (typeof x !== 'number' || !Number.isFinite(x)) {
    throw new Error(`not a finite number: ${String(x)}`);
  }
  // JavaScript's shortest round-trip form is also valid Python (1e-7, 1e+21, 0.0001)
  return String(x);
}

/** A Python list literal of finite numbers. */
export function pyList(values: ArrayLike<number>): string {
  const parts: string[] = [];
  for (let i = 0; i < values.length; i++) parts.push(pyNum(values[i]!));
  return '[' + parts.join(', ') + ']';
}

/**
 * A file or folder name from a text: letters, digits, `-` and `_` only (other characters become
 * `_`), no leading dot or dash, at most 64 characters, never empty, never a reserved device name.
 */
export function safeFileName(text: string, fallback = 'circuit'): string {
  let s = text
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9_-]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^[_-]+|[_-]+$/g, '')
    .slice(0, 64);
  if (!s || /^(con|prn|aux|nul|com\d|lpt\d)$/i.test(s)) s = fallback;
  return s;
}
