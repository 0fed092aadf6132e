/**
 * Where and why a text is not JSON, independent of the JavaScript engine's wording (V8 in Node
 * and in Chromium word and place errors differently, and some messages carry no position).
 * Called only after JSON.parse failed; a single iterative pass, so any nesting depth is fine.
 */

export interface JsonSyntaxError {
  /** Offset in the text (UTF-16 code units) of the first character that cannot be JSON. */
  offset: number;
  /** What is wrong there and what to do, for a person. */
  reason: string;
}

const END = 'the text ends too early: a missing } or ], or the file was cut off';

function describeChar(c: string): string {
  if (c === '\n') return 'a line break';
  const code = c.charCodeAt(0);
  if (code < 0x20 || code === 0x7f)
    return `control character U+${code.toString(16).padStart(4, '0')}`;
  return `'${c}'`;
}

function unexpected(text: string, i: number, expected: string): JsonSyntaxError {
  if (i >= text.length) return { offset: i, reason: END };
  const c = text[i]!;
  let hint = '';
  if (c === '/') hint = ': JSON allows no comments';
  else if (c === "'") hint = ': JSON strings use double quotes';
  else if (/^(NaN|-?Infinity|undefined)/.test(text.slice(i)))
    hint = ': NaN, Infinity and undefined are not JSON; write a number or null';
  return { offset: i, reason: `unexpected ${describeChar(c)}, expected ${expected}${hint}` };
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** The first syntax error of `text`, or undefined when it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let i = 0;
  const stack: Array<'{' | '['> = [];
  const ws = () => {
    while (
      i < text.length &&
      (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')
    )
      i++;
  };
  /** Scans a string at text[i] === '"'; returns an error or undefined. */
  const string = (): JsonSyntaxError | undefined => {
    const start = i;
    i++;
    for (;;) {
      if (i >= text.length)
        return { offset: start, reason: 'this string has no closing double quote' };
      const c = text[i]!;
      if (c === '"') {
        i++;
        return undefined;
      }
      if (c === '\\') {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6)))
            return { offset: i, reason: 'a \\u escape needs four hex digits' };
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else
          return {
            offset: i,
            reason: `invalid escape \\${e ?? ''} in a string: write \\\\ for a backslash`,
          };
        continue;
      }
      if (c.charCodeAt(0) < 0x20)
        return {
          offset: i,
          reason: `${describeChar(c)} inside a string: write it as an escape such as \\n`,
        };
      i++;
    }
  };
  /** Scans one value start; containers are pushed and continue in the main loop. */
  const value = (): JsonSyntaxError | 'open' | undefined => {
    ws();
    const c = text[i];
    if (c === '{' || c === '[') {
      stack.push(c);
      i++;
      return 'open';
    }
    if (c === '"') return string();
    for (const literal of ['true', 'false', 'null']) {
      if (text.startsWith(literal, i)) {
        i += literal.length;
        return undefined;
      }
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (m && m[0] !== '-') {
      i += m[0].length;
      return undefined;
    }
    return unexpected(text, i, 'a value (a number, "text", true, false, null, [...] or {...})');
  };

  // After '{' or ',' inside an object we need a key; after '[' or ',' in an array a value.
  let pending: 'value' | 'firstKey' | 'firstItem' | 'key' | 'after' = 'value';
  for (;;) {
    if (pending === 'value' || pending === 'firstItem') {
      ws();
      if (pending === 'firstItem' && text[i] === ']') {
        i++;
        stack.pop();
        pending = 'after';
        continue;
      }
      const r = value();
      if (r === 'open') {
        pending = stack[stack.length - 1] === '{' ? 'firstKey' : 'firstItem';
        continue;
      }
      if (r) return r;
      pending = 'after';
      continue;
    }
    if (pending === 'firstKey' || pending === 'key') {
      ws();
      if (text[i] === '}') {
        if (pending === 'key')
          return { offset: i, reason: 'a trailing comma before }: remove the last comma' };
        i++;
        stack.pop();
        pending = 'after';
        continue;
      }
      if (text[i] !== '"') return unexpected(text, i, 'a key in double quotes');
      const r = string();
      if (r) return r;
      ws();
      if (text[i] !== ':') return unexpected(text, i, '":" after the key');
      i++;
      pending = 'value';
      continue;
    }
    // pending === 'after': a value just ended.
    ws();
    const top = stack[stack.length - 1];
    if (top === undefined) {
      return i < text.length
        ? unexpected(text, i, 'the end of the text (one JSON value per file)')
        : undefined;
    }
    const close = top === '{' ? '}' : ']';
    if (text[i] === close) {
      i++;
      stack.pop();
      continue;
    }
    if (text[i] !== ',') return unexpected(text, i, `"," or "${close}" (a missing comma?)`);
    i++;
    if (top === '[') {
      ws();
      if (text[i] === ']')
        return { offset: i, reason: 'a trailing comma before ]: remove the last comma' };
      pending = 'value';
    } else pending = 'key';
  }
}
