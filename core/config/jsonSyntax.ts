/**
 * A small JSON syntax checker that says *where* and *what was expected*, for messages such as
 * "line 3, column 5: expected a property name in double quotes, found '}'". `JSON.parse` alone
 * gives an offset at best (and sometimes echoes the whole text). It is iterative, so deeply nested
 * input cannot overflow the stack, and it also measures nesting depth so callers can refuse
 * absurd nesting with its own message before anything recursive walks the value.
 */

export interface JsonSyntaxProblem {
  /** 1-based line and column (columns count UTF-16 code units). */
  line: number;
  column: number;
  /** What the grammar allowed here, in words. */
  expected: string;
  /** What was there instead, quoted, or "the end of the file". */
  found: string;
}

/** Most nesting a configuration-like file may have (real ones have 4 or 5 levels). */
export const MAX_JSON_DEPTH = 64;

function position(text: string, at: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < at; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: at - lineStart + 1 };
}

function foundAt(text: string, at: number): string {
  if (at >= text.length) return 'the end of the file';
  const ch = text[at]!;
  const code = ch.charCodeAt(0);
  return code < 0x20 ? `a control character (U+${code.toString(16).padStart(4, '0')})` : `'${ch}'`;
}

const WS = new Set([' ', '\t', '\n', '\r']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /true|false|null/y;

/**
 * The first syntax error of `text` as JSON, or null when it is valid JSON.
 * Also reports nesting deeper than `maxDepth` as a problem ("at most 64 levels of nesting").
 */
export function findJsonSyntaxProblem(
  text: string,
  maxDepth = MAX_JSON_DEPTH,
): JsonSyntaxProblem | null {
  let i = 0;
  const fail = (expected: string, at = i): JsonSyntaxProblem => ({
    ...position(text, at),
    expected,
    found: foundAt(text, at),
  });
  const skip = () => {
    while (i < text.length && WS.has(text[i]!)) i++;
  };
  const string = (): JsonSyntaxProblem | null => {
    i++; // opening quote
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return null;
      }
      if (c < 0x20) return fail('a closing double quote (line breaks must be written \\n)');
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
            return fail('four hex digits after \\u', i + 2);
          }
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else return fail('an escape such as \\n, \\" or \\\\', i + 1);
      } else i++;
    }
    return fail('a closing double quote');
  };
  /** Stack of open containers: '{' or '['. */
  const stack: string[] = [];
  // States: expecting a value; after a value (',' or close); expecting a key.
  let state: 'value' | 'after' | 'key' | 'first-key' | 'first-value' = 'value';
  for (;;) {
    skip();
    if (state === 'value' || state === 'first-value') {
      const c = text[i];
      if (state === 'first-value' && c === ']') {
        stack.pop();
        i++;
        state = 'after';
      } else if (c === '{' || c === '[') {
        if (stack.length >= maxDepth) {
          return fail(`at most ${maxDepth} levels of nesting`);
        }
        stack.push(c);
        i++;
        state = c === '{' ? 'first-key' : 'first-value';
        continue;
      } else if (c === '"') {
        const p = string();
        if (p) return p;
        state = 'after';
      } else {
        NUMBER.lastIndex = i;
        LITERAL.lastIndex = i;
        const m = NUMBER.exec(text) ?? LITERAL.exec(text);
        if (!m) return fail('a value (a number, a "string", true, false, null, { or [)');
        i += m[0].length;
        state = 'after';
      }
    } else if (state === 'key' || state === 'first-key') {
      if (state === 'first-key' && text[i] === '}') {
        stack.pop();
        i++;
        state = 'after';
        continue;
      }
      if (text[i] !== '"') {
        return fail(
          state === 'first-key'
            ? "a property name in double quotes or '}'"
            : 'a property name in double quotes (JSON allows no comma before })',
        );
      }
      const p = string();
      if (p) return p;
      skip();
      if (text[i] !== ':') return fail("':' after the property name");
      i++;
      state = 'value';
      continue;
    }
    // state === 'after'
    skip();
    const top = stack[stack.length - 1];
    if (top === undefined) {
      return i < text.length ? fail('the end of the file after the JSON value') : null;
    }
    const close = top === '{' ? '}' : ']';
    if (text[i] === ',') {
      i++;
      state = top === '{' ? 'key' : 'value';
    } else if (text[i] === close) {
      i++;
      stack.pop();
    } else return fail(`',' or '${close}'`);
  }
}

/** "line 3, column 5: expected …, found …" */
export function describeJsonSyntaxProblem(p: JsonSyntaxProblem): string {
  return `line ${p.line}, column ${p.column}: expected ${p.expected}, found ${p.found}`;
}

/** Longest message shown for one problem; longer ones are cut with "…". */
export const MAX_MESSAGE_CHARS = 400;

/** Cuts `text` to `max` characters (an ellipsis marks the cut). */
export function capMessage(text: string, max = MAX_MESSAGE_CHARS): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** "a", "b", "c" and 37 more: at most `shown` items named, the rest counted. */
export function listWithRest(items: readonly string[], shown = 5, noun = ''): string {
  const head = items.slice(0, shown).map((s) => capMessage(s, 40));
  const rest = items.length - head.length;
  return rest > 0
    ? `${head.join(', ')} and ${rest} more${noun ? ` ${noun}` : ''}`
    : head.join(', ');
}

/** A short, bounded rendering of any value for a message (never throws, never recurses deeply). */
export function previewValue(value: unknown, max = 60): string {
  if (typeof value === 'string') return capMessage(JSON.stringify(value), max);
  if (value === null || typeof value !== 'object') return capMessage(String(value), max);
  return Array.isArray(value) ? `an array of ${value.length}` : 'an object';
}

/**
 * `JSON.parse` with a position-naming message and a nesting limit. Never throws.
 * `-0` reads as 0, so a loaded file serialises back to what it says.
 */
export function parseJsonText(
  text: string,
  maxDepth = MAX_JSON_DEPTH,
): { ok: true; value: unknown } | { ok: false; error: string } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const problem = findJsonSyntaxProblem(body, maxDepth);
  if (problem) return { ok: false, error: describeJsonSyntaxProblem(problem) };
  try {
    return { ok: true, value: JSON.parse(body, (_k, v: unknown) => (Object.is(v, -0) ? 0 : v)) };
  } catch (e) {
    return { ok: false, error: capMessage(e instanceof Error ? e.message : String(e)) };
  }
}

/**
 * True when an already-parsed value nests deeper than `maxDepth` (checked without recursion, and
 * stopping after `maxNodes` values), for values that did not come through {@link parseJsonText}.
 */
export function nestsDeeperThan(
  value: unknown,
  maxDepth = MAX_JSON_DEPTH,
  maxNodes = 1e6,
): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  let nodes = 0;
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= maxDepth || ++nodes > maxNodes) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}
