// Streamlab expressions as Java source over a Flink `Row` named `r`. Every operator becomes a call to
// the generated program's `Sql` helper class (javaRuntime.ts), which follows the engine's evaluation
// rules (expr/compile.ts): doubles, SQL three-valued logic, NULL on type mismatches and division by
// zero, strings compared by code point. So a filter or map means in Java what it meant in Streamlab.
import type { Expr, LiteralValue } from '../model/index.ts';
import { javaString } from './escape.ts';

export { javaString };

const BINARY: Record<string, string> = {
  '+': 'add', '-': 'sub', '*': 'mul', '/': 'div', '%': 'mod',
  '=': 'eq', '<>': 'ne', '<': 'lt', '<=': 'le', '>': 'gt', '>=': 'ge',
  AND: 'and', OR: 'or', '||': 'concat',
};

const CALLS: Record<string, string> = {
  UPPER: 'upper', LOWER: 'lower', ABS: 'abs', FLOOR: 'floor', CEIL: 'ceil', MOD: 'mod', COALESCE: 'coalesce', CONCAT: 'concatAll',
};

/** A Java double literal; Streamlab numbers are doubles. */
export function javaDouble(n: number): string {
  if (!Number.isFinite(n)) return 'null';
  if (Object.is(n, -0)) return '-0.0';
  const s = String(n);
  return /[.eE]/.test(s) ? s.replace('e+', 'E').replace('e-', 'E-') : `${s}.0`;
}

function literal(v: LiteralValue): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'Boolean.TRUE' : 'Boolean.FALSE';
  if (typeof v === 'string') return javaString(v);
  const d = javaDouble(v);
  // `(Object) -1.0` does not parse as a cast in Java: a cast to a reference type takes no sign.
  return d.startsWith('-') ? `(Object) (${d})` : `(Object) ${d}`;
}

/** Java source for the expression's value (an Object: Double, String, Boolean or null). */
export function toJava(e: Expr, record = 'r'): string {
  const go = (x: Expr): string => toJava(x, record);
  switch (e.kind) {
    case 'literal':
      return literal(e.value);
    case 'field':
      return `Sql.get(${record}, ${javaString(e.name)})`;
    case 'unary':
      return e.op === 'NOT' ? `Sql.not(${go(e.operand)})` : `Sql.neg(${go(e.operand)})`;
    case 'binary': {
      // Left-deep chains (a + b + c …) are printed with a loop, not recursion.
      const spine: Extract<Expr, { kind: 'binary' }>[] = [];
      let bottom: Expr = e;
      for (; bottom.kind === 'binary'; bottom = bottom.left) spine.push(bottom);
      let acc = go(bottom);
      for (let i = spine.length - 1; i >= 0; i--) acc = `Sql.${BINARY[spine[i].op]}(${acc}, ${go(spine[i].right)})`;
      return acc;
    }
    case 'isNull':
      return `Sql.isNull(${go(e.operand)}, ${e.negated})`;
    case 'between':
      return `Sql.between(${go(e.operand)}, ${go(e.low)}, ${go(e.high)}, ${e.negated})`;
    case 'in':
      return `Sql.in(${go(e.operand)}, ${e.negated}, ${e.list.map(go).join(', ')})`;
    case 'call':
      return `Sql.${CALLS[e.fn]}(${e.args.map(go).join(', ')})`;
    case 'case': {
      // A nested conditional, evaluated lazily like SQL's CASE.
      let out = e.otherwise ? go(e.otherwise) : 'null';
      for (const b of e.branches.toReversed()) {
        const test = e.subject ? `Sql.same(${go(e.subject)}, ${go(b.when)})` : `Sql.isTrue(${go(b.when)})`;
        out = `(${test} ? ${go(b.then)} : ${out})`;
      }
      return out;
    }
  }
}
