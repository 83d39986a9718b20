// Escaping for every place a user's text (a name, a label, a key, a field) lands in exported code:
// comments, string literals and identifiers, per target language. Every exporter writes user text
// through these helpers only, so a name can never end a comment or a literal and become code.
//
// Hazards: line terminators of any of the languages or of the editors that show the file (\n, \r,
// U+0085, U+2028, U+2029), the other control characters (NUL, which Python refuses in source), lone
// surrogates, and the bidirectional controls that make text read in another order than it parses.
// Java also translates `\uXXXX` before lexing, even inside comments (`\u000a` ends a // comment).

export type Lang = 'sql' | 'python' | 'java';

const BIDI = '\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069';
const HAZARD = new RegExp(`[\\p{Cc}\\u2028\\u2029${BIDI}]|\\p{Cs}`, 'gu');
const HAS_HAZARD = new RegExp(HAZARD.source, 'u');

const hex4 = (ch: string) => ch.charCodeAt(0).toString(16).padStart(4, '0');

/** A hazardous character as escape text: `\n`, `\r`, `\t`, otherwise `\uXXXX`. */
function escapeChar(ch: string): string {
  if (ch === '\n') return '\\n';
  if (ch === '\r') return '\\r';
  if (ch === '\t') return '\\t';
  return `\\u${hex4(ch)}`;
}

export const hasHazard = (text: string): boolean => HAS_HAZARD.test(text);

/** User text for a comment or a message, unquoted: backslashes doubled, hazards escaped. */
export const shownText = (text: string): string => text.replaceAll('\\', '\\\\').replace(HAZARD, escapeChar);

/** A name in a comment or message, in double quotes: `"a\nb"`. */
export const quoted = (name: string): string => `"${shownText(name).replaceAll('"', '\\"')}"`;

/** A field name in a comment or message, in back-quotes: `` `a\nb` ``. */
export const ticked = (name: string): string => `\`${shownText(name).replaceAll('`', '\\`')}\``;

/**
 * Text made safe for a line comment of the language: any hazard left is escaped (the text never
 * leaves its line) and, for Java, every backslash that javac would read as the start of a unicode
 * escape gets another backslash before it (it is eligible when an even number of backslashes
 * precede it, JLS §3.3).
 */
export function commentText(lang: Lang, text: string): string {
  const safe = text.replace(HAZARD, escapeChar);
  return lang === 'java' ? safe.replace(/(?<!\\)((?:\\\\)*)\\u/g, '$1\\\\u') : safe;
}

const PREFIX: Record<Lang, string> = { sql: '-- ', python: '# ', java: '// ' };

/** One line comment: `-- text`, `# text`, `// text`. */
export const lineComment = (lang: Lang, text: string, indent = ''): string => `${indent}${PREFIX[lang]}${commentText(lang, text)}`;

/** The language whose line comments start with the prefix (`-- `, `# `, `// `). */
export function langOfPrefix(prefix: string): Lang {
  const p = prefix.trim();
  if (p === '--') return 'sql';
  if (p === '#') return 'python';
  if (p === '//') return 'java';
  throw new Error(`no language has the comment prefix ${JSON.stringify(prefix)}`);
}

// String literals.

/**
 * A Flink SQL string literal: `'…'` with `'` doubled; or, when the text holds a hazard, the Unicode
 * form `U&'…'` (Flink SQL, Calcite) with each hazard as `\XXXX` and `\` doubled, so that no line
 * break or hidden character sits in the file (a plain literal would hold them as they are).
 */
export function sqlString(s: string): string {
  if (!hasHazard(s)) return `'${s.replaceAll("'", "''")}'`;
  let out = '';
  for (const ch of s) {
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "''";
    else if (HAS_HAZARD.test(ch)) out += `\\${hex4(ch)}`; // every hazard is one UTF-16 unit
    else out += ch;
  }
  return `U&'${out}'`;
}

/** A Python string literal: `"…"` with backslash escapes for `\`, `"` and every hazard. */
export const pyString = (s: string): string => `"${s.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replace(HAZARD, escapeChar)}"`;

/**
 * A Java string literal, in ASCII: quotes, backslashes and line breaks escaped, every other
 * character outside printable ASCII as its UTF-16 units `\uXXXX`. javac translates those before
 * lexing, which is safe here: none is a line terminator, a quote or a backslash (those have their
 * own escapes), so each stays one character of the literal.
 */
export function javaString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c > 0x7e) for (let i = 0; i < ch.length; i++) out += `\\u${hex4(ch[i])}`;
    else out += ch;
  }
  return `${out}"`;
}

// Identifiers.

/**
 * A name as a Flink SQL identifier can hold it. Calcite's back-quoted identifiers take any
 * character but a line break, and have no escapes; so hazards (line breaks, and the characters that
 * would hide in the file) are written as escape text, and the column no longer has the record
 * field's name: flinkSqlNames.ts (sqlNameNotes) says so.
 */
export const sqlName = (name: string): string => name.replace(HAZARD, escapeChar);

/** A table, view or column name, always back-quoted (`` ` `` doubled). */
export const sqlQuoted = (name: string): string => `\`${sqlName(name).replaceAll('`', '``')}\``;

/**
 * A column name for Spark (F.col, select, F.expr, DDL schema strings, all inside a Python string
 * literal): back-quoted (`` ` `` doubled) unless it is a plain identifier. Spark's back-quoted
 * identifiers take any character, line breaks included, so the name stays the record field's.
 */
export const sparkName = (name: string): string => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : sparkQuoted(name));

/** A column name for Spark, always back-quoted. */
export const sparkQuoted = (name: string): string => `\`${name.replaceAll('`', '``')}\``;
