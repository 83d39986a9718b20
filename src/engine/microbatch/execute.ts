// Runs one micro-batch through the plan, operator after operator in topological order, each over
// all of the batch's rows — the way Spark executes a batch's incremental plan.
//
// Like Spark's whole-stage code generation, a linear run of stateless operators (watermark, filter,
// map, keyBy, dropLate, a one-input union) is fused into one pass over its input, and when that run
// feeds a window aggregation alone, the pass hands each row straight to the aggregation: rows made
// by a map live only as long as it takes to add them up. What is observable is unchanged: the same
// rows reach every stateful operator and sink in the same order, the per-node and per-edge counts
// and the watermark statistics are the same, and notes keep the plan's order. Rows are never
// mutated, so a node with one input reads its upstream's array as it is. The wiring is worked out
// once per plan.
import { mapperOf, reusingMapperOf, type Plan, type PlanNode } from '../plan.ts';
import type { Row } from '../../model/index.ts';
import { materializeRows, rowRangeOf } from './lazyRows.ts';
import type { BatchContext, MbOperator, MbRowStream, PortRows } from './types.ts';

/** Spark's EventTimeStats (EventTimeWatermarkExec): over the rows with a numeric event time. */
export type EventTimeStats = { max: number; min: number; avg: number; count: number };

function statsOf(rows: readonly Row[]): EventTimeStats {
  let max = -Infinity;
  let min = Infinity;
  let sum = 0;
  let count = 0;
  for (let r = 0; r < rows.length; r++) {
    const ts = rows[r].ts;
    if (typeof ts !== 'number') continue;
    if (ts > max) max = ts;
    if (ts < min) min = ts;
    sum += ts;
    count++;
  }
  return { max, min, avg: count > 0 ? sum / count : NaN, count };
}

export type BatchOutput = {
  /** Rows each sink received, in order. */
  sinks: Map<string, Row[]>;
  /** Per `watermark` node: the largest event time among this batch's rows (absent: no rows). */
  maxEventTime: Map<string, number>;
  /** Per `watermark` node: Spark's EventTimeStats of this batch's rows (absent: no rows). */
  eventTimeStats: Map<string, EventTimeStats>;
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
  /** Index of this edge in edgeRows. */
  readonly edge: number;
  /** Spark has no side outputs: nothing ever flows from a `late` port in micro-batch mode. */
  readonly late: boolean;
  readonly port: 'in' | 'left' | 'right';
};

/** A linear run of stateless nodes after `head`, each the only consumer of the one before. */
type Chain = {
  readonly head: number;
  /** Node indexes, upstream first. */
  readonly links: readonly number[];
  /** A window node that is the last link's only consumer: fed row by row, run with the chain. */
  readonly consumer: number | null;
  /** Its per-row function, made on first use and kept, so that optimised code stays valid across batches. */
  pipeline?: Pipeline;
};

/** What a chain's pass counts and where its rows go, reset for every batch. */
type ChainState = {
  /** Rows that passed each link (filters; other links pass every row). */
  passed: number[];
  /** Watermark links: the max, min and sum of event times seen, and how many. */
  max: number[];
  min: number[];
  sum: number[];
  timed: number[];
  /** Rows out of the last link when no operator takes them as a stream. */
  collected: Row[];
  stream: MbRowStream | null;
};

type Pipeline = { readonly run: (row: Row) => boolean; readonly state: ChainState };

/**
 * The chain's links composed back to front into one function per row. Each returns whether the
 * row it was given is still referenced afterwards (collected, or kept by the consumer), so that a
 * map may write its next row into the object it made for the last one when nobody kept that.
 */
function createPipeline(nodes: readonly PlanNode[], links: readonly number[]): Pipeline {
  const state: ChainState = {
    passed: links.map(() => 0),
    max: links.map(() => -Infinity),
    min: links.map(() => Infinity),
    sum: links.map(() => 0),
    timed: links.map(() => 0),
    collected: [],
    stream: null,
  };
  let emit = (row: Row): boolean => {
    const stream = state.stream;
    if (stream !== null) return stream.push(row);
    state.collected.push(row);
    return true;
  };
  for (let k = links.length - 1; k >= 0; k--) {
    const p = nodes[links[k]];
    const next = emit;
    const kk = k;
    switch (p.node.kind) {
      case 'filter': {
        const predicate = p.predicate!;
        const passed = state.passed;
        emit = (row) => {
          if (predicate(row) !== true) return false;
          passed[kk]++;
          return next(row);
        };
        break;
      }
      case 'map': {
        const mapRow = mapperOf(p);
        const mapInto = reusingMapperOf(p);
        if (mapInto === null) {
          emit = (row) => (next(mapRow(row)), false);
          break;
        }
        let spare: Row | null = null;
        emit = (row) => {
          const out = spare === null ? mapRow(row) : mapInto(row, spare);
          spare = next(out) ? null : out;
          return false; // a map's input is not referenced by its output
        };
        break;
      }
      case 'watermark': {
        const { max, min, sum, timed } = state;
        emit = (row) => {
          const ts = row.ts;
          if (typeof ts === 'number') {
            if (ts > max[kk]) max[kk] = ts;
            if (ts < min[kk]) min[kk] = ts;
            sum[kk] += ts;
            timed[kk]++;
          }
          return next(row);
        };
        break;
      }
      default:
        break; // keyBy, dropLate, union: the row passes as it is
    }
  }
  return { run: emit, state };
}

type Step =
  | { readonly kind: 'node'; readonly index: number }
  | { readonly kind: 'chain'; readonly chain: Chain };

type Compiled = {
  readonly nodes: readonly PlanNode[];
  readonly inputs: readonly (readonly Input[])[];
  readonly edges: readonly { readonly from: string; readonly to: string }[];
  readonly steps: readonly Step[];
  /** Sources read only by a chain: their rows may be made as the chain runs (lazyRows.ts). */
  readonly streamed: ReadonlySet<number>;
};

const EMPTY: Row[] = [];
/** Link kinds that hand rows on unchanged (a watermark only looks at them). */
const PASS_THROUGH: ReadonlySet<string> = new Set(['watermark', 'keyBy', 'dropLate', 'union']);
const DROP_LATE_NOTE = 'dropLate has no effect in micro-batch mode: Spark drops late rows only in stateful operators (aggregation, dedup, join)';

const compiledPlans = new WeakMap<Plan, Compiled>();

const isLinkKind = (p: PlanNode): boolean => {
  const k = p.node.kind;
  return k === 'watermark' || k === 'filter' || k === 'map' || k === 'keyBy' || k === 'dropLate' || k === 'union';
};

function compile(plan: Plan): Compiled {
  const cached = compiledPlans.get(plan);
  if (cached) return cached;
  const nodes = plan.nodes;
  const indexOf = new Map(nodes.map((p, i) => [p.id, i]));
  const edges: { from: string; to: string }[] = [];
  const inputs = nodes.map((p) =>
    p.inputs.map((e) => {
      edges.push({ from: e.from, to: e.to });
      return {
        from: e.from,
        to: e.to,
        fromIndex: indexOf.get(e.from)!,
        edge: edges.length - 1,
        late: (e.fromPort ?? 'out') === 'late',
        port: e.toPort ?? 'in',
      };
    }),
  );
  const outDegree = nodes.map((p) => p.outputs.length);
  const consumerOf = nodes.map((p) => (p.outputs.length === 1 ? (indexOf.get(p.outputs[0].to) ?? -1) : -1));
  const soleInput = (i: number): Input | null => {
    const ins = inputs[i];
    return ins.length === 1 && !ins[0].late && ins[0].port === 'in' ? ins[0] : null;
  };
  /** A node fused into the chain of its upstream. */
  const isLink = (i: number): boolean => {
    const input = soleInput(i);
    return input !== null && isLinkKind(nodes[i]) && outDegree[input.fromIndex] === 1 && nodes[input.fromIndex].node.kind !== 'sink';
  };
  const stepAt = new Map<number, Step>();
  const fused = new Set<number>();
  for (let i = 0; i < nodes.length; i++) {
    if (!isLink(i) || isLink(soleInput(i)!.fromIndex)) continue; // chains start at their first link
    const links = [i];
    for (let last = i; outDegree[last] === 1 && consumerOf[last] >= 0 && isLink(consumerOf[last]); last = consumerOf[last]) links.push(consumerOf[last]);
    const last = links[links.length - 1];
    const next = outDegree[last] === 1 ? consumerOf[last] : -1;
    const consumer = next >= 0 && nodes[next].node.kind === 'window' && soleInput(next) !== null ? next : null;
    for (const l of links) fused.add(l);
    if (consumer !== null) fused.add(consumer);
    // Run where the last of them stands in the plan: everything the chain reads is ready by then,
    // and no other node reads what its inner links produce.
    stepAt.set(consumer ?? last, { kind: 'chain', chain: { head: soleInput(i)!.fromIndex, links, consumer } });
  }
  const steps: Step[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const s = stepAt.get(i);
    if (s) steps.push(s);
    else if (!fused.has(i)) steps.push({ kind: 'node', index: i });
  }
  const streamed = new Set<number>();
  for (let i = 0; i < nodes.length; i++) if (nodes[i].node.kind === 'source' && consumerOf[i] >= 0 && isLink(consumerOf[i])) streamed.add(i);
  const compiled: Compiled = { nodes, inputs, edges, steps, streamed };
  compiledPlans.set(plan, compiled);
  return compiled;
}

/** Rows made one by one as the pass takes them: none outlives its trip down the chain. */
function passRange(run: (row: Row) => boolean, rowAt: (index: number, into?: Row) => Row, start: number, count: number) {
  let spare: Row | undefined;
  for (let r = start; r < start + count; r++) {
    const row = rowAt(r, spare);
    spare = run(row) ? undefined : row;
  }
}

function passRows(run: (row: Row) => boolean, rows: Row[]) {
  for (let r = 0; r < rows.length; r++) run(rows[r]);
}

export function executeBatch(
  plan: Plan,
  operators: ReadonlyMap<string, MbOperator>,
  ctxFor: (nodeId: string) => BatchContext,
  sourceRows: ReadonlyMap<string, Row[]>,
): BatchOutput {
  const { nodes, inputs, edges, steps, streamed } = compile(plan);
  const n = nodes.length;
  const outs: Row[][] = new Array<Row[]>(n).fill(EMPTY);
  const rowsIn = new Array<number>(n).fill(0);
  const edgeCounts = new Array<number>(edges.length).fill(0);
  /** Per watermark node: the event-time statistics of its rows (none: it had no rows). */
  const stats = new Map<number, EventTimeStats>();
  const notes: { index: number; message: string }[] = [];
  const sinks = new Map<string, Row[]>();
  const windowRows = new Map<string, Row[]>();
  // Notes are collected and passed on in plan order at the end, as running node by node gives them.
  const contextOf = (index: number): BatchContext => ({ ...ctxFor(nodes[index].id), note: (message) => notes.push({ index, message }) });

  const runNode = (i: number) => {
    const p = nodes[i];
    const ins = inputs[i];
    let input: Row[];
    let ports: PortRows | null = null;
    if (ins.length === 1 && ins[0].port === 'in') {
      input = ins[0].late ? EMPTY : outs[ins[0].fromIndex];
      edgeCounts[ins[0].edge] = input.length;
      rowsIn[i] = input.length;
    } else {
      ports = { in: [], left: [], right: [] };
      for (const e of ins) {
        const rows = e.late ? EMPTY : outs[e.fromIndex];
        const into = ports[e.port];
        for (let r = 0; r < rows.length; r++) into.push(rows[r]);
        edgeCounts[e.edge] = rows.length;
      }
      input = ports.in;
      rowsIn[i] = input.length + ports.left.length + ports.right.length;
    }
    let out: Row[];
    const node = p.node;
    switch (node.kind) {
      case 'source': {
        const rows = sourceRows.get(p.id) ?? EMPTY;
        out = streamed.has(i) ? rows : materializeRows(rows);
        rowsIn[i] = out.length;
        break;
      }
      case 'watermark': {
        // EventTimeWatermarkExec only records statistics; it filters nothing (spec §1.4).
        const st = statsOf(input);
        if (st.count > 0) stats.set(i, st);
        out = input;
        break;
      }
      case 'filter': {
        const predicate = p.predicate!;
        out = [];
        for (let r = 0; r < input.length; r++) {
          const row = input[r];
          if (predicate(row) === true) out.push(row);
        }
        break;
      }
      case 'map': {
        const mapRow = mapperOf(p);
        out = [];
        for (let r = 0; r < input.length; r++) out.push(mapRow(input[r]));
        break;
      }
      case 'sink':
        sinks.set(p.id, input);
        out = EMPTY;
        break;
      case 'window':
      case 'dedup':
      case 'join':
        out = operators.get(p.id)!.process(contextOf(i), ports ?? { in: input, left: [], right: [] });
        break;
      case 'dropLate':
        // Spark has no per-record late filter: a watermark drops rows only in stateful operators.
        if (input.length > 0) notes.push({ index: i, message: DROP_LATE_NOTE });
        out = input;
        break;
      case 'keyBy':
      case 'union':
        out = input;
        break;
    }
    outs[i] = out;
    if (node.kind === 'window' && out.length > 0) windowRows.set(p.id, out);
  };

  const runChain = (chain: Chain) => {
    let input = outs[chain.head];
    const { links, consumer } = chain;
    const op = consumer === null ? null : operators.get(nodes[consumer].id)!;
    const stream = op?.open?.(contextOf(consumer!)) ?? null;
    const pipe = (chain.pipeline ??= createPipeline(nodes, links));
    const state = pipe.state;
    state.stream = stream;
    state.collected = [];
    state.passed.fill(0);
    state.max.fill(-Infinity);
    state.min.fill(Infinity);
    state.sum.fill(0);
    state.timed.fill(0);
    const range = rowRangeOf(input);
    if (stream === null && links.every((i) => PASS_THROUGH.has(nodes[i].node.kind))) {
      input = materializeRows(input);
      // Nothing to compute per row but watermark statistics: the input array passes on as it is.
      for (let k = 0; k < links.length; k++) {
        if (nodes[links[k]].node.kind !== 'watermark') continue;
        const st = statsOf(input);
        state.max[k] = st.max;
        state.min[k] = st.min;
        state.sum[k] = st.avg * st.count;
        state.timed[k] = st.count;
      }
      state.collected = input;
    } else if (range !== null) passRange(pipe.run, range.rowAt, range.start, range.count);
    else passRows(pipe.run, input);
    // Counts along the chain, as node-by-node execution gives them.
    let count = input.length;
    for (let k = 0; k < links.length; k++) {
      const i = links[k];
      edgeCounts[inputs[i][0].edge] = count;
      rowsIn[i] = count;
      const kind = nodes[i].node.kind;
      if (kind === 'watermark' && count > 0 && state.timed[k] > 0) {
        stats.set(i, { max: state.max[k], min: state.min[k], avg: state.sum[k] / state.timed[k], count: state.timed[k] });
      }
      else if (kind === 'dropLate' && count > 0) notes.push({ index: i, message: DROP_LATE_NOTE });
      if (kind === 'filter') count = state.passed[k];
    }
    const collected = state.collected;
    state.collected = [];
    state.stream = null;
    const last = links[links.length - 1];
    if (consumer === null) {
      outs[last] = collected;
      return;
    }
    edgeCounts[inputs[consumer][0].edge] = count;
    rowsIn[consumer] = count;
    let out: Row[];
    if (stream !== null) out = stream.close();
    else out = op!.process(contextOf(consumer), { in: collected, left: [], right: [] });
    outs[consumer] = out;
    if (out.length > 0) windowRows.set(nodes[consumer].id, out);
  };

  for (const s of steps) {
    if (s.kind === 'node') runNode(s.index);
    else runChain(s.chain);
  }

  // Everything keyed by node or edge, in plan order.
  const result: BatchOutput = { sinks, maxEventTime: new Map(), eventTimeStats: new Map(), rowsIn: new Map(), edgeRows: [], windowRows };
  for (let i = 0; i < n; i++) {
    result.rowsIn.set(nodes[i].id, rowsIn[i]);
    const st = stats.get(i);
    if (st === undefined) continue;
    result.maxEventTime.set(nodes[i].id, st.max);
    result.eventTimeStats.set(nodes[i].id, st);
  }
  for (let e = 0; e < edges.length; e++) result.edgeRows.push({ from: edges[e].from, to: edges[e].to, count: edgeCounts[e] });
  notes.sort((a, b) => a.index - b.index);
  for (const { index, message } of notes) ctxFor(nodes[index].id).note(message);
  return result;
}
