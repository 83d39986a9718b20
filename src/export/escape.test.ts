// The escaping helpers on their own: a comment never leaves its line (and in Java holds no unicode
// escape that javac would translate), and each string literal reads back as the exact text.
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { javaUnicodeTranslated } from './test-support/checkers.ts';
import { commentText, hasHazard, javaString, lineComment, pyString, quoted, sparkName, sqlName, sqlQuoted, sqlString } from './escape.ts';

const PIECES = ['\n', '\r', '\u2028', '\u2029', '\u0085', '\u0000', '\u007f', '\u202e', '\ud800', '\udc00', '😀', 'é', '\\', '\\u000a', '\\\\u000a', '\\uuu000A', "'", '"', '`', '*/', '--', '#', 'a', ' '];
const text = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: 'binary', maxLength: 4 })), { maxLength: 8 }).map((p) => p.join(''));

/** Is there a backslash that javac would read as the start of a unicode escape? */
const eligibleUnicodeEscape = (s: string) => /(?<!\\)(?:\\\\)*\\u/.test(s);

/** A Java string literal's value, after javac's unicode translation (the escapes javaString writes). */
function javaValue(literal: string): string {
  const body = javaUnicodeTranslated(literal).code.slice(1, -1);
  return body.replace(/\\(u+[0-9a-fA-F]{4}|.)/g, (_all, e: string) => {
    if (e.startsWith('u')) return String.fromCharCode(parseInt(e.replace(/^u+/, ''), 16));
    return { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' }[e] ?? `?${e}`;
  });
}

describe('comments', () => {
  it('keep any text on one line, in every language; a Java comment holds no unicode escape', () => {
    fc.assert(
      fc.property(text, (s) => {
        for (const lang of ['sql', 'python', 'java'] as const) {
          const line = lineComment(lang, s);
          expect(hasHazard(line)).toBe(false);
          if (lang === 'java') expect(eligibleUnicodeEscape(line)).toBe(false);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('show a name quoted, with its line breaks as escapes', () => {
    expect(quoted('user\nDROP TABLE users;')).toBe('"user\\nDROP TABLE users;"');
    expect(lineComment('sql', `Groups by ${quoted('a\r\u2028b')}`)).toBe('-- Groups by "a\\r\\u2028b"');
    expect(commentText('java', 'x \\u000a y')).toBe('x \\\\u000a y');
    expect(commentText('java', 'x \\\\u000a y')).toBe('x \\\\u000a y');
    expect(commentText('python', 'x \\u000a y')).toBe('x \\u000a y');
  });
});

describe('string literals', () => {
  it('Python: ast.literal_eval reads each back as the text', () => {
    const samples = fc.sample(text, { numRuns: 300, seed: 7 });
    const script = 'import ast, json, sys\nprint(json.dumps([ast.literal_eval(s) for s in json.load(sys.stdin)]))';
    const r = spawnSync('python3', ['-c', script], { input: JSON.stringify(samples.map(pyString)), encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(samples);
    for (const s of samples) expect(hasHazard(pyString(s))).toBe(false);
  }, 30_000);

  it('Java: ASCII only, and reads back as the text after javac\'s unicode translation', () => {
    fc.assert(
      fc.property(text, (s) => {
        const literal = javaString(s);
        expect(literal).toMatch(/^"[\x20-\x7e]*"$/);
        expect(javaValue(literal)).toBe(s);
        // No escape that javac translates before lexing turns into a quote, backslash or line break.
        expect(javaUnicodeTranslated(literal).code.slice(1, -1)).not.toMatch(/[\n\r]|(?<!\\)(\\\\)*"/);
      }),
      { numRuns: 500 },
    );
  });

  it('SQL: a quote is doubled; a text with a line break or hidden character takes the Unicode form', () => {
    expect(sqlString("it's")).toBe("'it''s'");
    expect(sqlString("a\nb\\c'\u202e")).toBe("U&'a\\000ab\\\\c''\\202e'");
    fc.assert(
      fc.property(text, (s) => {
        const literal = sqlString(s);
        expect(hasHazard(literal)).toBe(false);
        // Read back as Calcite does: '' is a quote; in the Unicode form \\ is a backslash and \XXXX a character.
        const unicode = literal.startsWith("U&'");
        const body = literal.slice(unicode ? 3 : 1, -1).replaceAll("''", "'");
        const value = unicode ? body.replace(/\\(\\|[0-9a-f]{4})/g, (_all, e: string) => (e === '\\' ? '\\' : String.fromCharCode(parseInt(e, 16)))) : body;
        expect(value).toBe(s);
      }),
      { numRuns: 300 },
    );
  });
});

describe('identifiers', () => {
  it('Flink SQL: no line break or hidden character inside the back-quotes', () => {
    fc.assert(
      fc.property(text.filter((s) => s.length > 0), (s) => {
        const id = sqlQuoted(s);
        expect(hasHazard(id)).toBe(false);
        expect(id.slice(1, -1).replaceAll('``', '')).not.toContain('`');
        expect(sqlName(s) === s).toBe(!hasHazard(s));
      }),
      { numRuns: 300 },
    );
  });

  it('Spark: back-quoted unless plain, back-quotes doubled', () => {
    expect(sparkName('plain_1')).toBe('plain_1');
    expect(sparkName('a.b')).toBe('`a.b`');
    expect(sparkName('a`b\nc')).toBe('`a``b\nc`');
  });
});
