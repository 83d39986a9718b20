// Reading JSON with errors that say where: `line:column: what`. JSON.parse does the parsing; when
// it fails, a small scanner finds the first offending character (V8's messages differ between Node
// versions and some, like "Unexpected end of JSON input", carry no position at all).

export type JsonParse = { ok: true; value: unknown } | { ok: false; line: number; column: number; message: string };

/** Deeper documents are refused (a job is about 8 levels deep; JSON.stringify recurses). */
export const MAX_DEPTH = 500;

export function parseJson(text: string): JsonParse {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const offset = body.length === text.length ? 0 : 1;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (e) {
    const problem = scan(body);
    if (problem) return { ok: false, ...lineColumn(text, problem.at + offset), message: problem.message };
    // The scanner accepted what JSON.parse rejected: report JSON.parse's own words.
    return { ok: false, line: 1, column: 1, message: e instanceof Error ? e.message : String(e) };
  }
  const tooDeep = depthBeyond(body, MAX_DEPTH);
  if (tooDeep >= 0) return { ok: false, ...lineColumn(text, tooDeep + offset), message: `nested deeper than ${MAX_DEPTH} levels` };
  return { ok: true, value };
}

/** The offset of the first bracket nested deeper than `limit` in well-formed JSON, or -1. */
function depthBeyond(text: string, limit: number): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // Skip a string (escapes included).
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return i;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return -1;
}

function lineColumn(text: string, at: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < at && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: at - start + 1 };
}

type Problem = { at: number; message: string };

const show = (text: string, at: number) => {
  if (at >= text.length) return 'end of input';
  const c = text.codePointAt(at)!;
  return c >= 0x20 && c !== 0x7f ? `'${String.fromCodePoint(c)}'` : `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
};

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/** The first syntax error in `text`, or null when it is one well-formed JSON value. */
function scan(text: string): Problem | null {
  let i = 0;
  const n = text.length;
  // What the container on top of the stack expects next.
  type Frame = { kind: 'object' | 'array'; state: 'first' | 'key' | 'colon' | 'value' | 'comma' };
  const stack: Frame[] = [];
  const skip = () => {
    while (i < n && isSpace(text.charCodeAt(i))) i++;
  };
  const unexpected = (expected: string): Problem => ({
    at: i,
    message: i >= n ? `unexpected end of input: ${expected}` : `unexpected ${show(text, i)}: ${expected}`,
  });

  const string = (): Problem | null => {
    const start = i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return null;
      }
      if (c < 0x20) return { at: i, message: `control character ${show(text, i)} in a string: write it as an escape` };
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return { at: i, message: 'invalid \\u escape: expected 4 hex digits' };
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else return { at: i, message: `invalid escape \\${e ?? ''} in a string` };
        continue;
      }
      i++;
    }
    return { at: start, message: 'unterminated string' };
  };

  const number = (): Problem | null => {
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (!m) return { at: i, message: 'invalid number' };
    i += m[0].length;
    if (i < n && (isDigit(text.charCodeAt(i)) || text[i] === '.' || text[i] === 'e' || text[i] === 'E')) {
      return { at: i, message: 'invalid number' };
    }
    return null;
  };

  /** Reads one value at i; containers push a frame. */
  const value = (): Problem | null => {
    skip();
    if (i >= n) return unexpected('expected a value');
    const c = text[i];
    if (c === '{' || c === '[') {
      if (stack.length >= MAX_DEPTH) return { at: i, message: `nested deeper than ${MAX_DEPTH} levels` };
      stack.push({ kind: c === '{' ? 'object' : 'array', state: 'first' });
      i++;
      return null;
    }
    if (c === '"') return string();
    if (c === '-' || isDigit(text.charCodeAt(i))) return number();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return null;
      }
    }
    if (c === "'") return { at: i, message: "unexpected \"'\": JSON strings use double quotes" };
    return unexpected('expected a value');
  };

  let problem = value();
  while (!problem && stack.length > 0) {
    const top = stack[stack.length - 1];
    skip();
    const c = text[i];
    if (top.kind === 'array') {
      if (top.state === 'first' && c === ']') {
        stack.pop();
        i++;
      } else if (top.state === 'comma') {
        if (c === ']') {
          stack.pop();
          i++;
        } else if (c === ',') {
          i++;
          skip();
          if (text[i] === ']') return { at: i, message: "unexpected ']': trailing comma in an array" };
          top.state = 'comma';
          problem = value();
        } else problem = unexpected("expected ',' or ']' after an array item");
      } else {
        top.state = 'comma';
        problem = value();
      }
      continue;
    }
    switch (top.state) {
      case 'first':
      case 'key':
        if (top.state === 'first' && c === '}') {
          stack.pop();
          i++;
        } else if (c === '"') {
          problem = string();
          top.state = 'colon';
        } else if (top.state === 'key' && c === '}') {
          problem = { at: i, message: "unexpected '}': trailing comma in an object" };
        } else problem = unexpected('expected a property name in double quotes');
        break;
      case 'colon':
        if (c === ':') {
          i++;
          top.state = 'comma';
          problem = value();
        } else problem = unexpected("expected ':' after a property name");
        break;
      default:
        if (c === '}') {
          stack.pop();
          i++;
        } else if (c === ',') {
          i++;
          top.state = 'key';
        } else problem = unexpected("expected ',' or '}' after a property value");
    }
  }
  if (problem) return problem;
  skip();
  return i < n ? { at: i, message: `unexpected ${show(text, i)} after the end of the document` } : null;
}
