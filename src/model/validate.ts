// Validation of a streamlab.job/v1 document: the zod schema for its shape, then the graph checks
// that a schema cannot express (ids, edges, ports, cycles, expressions, what each mode can run).
// Every boundary (import, CLI, worker) goes through `parseJob`; it never throws.
import { parseExpr } from './expr/index.ts';
import { createGraph, fromPortOf, portOf, type Graph } from './graph.ts';
import { formatPath, problemsFromIssues, ROOT_PATH, type PathKey, type Problem } from './problems.ts';
import { DEFAULT_UNTIL_MS } from './constants.ts';
import { CONTINUOUS_KINDS, firesOnWatermark, hasPunctuatedWatermarks, isEventTimeWindow, isPunctuatedWatermark } from './queries.ts';
import { checkWorkLimits } from './workLimits.ts';
import { restoreProtoKeys } from './protoKeys.ts';
import { jobSchema, nodeKinds, type Job, type JobNode, type Mode, type NodeKind } from './schema.ts';

export { formatProblem, type Problem } from './problems.ts';

export type ParseOptions = {
  /** Check against this mode instead of the job's own `mode`. */
  mode?: Mode;
  /** The run's stop time when a host overrides `settings.untilMs` (the CLI's `--until`). */
  untilMs?: number;
};

export type ParseResult = { ok: true; job: Job; warnings: Problem[] } | { ok: false; problems: Problem[] };

/** At most this many problems are listed; the rest are counted in a last line. */
export const MAX_PROBLEMS = 200;

/** Side output names become result keys `node:name`, so they are plain names. */
const SIDE_OUTPUT_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** zod parse + every graph check; never throws, whatever `input` is. */
export function parseJob(input: unknown, options: ParseOptions = {}): ParseResult {
  try {
    const parsed = jobSchema.safeParse(input);
    if (!parsed.success) return { ok: false, problems: capProblems(problemsFromIssues(parsed.error.issues, jobSchema, input)) };
    const job = parsed.data;
    const lost = restoreProtoKeys(input, job);
    if (lost.length > 0) return { ok: false, problems: lost.map((p) => ({ path: formatPath(p.path), message: p.message })) };
    const mode = options.mode ?? job.mode;
    const { errors, warnings } = checkGraph(job, mode, { untilMs: options.untilMs });
    if (errors.length > 0) return { ok: false, problems: capProblems(errors) };
    return { ok: true, job, warnings: capProblems(warnings) };
  } catch (e) {
    // Only an exotic in-process value (a throwing getter, a revoked proxy) gets here.
    return { ok: false, problems: [{ path: ROOT_PATH, message: `cannot be read: ${errorText(e)}` }] };
  }
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

function capProblems(problems: Problem[]): Problem[] {
  if (problems.length <= MAX_PROBLEMS) return problems;
  const rest = problems.length - MAX_PROBLEMS;
  return [...problems.slice(0, MAX_PROBLEMS), { path: ROOT_PATH, message: `${rest} more problems not shown` }];
}

// ---------------------------------------------------------------------------------------------
// Graph checks.

type Report = { error(path: readonly PathKey[], message: string): void; warn(path: readonly PathKey[], message: string): void };

/** A user-given name, quoted and escaped. */
const q = (name: string) => JSON.stringify(name);
const nodeName = (node: JobNode) => `"${node.id}" (${node.kind})`;
const article = (word: string) => (/^[aeiou]/i.test(word) ? `an ${word}` : `a ${word}`);

/** Every check that needs the whole job; `mode` decides the mode-specific ones. */
export function checkGraph(job: Job, mode: Mode, options: { untilMs?: number } = {}): { errors: Problem[]; warnings: Problem[] } {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const report: Report = {
    error: (path, message) => errors.push({ path: formatPath(path), message }),
    warn: (path, message) => warnings.push({ path: formatPath(path), message }),
  };
  const graph = createGraph(job);
  const firstIndex = checkIds(job, report);
  checkEdges(job, graph, report);
  checkCycles(job, graph, report);
  job.nodes.forEach((node, i) => {
    if (firstIndex.get(node.id) === i) checkInputs(node, i, graph, report); // a duplicate's edges are the first one's
    checkParams(node, i, report);
  });
  checkFaults(job, graph, report);
  checkMode(job, mode, graph, report);
  checkRunLength(job, options.untilMs, report);
  // Estimates need a sound graph: only when nothing else is wrong.
  if (errors.length === 0) checkWorkLimits(job, mode, graph, options.untilMs, report);
  return { errors, warnings };
}

function checkIds(job: Job, report: Report): Map<string, number> {
  const first = new Map<string, number>();
  job.nodes.forEach((node, i) => {
    const seen = first.get(node.id);
    if (seen === undefined) first.set(node.id, i);
    else report.error(['nodes', i, 'id'], `duplicate node id "${node.id}" (also nodes[${seen}])`);
  });
  return first;
}

function checkEdges(job: Job, graph: Graph, report: Report): void {
  job.edges.forEach((edge, i) => {
    const from = graph.nodes.get(edge.from);
    const to = graph.nodes.get(edge.to);
    if (!from) report.error(['edges', i, 'from'], `edge comes from missing node ${q(edge.from)}`);
    if (!to) report.error(['edges', i, 'to'], `edge points to missing node ${q(edge.to)}`);
    if (!from || !to) return;
    if (edge.from === edge.to) report.error(['edges', i], `edge from "${edge.from}" to itself (a self-loop)`);
    if (to.kind === 'source') report.error(['edges', i, 'to'], `a source takes no inputs; "${to.id}" is a source`);
    if (from.kind === 'sink') report.error(['edges', i, 'from'], `a sink has no outputs; "${from.id}" is a sink`);
    const port = portOf(edge);
    if (to.kind === 'join') {
      if (port === 'in') report.error(['edges', i, 'toPort'], `an edge into join "${to.id}" must set toPort to left or right`);
    } else if (port !== 'in') {
      report.error(['edges', i, 'toPort'], `port "${port}" exists only on a join; ${nodeName(to)} has a single input`);
    }
    if (fromPortOf(edge) === 'late') {
      if (from.kind !== 'window' && from.kind !== 'dropLate') {
        report.error(['edges', i, 'fromPort'], `only a window or dropLate node has a late output; ${nodeName(from)} has none`);
      } else if (from.params.lateOutput === undefined) {
        report.error(
          ['edges', i, 'fromPort'],
          `"${from.id}" has no lateOutput, so its late records are dropped; set params.lateOutput to route them here`,
        );
      }
    }
  });
}

/** Self-loops are reported per edge; every other cycle once, naming its nodes. */
function checkCycles(job: Job, graph: Graph, report: Report): void {
  if (graph.order) return;
  const edgeIndex = new Map(job.edges.map((e, i) => [e, i]));
  for (const component of stronglyConnected(graph)) {
    if (component.length < 2) continue;
    const members = new Set(component);
    const cycle = cycleWithin(graph, component[0], members);
    const closing = graph.inputs.get(cycle[0])!.find((e) => e.from === cycle[cycle.length - 1]);
    const shown = cycle.length > 12 ? [...cycle.slice(0, 11), '…'] : cycle;
    const path: PathKey[] = closing && edgeIndex.has(closing) ? ['edges', edgeIndex.get(closing)!] : ['edges'];
    report.error(path, `the graph has a cycle through ${[...shown, cycle[0]].join(' → ')}`);
  }
}

/** Tarjan's algorithm, iterative; components in document order of their first node. */
function stronglyConnected(graph: Graph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let next = 0;
  for (const start of graph.nodes.keys()) {
    if (index.has(start)) continue;
    const work: { id: string; edge: number }[] = [{ id: start, edge: 0 }];
    index.set(start, next);
    low.set(start, next++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const outs = graph.outputs.get(frame.id)!;
      if (frame.edge < outs.length) {
        const to = outs[frame.edge++].to;
        if (!index.has(to)) {
          index.set(to, next);
          low.set(to, next++);
          stack.push(to);
          onStack.add(to);
          work.push({ id: to, edge: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.id, Math.min(low.get(frame.id)!, index.get(to)!));
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].id;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.id)!));
      }
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: string[] = [];
        let id: string;
        do {
          id = stack.pop()!;
          onStack.delete(id);
          component.push(id);
        } while (id !== frame.id);
        components.push(component);
      }
    }
  }
  const order = new Map([...graph.nodes.keys()].map((id, i) => [id, i]));
  for (const c of components) c.sort((a, b) => order.get(a)! - order.get(b)!);
  return components.sort((a, b) => order.get(a[0])! - order.get(b[0])!);
}

/** A shortest cycle from `start` back to itself inside one strongly connected component. */
function cycleWithin(graph: Graph, start: string, members: Set<string>): string[] {
  const parent = new Map<string, string>();
  const queue = [start];
  for (let q = 0; q < queue.length; q++) {
    const id = queue[q];
    for (const e of graph.outputs.get(id)!) {
      if (e.to === start && e.from !== start) {
        const cycle = [id];
        for (let cur = id; cur !== start; ) cycle.push((cur = parent.get(cur)!));
        return cycle.reverse();
      }
      if (members.has(e.to) && e.to !== start && !parent.has(e.to)) {
        parent.set(e.to, id);
        queue.push(e.to);
      }
    }
  }
  return [start];
}

function checkInputs(node: JobNode, i: number, graph: Graph, report: Report): void {
  const inputs = graph.inputs.get(node.id)!;
  if (node.kind !== 'source' && inputs.length === 0) {
    report.error(['nodes', i], `${nodeName(node)} has no input; add an edge into it`);
  }
  if (node.kind === 'join') {
    const left = inputs.filter((e) => portOf(e) === 'left').length;
    const right = inputs.filter((e) => portOf(e) === 'right').length;
    if (left !== 1 || right !== 1) {
      report.error(
        ['nodes', i],
        `a join needs exactly one left input and one right input; "${node.id}" has ${left} left and ${right} right`,
      );
    }
  }
}

function checkParams(node: JobNode, i: number, report: Report): void {
  const at = (...rest: PathKey[]): PathKey[] => ['nodes', i, 'params', ...rest];
  switch (node.kind) {
    case 'source': {
      const { records, generator, partitions } = node.params;
      if (records === undefined && generator === undefined) {
        report.error(at(), 'a source needs either records (scripted input) or a generator');
      } else if (records !== undefined && generator !== undefined) {
        report.error(at('generator'), 'a source takes records or a generator, not both');
      }
      let bad = 0;
      (records ?? []).forEach((item, j) => {
        const partition = item.partition ?? 0;
        if (partition < partitions) return;
        if (++bad <= 20) {
          const range = partitions === 1 ? 'only partition 0' : `partitions 0–${partitions - 1}`;
          report.error(at('records', j, 'partition'), `partition ${partition} does not exist; the source has ${range}`);
        }
      });
      if (bad > 20) report.error(at('records'), `${bad - 20} more items name a partition that does not exist`);
      if (generator) {
        const { value, startMs, endMs } = generator;
        if (value?.kind === 'uniform' && value.min > value.max) {
          report.error(at('generator', 'value', 'min'), `min ${value.min} is above max ${value.max}`);
        }
        if (startMs !== undefined && endMs !== undefined && startMs > endMs) {
          report.error(at('generator', 'startMs'), `startMs ${startMs} is after endMs ${endMs}`);
        }
      }
      return;
    }
    case 'join': {
      const { lowerBoundMs, upperBoundMs } = node.params;
      if (lowerBoundMs > upperBoundMs) {
        report.error(at('lowerBoundMs'), `lowerBoundMs ${lowerBoundMs} is above upperBoundMs ${upperBoundMs}: no pair could ever join`);
      }
      return;
    }
    case 'filter':
      return checkExpression(node.params.predicate, at('predicate'), report);
    case 'map':
      for (const [name, source] of Object.entries(node.params.fields)) checkExpression(source, at('fields', name), report);
      return;
    case 'window': {
      const { aggregate, lateOutput } = node.params;
      const list = Array.isArray(aggregate) ? aggregate : [aggregate];
      list.forEach((agg, k) => {
        if (agg.fn !== 'count' && agg.field === undefined) {
          const path = Array.isArray(aggregate) ? at('aggregate', k, 'field') : at('aggregate', 'field');
          report.error(path, `required for ${agg.fn}: the field to aggregate`);
        }
      });
      checkSideOutputName(lateOutput, at('lateOutput'), report);
      return;
    }
    case 'dropLate':
      checkSideOutputName(node.params.lateOutput, at('lateOutput'), report);
      return;
    default:
      return;
  }
}

function checkExpression(source: string, path: PathKey[], report: Report): void {
  const parsed = parseExpr(source);
  if (!parsed.ok) report.error(path, parsed.error.message);
}

function checkSideOutputName(name: string | undefined, path: PathKey[], report: Report): void {
  if (name !== undefined && !SIDE_OUTPUT_NAME.test(name)) {
    report.error(path, `a side output name must start with a letter or _ and hold only letters, digits, _ and -, got ${JSON.stringify(name)}`);
  }
}

function checkFaults(job: Job, graph: Graph, report: Report): void {
  job.faults.forEach((fault, i) => {
    if (fault.kind === 'crash' && fault.node !== undefined && !graph.nodes.has(fault.node)) {
      report.error(['faults', i, 'node'], `no node ${q(fault.node)} to crash`);
    }
  });
}

function checkMode(job: Job, mode: Mode, graph: Graph, report: Report): void {
  if (mode === 'microbatch') checkMicrobatch(job, graph, report);
  else checkDataflow(job, graph, report);
}

function checkMicrobatch(job: Job, graph: Graph, report: Report): void {
  const { outputMode, trigger } = job.settings.microbatch;
  job.nodes.forEach((node, i) => {
    if (outputMode === 'append' && isEventTimeWindow(node)) {
      if (![...reachingInputs(graph, node.id)].some((id) => graph.nodes.get(id)?.kind === 'watermark')) {
        report.error(
          ['nodes', i],
          `window "${node.id}" needs a watermark node upstream in append output mode: Spark rejects append aggregations without a watermark (add one, or use update or complete)`,
        );
      }
    }
    if (node.kind === 'join' && outputMode !== 'append') {
      report.error(
        ['settings', 'microbatch', 'outputMode'],
        `"${outputMode}" is not allowed with stream-stream join "${node.id}": Spark runs such joins only in append mode`,
      );
    }
    if (node.kind === 'window' && node.params.assigner.kind === 'sliding' && node.params.assigner.slideMs > node.params.assigner.sizeMs) {
      report.error(
        ['nodes', i, 'params', 'assigner', 'slideMs'],
        `slideMs ${node.params.assigner.slideMs} is above sizeMs ${node.params.assigner.sizeMs}: Spark requires the slide to be at most the window size`,
      );
    }
    if (trigger.kind === 'continuous' && !CONTINUOUS_KINDS.has(node.kind)) {
      report.error(
        ['nodes', i, 'kind'],
        `${article(node.kind)} cannot run with the continuous trigger: continuous processing supports only map-like nodes (${[...CONTINUOUS_KINDS].join(', ')})`,
      );
    }
    if (node.kind === 'dropLate') {
      report.warn(['nodes', i], 'has no effect in micro-batch mode: Spark filters late rows only in stateful operators');
    }
    if (node.kind === 'source') {
      const items = node.params.records ?? [];
      const first = items.findIndex(isPunctuatedWatermark);
      if (first >= 0) {
        const n = items.filter(isPunctuatedWatermark).length;
        report.warn(
          ['nodes', i, 'params', 'records', first],
          `${n === 1 ? 'a punctuated watermark item is' : `${n} punctuated watermark items are`} ignored in micro-batch mode (Spark computes watermarks from watermark nodes only)`,
        );
      }
    }
  });
}

function checkDataflow(job: Job, graph: Graph, report: Report): void {
  job.nodes.forEach((node, i) => {
    if (!firesOnWatermark(node)) return;
    const bare = sourcesWithoutWatermark(graph, node.id);
    if (bare.length === 0) return;
    const all = [...reachingInputs(graph, node.id)].filter((id) => graph.nodes.get(id)?.kind === 'source');
    const names = bare.map((id) => `"${id}"`).join(', ');
    const why =
      bare.length === all.length
        ? `no watermark node between it and source ${names}, and no punctuated watermarks in its records`
        : `source ${names} reaches it without a watermark, and a watermark is the minimum over all inputs`;
    // A bounded source still ends with Flink's end-of-input watermark, which fires every window
    // once at the very end: legal, but rarely what was meant. An unbounded one never fires.
    const unbounded = bare.some((id) => {
      const n = graph.nodes.get(id);
      return n?.kind === 'source' && ((n.params.generator !== undefined && n.params.generator.endMs === undefined) || n.params.bounded === false);
    });
    if (unbounded) {
      report.error(
        ['nodes', i],
        `never fires: no watermark reaches it (${why}); add a watermark node, or use a count or processingTime trigger`,
      );
    } else {
      report.warn(
        ['nodes', i],
        `fires only when the input ends: no watermark reaches it before (${why}); add a watermark node to see it fire as data arrives`,
      );
    }
  });
}

/** Every node upstream of `id` (not including it). */
function reachingInputs(graph: Graph, id: string): Set<string> {
  const seen = new Set<string>();
  const stack = [id];
  while (stack.length > 0) {
    for (const e of graph.inputs.get(stack.pop()!) ?? []) {
      if (!seen.has(e.from) && e.from !== id) {
        seen.add(e.from);
        stack.push(e.from);
      }
    }
  }
  return seen;
}

/** Sources that reach `id` on a path with no watermark node and that emit no watermarks themselves. */
function sourcesWithoutWatermark(graph: Graph, id: string): string[] {
  const seen = new Set<string>([id]);
  const bare: string[] = [];
  const stack = [id];
  while (stack.length > 0) {
    for (const e of graph.inputs.get(stack.pop()!) ?? []) {
      if (seen.has(e.from)) continue;
      seen.add(e.from);
      const from = graph.nodes.get(e.from)!;
      if (from.kind === 'watermark') continue;
      if (from.kind === 'source') {
        if (!hasPunctuatedWatermarks(from)) bare.push(from.id);
        continue;
      }
      stack.push(e.from);
    }
  }
  const order = new Map([...graph.nodes.keys()].map((n, i) => [n, i]));
  return bare.sort((a, b) => order.get(a)! - order.get(b)!);
}

function checkRunLength(job: Job, untilMs: number | undefined, report: Report): void {
  if (untilMs !== undefined || job.settings.untilMs !== undefined) return;
  job.nodes.forEach((node, i) => {
    if (node.kind === 'source' && node.params.generator && node.params.generator.endMs === undefined) {
      report.warn(
        ['nodes', i, 'params', 'generator'],
        `has no endMs and settings.untilMs is not set: runs until untilMs; defaulting to ${DEFAULT_UNTIL_MS}`,
      );
    }
  });
}

/** The node kinds, for hosts that list them. */
export const NODE_KINDS: readonly NodeKind[] = nodeKinds;
