// Runs one micro-batch through the plan, operator after operator in topological order, each over
// all of the batch's rows — the way Spark executes a batch's incremental plan.
import { applyMap, fromPortOf, portOf, type Plan } from '../plan.ts';
import type { Row } from '../result.ts';
import type { BatchContext, MbOperator, PortRows } from './types.ts';

export type BatchOutput = {
  /** Rows each sink received, in order. */
  sinks: Map<string, Row[]>;
  /** Per `watermark` node: the largest event time among this batch's rows (absent: no rows). */
  maxEventTime: Map<string, number>;
  /** Rows into each node (what its costMs is paid for). */
  rowsIn: Map<string, number>;
  /** Rows along each edge, keyed by edge index in plan order. */
  edgeRows: { from: string; to: string; count: number }[];
};

export function executeBatch(
  plan: Plan,
  operators: ReadonlyMap<string, MbOperator>,
  ctxFor: (nodeId: string) => BatchContext,
  sourceRows: ReadonlyMap<string, Row[]>,
): BatchOutput {
  const outOf = new Map<string, Row[]>();
  const result: BatchOutput = { sinks: new Map(), maxEventTime: new Map(), rowsIn: new Map(), edgeRows: [] };
  for (const p of plan.nodes) {
    const ports: PortRows = { in: [], left: [], right: [] };
    for (const e of p.inputs) {
      // Spark has no side outputs: nothing ever flows from a `late` port in micro-batch mode.
      const rows = fromPortOf(e) === 'late' ? [] : (outOf.get(e.from) ?? []);
      const into = ports[portOf(e)];
      for (const r of rows) into.push(r);
      result.edgeRows.push({ from: e.from, to: e.to, count: rows.length });
    }
    const input = ports.in;
    result.rowsIn.set(p.id, input.length + ports.left.length + ports.right.length);
    let out: Row[];
    const node = p.node;
    switch (node.kind) {
      case 'source':
        out = sourceRows.get(p.id) ?? [];
        result.rowsIn.set(p.id, out.length);
        break;
      case 'watermark': {
        // EventTimeWatermarkExec only records statistics; it filters nothing (spec §1.4).
        let max = -Infinity;
        for (const r of input) if (typeof r.ts === 'number' && r.ts > max) max = r.ts;
        if (input.length > 0 && max > -Infinity) result.maxEventTime.set(p.id, max);
        out = input;
        break;
      }
      case 'filter':
        out = input.filter((r) => p.predicate!(r) === true);
        break;
      case 'map':
        out = input.map((r) => applyMap(p, r));
        break;
      case 'sink':
        result.sinks.set(p.id, input);
        out = [];
        break;
      case 'window':
      case 'dedup':
      case 'join':
        out = operators.get(p.id)!.process(ctxFor(p.id), ports);
        break;
      case 'dropLate':
        // Spark has no per-record late filter: a watermark drops rows only in stateful operators.
        if (input.length > 0) ctxFor(p.id).note('dropLate has no effect in micro-batch mode: Spark drops late rows only in stateful operators (aggregation, dedup, join)');
        out = input;
        break;
      case 'keyBy':
      case 'union':
        out = input;
        break;
    }
    outOf.set(p.id, out);
  }
  return result;
}
