// User-named keys called `__proto__`: JSON.parse keeps `{"__proto__": 1}` as an own property, but
// zod drops it while parsing (it copies keys by assignment, which sets no property), so a scripted
// record's field or a map output named `__proto__` vanished. This puts them back, as own data
// properties, in the two places a job uses keys as names: scripted records and map fields.
import type { Job } from './schema.ts';
import type { PathKey } from './problems.ts';

const PROTO = '__proto__';

/** Defines `name` on `row` as an own, enumerable property, also when it is `__proto__`. */
export function defineOwn(row: object, name: string, value: unknown): void {
  Object.defineProperty(row, name, { value, writable: true, enumerable: true, configurable: true });
}

const own = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && Object.hasOwn(v, PROTO);

/** Restores `__proto__` keys of `input` on the parsed `job`; problems for values of the wrong type. */
export function restoreProtoKeys(input: unknown, job: Job): { path: PathKey[]; message: string }[] {
  const problems: { path: PathKey[]; message: string }[] = [];
  const nodes = (input as { nodes?: unknown }).nodes;
  if (!Array.isArray(nodes)) return problems;
  job.nodes.forEach((node, i) => {
    const params = (nodes[i] as { params?: unknown } | undefined)?.params as Record<string, unknown> | undefined;
    if (typeof params !== 'object' || params === null) return;
    if (node.kind === 'source' && Array.isArray(params.records) && node.params.records) {
      params.records.forEach((item, j) => {
        if (own(item) && node.params.records![j]) defineOwn(node.params.records![j], PROTO, item[PROTO]);
      });
    }
    if (node.kind === 'map' && own(params.fields)) {
      const expr = params.fields[PROTO];
      if (typeof expr !== 'string' || expr.length === 0 || expr.length > 10_000) {
        problems.push({ path: ['nodes', i, 'params', 'fields', PROTO], message: 'expected an expression: a string of 1 to 10,000 characters' });
        return;
      }
      // Keep the document's field order: rebuild the fields with __proto__ where it stood.
      const fields = {} as Record<string, string>;
      for (const key of Object.keys(params.fields)) {
        if (key === PROTO) defineOwn(fields, PROTO, expr);
        else if (Object.hasOwn(node.params.fields, key)) fields[key] = node.params.fields[key];
      }
      (node.params as { fields: Record<string, string> }).fields = fields;
    }
  });
  return problems;
}
