import { describe, expect, it } from 'vitest';
import { parseExpr } from './index.ts';

function error(source: string): { message: string; position: number } {
  const r = parseExpr(source);
  if (r.ok) throw new Error(`expected an error for ${JSON.stringify(source)}`);
  return r.error;
}

describe('error messages say what was expected, and where', () => {
  const cases: [string, string, number][] = [
    ['a + (b *)', "unexpected ')' at 8: expected an expression", 8],
    ['', 'unexpected end of input at 0: expected an expression', 0],
    ['a AND', 'unexpected end of input at 5: expected an expression', 5],
    ['FOO(1)', 'unknown function FOO at 0: expected one of UPPER, LOWER, ABS, FLOOR, CEIL, MOD, COALESCE, CONCAT', 0],
    ["a = 'abc", 'unterminated string starting at 4', 4],
    ['`abc', 'unterminated quoted identifier starting at 0', 0],
    ['``', 'empty quoted identifier at 0', 0],
    ['CASE WHEN a THEN 1 ELSE 2', 'expected END to close CASE at 25: found end of input (CASE at 0)', 25],
    ['x + CASE WHEN a THEN 1 x', 'expected WHEN, ELSE or END to close CASE at 23: found name x (CASE at 4)', 23],
    ['CASE END', 'expected WHEN in CASE at 5: found END', 5],
    ['CASE WHEN a 1 END', 'expected THEN after WHEN at 12: found number 1', 12],
    ['a b', 'unexpected name b at 2: expected an operator or end of input', 2],
    ['(a))', "unexpected ')' at 3: expected an operator or end of input (unmatched ')')", 3],
    ['(a', "unexpected end of input at 2: expected ')'", 2],
    ['a = b = c', "unexpected '=' at 6: comparisons cannot be chained; add parentheses, e.g. (a = b) = c", 6],
    ['a IS NULL IS NULL', 'unexpected IS at 10: comparisons cannot be chained; add parentheses, e.g. (a = b) = c', 10],
    ['a IS 1', 'unexpected number 1 at 5: expected NULL or NOT NULL after IS', 5],
    ['a NOT 1', 'unexpected NOT at 2: expected BETWEEN or IN after NOT', 2],
    ['a BETWEEN 1 OR 2', 'unexpected OR at 12: expected AND in BETWEEN ... AND ...', 12],
    ['a IN 1', 'unexpected number 1 at 5: expected ( after IN', 5],
    ['a IN (1 2)', "unexpected number 2 at 8: expected ',' or ')' to close the IN list", 8],
    ['UPPER(a, b)', 'wrong number of arguments for UPPER at 0: expected 1, got 2', 0],
    ['MOD(a)', 'wrong number of arguments for MOD at 0: expected 2, got 1', 0],
    ['CONCAT()', 'wrong number of arguments for CONCAT at 0: expected at least 1, got 0', 0],
    ['a = end', 'unexpected END at 4: expected an expression (back-quote a field named like a keyword: `end`)', 4],
    ['a = NOT b', 'unexpected NOT at 4: expected an expression (put NOT ... in parentheses here)', 4],
    ['a || b + 1', 'ambiguous mix of || and + at 2: add parentheses (Flink and Spark give || different precedence)', 2],
    ['a * 2 || b', 'ambiguous mix of || and * at 6: add parentheses (Flink and Spark give || different precedence)', 6],
    ['a--b', "unexpected '--' at 1: SQL comments are not supported (to negate a negative value write '- -x' or '-(-x)')", 1],
    ['a /* b */', "unexpected '/*' at 2: SQL comments are not supported (to negate a negative value write '- -x' or '-(-x)')", 2],
    ['a == 1', "unexpected '==' at 2: use '=' to compare", 2],
    ['a ! b', "unexpected character '!' at 2: expected '!=' (use NOT for negation)", 2],
    ['a | b', "unexpected character '|' at 2: expected '||'", 2],
    ['a.b', "unexpected character '.' at 1: nested fields are not supported; back-quote names that contain dots (`a.b`)", 1],
    ['a = "x"', `unexpected '"' at 4: use single quotes for strings ('text') and backquotes for names (\`name\`)`, 4],
    ['a # b', "unexpected character '#' at 2: expected an expression or an operator", 2],
    ['a\u0000', 'unexpected character U+0000 at 1: expected an expression or an operator', 1],
    ['été', "unexpected character 'é' (U+00E9) at 0: back-quote names with other characters than A-Z, 0-9 and _ (`name`)", 0],
    ["'a\\n'", 'backslash in string at 0: Spark reads backslashes in strings as escapes and Flink does not, so they are not portable', 0],
    ['12abc', "unexpected character 'a' after number at 2: expected an operator (type suffixes like 1L are not portable)", 2],
    ['1.2.3', "unexpected character '.' after number at 3: expected an operator (type suffixes like 1L are not portable)", 3],
    ['1e+', "invalid number '1e+' at 3: expected digits after the exponent", 3],
    ['1e400', 'number 1e400 is out of range at 0', 0],
    ['9007199254740993', 'integer 9007199254740993 is too large at 0: at most 9007199254740991 (use a decimal like 9007199254740993.0)', 0],
  ];
  for (const [source, message, position] of cases) {
    it(JSON.stringify(source), () => {
      expect(error(source)).toEqual({ message, position });
    });
  }
});

describe('limits', () => {
  it('rejects nesting deeper than 200 levels without overflowing the stack', () => {
    expect(parseExpr(`${'('.repeat(200)}a${')'.repeat(200)}`).ok).toBe(true);
    expect(error(`${'('.repeat(201)}a${')'.repeat(201)}`)).toEqual({
      message: 'expression nested too deeply at 200: at most 200 levels', position: 200,
    });
    for (const deep of [
      '('.repeat(100_000),
      '-'.repeat(5000),
      '- '.repeat(300) + '1',
      'NOT '.repeat(300) + 'a',
      'UPPER('.repeat(300) + 'a' + ')'.repeat(300),
      'CASE WHEN '.repeat(300),
      'a IN ('.repeat(300),
    ]) {
      const r = parseExpr(deep);
      expect(r.ok).toBe(false);
    }
  });

  it('accepts long operator chains (they are not nesting)', () => {
    expect(parseExpr(Array.from({ length: 800 }, (_, i) => `a=${i}`).join(' OR ')).ok).toBe(true);
  });

  it('rejects input longer than 10,000 characters', () => {
    expect(parseExpr('a'.repeat(10_000)).ok).toBe(true);
    expect(error('a'.repeat(10_001))).toEqual({
      message: 'expression too long at 10000: at most 10000 characters (got 10001)', position: 10_000,
    });
  });
});
