// Static facts about an expression over known input fields: its result type (for the column types
// the SQL export declares), the fields it reads that the input lacks, and the operators whose
// meaning differs between Streamlab's evaluation and a target's.
import { referencedFields, type Expr } from '../model/index.ts';

export type FieldType = 'int' | 'double' | 'string' | 'boolean' | 'timestamp' | 'unknown';

type Fields = readonly { name: string; type: FieldType }[];

const numeric = (t: FieldType) => t === 'int' || t === 'double';

export function fieldTypeOf(e: Expr, fields: Fields): FieldType {
  switch (e.kind) {
    case 'literal': {
      const v = e.value;
      if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'double';
      if (typeof v === 'string') return 'string';
      if (typeof v === 'boolean') return 'boolean';
      return 'unknown';
    }
    case 'field':
      return fields.find((f) => f.name === e.name)?.type ?? 'unknown';
    case 'unary':
      return e.op === 'NOT' ? 'boolean' : fieldTypeOf(e.operand, fields);
    case 'binary': {
      if (e.op === '||') return 'string';
      if (e.op === '+' || e.op === '-' || e.op === '*' || e.op === '%') {
        const [l, r] = [fieldTypeOf(e.left, fields), fieldTypeOf(e.right, fields)];
        if (l === 'int' && r === 'int') return 'int';
        return numeric(l) || numeric(r) ? 'double' : 'unknown';
      }
      if (e.op === '/') return 'double';
      return 'boolean';
    }
    case 'isNull':
    case 'between':
    case 'in':
      return 'boolean';
    case 'call':
      switch (e.fn) {
        case 'UPPER':
        case 'LOWER':
        case 'CONCAT':
          return 'string';
        case 'ABS':
        case 'FLOOR':
        case 'CEIL':
          return fieldTypeOf(e.args[0], fields);
        case 'MOD': {
          const [l, r] = e.args.map((a) => fieldTypeOf(a, fields));
          return l === 'int' && r === 'int' ? 'int' : 'double';
        }
        case 'COALESCE':
          return e.args.map((a) => fieldTypeOf(a, fields)).find((t) => t !== 'unknown') ?? 'unknown';
      }
      return 'unknown';
    case 'case': {
      const results = [...e.branches.map((b) => b.then), ...(e.otherwise ? [e.otherwise] : [])];
      const types = results.map((r) => fieldTypeOf(r, fields)).filter((t) => t !== 'unknown');
      if (types.length === 0) return 'unknown';
      if (types.every((t) => t === types[0])) return types[0];
      return types.every(numeric) ? 'double' : 'unknown';
    }
  }
}

/** Fields the expression reads that are not among `fields`. */
export function missingFields(e: Expr, fields: Fields): string[] {
  const have = new Set(fields.map((f) => f.name));
  return referencedFields(e).filter((name) => !have.has(name));
}

/** Whether the expression divides two integer-typed operands (Flink SQL: integer division). */
export function dividesIntegers(e: Expr, fields: Fields): boolean {
  let found = false;
  const visit = (x: Expr): void => {
    if (found) return;
    switch (x.kind) {
      case 'binary':
        if (x.op === '/' && fieldTypeOf(x.left, fields) === 'int' && fieldTypeOf(x.right, fields) === 'int') {
          found = true;
          return;
        }
        visit(x.left);
        visit(x.right);
        return;
      case 'unary':
      case 'isNull':
        return visit(x.operand);
      case 'between':
        return [x.operand, x.low, x.high].forEach(visit);
      case 'in':
        return [x.operand, ...x.list].forEach(visit);
      case 'call':
        return x.args.forEach(visit);
      case 'case':
        if (x.subject) visit(x.subject);
        for (const b of x.branches) {
          visit(b.when);
          visit(b.then);
        }
        if (x.otherwise) visit(x.otherwise);
        return;
      default:
        return;
    }
  };
  visit(e);
  return found;
}
