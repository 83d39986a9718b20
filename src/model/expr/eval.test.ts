import { describe, expect, it } from 'vitest';
import { compileExpr, evaluate, parseExpr } from './index.ts';

function run(source: string, record: Record<string, unknown> = {}): unknown {
  const r = parseExpr(source);
  if (!r.ok) throw new Error(r.error.message);
  return evaluate(r.expr, record);
}

describe('arithmetic', () => {
  it('computes + - * / % and unary minus', () => {
    expect(run('1 + 2 * 3 - 4')).toBe(3);
    expect(run('-a + 1', { a: 5 })).toBe(-4);
    expect(run('7 % 3')).toBe(1);
    expect(run('-7 % 3')).toBe(-1); // sign of the dividend, as in Java
    expect(run('MOD(7, -3)')).toBe(1);
  });

  it('/ is double division (Spark), not integer division', () => {
    expect(run('5 / 2')).toBe(2.5);
    expect(run('a / b', { a: 1, b: 4 })).toBe(0.25);
  });

  it('division and remainder by zero give null', () => {
    expect(run('1 / 0')).toBeNull();
    expect(run('0 / 0')).toBeNull();
    expect(run('5 % 0')).toBeNull();
    expect(run('MOD(5, 0)')).toBeNull();
  });

  it('gives null for null operands and type mismatches', () => {
    expect(run('a + 1')).toBeNull();
    expect(run('NULL * 2')).toBeNull();
    expect(run("'1' + 1")).toBeNull();
    expect(run('TRUE + 1')).toBeNull();
    expect(run("-'a'")).toBeNull();
  });
});

describe('three-valued logic', () => {
  const T = true, F = false, N = null;
  const values = { T, F, N };
  const andTable: Record<string, boolean | null> = {
    TT: T, TF: F, TN: N, FT: F, FF: F, FN: F, NT: N, NF: F, NN: N,
  };
  const orTable: Record<string, boolean | null> = {
    TT: T, TF: T, TN: T, FT: T, FF: F, FN: N, NT: T, NF: N, NN: N,
  };
  for (const [key, expected] of Object.entries(andTable)) {
    it(`${key[0]} AND ${key[1]} = ${expected}`, () => {
      const record = { x: values[key[0] as 'T'], y: values[key[1] as 'T'] };
      expect(run('x AND y', record)).toBe(expected);
      expect(run('x OR y', record)).toBe(orTable[key]);
    });
  }

  it('NOT null is null; non-booleans are unknown', () => {
    expect(run('NOT x', { x: true })).toBe(false);
    expect(run('NOT x', { x: false })).toBe(true);
    expect(run('NOT x')).toBeNull();
    expect(run('NOT x', { x: 1 })).toBeNull();
    expect(run('x AND TRUE', { x: 'yes' })).toBeNull();
    expect(run('x AND FALSE', { x: 'yes' })).toBe(false);
  });

  it('comparisons with null are null', () => {
    expect(run('a = NULL', { a: 1 })).toBeNull();
    expect(run('NULL = NULL')).toBeNull();
    expect(run('missing <> 1')).toBeNull();
    expect(run('NOT (missing = 1)')).toBeNull();
  });

  it('IS [NOT] NULL is never null', () => {
    expect(run('missing IS NULL')).toBe(true);
    expect(run('a IS NULL', { a: null })).toBe(true);
    expect(run('a IS NOT NULL', { a: 0 })).toBe(true);
    expect(run('(a = 1) IS NULL')).toBe(true);
  });

  it('IN and NOT IN follow SQL null semantics', () => {
    expect(run('a IN (1, 2)', { a: 2 })).toBe(true);
    expect(run('a IN (1, 2)', { a: 3 })).toBe(false);
    expect(run('a IN (1, NULL)', { a: 1 })).toBe(true);
    expect(run('a IN (1, NULL)', { a: 3 })).toBeNull();
    expect(run('a NOT IN (1, NULL)', { a: 3 })).toBeNull();
    expect(run('a NOT IN (1, 2)', { a: 3 })).toBe(true);
    expect(run('a IN (1)')).toBeNull();
  });

  it('BETWEEN is inclusive and null-aware', () => {
    expect(run('a BETWEEN 1 AND 3', { a: 1 })).toBe(true);
    expect(run('a BETWEEN 1 AND 3', { a: 3 })).toBe(true);
    expect(run('a BETWEEN 1 AND 3', { a: 4 })).toBe(false);
    expect(run('a NOT BETWEEN 1 AND 3', { a: 4 })).toBe(true);
    expect(run('a BETWEEN NULL AND 3', { a: 4 })).toBe(false); // a <= 3 is false
    expect(run('a BETWEEN NULL AND 3', { a: 2 })).toBeNull();
    expect(run("a BETWEEN 'a' AND 'c'", { a: 'b' })).toBe(true);
  });
});

describe('comparison', () => {
  it('compares numbers, strings and booleans of the same type', () => {
    expect(run('1 = 1.0')).toBe(true);
    expect(run('2 >= 3')).toBe(false);
    expect(run("'abc' < 'abd'")).toBe(true);
    expect(run("'B' < 'a'")).toBe(true); // binary order, case-sensitive
    expect(run('FALSE < TRUE')).toBe(true);
    expect(run("a <> 'x'", { a: 'x' })).toBe(false);
  });

  it('compares strings by code point (UTF-8 order), not UTF-16 unit', () => {
    expect(run("'\uFFFF' < '😀'")).toBe(true);
    expect(run("'😀' > 'z'")).toBe(true);
  });

  it('gives null when comparing different types', () => {
    expect(run("1 = '1'")).toBeNull();
    expect(run('a < 1', { a: true })).toBeNull();
    expect(run('a = a', { a: { nested: 1 } })).toBeNull();
  });
});

describe('functions and concatenation', () => {
  it('UPPER, LOWER, ABS, FLOOR, CEIL', () => {
    expect(run("UPPER('abc') || LOWER('DéF')")).toBe('ABCdéf');
    expect(run('ABS(-2.5)')).toBe(2.5);
    expect(run('FLOOR(-2.5)')).toBe(-3);
    expect(run('CEIL(2.1)')).toBe(3);
    expect(run('UPPER(1)')).toBeNull();
    expect(run("ABS('x')")).toBeNull();
    expect(run('LOWER(missing)')).toBeNull();
  });

  it('COALESCE returns the first non-null argument', () => {
    expect(run("COALESCE(a, b, 'none')", { b: 2 })).toBe(2);
    expect(run("COALESCE(a, b, 'none')")).toBe('none');
    expect(run('COALESCE(a)')).toBeNull();
  });

  it('|| and CONCAT join strings; null if any input is null or not a string', () => {
    expect(run("a || '-' || b", { a: 'x', b: 'y' })).toBe('x-y');
    expect(run("CONCAT(a, '-', b)", { a: 'x', b: 'y' })).toBe('x-y');
    expect(run("a || 'x'")).toBeNull();
    expect(run("CONCAT('x', a)")).toBeNull();
    expect(run("'n' || 1")).toBeNull();
  });
});

describe('CASE', () => {
  const grade = "CASE WHEN score >= 90 THEN 'A' WHEN score >= 50 THEN 'B' ELSE 'C' END";
  it('takes the first branch whose condition is true', () => {
    expect(run(grade, { score: 95 })).toBe('A');
    expect(run(grade, { score: 60 })).toBe('B');
    expect(run(grade, { score: 10 })).toBe('C');
    expect(run(grade, {})).toBe('C'); // null conditions do not match
  });

  it('gives null without ELSE', () => {
    expect(run('CASE WHEN a THEN 1 END', { a: false })).toBeNull();
  });

  it('simple CASE compares with =, so a null subject matches nothing', () => {
    const simple = "CASE k WHEN 1 THEN 'one' WHEN 2 THEN 'two' ELSE 'other' END";
    expect(run(simple, { k: 2 })).toBe('two');
    expect(run(simple, { k: '2' })).toBe('other');
    expect(run(simple, {})).toBe('other');
    expect(run('CASE k WHEN NULL THEN 1 ELSE 0 END')).toBe(0);
  });
});

describe('records', () => {
  it('reads missing and undefined fields as null, ignoring inherited properties', () => {
    expect(run('a', { a: undefined })).toBeNull();
    for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      expect(run(`\`${name}\` IS NULL`, {})).toBe(true);
    }
    expect(run('`toString`', { toString: 'own' })).toBe('own');
  });

  it('passes other values through field references, COALESCE and CASE', () => {
    const obj = { nested: [1] };
    expect(run('a', { a: obj })).toBe(obj);
    expect(run('COALESCE(missing, a)', { a: obj })).toBe(obj);
    expect(run('a + 1', { a: obj })).toBeNull();
  });

  it('never throws, even for hostile records', () => {
    const r = parseExpr('a + 1 > 2 AND UPPER(b) = c');
    if (!r.ok) throw new Error(r.error.message);
    const fn = compileExpr(r.expr);
    const throwing = Object.defineProperty({}, 'a', { get() { throw new Error('boom'); } });
    const proxy = new Proxy({}, { get() { throw new Error('boom'); } });
    for (const record of [throwing, proxy, null, undefined, 42, 'str']) {
      expect(fn(record as Record<string, unknown>)).toBeNull();
    }
  });

  it('evaluates long operator chains without deep recursion', () => {
    const sum = parseExpr('a' + ' + a'.repeat(2000));
    const any = parseExpr(Array.from({ length: 500 }, (_, i) => `a = ${i}`).join(' OR '));
    if (!sum.ok || !any.ok) throw new Error('parse failed');
    expect(evaluate(sum.expr, { a: 1 })).toBe(2001);
    expect(evaluate(any.expr, { a: 499 })).toBe(true);
    expect(evaluate(any.expr, { a: 500 })).toBe(false);
    expect(evaluate(any.expr, {})).toBeNull();
  });

  it('compiles once and is reusable across records', () => {
    const r = parseExpr('price * qty > 100');
    if (!r.ok) throw new Error(r.error.message);
    const fn = compileExpr(r.expr);
    expect([{ price: 10, qty: 11 }, { price: 10, qty: 10 }, { price: 10 }].map(fn)).toEqual([true, false, null]);
  });
});
