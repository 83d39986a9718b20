import type { BinaryOp, CaseBranch, Expr, FunctionName } from './ast.ts';

/**
 * Evaluation semantics (documented choices):
 * - Values are JS numbers (all numbers are doubles: Spark's exact DECIMAL arithmetic is not modelled),
 *   strings, booleans and null. A missing field or `undefined` reads as null; any other value (an
 *   object, a bigint) passes through field references, COALESCE and CASE but is a type mismatch for
 *   every operator and function.
 * - SQL three-valued logic: comparisons and arithmetic with a null operand give null; AND/OR/NOT use
 *   the Kleene truth tables; a filter keeps a row only when its predicate is exactly `true`.
 * - Type mismatches (e.g. `'a' < 1`, `'a' + 1`, `UPPER(1)`, `NOT 3`) give null, never an error:
 *   evaluation never throws. Comparisons need both sides of the same type (number, string or boolean;
 *   false < true); strings compare by Unicode code point, like Flink and Spark's binary UTF-8 order.
 * - `/` is numeric division giving a double, as in Spark (`5 / 2` = 2.5; Flink would give 2 for two
 *   INTs). Division, `%` and MOD by zero give null (Spark's non-ANSI behaviour; Flink would fail).
 *   `%` and MOD take the sign of the dividend (Java/Spark/Flink `%`).
 * - `||` and CONCAT need strings (Flink rejects other types; Spark would cast); null if any input is null.
 * - FLOOR/CEIL return a whole-valued double.
 */
export type Compiled = (record: Record<string, unknown>) => unknown;

/** Compiles to a closure tree once (called per record), never via eval; the result never throws. */
export function compileExpr(expr: Expr): Compiled {
  let fn: Compiled;
  try {
    fn = compile(expr);
  } catch {
    return () => null; // only for malformed ASTs built by hand
  }
  return (record) => {
    try {
      return fn(record);
    } catch {
      return null; // defensive: a throwing getter or proxy in a record
    }
  };
}

/** -1, 0, 1, or null when the values are not comparable (null, different or unsupported types, NaN). */
export function compareValues(a: unknown, b: unknown): number | null {
  const t = typeof a;
  if (t !== typeof b) return null;
  if (t === 'number') return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : a === b ? 0 : null;
  if (t === 'string') return compareStrings(a as string, b as string);
  if (t === 'boolean') return a === b ? 0 : a ? 1 : -1;
  return null;
}

/** Code point order (= UTF-8 byte order), unlike JS `<` which compares UTF-16 code units. */
function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x !== y) {
      // Surrogates (D800–DFFF) encode code points above FFFF: move them above E000–FFFF.
      if (x >= 0xd800 && y >= 0xd800) {
        x += x >= 0xe000 ? -0x800 : 0x2000;
        y += y >= 0xe000 ? -0x800 : 0x2000;
      }
      return x < y ? -1 : 1;
    }
  }
  return a.length < b.length ? -1 : 1;
}

const truth = (v: unknown): boolean | null => (v === true ? true : v === false ? false : null);
const num = (v: unknown): v is number => typeof v === 'number';

function compile(e: Expr): Compiled {
  switch (e.kind) {
    case 'literal': {
      const value = e.value;
      return () => value;
    }
    case 'field': {
      const name = e.name;
      if (name in Object.prototype) {
        return (r) => (Object.hasOwn(r, name) ? (r[name] ?? null) : null);
      }
      return (r) => {
        const v = r[name];
        return v === undefined ? null : v;
      };
    }
    case 'unary': {
      const operand = compile(e.operand);
      if (e.op === 'NOT') {
        return (r) => {
          const v = operand(r);
          return v === true ? false : v === false ? true : null;
        };
      }
      return (r) => {
        const v = operand(r);
        return num(v) ? -v : null;
      };
    }
    case 'binary':
      return compileChain(e);
    case 'isNull': {
      const operand = compile(e.operand);
      const negated = e.negated;
      return (r) => (operand(r) === null) !== negated;
    }
    case 'between': {
      const [x, low, high] = [compile(e.operand), compile(e.low), compile(e.high)];
      const negated = e.negated;
      return (r) => {
        const v = x(r);
        const lo = compareValues(v, low(r));
        const hi = compareValues(v, high(r));
        const ge = lo === null ? null : lo >= 0;
        const le = hi === null ? null : hi <= 0;
        const result = ge === false || le === false ? false : ge === null || le === null ? null : true;
        return result === null ? null : result !== negated;
      };
    }
    case 'in': {
      const x = compile(e.operand);
      const list = e.list.map(compile);
      const negated = e.negated;
      return (r) => {
        const v = x(r);
        if (v === null) return null;
        let unknown = false;
        for (const item of list) {
          const c = compareValues(v, item(r));
          if (c === 0) return !negated;
          if (c === null) unknown = true;
        }
        return unknown ? null : negated;
      };
    }
    case 'call':
      return compileCall(e.fn, e.args.map(compile));
    case 'case':
      return compileCase(e.subject && compile(e.subject), e.branches, e.otherwise && compile(e.otherwise));
    default:
      throw new Error(`unknown expression kind ${(e as { kind: unknown }).kind}`);
  }
}

type BinaryExpr = Extract<Expr, { kind: 'binary' }>;
/** Combines an already evaluated left operand with the right one (evaluated lazily for AND/OR). */
type Step = (left: unknown, r: Record<string, unknown>) => unknown;

/** Chains longer than this (a OR b OR ... ) evaluate in a loop instead of nested closures (stack depth). */
const MAX_NESTED_CHAIN = 32;

function compileChain(e: BinaryExpr): Compiled {
  const spine: BinaryExpr[] = [];
  let bottom: Expr = e;
  for (; bottom.kind === 'binary'; bottom = bottom.left) spine.push(bottom);
  let acc = compile(bottom);
  if (spine.length <= MAX_NESTED_CHAIN) {
    // The innermost operation sees both operand ASTs, so `value * 2` or `a > b` can read fields inline.
    let leftExpr: Expr | null = bottom;
    for (let i = spine.length - 1; i >= 0; i--) {
      acc = compileBinary(spine[i].op, acc, compile(spine[i].right), leftExpr, spine[i].right);
      leftExpr = null;
    }
    return acc;
  }
  const base = acc;
  const steps = spine.toReversed().map((b) => binaryStep(b.op, compile(b.right)));
  return (r) => {
    let v = base(r);
    for (const step of steps) v = step(v, r);
    return v;
  };
}

function compileBinary(op: BinaryOp, left: Compiled, right: Compiled, leftExpr: Expr | null = null, rightExpr: Expr | null = null): Compiled {
  const arith = ARITH_CODES[op];
  const cmp = COMPARE_CODES[op];
  if (arith === undefined && cmp === undefined) {
    const step = binaryStep(op, right);
    return (r) => step(left(r), r);
  }
  // Arithmetic and comparisons run per record: one closure each, not a chain of steps, and a plain
  // field or a literal operand is read inline. The same semantics as binaryStep's.
  const lf = plainField(leftExpr);
  const rf = plainField(rightExpr);
  const rl = rightExpr?.kind === 'literal' ? rightExpr : null;
  const ll = leftExpr?.kind === 'literal' ? leftExpr : null;
  if (arith !== undefined) {
    const code = arith;
    if (lf !== null && rl !== null) {
      const b = rl.value;
      return (r) => applyArith(code, readField(r, lf), b);
    }
    if (ll !== null && rf !== null) {
      const a = ll.value;
      return (r) => applyArith(code, a, readField(r, rf));
    }
    if (lf !== null && rf !== null) return (r) => applyArith(code, readField(r, lf), readField(r, rf));
    return (r) => applyArith(code, left(r), right(r));
  }
  const code = cmp!;
  if (lf !== null && rl !== null) {
    const b = rl.value;
    return (r) => applyCompare(code, readField(r, lf), b);
  }
  if (ll !== null && rf !== null) {
    const a = ll.value;
    return (r) => applyCompare(code, a, readField(r, rf));
  }
  if (lf !== null && rf !== null) return (r) => applyCompare(code, readField(r, lf), readField(r, rf));
  return (r) => applyCompare(code, left(r), right(r));
}

/**
 * Divisions and modulos by zero (SQL gives NULL) counted since the process started: the plan reads
 * it around one node's expressions to count them per node (engine/faults.ts). Counted only on the
 * zero path, so ordinary arithmetic pays nothing.
 */
export const faultCounters = { divisionByZero: 0 };
const byZero = (): null => (faultCounters.divisionByZero++, null);

const ARITH_CODES: Partial<Record<BinaryOp, number>> = { '+': 0, '-': 1, '*': 2, '/': 3, '%': 4 };
const COMPARE_CODES: Partial<Record<BinaryOp, number>> = { '=': 0, '<>': 1, '<': 2, '<=': 3, '>': 4, '>=': 5 };

/** A field reference that reads as `r[name]` (names on Object.prototype need the hasOwn path). */
const plainField = (e: Expr | null): string | null => (e !== null && e.kind === 'field' && !(e.name in Object.prototype) ? e.name : null);

function readField(r: Record<string, unknown>, name: string): unknown {
  const v = r[name];
  return v === undefined ? null : v;
}

function applyArith(code: number, a: unknown, b: unknown): number | null {
  if (typeof a !== 'number' || typeof b !== 'number') return null;
  switch (code) {
    case 0: return a + b;
    case 1: return a - b;
    case 2: return a * b;
    case 3: return b === 0 ? byZero() : a / b;
    default: return b === 0 ? byZero() : a % b;
  }
}

function applyCompare(code: number, a: unknown, b: unknown): boolean | null {
  let c: number | null;
  if (typeof a === 'number' && typeof b === 'number') {
    if (a !== a || b !== b) return null; // NaN compares to nothing
    c = a < b ? -1 : a > b ? 1 : 0;
  } else {
    c = compareValues(a, b);
    if (c === null) return null;
  }
  switch (code) {
    case 0: return c === 0;
    case 1: return c !== 0;
    case 2: return c < 0;
    case 3: return c <= 0;
    case 4: return c > 0;
    default: return c >= 0;
  }
}

function binaryStep(op: BinaryOp, right: Compiled): Step {
  const arith = (f: (a: number, b: number) => number | null): Step => (a, r) => {
    const b = right(r);
    return num(a) && num(b) ? f(a, b) : null;
  };
  const cmp = (test: (c: number) => boolean): Step => (a, r) => {
    const c = compareValues(a, right(r));
    return c === null ? null : test(c);
  };
  switch (op) {
    case '+': return arith((a, b) => a + b);
    case '-': return arith((a, b) => a - b);
    case '*': return arith((a, b) => a * b);
    case '/': return arith((a, b) => (b === 0 ? byZero() : a / b));
    case '%': return arith((a, b) => (b === 0 ? byZero() : a % b));
    case '=': return cmp((c) => c === 0);
    case '<>': return cmp((c) => c !== 0);
    case '<': return cmp((c) => c < 0);
    case '<=': return cmp((c) => c <= 0);
    case '>': return cmp((c) => c > 0);
    case '>=': return cmp((c) => c >= 0);
    case 'AND': return (left, r) => {
      const a = truth(left);
      if (a === false) return false;
      const b = truth(right(r));
      if (b === false) return false;
      return a === true && b === true ? true : null;
    };
    case 'OR': return (left, r) => {
      const a = truth(left);
      if (a === true) return true;
      const b = truth(right(r));
      if (b === true) return true;
      return a === false && b === false ? false : null;
    };
    case '||': return (a, r) => {
      const b = right(r);
      return typeof a === 'string' && typeof b === 'string' ? a + b : null;
    };
    default:
      throw new Error(`unknown operator ${String(op)}`);
  }
}

function compileCall(fn: FunctionName, args: Compiled[]): Compiled {
  const [a, b] = args;
  const numeric = (f: (x: number) => number): Compiled => (r) => {
    const v = a(r);
    return num(v) ? f(v) : null;
  };
  const text = (f: (s: string) => string): Compiled => (r) => {
    const v = a(r);
    return typeof v === 'string' ? f(v) : null;
  };
  switch (fn) {
    case 'UPPER': return text((s) => s.toUpperCase());
    case 'LOWER': return text((s) => s.toLowerCase());
    case 'ABS': return numeric(Math.abs);
    case 'FLOOR': return numeric(Math.floor);
    case 'CEIL': return numeric(Math.ceil);
    case 'MOD': return compileBinary('%', a, b);
    case 'COALESCE': return (r) => {
      for (const arg of args) {
        const v = arg(r);
        if (v !== null) return v;
      }
      return null;
    };
    case 'CONCAT': return (r) => {
      let out = '';
      for (const arg of args) {
        const v = arg(r);
        if (typeof v !== 'string') return null;
        out += v;
      }
      return out;
    };
    default:
      throw new Error(`unknown function ${String(fn)}`);
  }
}

function compileCase(subject: Compiled | null, branches: CaseBranch[], otherwise: Compiled | null): Compiled {
  const whens = branches.map((b) => compile(b.when));
  const thens = branches.map((b) => compile(b.then));
  const n = whens.length;
  const orElse = otherwise ?? (() => null);
  if (subject === null) {
    return (r) => {
      for (let i = 0; i < n; i++) if (whens[i](r) === true) return thens[i](r);
      return orElse(r);
    };
  }
  return (r) => {
    const s = subject(r);
    for (let i = 0; i < n; i++) if (compareValues(s, whens[i](r)) === 0) return thens[i](r);
    return orElse(r);
  };
}
