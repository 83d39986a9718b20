import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BinaryOp, FunctionName, LiteralValue } from './ast.ts';
import { FUNCTIONS } from './ast.ts';
import { compileExpr, evaluate, parseExpr, referencedFields, toSql, type Expr } from './index.ts';

const FIELDS = ['a', 'b', 'n', 'value', 'end', 'count', 'x y', 'a`b', 'toString'];
const BINARY_OPS: BinaryOp[] = ['+', '-', '*', '/', '%', '=', '<>', '<', '<=', '>', '>=', 'AND', 'OR', '||'];

/** Values that collide often, so that comparisons and CASE branches are exercised. */
const smallValue = fc.oneof(
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom(0.5, -2.5, 1e20, 2 ** 53),
  fc.constantFrom('', 'a', 'B', "it's", 'é', '😀', '\uFFFF'),
  fc.boolean(),
  fc.constant(null),
);

function exprArb(literalValue: fc.Arbitrary<unknown>): fc.Arbitrary<Expr> {
  const literal = literalValue.map((value) => ({ kind: 'literal', value: value as LiteralValue }) as Expr);
  const field = fc.constantFrom(...FIELDS).map((name): Expr => ({ kind: 'field', name }));
  return fc.letrec<{ expr: Expr }>((tie) => {
    const sub = tie('expr');
    const list = fc.array(sub, { minLength: 1, maxLength: 3 });
    const fnArb = fc.constantFrom(...(Object.keys(FUNCTIONS) as FunctionName[]));
    return {
      expr: fc.oneof(
        { depthSize: 'small', maxDepth: 5 },
        literal,
        field,
        fc.record({ kind: fc.constant('unary'), op: fc.constantFrom('-', 'NOT'), operand: sub }) as fc.Arbitrary<Expr>,
        fc.record({ kind: fc.constant('binary'), op: fc.constantFrom(...BINARY_OPS), left: sub, right: sub }) as fc.Arbitrary<Expr>,
        fc.record({ kind: fc.constant('isNull'), operand: sub, negated: fc.boolean() }) as fc.Arbitrary<Expr>,
        fc.record({ kind: fc.constant('between'), operand: sub, low: sub, high: sub, negated: fc.boolean() }) as fc.Arbitrary<Expr>,
        fc.record({ kind: fc.constant('in'), operand: sub, list, negated: fc.boolean() }) as fc.Arbitrary<Expr>,
        fc.tuple(fnArb, fc.array(sub, { minLength: 1, maxLength: 3 })).map(([fn, args]): Expr => {
          const [min, max] = FUNCTIONS[fn];
          const n = Math.max(min, Math.min(max, args.length));
          return { kind: 'call', fn, args: Array.from({ length: n }, (_, i) => args[i % args.length]) };
        }),
        fc.record({
          kind: fc.constant('case'),
          subject: fc.option(sub),
          branches: fc.array(fc.record({ when: sub, then: sub }), { minLength: 1, maxLength: 3 }),
          otherwise: fc.option(sub),
        }) as fc.Arbitrary<Expr>,
      ),
    };
  }).expr;
}

/** Literals that SQL can spell: finite numbers, strings without backslashes. */
const printableLiteral = fc.oneof(
  { arbitrary: smallValue, weight: 4 },
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.string({ maxLength: 6, unit: 'grapheme' }).filter((s) => !s.includes('\\')),
);
const printableExpr = exprArb(printableLiteral);
const record = fc.record(Object.fromEntries(FIELDS.map((f) => [f, smallValue])), { requiredKeys: [] });

/** Anything at all, for the never-throws property. */
const weirdValue = fc.oneof(
  fc.anything(),
  fc.constantFrom(NaN, Infinity, -Infinity, -0, undefined, 10n, Number.MAX_VALUE),
  smallValue,
);
const anyExpr = exprArb(weirdValue);
const anyRecord = fc.record(Object.fromEntries(FIELDS.map((f) => [f, weirdValue])), { requiredKeys: [] });

/** Source texts made of expression-language pieces, to reach deep into the parser. */
const TOKENS = [
  'a', 'b', '`x y`', '`', "'", "'s'", '1', '2.5', '.5', '1e3', '(', ')', ',', '+', '-', '*', '/', '%', '=', '<>', '!=',
  '<', '<=', '>', '>=', '||', 'AND', 'OR', 'NOT', 'IS', 'NULL', 'TRUE', 'BETWEEN', 'IN', 'CASE', 'WHEN', 'THEN',
  'ELSE', 'END', 'UPPER(', 'COALESCE(', 'MOD(', 'FOO(', ' ', '"', '.', '!', '\\', '😀', '\u0000',
];
const tokenSoup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 30 }).map((ts) => ts.join(' '));
const tightSoup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 30 }).map((ts) => ts.join(''));

/** Any code point, lone surrogates, and characters the lexer cares about ('binary' strings are slow to generate). */
const anyChar = fc.oneof(
  fc.integer({ min: 0, max: 0x10ffff }).map((cp) => String.fromCodePoint(cp)),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((unit) => String.fromCharCode(unit)),
  fc.constantFrom(...'ab1 ()\'`.-|*/e'),
);

function checkResult(source: string): void {
  const r = parseExpr(source);
  if (!r.ok) {
    expect(r.error.position).toBeGreaterThanOrEqual(0);
    expect(r.error.position).toBeLessThanOrEqual(source.length);
    expect(Number.isInteger(r.error.position)).toBe(true);
    expect(r.error.message).toContain(` at ${r.error.position}`);
  }
}

// Generous timeouts: the suite takes about a second alone, more on a loaded machine.
describe('properties', { timeout: 30_000 }, () => {
  it('parseExpr never throws, and error positions are within the source', () => {
    fc.assert(fc.property(fc.string({ unit: anyChar, maxLength: 40 }), checkResult), { numRuns: 500 });
    fc.assert(fc.property(fc.oneof(tokenSoup, tightSoup), checkResult), { numRuns: 700 });
  });

  it('toSql then parseExpr evaluates the same as the original AST', () => {
    fc.assert(
      fc.property(printableExpr, fc.array(record, { minLength: 1, maxLength: 4 }), (ast, records) => {
        const sql = toSql(ast);
        const parsed = parseExpr(sql);
        if (!parsed.ok) throw new Error(`${sql}\n${parsed.error.message}`);
        for (const r of records) expect(evaluate(parsed.expr, r)).toEqual(evaluate(ast, r));
        expect(referencedFields(parsed.expr)).toEqual(referencedFields(ast));
      }),
      { numRuns: 500 },
    );
  });

  it('toSql is stable: printing a parsed print gives the same text', () => {
    fc.assert(
      fc.property(printableExpr, (ast) => {
        const sql = toSql(ast);
        const parsed = parseExpr(sql);
        return parsed.ok && toSql(parsed.expr) === sql;
      }),
      { numRuns: 500 },
    );
  });

  it('compiled expressions never throw, whatever the expression and record', () => {
    fc.assert(
      fc.property(anyExpr, anyRecord, (ast, r) => {
        compileExpr(ast)(r);
      }),
      { numRuns: 800 },
    );
  });

  it('predicates evaluate to true, false or null', () => {
    const predicate = printableExpr.map((operand): Expr => ({ kind: 'unary', op: 'NOT', operand }));
    fc.assert(
      fc.property(predicate, anyRecord, (ast, r) => [true, false, null].includes(evaluate(ast, r) as boolean)),
      { numRuns: 300 },
    );
  });
});
