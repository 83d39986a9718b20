import { KEYWORDS } from './ast.ts';

export type TokenKind = 'num' | 'str' | 'ident' | 'kw' | 'op' | 'eof';

export type Token = {
  kind: TokenKind;
  /** num: the source text; str/ident: the decoded text; kw: upper case; op: the operator (`!=` kept). */
  value: string;
  /** Only for `num`. */
  num: number;
  /** True for a back-quoted identifier (never a keyword or function call). */
  quoted: boolean;
  pos: number;
};

/** Thrown inside the lexer and parser only; `parseExpr` turns it into an `ExprError`. */
export class ExprSyntaxError extends Error {
  readonly position: number;

  constructor(message: string, position: number) {
    super(message);
    this.position = position;
  }
}

export function fail(position: number, what: string, expected?: string): never {
  throw new ExprSyntaxError(`${what} at ${position}${expected ? `: ${expected}` : ''}`, position);
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isIdentStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isIdentPart = (c: number) => isIdentStart(c) || isDigit(c);
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13 || c === 12;

/** Shows a source character in an error message: `'#'`, or `'é' (U+00E9)`, or `U+0007`. */
export function showChar(source: string, at: number): string {
  const cp = source.codePointAt(at) ?? 0;
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  if (cp >= 33 && cp <= 126) return `'${String.fromCodePoint(cp)}'`;
  if (cp < 160 || (cp >= 0xd800 && cp <= 0xdfff)) return hex;
  return `'${String.fromCodePoint(cp)}' (${hex})`;
}

const TWO_CHAR_OPS = new Set(['<>', '!=', '<=', '>=', '||']);
const ONE_CHAR_OPS = new Set(['+', '-', '*', '/', '%', '=', '<', '>', '(', ')', ',']);

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const n = source.length;
  let i = 0;
  const push = (kind: TokenKind, value: string, pos: number, num = 0, quoted = false) =>
    tokens.push({ kind, value, num, quoted, pos });

  while (i < n) {
    const c = source.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    const start = i;
    const two = source.slice(i, i + 2);
    if (isDigit(c) || (c === 46 && isDigit(source.charCodeAt(i + 1)))) {
      i = lexNumber(source, i, push);
    } else if (isIdentStart(c)) {
      while (i < n && isIdentPart(source.charCodeAt(i))) i++;
      const word = source.slice(start, i);
      const upper = word.toUpperCase();
      if (KEYWORDS.has(upper)) push('kw', upper, start);
      else push('ident', word, start);
    } else if (c === 39 /* ' */) {
      i = lexQuoted(source, i, "'", (text) => {
        const bs = text.indexOf('\\');
        if (bs >= 0) {
          fail(start, 'backslash in string', "Spark reads backslashes in strings as escapes and Flink does not, so they are not portable");
        }
        push('str', text, start);
      });
    } else if (c === 96 /* ` */) {
      i = lexQuoted(source, i, '`', (text) => {
        if (text === '') fail(start, 'empty quoted identifier');
        push('ident', text, start, 0, true);
      });
    } else if (two === '--' || two === '/*') {
      fail(start, `unexpected '${two}'`, `SQL comments are not supported (to negate a negative value write '- -x' or '-(-x)')`);
    } else if (two === '==') {
      fail(start, "unexpected '=='", "use '=' to compare");
    } else if (TWO_CHAR_OPS.has(two)) {
      push('op', two, start);
      i += 2;
    } else if (ONE_CHAR_OPS.has(source[i])) {
      push('op', source[i], start);
      i++;
    } else if (c === 34 /* " */) {
      fail(start, `unexpected '"'`, "use single quotes for strings ('text') and backquotes for names (`name`)");
    } else {
      const hints: Record<string, string> = {
        '!': "expected '!=' (use NOT for negation)",
        '|': "expected '||'",
        '&': 'use AND',
        '.': 'nested fields are not supported; back-quote names that contain dots (`a.b`)',
      };
      fail(start, `unexpected character ${showChar(source, i)}`, hints[source[i]] ?? (c > 127 ? 'back-quote names with other characters than A-Z, 0-9 and _ (`name`)' : 'expected an expression or an operator'));
    }
  }
  push('eof', '', n);
  return tokens;
}

type Push = (kind: TokenKind, value: string, pos: number, num?: number) => void;

function lexNumber(source: string, start: number, push: Push): number {
  const n = source.length;
  let i = start;
  let integer = true;
  while (i < n && isDigit(source.charCodeAt(i))) i++;
  if (source[i] === '.') {
    integer = false;
    i++;
    while (i < n && isDigit(source.charCodeAt(i))) i++;
  }
  if (source[i] === 'e' || source[i] === 'E') {
    integer = false;
    i++;
    if (source[i] === '+' || source[i] === '-') i++;
    if (!isDigit(source.charCodeAt(i))) fail(i, `invalid number '${source.slice(start, i)}'`, 'expected digits after the exponent');
    while (i < n && isDigit(source.charCodeAt(i))) i++;
  }
  if (i < n && (isIdentPart(source.charCodeAt(i)) || source[i] === '.')) {
    fail(i, `unexpected character ${showChar(source, i)} after number`, 'expected an operator (type suffixes like 1L are not portable)');
  }
  const text = source.slice(start, i);
  const value = Number(text);
  if (integer && !Number.isSafeInteger(value)) {
    fail(start, `integer ${text} is too large`, `at most ${Number.MAX_SAFE_INTEGER} (use a decimal like ${text}.0)`);
  }
  if (!Number.isFinite(value)) fail(start, `number ${text} is out of range`);
  push('num', text, start, value);
  return i;
}

/** Lexes '...' or `...` where a doubled quote stands for one; returns the index after the closing quote. */
function lexQuoted(source: string, start: number, quote: string, emit: (text: string) => void): number {
  let i = start + 1;
  let text = '';
  for (;;) {
    const close = source.indexOf(quote, i);
    if (close < 0) fail(start, quote === "'" ? 'unterminated string starting' : 'unterminated quoted identifier starting');
    text += source.slice(i, close);
    if (source[close + 1] === quote) {
      text += quote;
      i = close + 2;
    } else {
      emit(text);
      return close + 1;
    }
  }
}
