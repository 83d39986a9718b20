// A job compiled for execution: nodes in topological order with their edges, the key field in effect
// on each node's input, compiled expressions and aggregates. Both modes run from a plan.
import { compileExpr, parseExpr, createGraph, fromPortOf, inputKeysOf, portOf, type Graph, getField, isPrototypeName, setField, toAggSpecs, type AggSpec } from '../model/index.ts';
import type { Job, JobEdge, JobNode, Mode, Row } from '../model/index.ts';
import { createFaults, watchDivisions, watchField, type FaultLog, type NodeFaults } from './faults.ts';

export type RowFn = (row: Row) => unknown;

export type PlanNode = {
  readonly node: JobNode;
  readonly id: string;
  readonly index: number;
  readonly inputs: readonly JobEdge[];
  readonly outputs: readonly JobEdge[];
  /** The field whose value keys records arriving at this node (set by an upstream keyBy). */
  readonly keyField: string | null;
  /** Whether a watermark can reach this node (a `watermark` node or punctuated source upstream). */
  readonly watermarked: boolean;
  /** Whether a `watermark` node is upstream (micro-batch: Spark's event-time column metadata). */
  readonly afterWatermarkNode: boolean;
  readonly predicate?: RowFn;
  readonly fields?: readonly (readonly [string, RowFn])[];
  /** Map nodes: `fields` applied to a row (see applyMap), compiled once. */
  readonly mapRow?: (row: Row) => Row;
  /**
   * Map nodes: the same, written into `out`, a row this mapper made before (same properties, same
   * order, every one overwritten); null where that could differ from a new row (`__proto__`).
   */
  readonly mapInto?: ((row: Row, out: Row) => Row) | null;
  readonly aggs?: readonly AggSpec[];
  /** Quiet numeric faults of this node's expressions, counted as they happen (faults.ts). */
  readonly faults: NodeFaults;
};

export type Plan = {
  readonly job: Job;
  readonly mode: Mode;
  readonly graph: Graph;
  readonly nodes: readonly PlanNode[];
  readonly byId: ReadonlyMap<string, PlanNode>;
  /** Set when a node counts a kind of numeric fault for the first time (the simulation reports it). */
  readonly faultLog: FaultLog;
};

export function createPlan(job: Job, mode: Mode): Plan {
  const graph = createGraph(job);
  if (!graph.order) throw new Error('the graph has a cycle');
  const byId = new Map<string, PlanNode>();
  const keys = inputKeysOf(graph);
  const reach = upstreamKindsOf(graph);
  const faultLog: FaultLog = { dirty: false };
  const nodes: PlanNode[] = graph.order.map((id, index) => {
    const node = graph.nodes.get(id)!;
    const inputs = graph.inputs.get(id)!;
    const outputs = graph.outputs.get(id)!;
    const keyField = keys.get(id)!;
    const up = reach.get(id)!;
    const faults = createFaults(faultLog);
    const plan: PlanNode = {
      node,
      id,
      index,
      inputs,
      outputs,
      keyField,
      watermarked: up.watermarked,
      afterWatermarkNode: up.afterWatermarkNode,
      ...compileParams(node, faults),
      faults,
    };
    byId.set(id, plan);
    return plan;
  });
  return { job, mode, graph, nodes, byId, faultLog };
}

/**
 * Per node, whether a watermark node or a punctuated source is upstream: one pass in topological
 * order (a search upstream from every node was quadratic: seconds for a 5,000-node chain).
 */
function upstreamKindsOf(graph: Graph): Map<string, { watermarked: boolean; afterWatermarkNode: boolean }> {
  const out = new Map<string, { watermarked: boolean; afterWatermarkNode: boolean }>();
  const emits = new Map<string, { watermarked: boolean; afterWatermarkNode: boolean }>();
  for (const id of graph.order!) {
    let watermarked = false;
    let afterWatermarkNode = false;
    for (const e of graph.inputs.get(id)!) {
      const from = emits.get(e.from)!;
      watermarked ||= from.watermarked;
      afterWatermarkNode ||= from.afterWatermarkNode;
    }
    out.set(id, { watermarked, afterWatermarkNode });
    const node = graph.nodes.get(id)!;
    emits.set(id, {
      watermarked: watermarked || node.kind === 'watermark' || hasPunctuation(node),
      afterWatermarkNode: afterWatermarkNode || node.kind === 'watermark',
    });
  }
  return out;
}

const hasPunctuation = (n: JobNode): boolean =>
  n.kind === 'source' && (n.params.records ?? []).some((r) => 'watermark' in r);

function compileParams(node: JobNode, faults: NodeFaults): Pick<PlanNode, 'predicate' | 'fields' | 'mapRow' | 'mapInto' | 'aggs'> {
  const parse = (source: string) => {
    const parsed = parseExpr(source);
    if (!parsed.ok) throw new Error(`${node.id}: ${parsed.error.message}`);
    return parsed.expr;
  };
  switch (node.kind) {
    case 'filter': {
      const expr = parse(node.params.predicate);
      return { predicate: watchDivisions(compileExpr(expr), faults, expr) };
    }
    case 'map': {
      const fields = Object.entries(node.params.fields).map(([name, src]) => {
        const expr = parse(src);
        return [name, watchField(name, compileExpr(expr), faults, expr)] as const;
      });
      return { fields, mapRow: compileMapper(fields), mapInto: compileMapInto(fields) };
    }
    case 'window':
      return { aggs: toAggSpecs(node.params.aggregate) };
    default:
      return {};
  }
}

/** Key of a row at a node: the value of its key field (undefined for non-keyed streams). */
export const keyOf = (plan: PlanNode, row: Row): unknown =>
  plan.keyField === null ? undefined : isPrototypeName(plan.keyField) ? getField(row, plan.keyField) : row[plan.keyField];

/** Applies a map node: the new fields, keeping the record's event time unless a field sets `ts`. */
export function applyMap(plan: PlanNode, row: Row): Row {
  return plan.mapRow!(row);
}

/** The compiled map of a map node (for a loop over many rows). */
export const mapperOf = (plan: PlanNode): ((row: Row) => Row) => plan.mapRow!;

/** `mapperOf`, writing into a row it made before (for a row nobody kept); null if not possible. */
export const reusingMapperOf = (plan: PlanNode): ((row: Row, out: Row) => Row) | null => plan.mapInto ?? null;

function compileMapInto(fields: readonly (readonly [string, RowFn])[]): ((row: Row, out: Row) => Row) | null {
  if (fields.some(([name]) => name === '__proto__')) return null;
  const [[n0, f0] = ['', () => null], [n1, f1] = ['', () => null], [n2, f2] = ['', () => null]] = fields;
  switch (fields.length) {
    case 0:
      return (row, out) => ((out.ts = row.ts), out);
    case 1:
      return (row, out) => {
        out.ts = row.ts;
        out[n0] = f0(row);
        return out;
      };
    case 2:
      return (row, out) => {
        out.ts = row.ts;
        out[n0] = f0(row);
        out[n1] = f1(row);
        return out;
      };
    case 3:
      return (row, out) => {
        out.ts = row.ts;
        out[n0] = f0(row);
        out[n1] = f1(row);
        out[n2] = f2(row);
        return out;
      };
    default:
      return (row, out) => {
        out.ts = row.ts;
        for (let i = 0; i < fields.length; i++) out[fields[i][0]] = fields[i][1](row);
        return out;
      };
  }
}

/**
 * `{ ts: row.ts }`, then each field in order (a field named `ts` overwrites it in place). Runs per
 * record, so the common small field lists get closures without a loop over the field list.
 */
function compileMapper(fields: readonly (readonly [string, RowFn])[]): (row: Row) => Row {
  if (fields.some(([name]) => name === '__proto__')) {
    // Assigning __proto__ would set the row's prototype: define every field instead (rare, slower).
    return (row) => {
      const out: Row = { ts: row.ts };
      for (let i = 0; i < fields.length; i++) setField(out, fields[i][0], fields[i][1](row));
      return out;
    };
  }
  const [[n0, f0] = ['', () => null], [n1, f1] = ['', () => null], [n2, f2] = ['', () => null]] = fields;
  switch (fields.length) {
    case 0:
      return (row) => ({ ts: row.ts });
    case 1:
      return (row) => {
        const out: Row = { ts: row.ts };
        out[n0] = f0(row);
        return out;
      };
    case 2:
      return (row) => {
        const out: Row = { ts: row.ts };
        out[n0] = f0(row);
        out[n1] = f1(row);
        return out;
      };
    case 3:
      return (row) => {
        const out: Row = { ts: row.ts };
        out[n0] = f0(row);
        out[n1] = f1(row);
        out[n2] = f2(row);
        return out;
      };
    default:
      return (row) => {
        const out: Row = { ts: row.ts };
        for (let i = 0; i < fields.length; i++) out[fields[i][0]] = fields[i][1](row);
        return out;
      };
  }
}

export { portOf, fromPortOf };
