// What every exporter needs to know about a job beyond its nodes: the topological order, the key in
// effect on each node's input (set by an upstream keyBy, as the engine's plan does), the record
// fields (names and value types) on every edge, and the parsed expressions. Pure; no target syntax.
import { parseExpr, type Expr, createGraph, fromPortOf, inputKeysOf, portOf, type Graph, toAggSpecs, type AggSpec } from '../model/index.ts';
import type { Job, JobEdge, JobNode, NodeOf } from '../model/index.ts';
import { fieldTypeOf, type FieldType } from './exprTypes.ts';

export type { FieldType } from './exprTypes.ts';
export type Field = { name: string; type: FieldType };
/** Ordered, names unique. */
export type Schema = readonly Field[];

/** How a target shapes a window's result (the engine's own shape differs by mode). */
export type WindowShape = {
  /** Type of windowStart/windowEnd: epoch ms, or a SQL timestamp. */
  bounds: 'int' | 'timestamp';
  /** Whether the result carries `ts` (windowEnd − 1). */
  ts: boolean;
  /** Whether the result carries `pane` and `paneIndex` (dataflow). */
  panes: boolean;
};

export type NodeInfo = {
  readonly node: JobNode;
  readonly inputs: readonly JobEdge[];
  readonly outputs: readonly JobEdge[];
  /** The field whose value keys records arriving here (an upstream keyBy), or null. */
  readonly keyField: string | null;
  /** Fields arriving (all inputs merged; for a join, the left input). */
  readonly inSchema: Schema;
  /** Right input of a join. */
  readonly rightSchema: Schema;
  /** Fields leaving on the main output. */
  readonly schema: Schema;
  /** A watermark node is upstream. */
  readonly afterWatermark: boolean;
  readonly aggs: readonly AggSpec[];
};

export type Analysis = {
  readonly job: Job;
  readonly graph: Graph;
  /** Nodes in topological order (validation guarantees there is no cycle). */
  readonly order: readonly JobNode[];
  readonly info: ReadonlyMap<string, NodeInfo>;
  /** Every field name used anywhere, so that helper columns can be given names nobody uses. */
  readonly allNames: ReadonlySet<string>;
};

export function analyze(job: Job, shape: WindowShape): Analysis {
  const graph = createGraph(job);
  if (!graph.order) throw new Error('the graph has a cycle');
  const info = new Map<string, NodeInfo>();
  const keys = inputKeysOf(graph);
  const allNames = new Set<string>();
  const order = graph.order.map((id) => graph.nodes.get(id)!);
  for (const node of order) {
    const inputs = graph.inputs.get(node.id)!;
    const outputs = graph.outputs.get(node.id)!;
    const schemaOf = (e: JobEdge): Schema => {
      const up = info.get(e.from)!;
      return fromPortOf(e) === 'late' ? up.inSchema : up.schema;
    };
    const mainInputs = node.kind === 'join' ? inputs.filter((e) => portOf(e) === 'left') : inputs;
    const inSchema = mergeSchemas(mainInputs.map(schemaOf));
    const rightSchema = mergeSchemas(inputs.filter((e) => portOf(e) === 'right').map(schemaOf));
    const keyField = keys.get(node.id)!;
    const aggs = node.kind === 'window' ? toAggSpecs(node.params.aggregate) : [];
    const schema = outputSchema(node, inSchema, rightSchema, keyField, aggs, shape);
    const afterWatermark = inputs.some((e) => {
      const up = info.get(e.from)!;
      return up.node.kind === 'watermark' || up.afterWatermark;
    });
    for (const f of [...schema, ...inSchema]) allNames.add(f.name);
    info.set(node.id, { node, inputs, outputs, keyField, inSchema, rightSchema, schema, afterWatermark, aggs });
  }
  return { job, graph, order, info, allNames };
}

/** An expression the job holds; validation has parsed it already. */
export function exprOf(source: string): Expr {
  const parsed = parseExpr(source);
  if (!parsed.ok) throw new Error(`invalid expression ${JSON.stringify(source)}: ${parsed.error.message}`);
  return parsed.expr;
}

/** Ordered field map: setting an existing name keeps its position (like a JS object). */
export class FieldMap {
  private readonly map = new Map<string, FieldType>();
  constructor(fields: Schema = []) {
    for (const f of fields) this.set(f.name, f.type);
  }
  set(name: string, type: FieldType): this {
    this.map.set(name, type);
    return this;
  }
  has(name: string): boolean {
    return this.map.has(name);
  }
  type(name: string): FieldType | undefined {
    return this.map.get(name);
  }
  toSchema(): Field[] {
    return [...this.map].map(([name, type]) => ({ name, type }));
  }
}

export const typeIn = (schema: Schema, name: string): FieldType => schema.find((f) => f.name === name)?.type ?? 'unknown';

/** Merges the inputs of a union (or of any node with several inputs): names in order, types unified. */
export function mergeSchemas(schemas: readonly Schema[]): Schema {
  const out = new FieldMap();
  for (const s of schemas) for (const f of s) out.set(f.name, out.has(f.name) ? unify(out.type(f.name)!, f.type) : f.type);
  return out.toSchema();
}

export function unify(a: FieldType, b: FieldType): FieldType {
  if (a === b) return a;
  if ((a === 'int' && b === 'double') || (a === 'double' && b === 'int')) return 'double';
  return 'unknown';
}

/** The fields a join emits: left, then right (renamed `right_<name>` on a clash), `key`, `ts`. */
export function joinSchema(left: Schema, right: Schema, keyType: FieldType): Field[] {
  const out = new FieldMap(left);
  const leftNames = new Set(left.map((f) => f.name));
  for (const f of right) out.set(leftNames.has(f.name) ? `right_${f.name}` : f.name, f.type);
  return out.set('key', keyType).set('ts', 'int').toSchema();
}

function outputSchema(
  node: JobNode,
  inSchema: Schema,
  rightSchema: Schema,
  keyField: string | null,
  aggs: readonly AggSpec[],
  shape: WindowShape,
): Schema {
  switch (node.kind) {
    case 'source':
      return sourceSchema(node);
    case 'map': {
      const out = new FieldMap();
      if (inSchema.some((f) => f.name === 'ts')) out.set('ts', typeIn(inSchema, 'ts'));
      for (const [name, source] of Object.entries(node.params.fields)) out.set(name, fieldTypeOf(exprOf(source), inSchema));
      return out.toSchema();
    }
    case 'window':
      return windowSchema(node, inSchema, keyField, aggs, shape);
    case 'join':
      return joinSchema(inSchema, rightSchema, typeIn(inSchema, node.params.leftKey));
    case 'sink':
      return [];
    default:
      return inSchema;
  }
}

export function windowSchema(
  node: NodeOf<'window'>,
  inSchema: Schema,
  keyField: string | null,
  aggs: readonly AggSpec[],
  shape: WindowShape,
): Field[] {
  const out = new FieldMap();
  if (keyField !== null) out.set('key', typeIn(inSchema, keyField));
  const global = node.params.assigner.kind === 'global';
  if (!global) out.set('windowStart', shape.bounds).set('windowEnd', shape.bounds);
  for (const a of aggs) out.set(a.as, aggregateType(a, inSchema));
  if (shape.ts && !global) out.set('ts', 'int');
  if (shape.panes) out.set('pane', 'string').set('paneIndex', 'int');
  return out.toSchema();
}

export function aggregateType(a: AggSpec, inSchema: Schema): FieldType {
  if (a.fn === 'count') return 'int';
  if (a.fn === 'avg') return 'double';
  const t = a.field === undefined ? 'unknown' : typeIn(inSchema, a.field);
  return t === 'int' || t === 'double' ? t : 'double';
}

/** Streamlab's numbers are doubles: a field that holds 1 in the sample may hold 1.5 in real data. */
function valueType(v: unknown): FieldType | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return 'double';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'boolean';
  return 'unknown';
}

/** Fields of a source's records: scripted ones as they appear (without `at`/`partition`), or a generator's. */
export function sourceSchema(node: NodeOf<'source'>): Field[] {
  const out = new FieldMap().set('ts', 'int');
  const { records, generator } = node.params;
  if (generator) {
    const keys = typeof generator.keys === 'number' ? ['k0'] : generator.keys;
    out.set('key', keys.map(valueType).reduce<FieldType | null>((a, b) => (a === null ? b : b === null ? a : unify(a, b)), null) ?? 'string');
    out.set('value', 'double');
    return out.toSchema();
  }
  const seen = new Map<string, FieldType | null>();
  for (const item of records ?? []) {
    if (!('ts' in item)) continue; // a punctuated watermark
    for (const [name, v] of Object.entries(item)) {
      if (name === 'at' || name === 'partition' || name === 'ts') continue;
      const t = valueType(v);
      const before = seen.get(name);
      seen.set(name, before === undefined || before === null ? t : t === null ? before : unify(before, t));
    }
  }
  for (const [name, t] of seen) out.set(name, t ?? 'string');
  return out.toSchema();
}

/**
 * Whether the source ends its input in Streamlab, so that the target's source must end too (and
 * emit the end-of-input watermark): it is bounded (the default) and not an endless generator.
 */
export const endsInput = (node: NodeOf<'source'>): boolean =>
  node.params.bounded !== false && !(node.params.generator !== undefined && node.params.generator.endMs === undefined);

/** Picks `base`, or `base_2`, `base_3`… if a record field already uses the name. */
export function freshName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}_${i}`)) return `${base}_${i}`;
}

/** Whether a map gives `ts` a new value (not just `ts: ts`): the record's event time changes. */
export function mapChangesTs(node: NodeOf<'map'>): boolean {
  const source = node.params.fields.ts;
  if (source === undefined) return false;
  const e = exprOf(source);
  return !(e.kind === 'field' && e.name === 'ts');
}

/** The key fields of a dedup node, as a list. */
export const dedupKeys = (node: NodeOf<'dedup'>): string[] => (Array.isArray(node.params.key) ? node.params.key : [node.params.key]);

/** Sources reached going upstream from `id` without crossing another watermark node. */
export function sourcesBehind(a: Analysis, id: string): { sources: string[]; through: JobNode[] } {
  const sources: string[] = [];
  const through: JobNode[] = [];
  const seen = new Set<string>();
  const stack = [id];
  while (stack.length > 0) {
    for (const e of a.graph.inputs.get(stack.pop()!) ?? []) {
      if (seen.has(e.from)) continue;
      seen.add(e.from);
      const n = a.graph.nodes.get(e.from)!;
      if (n.kind === 'source') sources.push(n.id);
      else if (n.kind !== 'watermark') {
        through.push(n);
        stack.push(n.id);
      }
    }
  }
  return { sources, through };
}

/** Nodes downstream of `id` (not including it). */
export function downstreamOf(a: Analysis, id: string): JobNode[] {
  const seen = new Set<string>();
  const stack = [id];
  while (stack.length > 0) {
    for (const e of a.graph.outputs.get(stack.pop()!) ?? []) {
      if (!seen.has(e.to)) {
        seen.add(e.to);
        stack.push(e.to);
      }
    }
  }
  return a.order.filter((n) => seen.has(n.id));
}
