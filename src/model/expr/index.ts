/**
 * Streamlab's expression language for `filter` predicates and `map` fields: the SQL expression subset
 * shared by Flink SQL and Spark SQL. Parsed (parser.ts), compiled to closures (compile.ts, which also
 * documents the evaluation semantics) and printed back as SQL for the exporters (print.ts).
 */
import type { Expr } from './ast.ts';
import { compileExpr } from './compile.ts';

export type { Expr, ExprError, LiteralValue } from './ast.ts';
export { parseExpr } from './parser.ts';
export { compileExpr } from './compile.ts';
export { toSql, quoteIdentifier } from './print.ts';

/** One-off evaluation; prefer `compileExpr` once and call the closure per record. Never throws. */
export function evaluate(expr: Expr, record: Record<string, unknown>): unknown {
  return compileExpr(expr)(record);
}

/** The field names the expression reads, each once, in order of first appearance. */
export function referencedFields(expr: Expr): string[] {
  const seen = new Set<string>();
  const stack: Expr[] = [expr];
  while (stack.length > 0) {
    const e = stack.pop()!;
    switch (e.kind) {
      case 'literal': break;
      case 'field': seen.add(e.name); break;
      case 'unary': stack.push(e.operand); break;
      case 'binary': stack.push(e.right, e.left); break;
      case 'isNull': stack.push(e.operand); break;
      case 'between': stack.push(e.high, e.low, e.operand); break;
      case 'in': stack.push(...e.list.toReversed(), e.operand); break;
      case 'call': stack.push(...e.args.toReversed()); break;
      case 'case':
        if (e.otherwise) stack.push(e.otherwise);
        for (const b of e.branches.toReversed()) stack.push(b.then, b.when);
        if (e.subject) stack.push(e.subject);
        break;
    }
  }
  return [...seen];
}
