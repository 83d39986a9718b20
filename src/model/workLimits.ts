// Work estimates (job-format.md, "Work limits"): before a run, estimate from the job alone how much
// work it asks for and refuse what cannot fit (limits.ts), with a message that names what is too
// big, the estimate and the limit. Estimates are upper bounds where that is cheap (every record
// passes every filter) and plain counts otherwise; what they miss (a join's pairs, records a costly
// operator holds back) the run's budget stops (simulation.ts).
//
// Paths through the graph are counted with one pass over a topological order (copies of a record
// at a node = the sum over its inputs), never by enumerating them: 40 stacked diamonds are 2^40.
import type { Graph } from './graph.ts';
import { formatCount, formatDuration, WORK_LIMITS } from './limits.ts';
import type { PathKey } from './problems.ts';
import type { Job, JobNode, Mode } from './schema.ts';

type Report = { error(path: readonly PathKey[], message: string): void };

/** The run length a generator without `endMs` gets when no untilMs is set (simulation.ts's). */
const DEFAULT_UNTIL_MS = 60_000;
/** The dataflow runtime samples metrics this often (dataflow/attempt.ts's SAMPLE_MS). */
const SAMPLE_MS = 1000;

export type WorkEstimate = {
  /** Records each source emits over the run. */
  records: Map<string, number>;
  /** Copies of one record reaching each node (paths from sources). */
  copies: Map<string, number>;
  recordSteps: number;
  /** Processing time the run lasts (Infinity: until input drains, with no end known). */
  runMs: number;
};

/** Checks the job against WORK_LIMITS; `graph` must be acyclic. */
export function checkWorkLimits(job: Job, mode: Mode, graph: Graph, untilMs: number | undefined, report: Report): WorkEstimate | null {
  if (!graph.order) return null;
  const index = new Map(job.nodes.map((n, i) => [n, i] as const));
  const at = (node: JobNode, ...rest: PathKey[]): PathKey[] => ['nodes', index.get(node)!, ...rest];
  const unbounded = job.nodes.some((n) => n.kind === 'source' && n.params.generator && n.params.generator.endMs === undefined);
  const runEnd = untilMs ?? job.settings.untilMs ?? (unbounded ? DEFAULT_UNTIL_MS : Infinity);
  const untilPath: PathKey[] = ['settings', 'untilMs'];

  // Records per source, and when the last one arrives.
  const records = new Map<string, number>();
  let total = 0;
  let lastArrivalMs = 0;
  let openEnded = false;
  for (const node of job.nodes) {
    if (node.kind !== 'source') continue;
    const { generator, records: items, bounded } = node.params;
    let n = 0;
    if (generator) {
      const start = generator.startMs ?? 0;
      const end = Math.min(generator.endMs ?? Infinity, runEnd);
      n = Math.max(0, end - start) * (generator.ratePerSec / 1000);
      lastArrivalMs = Math.max(lastArrivalMs, end);
      if (generator.endMs === undefined) openEnded = true;
      if (n > WORK_LIMITS.generatedRecords) {
        const until = generator.endMs === undefined || generator.endMs > runEnd ? `until ${formatCount(runEnd)} ms` : `until endMs ${formatCount(end)}`;
        report.error(
          at(node, 'params', 'generator', 'ratePerSec'),
          `${formatCount(generator.ratePerSec)} records/s from ${formatCount(start)} ${until} makes ${formatCount(n)} records; at most ${formatCount(WORK_LIMITS.generatedRecords)} per run`,
        );
      }
    } else if (items) {
      for (const item of items) {
        if ('ts' in item) n++;
        if (item.at > lastArrivalMs) lastArrivalMs = item.at;
      }
      if (bounded === false) openEnded = true;
    }
    records.set(node.id, n);
    total += n;
  }
  const generated = job.nodes.filter((n) => n.kind === 'source' && n.params.generator);
  if (total > WORK_LIMITS.generatedRecords && generated.length > 1 && generated.every((n) => records.get(n.id)! <= WORK_LIMITS.generatedRecords)) {
    report.error(['nodes'], `the sources make ${formatCount(total)} records together; at most ${formatCount(WORK_LIMITS.generatedRecords)} per run`);
  }

  // Windows per record.
  const windowsPerRecord = (node: JobNode): number => {
    if (node.kind !== 'window') return 1;
    const a = node.params.assigner;
    return a.kind === 'sliding' ? Math.ceil(a.sizeMs / a.slideMs) : 1;
  };
  for (const node of job.nodes) {
    if (node.kind !== 'window' || node.params.assigner.kind !== 'sliding') continue;
    const { sizeMs, slideMs } = node.params.assigner;
    const w = windowsPerRecord(node);
    if (w > WORK_LIMITS.windowsPerRecord) {
      report.error(
        at(node, 'params', 'assigner'),
        `a ${formatDuration(sizeMs)} window sliding every ${formatDuration(slideMs)} puts each record in ${formatCount(w)} windows; at most ${formatCount(WORK_LIMITS.windowsPerRecord)}`,
      );
    }
  }

  // Copies of a record per node (paths), records flowing into each node, and the work they make.
  const copies = new Map<string, number>();
  const flowOut = new Map<string, number>();
  /** Distinct keys a generator makes, carried to keyed operators downstream (scripted: unknown). */
  const keysOut = new Map<string, number>();
  let recordSteps = 0;
  let pathsReported = false;
  let stepsNode: JobNode | null = null;
  for (const id of graph.order) {
    const node = graph.nodes.get(id)!;
    let c = 0;
    let flowIn = 0;
    let keys = 0;
    for (const e of graph.inputs.get(id)!) {
      c += copies.get(e.from)!;
      flowIn += flowOut.get(e.from)!;
      keys += keysOut.get(e.from)!;
    }
    if (node.kind === 'source') {
      c = 1;
      flowIn = records.get(id)!;
      const g = node.params.generator;
      keys = g ? Math.min(flowIn, typeof g.keys === 'number' ? g.keys : g.keys.length) : 0;
    }
    copies.set(id, c);
    const w = windowsPerRecord(node);
    recordSteps += flowIn * w;
    if (stepsNode === null && recordSteps > WORK_LIMITS.recordSteps) stepsNode = node;
    flowOut.set(id, flowIn);
    keysOut.set(id, node.kind === 'window' || node.kind === 'join' ? 0 : keys);
    if (!pathsReported && c > WORK_LIMITS.pathsPerNode) {
      pathsReported = true;
      report.error(
        at(node),
        `${formatCount(c)} paths lead from the sources to ${JSON.stringify(id)} (stacked splits and unions), so each record reaches it ${formatCount(c)} times; at most ${formatCount(WORK_LIMITS.pathsPerNode)}`,
      );
    }
    if (node.kind === 'window' && keys > 0 && w <= WORK_LIMITS.windowsPerRecord) {
      const rows = keys * w;
      if (rows > WORK_LIMITS.stateRows) {
        report.error(
          at(node),
          `${formatCount(keys)} generated keys${w > 1 ? ` × ${formatCount(w)} windows per record` : ''} make about ${formatCount(rows)} rows of state; at most ${formatCount(WORK_LIMITS.stateRows)}`,
        );
      }
    }
  }
  if (stepsNode !== null && !pathsReported) {
    report.error(
      total > WORK_LIMITS.generatedRecords ? ['nodes'] : at(stepsNode),
      `the operators would handle about ${formatCount(recordSteps)} records (each source record once per operator and path, once per window it falls in); at most ${formatCount(WORK_LIMITS.recordSteps)}`,
    );
  }

  // Timer events: what happens on the clock rather than per record, times the tasks it touches.
  const runMs = openEnded ? runEnd : Math.min(runEnd, lastArrivalMs);
  if (Number.isFinite(runMs)) {
    const tasks = job.nodes.reduce((n, node) => n + Math.max(node.parallelism ?? 1, node.kind === 'source' ? node.params.partitions : 1), 0);
    let events = 0;
    let cause = '';
    let path: PathKey[] = untilPath;
    const add = (n: number, what: string, where: PathKey[]) => {
      events += n;
      if (n * 2 >= events) [cause, path] = [what, where];
    };
    if (mode === 'dataflow') {
      const d = job.settings.dataflow;
      const assigners = job.nodes.filter((n) => n.kind === 'watermark').length;
      if (assigners > 0 && d.autoWatermarkIntervalMs > 0) {
        const ticks = runMs / d.autoWatermarkIntervalMs;
        add(ticks * tasks, `a watermark every ${formatDuration(d.autoWatermarkIntervalMs)} for ${formatDuration(runMs)} is ${formatCount(ticks)} ticks`, ['settings', 'dataflow', 'autoWatermarkIntervalMs']);
      }
      add((runMs / SAMPLE_MS) * tasks, `${formatDuration(runMs)} of metrics sampled every second over ${formatCount(tasks)} tasks`, untilPath);
      if (d.checkpointing) {
        const n = runMs / d.checkpointing.intervalMs;
        add(n * tasks, `a checkpoint every ${formatDuration(d.checkpointing.intervalMs)} for ${formatDuration(runMs)} is ${formatCount(n)} checkpoints`, ['settings', 'dataflow', 'checkpointing', 'intervalMs']);
      }
    } else {
      const m = job.settings.microbatch;
      const interval = m.trigger.kind === 'processingTime' ? m.trigger.intervalMs : m.trigger.kind === 'continuous' ? m.trigger.checkpointIntervalMs : 0;
      const spacing = Math.max(1, interval, m.trigger.kind === 'continuous' ? 1 : m.batchOverheadMs);
      // A batch runs when data arrives (or the watermark moves: a no-data batch after it), at most one per spacing.
      const batches = Math.min(runMs / spacing, 2 * (total + 1));
      const trigger = interval === 0 ? `a ${formatDuration(interval)} trigger` : `a trigger every ${formatDuration(interval)}`;
      add(batches * job.nodes.length, `${trigger} for ${formatDuration(runMs)} is up to ${formatCount(batches)} batches`, ['settings', 'microbatch', 'trigger']);
      if (batches > WORK_LIMITS.batches) {
        report.error(
          ['settings', 'microbatch', 'trigger'],
          `${trigger} for ${formatDuration(runMs)} runs up to ${formatCount(batches)} micro-batches; at most ${formatCount(WORK_LIMITS.batches)} (shorten the run or lengthen the interval)`,
        );
        return { records, copies, recordSteps, runMs };
      }
    }
    if (events > WORK_LIMITS.timerEvents) {
      report.error(
        path,
        `${cause}: about ${formatCount(events)} timer events over ${formatCount(tasks)} tasks; at most ${formatCount(WORK_LIMITS.timerEvents)} (shorten the run or lengthen the interval)`,
      );
    }
  }
  return { records, copies, recordSteps, runMs };
}
