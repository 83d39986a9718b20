// Runs one micro-batch through the plan, operator after operator in topological order, each over
// all of the batch's rows — the way Spark executes a batch's incremental plan.
//
// Per-row work is plain loops over arrays: a node with one input reads its upstream's array as it
// is (rows are never mutated, so sharing is safe), pass-through nodes (keyBy, union of one input,
// watermark, dropLate) hand it on without copying, and the wiring is worked out once per plan.
import { mapperOf, type Plan, type PlanNode } from '../plan.ts';
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
  /** Rows each window node emitted this batch (its results, per output mode). */
  windowRows: Map<string, Row[]>;
};

type Input = {
  readonly from: string;
  readonly to: string;
  /** Index in plan.nodes of the upstream node. */
  readonly fromIndex: number;
  /** Spark has no side outputs: nothing ever flows from a `late` port in micro-batch mode. */
  readonly late: boolean;
  readonly port: 'in' | 'left' | 'right';
};

type Step = { readonly p: PlanNode; readonly inputs: readonly Input[]; readonly single: Input | null };

const EMPTY: Row[] = [];
const DROP_LATE_NOTE = 'dropLate has no effect in micro-batch mode: Spark drops late rows only in stateful operators (aggregation, dedup, join)';

const compiled = new WeakMap<Plan, readonly Step[]>();

function stepsOf(plan: Plan): readonly Step[] {
  let steps = compiled.get(plan);
  if (steps) return steps;
  const indexOf = new Map(plan.nodes.map((p, i) => [p.id, i]));
  steps = plan.nodes.map((p) => {
    const inputs = p.inputs.map((e) => ({
      from: e.from,
      to: e.to,
      fromIndex: indexOf.get(e.from)!,
      late: (e.fromPort ?? 'out') === 'late',
      port: e.toPort ?? 'in',
    }));
    return { p, inputs, single: inputs.length === 1 && inputs[0].port === 'in' ? inputs[0] : null };
  });
  compiled.set(plan, steps);
  return steps;
}

export function executeBatch(
  plan: Plan,
  operators: ReadonlyMap<string, MbOperator>,
  ctxFor: (nodeId: string) => BatchContext,
  sourceRows: ReadonlyMap<string, Row[]>,
): BatchOutput {
  const steps = stepsOf(plan);
  const outs: Row[][] = new Array<Row[]>(steps.length).fill(EMPTY);
  const result: BatchOutput = { sinks: new Map(), maxEventTime: new Map(), rowsIn: new Map(), edgeRows: [], windowRows: new Map() };
  for (let s = 0; s < steps.length; s++) {
    const { p, inputs, single } = steps[s];
    let input: Row[];
    let ports: PortRows | null = null;
    if (single !== null) {
      input = single.late ? EMPTY : outs[single.fromIndex];
      result.edgeRows.push({ from: single.from, to: single.to, count: input.length });
      result.rowsIn.set(p.id, input.length);
    } else {
      ports = { in: [], left: [], right: [] };
      for (const e of inputs) {
        const rows = e.late ? EMPTY : outs[e.fromIndex];
        const into = ports[e.port];
        for (let i = 0; i < rows.length; i++) into.push(rows[i]);
        result.edgeRows.push({ from: e.from, to: e.to, count: rows.length });
      }
      input = ports.in;
      result.rowsIn.set(p.id, input.length + ports.left.length + ports.right.length);
    }
    let out: Row[];
    const node = p.node;
    switch (node.kind) {
      case 'source':
        out = sourceRows.get(p.id) ?? EMPTY;
        result.rowsIn.set(p.id, out.length);
        break;
      case 'watermark': {
        // EventTimeWatermarkExec only records statistics; it filters nothing (spec §1.4).
        let max = -Infinity;
        for (let i = 0; i < input.length; i++) {
          const ts = input[i].ts;
          if (typeof ts === 'number' && ts > max) max = ts;
        }
        if (input.length > 0 && max > -Infinity) result.maxEventTime.set(p.id, max);
        out = input;
        break;
      }
      case 'filter': {
        const predicate = p.predicate!;
        out = [];
        for (let i = 0; i < input.length; i++) {
          const row = input[i];
          if (predicate(row) === true) out.push(row);
        }
        break;
      }
      case 'map': {
        const mapRow = mapperOf(p);
        out = [];
        for (let i = 0; i < input.length; i++) out.push(mapRow(input[i]));
        break;
      }
      case 'sink':
        result.sinks.set(p.id, input);
        out = EMPTY;
        break;
      case 'window':
      case 'dedup':
      case 'join':
        out = operators.get(p.id)!.process(ctxFor(p.id), ports ?? { in: input, left: [], right: [] });
        break;
      case 'dropLate':
        // Spark has no per-record late filter: a watermark drops rows only in stateful operators.
        if (input.length > 0) ctxFor(p.id).note(DROP_LATE_NOTE);
        out = input;
        break;
      case 'keyBy':
      case 'union':
        out = input;
        break;
    }
    outs[s] = out;
    if (node.kind === 'window' && out.length > 0) result.windowRows.set(p.id, out);
  }
  return result;
}
