/**
 * AST of Streamlab's expression language: the SQL expression subset that Flink SQL and Spark SQL
 * share, so that an expression exports to both (print it with `toSql`).
 */

export type ArithmeticOp = '+' | '-' | '*' | '/' | '%';
export type ComparisonOp = '=' | '<>' | '<' | '<=' | '>' | '>=';
/** `||` is string concatenation. `!=` in the source is normalised to `<>`. */
export type BinaryOp = ArithmeticOp | ComparisonOp | 'AND' | 'OR' | '||';
export type UnaryOp = '-' | 'NOT';

export type LiteralValue = number | string | boolean | null;

/** Function names, upper case; arity is `[min, max]` (max `Infinity` for variadic). */
export const FUNCTIONS = {
  UPPER: [1, 1],
  LOWER: [1, 1],
  ABS: [1, 1],
  FLOOR: [1, 1],
  CEIL: [1, 1],
  MOD: [2, 2],
  COALESCE: [1, Infinity],
  CONCAT: [1, Infinity],
} as const satisfies Record<string, readonly [number, number]>;
export type FunctionName = keyof typeof FUNCTIONS;

export type CaseBranch = { when: Expr; then: Expr };

export type Expr =
  | { kind: 'literal'; value: LiteralValue }
  | { kind: 'field'; name: string }
  | { kind: 'unary'; op: UnaryOp; operand: Expr }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr }
  | { kind: 'isNull'; operand: Expr; negated: boolean }
  | { kind: 'between'; operand: Expr; low: Expr; high: Expr; negated: boolean }
  | { kind: 'in'; operand: Expr; list: Expr[]; negated: boolean }
  | { kind: 'call'; fn: FunctionName; args: Expr[] }
  /** `subject` null: searched CASE (`CASE WHEN cond THEN ...`); otherwise simple CASE (`CASE x WHEN v THEN ...`). */
  | { kind: 'case'; subject: Expr | null; branches: CaseBranch[]; otherwise: Expr | null };

export type ExprError = {
  /** Human-readable, includes the position, e.g. `unexpected ')' at 7: expected an expression`. */
  message: string;
  /** 0-based UTF-16 offset into the source, within [0, source.length]. */
  position: number;
};

/** Words our grammar reserves; a field with such a name must be back-quoted. */
export const KEYWORDS: ReadonlySet<string> = new Set([
  'AND', 'OR', 'NOT', 'NULL', 'TRUE', 'FALSE', 'IS', 'IN', 'BETWEEN', 'CASE', 'WHEN', 'THEN', 'ELSE', 'END',
]);

export const ARITHMETIC_OPS: ReadonlySet<string> = new Set(['+', '-', '*', '/', '%']);
export const COMPARISON_OPS: ReadonlySet<string> = new Set(['=', '<>', '<', '<=', '>', '>=']);

export const MAX_SOURCE_LENGTH = 10_000;
export const MAX_NESTING = 200;
