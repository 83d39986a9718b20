// Record field names that a Flink SQL identifier cannot hold as they are. Calcite's back-quoted
// identifiers take no line break and have no escapes, so such a name is written with escape text
// (escape.ts, sqlName) and the column no longer matches the JSON field it should read: the export
// says so once per name, and expressions name the columns the same way. Expressions' string literals
// that hold such characters are written in the Unicode form (escape.ts, sqlString).
import { referencedFields, toSql, type Expr } from '../model/index.ts';
import { dedupKeys, exprOf, type Analysis } from './analysis.ts';
import { hasHazard, quoted, sqlName, sqlString } from './escape.ts';

/** Every field name the job uses, in a stable order. */
function fieldNames(a: Analysis): string[] {
  const names = new Set(a.allNames);
  for (const node of a.order) {
    if (node.kind === 'keyBy') names.add(node.params.key);
    if (node.kind === 'dedup') for (const k of dedupKeys(node)) names.add(k);
    if (node.kind === 'join') names.add(node.params.leftKey).add(node.params.rightKey);
    for (const agg of a.info.get(node.id)!.aggs) if (agg.field !== undefined) names.add(agg.field);
    if (node.kind === 'filter') for (const f of referencedFields(exprOf(node.params.predicate))) names.add(f);
    if (node.kind === 'map') for (const src of Object.values(node.params.fields)) for (const f of referencedFields(exprOf(src))) names.add(f);
  }
  return [...names];
}

/** A warning per field name that the SQL writes under another name. */
export function sqlNameNotes(a: Analysis): string[] {
  return fieldNames(a)
    .filter(hasHazard)
    .map((name) => `the field name ${quoted(name)} holds a line break or another control or invisible character, which a Flink SQL identifier cannot hold: its column is named \`${sqlName(name)}\` here, so it does not read or write the JSON field of that name; rename the field`);
}

/** The expression with its field names as the SQL's columns are named (sqlName); unchanged when none needs it. */
export function sqlNamedExpr(e: Expr): Expr {
  if (!referencedFields(e).some(hasHazard)) return e;
  // JSON.parse's reviver visits every node without recursion in this code (deep chains are fine).
  return JSON.parse(JSON.stringify(e), (_k, v: unknown) =>
    v !== null && typeof v === 'object' && (v as Expr).kind === 'field' ? { kind: 'field', name: sqlName((v as { name: string }).name) } : v,
  ) as Expr;
}

/**
 * The expression as Flink SQL (toSql), its columns named as the SQL's are (sqlName) and its string
 * literals written by sqlString. toSql writes every literal plainly, so each literal that needs the
 * Unicode form is printed as a placeholder that occurs nowhere else, then replaced.
 */
export function sqlExprText(e: Expr): string {
  const named = sqlNamedExpr(e);
  const special: string[] = [];
  const json = JSON.stringify(named);
  if (!/"kind":"literal"/.test(json)) return toSql(named);
  let nonce = 0;
  while (json.includes(`sl${nonce}x`)) nonce++;
  const placeholder = (i: number) => `sl${nonce}x${i}`;
  const withPlaceholders = JSON.parse(json, (_k, v: unknown) => {
    const lit = v as { kind?: string; value?: unknown };
    if (lit !== null && typeof lit === 'object' && lit.kind === 'literal' && typeof lit.value === 'string' && hasHazard(lit.value)) {
      special.push(lit.value);
      return { kind: 'literal', value: placeholder(special.length - 1) };
    }
    return v;
  }) as Expr;
  let sql = toSql(withPlaceholders);
  special.forEach((value, i) => {
    sql = sql.replace(`'${placeholder(i)}'`, () => sqlString(value));
  });
  return sql;
}
