import { describe, expect, it } from 'vitest';
import { parseExpr, referencedFields, toSql, type Expr } from './index.ts';

function parse(source: string): Expr {
  const r = parseExpr(source);
  if (!r.ok) throw new Error(r.error.message);
  return r.expr;
}
const lit = (value: string | number | boolean | null): Expr => ({ kind: 'literal', value });
const f = (name: string): Expr => ({ kind: 'field', name });
const bin = (op: string, left: Expr, right: Expr) => ({ kind: 'binary', op, left, right }) as Expr;
/** Parses and prints back: shows how the parser grouped the expression. */
const grouped = (source: string) => toSql(parse(source));

describe('literals and names', () => {
  it('parses numbers', () => {
    expect(parse('42')).toEqual(lit(42));
    expect(parse('3.25')).toEqual(lit(3.25));
    expect(parse('.5')).toEqual(lit(0.5));
    expect(parse('1.')).toEqual(lit(1));
    expect(parse('1e3')).toEqual(lit(1000));
    expect(parse('2.5E-1')).toEqual(lit(0.25));
    expect(parse('-7')).toEqual({ kind: 'unary', op: '-', operand: lit(7) });
  });

  it('parses strings with doubled quotes, including unicode and newlines', () => {
    expect(parse("'it''s'")).toEqual(lit("it's"));
    expect(parse("''")).toEqual(lit(''));
    expect(parse("''''")).toEqual(lit("'"));
    expect(parse("'é 😀\nx'")).toEqual(lit('é 😀\nx'));
  });

  it('parses TRUE, FALSE and NULL case-insensitively', () => {
    expect(parse('TRUE')).toEqual(lit(true));
    expect(parse('false')).toEqual(lit(false));
    expect(parse('Null')).toEqual(lit(null));
  });

  it('parses field names, back-quoted names and keyword-named fields', () => {
    expect(parse('user_id2')).toEqual(f('user_id2'));
    expect(parse('_x')).toEqual(f('_x'));
    expect(parse('`weird name`')).toEqual(f('weird name'));
    expect(parse('`a``b`')).toEqual(f('a`b'));
    expect(parse('`end`')).toEqual(f('end'));
    expect(parse('upper')).toEqual(f('upper')); // a function name is a field unless called
    expect(parse(' \t\n a \r\n')).toEqual(f('a'));
  });
});

describe('precedence and associativity', () => {
  it('AND binds tighter than OR', () => {
    expect(parse('a OR b AND c')).toEqual(bin('OR', f('a'), bin('AND', f('b'), f('c'))));
    expect(parse('a AND b OR c')).toEqual(bin('OR', bin('AND', f('a'), f('b')), f('c')));
  });

  it('NOT is looser than comparison and tighter than AND', () => {
    expect(parse('NOT a = b')).toEqual({ kind: 'unary', op: 'NOT', operand: bin('=', f('a'), f('b')) });
    expect(parse('NOT a AND b')).toEqual(bin('AND', { kind: 'unary', op: 'NOT', operand: f('a') }, f('b')));
    expect(grouped('NOT NOT a')).toBe('NOT (NOT a)');
  });

  it('comparison is looser than additive, additive looser than multiplicative', () => {
    expect(parse('a + 1 > b * 2')).toEqual(bin('>', bin('+', f('a'), lit(1)), bin('*', f('b'), lit(2))));
    expect(parse('a + b * c')).toEqual(bin('+', f('a'), bin('*', f('b'), f('c'))));
    expect(parse('a * b + c')).toEqual(bin('+', bin('*', f('a'), f('b')), f('c')));
    expect(grouped('a % b - c / d')).toBe('a % b - c / d');
  });

  it('binary operators are left-associative', () => {
    expect(parse('a - b - c')).toEqual(bin('-', bin('-', f('a'), f('b')), f('c')));
    expect(parse('a / b * c')).toEqual(bin('*', bin('/', f('a'), f('b')), f('c')));
    expect(parse("a || 'x' || b")).toEqual(bin('||', bin('||', f('a'), lit('x')), f('b')));
  });

  it('unary minus binds tightest', () => {
    expect(parse('-a * b')).toEqual(bin('*', { kind: 'unary', op: '-', operand: f('a') }, f('b')));
    expect(parse('a - -b')).toEqual(bin('-', f('a'), { kind: 'unary', op: '-', operand: f('b') }));
  });

  it('parentheses override precedence', () => {
    expect(parse('(a OR b) AND c')).toEqual(bin('AND', bin('OR', f('a'), f('b')), f('c')));
    expect(parse('a * (b + c)')).toEqual(bin('*', f('a'), bin('+', f('b'), f('c'))));
    expect(parse('((a))')).toEqual(f('a'));
  });

  it('normalises != to <>', () => {
    expect(parse('a != 1')).toEqual(bin('<>', f('a'), lit(1)));
  });
});

describe('predicates, functions and CASE', () => {
  it('parses IS [NOT] NULL, [NOT] BETWEEN and [NOT] IN', () => {
    expect(parse('a IS NULL')).toEqual({ kind: 'isNull', operand: f('a'), negated: false });
    expect(parse('a is not null')).toEqual({ kind: 'isNull', operand: f('a'), negated: true });
    expect(parse('a BETWEEN 1 AND b + 1 AND c')).toEqual(
      bin('AND', { kind: 'between', operand: f('a'), low: lit(1), high: bin('+', f('b'), lit(1)), negated: false }, f('c')),
    );
    expect(parse('a NOT BETWEEN 1 AND 2')).toMatchObject({ kind: 'between', negated: true });
    expect(parse("a IN (1, 'x', b + 1)")).toEqual({
      kind: 'in', operand: f('a'), list: [lit(1), lit('x'), bin('+', f('b'), lit(1))], negated: false,
    });
    expect(parse('a NOT IN (1)')).toMatchObject({ kind: 'in', negated: true });
  });

  it('parses function calls case-insensitively', () => {
    expect(parse('upper(name)')).toEqual({ kind: 'call', fn: 'UPPER', args: [f('name')] });
    expect(parse('Coalesce(a, b, 0)')).toEqual({ kind: 'call', fn: 'COALESCE', args: [f('a'), f('b'), lit(0)] });
    expect(parse('mod(a, 3)')).toMatchObject({ kind: 'call', fn: 'MOD' });
    for (const fn of ['LOWER', 'ABS', 'FLOOR', 'CEIL', 'CONCAT']) expect(parse(`${fn}(a)`)).toMatchObject({ fn });
  });

  it('parses searched and simple CASE', () => {
    expect(parse("CASE WHEN a > 1 THEN 'big' WHEN a > 0 THEN 'small' ELSE 'none' END")).toEqual({
      kind: 'case',
      subject: null,
      branches: [
        { when: bin('>', f('a'), lit(1)), then: lit('big') },
        { when: bin('>', f('a'), lit(0)), then: lit('small') },
      ],
      otherwise: lit('none'),
    });
    expect(parse('case a when 1 then 2 end')).toEqual({
      kind: 'case', subject: f('a'), branches: [{ when: lit(1), then: lit(2) }], otherwise: null,
    });
  });
});

describe('toSql', () => {
  it('prints canonical SQL', () => {
    expect(grouped("upper(name)='BOB'and not(x<>1)")).toBe("UPPER(name) = 'BOB' AND NOT x <> 1");
    expect(grouped('case when a then -1.5 else 2e21 end')).toBe('CASE WHEN a THEN -1.5 ELSE 2e+21 END');
    expect(grouped("a not in (1,2) or b is not null or c not between 'a' and 'z'")).toBe(
      "a NOT IN (1, 2) OR b IS NOT NULL OR c NOT BETWEEN 'a' AND 'z'",
    );
  });

  it('keeps the parentheses the meaning needs, and only those', () => {
    expect(grouped('(a OR b) AND (c OR d)')).toBe('(a OR b) AND (c OR d)');
    expect(grouped('a OR (b OR c)')).toBe('a OR (b OR c)');
    expect(grouped('(a - b) - (c - d)')).toBe('a - b - (c - d)');
    expect(grouped('-(a + b)')).toBe('-(a + b)');
    expect(grouped('-(-3)')).toBe('-(-3)');
    expect(grouped('(a = b) = c')).toBe('(a = b) = c');
    expect(grouped('(a IS NULL) = TRUE')).toBe('(a IS NULL) = TRUE');
    expect(grouped('(a || b) || c')).toBe('a || b || c');
    expect(grouped('a || (b || c)')).toBe('a || (b || c)');
    expect(grouped("(a + 1) || 'x'")).toBe("(a + 1) || 'x'");
    expect(grouped("('x' || a) = b")).toBe("'x' || a = b");
  });

  it('never prints -- (an SQL comment)', () => {
    const neg = (operand: Expr): Expr => ({ kind: 'unary', op: '-', operand });
    expect(toSql(neg(lit(-3)))).toBe('-(-3)');
    expect(toSql(bin('-', f('a'), lit(-3)))).toBe('a - -3');
    expect(toSql(lit(-0))).toBe('-0');
  });

  it('back-quotes names that are not plain identifiers or are reserved in Flink or Spark', () => {
    expect(grouped('`weird name` + `a``b`')).toBe('`weird name` + `a``b`');
    expect(grouped('`end` > `value` AND `count` = `ts`')).toBe('`end` > `value` AND `count` = ts');
    expect(toSql(f('1st'))).toBe('`1st`');
  });

  it('prints strings and numbers so that they read back the same', () => {
    expect(toSql(lit("it's"))).toBe("'it''s'");
    expect(toSql(lit(1e21))).toBe('1e+21');
    expect(toSql(lit(2 ** 60))).toBe('1.152921504606847e+18');
    expect(parse(toSql(lit(2 ** 60)))).toEqual(lit(2 ** 60));
    expect(toSql(lit(5e-324))).toBe('5e-324');
  });
});

describe('referencedFields', () => {
  it('lists each field once, in order of first appearance', () => {
    expect(referencedFields(parse("CASE WHEN b > a THEN UPPER(c) ELSE b || `d d` END IN (a, e)"))).toEqual([
      'b', 'a', 'c', 'd d', 'e',
    ]);
    expect(referencedFields(parse("1 + 2 = 3 AND 'x' IS NULL"))).toEqual([]);
  });
});
