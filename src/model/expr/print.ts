import { ARITHMETIC_OPS, KEYWORDS, type Expr, type LiteralValue } from './ast.ts';

/**
 * Reserved words of Flink SQL (Calcite) and Spark SQL (ANSI mode) that people plausibly use as
 * field names; `toSql` back-quotes such names (e.g. `value`, `count`), which both engines accept.
 */
const RESERVED = new Set(
  `ALL ALLOCATE ALLOW ALTER ANY ARE ARRAY AS ASENSITIVE ASYMMETRIC AT ATOMIC AUTHORIZATION AVG BEGIN BIGINT
  BINARY BIT BLOB BOOLEAN BOTH BY CALL CALLED CARDINALITY CASCADED CAST CEIL CEILING CHAR CHARACTER CHECK
  CLOB CLOSE COALESCE COLLATE COLLECT COLUMN COMMIT CONDITION CONNECT CONSTRAINT CONVERT CORR
  CORRESPONDING COUNT CREATE CROSS CUBE CURRENT CURRENT_DATE CURRENT_TIME CURRENT_TIMESTAMP CURRENT_USER
  CURSOR CYCLE DATE DAY DEALLOCATE DEC DECIMAL DECLARE DEFAULT DELETE DESCRIBE DETERMINISTIC DISALLOW
  DISCONNECT DISTINCT DIV DOUBLE DROP DYNAMIC EACH ELEMENT ESCAPE EVERY EXCEPT EXEC EXECUTE EXISTS EXP
  EXPLAIN EXTEND EXTERNAL EXTRACT FETCH FILTER FIRST_VALUE FLOAT FLOOR FOR FOREIGN FREE FROM FULL FUNCTION
  FUSION GET GLOBAL GRANT GROUP GROUPING HAVING HOLD HOUR IDENTITY IMPORT INDICATOR INNER INOUT INSENSITIVE
  INSERT INT INTEGER INTERSECT INTERSECTION INTERVAL INTO JOIN LAG LANGUAGE LARGE LAST_VALUE LATERAL LEAD
  LEADING LEFT LIKE LIMIT LN LOCAL LOCALTIME LOCALTIMESTAMP LOWER MATCH MAX MEMBER MERGE METHOD MIN MINUTE
  MOD MODIFIES MODULE MONTH MULTISET NATIONAL NATURAL NCHAR NCLOB NEW NEXT NO NONE NORMALIZE NULLIF NUMERIC
  OF OFFSET OLD ON ONLY OPEN ORDER OUT OUTER OVER OVERLAPS OVERLAY PARAMETER PARTITION PERCENT PERIOD
  POSITION POWER PRECISION PREPARE PRIMARY PROCEDURE RANGE RANK READS REAL RECURSIVE REF REFERENCES
  REFERENCING RELEASE RESET RESULT RETURN RETURNS REVOKE RIGHT ROLLBACK ROLLUP ROW ROWS SAVEPOINT SCOPE
  SCROLL SEARCH SECOND SELECT SENSITIVE SESSION_USER SET SIMILAR SMALLINT SOME SPECIFIC SQL SQLEXCEPTION
  SQLSTATE SQLWARNING SQRT START STATIC STREAM SUBMULTISET SUM SYMMETRIC SYSTEM SYSTEM_USER TABLE
  TABLESAMPLE TIME TIMESTAMP TIMEZONE_HOUR TIMEZONE_MINUTE TINYINT TO TRAILING TRANSLATE TREAT TRIGGER
  TRIM TRUNCATE UESCAPE UNION UNIQUE UNKNOWN UNNEST UPDATE UPPER USER USING VALUE VALUES VARBINARY VARCHAR
  VARYING WHENEVER WHERE WINDOW WITH WITHIN WITHOUT YEAR`.split(/\s+/),
);

// Precedence levels, loosest first (see parser.ts).
const OR = 1, AND = 2, NOT = 3, PREDICATE = 4, CONCAT = 5, ADDITIVE = 6, MULTIPLICATIVE = 7, UNARY = 8, ATOM = 9;

type Printed = { sql: string; prec: number };

/** Prints the AST back as SQL that Flink SQL, Spark SQL and `parseExpr` read with the same meaning. */
export function toSql(expr: Expr): string {
  return print(expr).sql;
}

export function quoteIdentifier(name: string): string {
  const upper = name.toUpperCase();
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !KEYWORDS.has(upper) && !RESERVED.has(upper)) return name;
  return `\`${name.replaceAll('`', '``')}\``;
}

function literal(value: LiteralValue): Printed {
  if (value === null) return { sql: 'NULL', prec: ATOM };
  if (typeof value === 'boolean') return { sql: value ? 'TRUE' : 'FALSE', prec: ATOM };
  if (typeof value === 'string') return { sql: `'${value.replaceAll("'", "''")}'`, prec: ATOM };
  // Not expressible portably; parseExpr never produces these.
  if (!Number.isFinite(value)) return { sql: 'NULL', prec: ATOM };
  let sql = Number.isSafeInteger(value) || !Number.isInteger(value) ? String(value) : value.toExponential();
  if (Object.is(value, -0)) sql = '-0';
  return { sql, prec: sql.startsWith('-') ? UNARY : ATOM };
}

const wrap = (p: Printed, min: number): string => (p.prec >= min ? p.sql : `(${p.sql})`);
const all = (es: Expr[]): string => es.map((e) => print(e).sql).join(', ');

function print(e: Expr): Printed {
  switch (e.kind) {
    case 'literal':
      return literal(e.value);
    case 'field':
      return { sql: quoteIdentifier(e.name), prec: ATOM };
    case 'unary': {
      if (e.op === 'NOT') return { sql: `NOT ${wrap(print(e.operand), PREDICATE)}`, prec: NOT };
      const inner = print(e.operand);
      // Never emit `--` (a comment in SQL).
      const sql = inner.prec >= UNARY && !inner.sql.startsWith('-') ? inner.sql : `(${inner.sql})`;
      return { sql: `-${sql}`, prec: UNARY };
    }
    case 'binary': {
      // Left spines of operator chains (a + b + c ...) are walked in a loop, not recursed into.
      const spine: Extract<Expr, { kind: 'binary' }>[] = [];
      let bottom: Expr = e;
      for (; bottom.kind === 'binary'; bottom = bottom.left) spine.push(bottom);
      let acc = print(bottom);
      for (let i = spine.length - 1; i >= 0; i--) acc = printBinary(spine[i], acc);
      return acc;
    }
    case 'isNull':
      return { sql: `${wrap(print(e.operand), CONCAT)} IS ${e.negated ? 'NOT ' : ''}NULL`, prec: PREDICATE };
    case 'between': {
      const [x, lo, hi] = [e.operand, e.low, e.high].map((p) => wrap(print(p), CONCAT));
      return { sql: `${x} ${e.negated ? 'NOT ' : ''}BETWEEN ${lo} AND ${hi}`, prec: PREDICATE };
    }
    case 'in':
      return { sql: `${wrap(print(e.operand), CONCAT)} ${e.negated ? 'NOT ' : ''}IN (${all(e.list)})`, prec: PREDICATE };
    case 'call':
      return { sql: `${e.fn}(${all(e.args)})`, prec: ATOM };
    case 'case': {
      const parts = ['CASE'];
      if (e.subject) parts.push(print(e.subject).sql);
      for (const b of e.branches) parts.push(`WHEN ${print(b.when).sql} THEN ${print(b.then).sql}`);
      if (e.otherwise) parts.push(`ELSE ${print(e.otherwise).sql}`);
      parts.push('END');
      return { sql: parts.join(' '), prec: ATOM };
    }
  }
}

function printBinary(e: Extract<Expr, { kind: 'binary' }>, left: Printed): Printed {
  const { op } = e;
  const right = print(e.right);
  if (op === 'OR' || op === 'AND') {
    const prec = op === 'OR' ? OR : AND;
    return { sql: `${wrap(left, prec)} ${op} ${wrap(right, prec + 1)}`, prec };
  }
  if (op === '||') {
    // Operands of || are never bare arithmetic (Flink and Spark disagree on its precedence).
    const l = e.left.kind === 'binary' && e.left.op === '||' ? left.sql : wrap(left, UNARY);
    return { sql: `${l} || ${wrap(right, UNARY)}`, prec: CONCAT };
  }
  if (ARITHMETIC_OPS.has(op)) {
    const prec = op === '+' || op === '-' ? ADDITIVE : MULTIPLICATIVE;
    return { sql: `${wrap(left, prec)} ${op} ${wrap(right, prec + 1)}`, prec };
  }
  return { sql: `${wrap(left, CONCAT)} ${op} ${wrap(right, CONCAT)}`, prec: PREDICATE };
}
