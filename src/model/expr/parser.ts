import {
  ARITHMETIC_OPS, COMPARISON_OPS, FUNCTIONS, MAX_NESTING, MAX_SOURCE_LENGTH,
  type CaseBranch, type ComparisonOp, type Expr, type ExprError, type FunctionName,
} from './ast.ts';
import { ExprSyntaxError, fail, tokenize, type Token } from './lexer.ts';

/**
 * Recursive-descent parser. Precedence, loosest first:
 *   OR < AND < NOT < predicates (comparison, IS [NOT] NULL, [NOT] BETWEEN, [NOT] IN; not chainable)
 *   < || < + - < * / % < unary minus < primary.
 * Constructs whose meaning differs between Flink (Calcite) and Spark are rejected so that the source
 * exports verbatim: chained comparisons (`a = b = c`), `||` mixed with arithmetic without parentheses
 * (Calcite binds `||` like `*`, Spark like `+`), and (in the lexer) backslashes in strings, double
 * quotes, `--` and `/*` comments. `!=` is accepted but printed as `<>` by `toSql`.
 */
export function parseExpr(source: string): { ok: true; expr: Expr } | { ok: false; error: ExprError } {
  try {
    if (typeof source !== 'string') return { ok: false, error: { message: 'expression is not a string at 0', position: 0 } };
    if (source.length > MAX_SOURCE_LENGTH) {
      fail(MAX_SOURCE_LENGTH, 'expression too long', `at most ${MAX_SOURCE_LENGTH} characters (got ${source.length})`);
    }
    const parser = new Parser(tokenize(source));
    const expr = parser.parseExpression();
    const next = parser.peek();
    if (next.kind !== 'eof') {
      const hint = next.kind === 'op' && next.value === ')' ? "expected an operator or end of input (unmatched ')')" : 'expected an operator or end of input';
      fail(next.pos, `unexpected ${describeToken(next)}`, hint);
    }
    return { ok: true, expr };
  } catch (e) {
    if (e instanceof ExprSyntaxError) return { ok: false, error: { message: e.message, position: e.position } };
    // Defensive: e.g. a stack overflow in an unusual environment. Never throw out of the parser.
    return { ok: false, error: { message: 'expression could not be parsed at 0: too complex', position: 0 } };
  }
}

export function describeToken(t: Token): string {
  switch (t.kind) {
    case 'eof': return 'end of input';
    case 'op': return `'${t.value}'`;
    case 'kw': return t.value;
    case 'num': return `number ${t.value}`;
    case 'str': return `string '${clip(t.value)}'`;
    case 'ident': return t.quoted ? `name \`${clip(t.value)}\`` : `name ${clip(t.value)}`;
  }
}
const clip = (s: string) => (s.length > 20 ? `${s.slice(0, 20)}...` : s);

const PREDICATE_KEYWORDS = new Set(['IS', 'BETWEEN', 'IN']);

class Parser {
  private i = 0;
  /** Nesting: parentheses, unary minus, NOT and each sub-expression of a call, CASE or IN list. */
  private depth = -1;
  /** Nodes written in parentheses in the source (for the `||`-with-arithmetic check). */
  private readonly parenthesized = new WeakSet<Expr>();

  private readonly tokens: Token[];

  constructor(tokens: Token[]) {
    this.tokens = tokens;
  }

  peek(offset = 0): Token {
    return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)];
  }
  private next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.i++;
    return t;
  }
  private isOp(value: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'op' && t.value === value;
  }
  private isKw(value: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'kw' && t.value === value;
  }
  private expectOp(value: string, expected: string): Token {
    if (!this.isOp(value)) fail(this.peek().pos, `unexpected ${describeToken(this.peek())}`, expected);
    return this.next();
  }
  private enter(pos: number): void {
    if (++this.depth > MAX_NESTING) fail(pos, 'expression nested too deeply', `at most ${MAX_NESTING} levels`);
  }

  parseExpression(): Expr {
    this.enter(this.peek().pos);
    const e = this.parseOr();
    this.depth--;
    return e;
  }

  private parseOr(): Expr {
    let left = this.parseAnd();
    while (this.isKw('OR')) {
      this.next();
      left = { kind: 'binary', op: 'OR', left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): Expr {
    let left = this.parseNot();
    while (this.isKw('AND')) {
      this.next();
      left = { kind: 'binary', op: 'AND', left, right: this.parseNot() };
    }
    return left;
  }

  private parseNot(): Expr {
    if (!this.isKw('NOT')) return this.parsePredicate();
    this.enter(this.next().pos);
    const operand = this.parseNot();
    this.depth--;
    return { kind: 'unary', op: 'NOT', operand };
  }

  private atPredicateOperator(): boolean {
    const t = this.peek();
    if (t.kind === 'op') return COMPARISON_OPS.has(t.value) || t.value === '!=';
    if (t.kind !== 'kw') return false;
    return PREDICATE_KEYWORDS.has(t.value) || (t.value === 'NOT' && (this.isKw('BETWEEN', 1) || this.isKw('IN', 1)));
  }

  private parsePredicate(): Expr {
    const left = this.parseConcat();
    if (!this.atPredicateOperator()) {
      if (this.isKw('NOT')) fail(this.peek().pos, 'unexpected NOT', 'expected BETWEEN or IN after NOT');
      return left;
    }
    const result = this.parsePredicateTail(left);
    if (this.atPredicateOperator()) {
      fail(this.peek().pos, `unexpected ${describeToken(this.peek())}`, 'comparisons cannot be chained; add parentheses, e.g. (a = b) = c');
    }
    return result;
  }

  private parsePredicateTail(operand: Expr): Expr {
    const t = this.next();
    if (t.kind === 'op') {
      const op = (t.value === '!=' ? '<>' : t.value) as ComparisonOp;
      return { kind: 'binary', op, left: operand, right: this.parseConcat() };
    }
    if (t.value === 'IS') {
      const negated = this.isKw('NOT');
      if (negated) this.next();
      if (!this.isKw('NULL')) fail(this.peek().pos, `unexpected ${describeToken(this.peek())}`, negated ? 'expected NULL after IS NOT' : 'expected NULL or NOT NULL after IS');
      this.next();
      return { kind: 'isNull', operand, negated };
    }
    const negated = t.value === 'NOT';
    const kw = negated ? this.next() : t;
    if (kw.value === 'BETWEEN') {
      const low = this.parseConcat();
      if (!this.isKw('AND')) fail(this.peek().pos, `unexpected ${describeToken(this.peek())}`, 'expected AND in BETWEEN ... AND ...');
      this.next();
      return { kind: 'between', operand, low, high: this.parseConcat(), negated };
    }
    // IN (list)
    this.expectOp('(', 'expected ( after IN');
    const list = [this.parseExpression()];
    while (this.isOp(',')) {
      this.next();
      list.push(this.parseExpression());
    }
    this.expectOp(')', "expected ',' or ')' to close the IN list");
    return { kind: 'in', operand, list, negated };
  }

  private parseConcat(): Expr {
    let left = this.parseAdditive();
    while (this.isOp('||')) {
      const op = this.next();
      const right = this.parseAdditive();
      this.checkConcatOperand(left, op.pos);
      this.checkConcatOperand(right, op.pos);
      left = { kind: 'binary', op: '||', left, right };
    }
    return left;
  }

  private checkConcatOperand(e: Expr, pos: number): void {
    if (e.kind === 'binary' && ARITHMETIC_OPS.has(e.op) && !this.parenthesized.has(e)) {
      fail(pos, `ambiguous mix of || and ${e.op}`, 'add parentheses (Flink and Spark give || different precedence)');
    }
  }

  private parseAdditive(): Expr {
    let left = this.parseMultiplicative();
    while (this.isOp('+') || this.isOp('-')) {
      const op = this.next().value as '+' | '-';
      left = { kind: 'binary', op, left, right: this.parseMultiplicative() };
    }
    return left;
  }

  private parseMultiplicative(): Expr {
    let left = this.parseUnary();
    while (this.isOp('*') || this.isOp('/') || this.isOp('%')) {
      const op = this.next().value as '*' | '/' | '%';
      left = { kind: 'binary', op, left, right: this.parseUnary() };
    }
    return left;
  }

  private parseUnary(): Expr {
    if (!this.isOp('-')) return this.parsePrimary();
    this.enter(this.next().pos);
    const operand = this.parseUnary();
    this.depth--;
    return { kind: 'unary', op: '-', operand };
  }

  private parsePrimary(): Expr {
    const t = this.peek();
    switch (t.kind) {
      case 'num':
        this.next();
        return { kind: 'literal', value: t.num };
      case 'str':
        this.next();
        return { kind: 'literal', value: t.value };
      case 'ident':
        this.next();
        if (!t.quoted && this.isOp('(')) return this.parseCall(t);
        return { kind: 'field', name: t.value };
      case 'kw':
        if (t.value === 'TRUE' || t.value === 'FALSE' || t.value === 'NULL') {
          this.next();
          return { kind: 'literal', value: t.value === 'NULL' ? null : t.value === 'TRUE' };
        }
        if (t.value === 'CASE') return this.parseCase();
        fail(t.pos, `unexpected ${t.value}`, `expected an expression${t.value === 'NOT' ? ' (put NOT ... in parentheses here)' : ' (back-quote a field named like a keyword: `end`)'}`);
      case 'op':
        if (t.value === '(') {
          this.enter(this.next().pos);
          const inner = this.parseOr();
          this.depth--;
          this.expectOp(')', "expected ')'");
          this.parenthesized.add(inner);
          return inner;
        }
    }
    return fail(t.pos, `unexpected ${describeToken(t)}`, 'expected an expression');
  }

  private parseCall(name: Token): Expr {
    const upper = name.value.toUpperCase();
    if (!Object.hasOwn(FUNCTIONS, upper)) {
      fail(name.pos, `unknown function ${name.value}`, `expected one of ${Object.keys(FUNCTIONS).join(', ')}`);
    }
    const fn = upper as FunctionName;
    this.next(); // (
    const args: Expr[] = [];
    if (!this.isOp(')')) {
      args.push(this.parseExpression());
      while (this.isOp(',')) {
        this.next();
        args.push(this.parseExpression());
      }
    }
    this.expectOp(')', `expected ',' or ')' to close ${fn}(`);
    const [min, max] = FUNCTIONS[fn];
    if (args.length < min || args.length > max) {
      const want = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
      fail(name.pos, `wrong number of arguments for ${fn}`, `expected ${want}, got ${args.length}`);
    }
    return { kind: 'call', fn, args };
  }

  private parseCase(): Expr {
    const start = this.next(); // CASE
    const t = this.peek();
    const atBranch = t.kind === 'eof' || (t.kind === 'kw' && ['WHEN', 'THEN', 'ELSE', 'END'].includes(t.value));
    const subject = atBranch ? null : this.parseExpression();
    const branches: CaseBranch[] = [];
    while (this.isKw('WHEN')) {
      this.next();
      const when = this.parseExpression();
      if (!this.isKw('THEN')) fail(this.peek().pos, `expected THEN after WHEN`, `found ${describeToken(this.peek())}`);
      this.next();
      branches.push({ when, then: this.parseExpression() });
    }
    if (branches.length === 0) fail(this.peek().pos, 'expected WHEN in CASE', `found ${describeToken(this.peek())}`);
    let otherwise: Expr | null = null;
    if (this.isKw('ELSE')) {
      this.next();
      otherwise = this.parseExpression();
    }
    if (!this.isKw('END')) {
      fail(this.peek().pos, `expected ${otherwise ? '' : 'WHEN, ELSE or '}END to close CASE`, `found ${describeToken(this.peek())} (CASE at ${start.pos})`);
    }
    this.next();
    return { kind: 'case', subject, branches, otherwise };
  }
}
