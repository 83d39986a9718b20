// Running a planned batch (spec §1.1, 1.5, 1.10): its rows through the plan, its cost as phases
// (planning, addBatch, commit — with async progress tracking the logs are written in the
// background), and what it makes visible when its sinks are written: late records, edge counts,
// window results and the sinks' rows (a file sink skips a batch already in its commit log).
import type { Fact, Row } from '../../../model/index.ts';
import { executeBatch, type EventTimeStats } from '../execute.ts';
import { laggedWatermark } from '../joinWatermark.ts';
import { shuffleTasksOf, type ShuffleTask } from '../shuffleTasks.ts';
import type { BatchContext } from '../types.ts';
import { windowRowInputCount } from '../windowAggregate/output.ts';
import type { Planned } from './planning.ts';
import type { MbQuery } from './setup.ts';

/** Share of the batch overhead spent planning (offsets log) and committing (commit log). */
const PLANNING_SHARE = 0.2;
const COMMIT_SHARE = 0.2;

export type Phases = { planningMs: number; addBatchMs: number; commitMs: number };

/** A batch that has run: what it writes at `writeMs`, and what its completion at `endMs` records. */
export type BatchRun = {
  /** Facts that become visible when the batch writes (notes, late records, edges, window results). */
  facts: Fact[];
  sinks: Map<string, Row[]>;
  writeMs: number;
  endMs: number;
  phases: Phases;
  maxEventTime: Map<string, number>;
  eventTimeStats: Map<string, EventTimeStats>;
  /** Rows dropped by the watermark (numRowsDroppedByWatermark), in all and per node. */
  dropped: number;
  droppedBy: Record<string, number>;
  tasks: ShuffleTask[];
};

/** Runs a planned batch's rows through the plan, started at `t`. */
export function runPlanned(q: MbQuery, planned: Planned, t: number): BatchRun {
  const { plan, operators, stages, taskCounters, wmLag } = q;
  const facts: Fact[] = [];
  let dropped = 0;
  const droppedBy: Record<string, number> = Object.create(null);
  const pendingLate: { node: string; row: Row; dropCount: number; watermarkMs: number }[] = [];
  const ctxFor = (nodeId: string): BatchContext => {
    const lag = wmLag.get(nodeId) ?? 0;
    const wmLateMs = laggedWatermark(planned.wmLateMs, lag);
    return {
      batchId: planned.batchId,
      startMs: t,
      wmEvictionMs: laggedWatermark(planned.wmEvictionMs, lag),
      wmLateMs,
      outputMode: q.settings.outputMode,
      late: (row, dropCount) => {
        dropped += dropCount;
        droppedBy[nodeId] = (droppedBy[nodeId] ?? 0) + dropCount;
        pendingLate.push({ node: nodeId, row, dropCount, watermarkMs: wmLateMs });
      },
      note: (message) => facts.push({ type: 'note.added', atMs: t, node: nodeId, message }),
    };
  };
  const out = executeBatch(plan, operators, ctxFor, planned.rows);
  const tasks = shuffleTasksOf(stages, taskCounters, out.rowsIn);
  for (const c of taskCounters.values()) c.reset();
  let workMs = 0;
  for (const p of plan.nodes) {
    const cost = p.node.costMs ?? 0;
    if (cost > 0 && !stages.includes(p)) workMs += ((out.rowsIn.get(p.id) ?? 0) * cost) / (p.node.parallelism ?? 1);
  }
  // A stateful stage ends when its slowest task ends (the straggler).
  const slowest = new Map<string, number>();
  for (const task of tasks) slowest.set(task.stage, Math.max(slowest.get(task.stage) ?? 0, task.durationMs));
  for (const ms of slowest.values()) workMs += ms;
  // Phases: planning (offsets log), addBatch (the run and the sink write), commit (commit log).
  // With asynchronous progress tracking the logs are written in the background.
  const overheadMs = q.overheadMs;
  const planningMs = q.asyncTracking ? 0 : Math.round(overheadMs * PLANNING_SHARE);
  const commitMs = q.asyncTracking ? 0 : Math.round(overheadMs * COMMIT_SHARE);
  const addBatchMs = overheadMs - planningMs - commitMs + Math.ceil(workMs);
  const writeMs = t + planningMs + addBatchMs;
  const endMs = writeMs + commitMs;
  for (const l of pendingLate) {
    facts.push({ type: 'record.late', atMs: writeMs, node: l.node, record: l.row, watermarkMs: l.watermarkMs, to: 'dropped', dropCount: l.dropCount });
  }
  for (const e of out.edgeRows) if (e.count > 0) facts.push({ type: 'record.emitted', atMs: writeMs, from: e.from, to: e.to, fromPort: 'out', count: e.count });
  // Window results of this batch. Spark has no panes: append writes a window once, when the
  // watermark passes its end; update writes it in every batch that changed it.
  for (const [node, rows] of out.windowRows) {
    for (const record of rows) {
      const start = typeof record.windowStart === 'number' ? record.windowStart : null;
      const end = typeof record.windowEnd === 'number' ? record.windowEnd : null;
      const inputCount = windowRowInputCount(record);
      facts.push({ type: 'window.fired', atMs: writeMs, node, key: record.key, windowStartMs: start, windowEndMs: end, pane: null, paneIndex: planned.batchId, record, ...(inputCount === undefined ? {} : { inputCount }) });
    }
  }
  return {
    facts,
    sinks: out.sinks,
    writeMs,
    endMs,
    phases: { planningMs, addBatchMs, commitMs },
    maxEventTime: out.maxEventTime,
    eventTimeStats: out.eventTimeStats,
    dropped,
    droppedBy,
    tasks,
  };
}

/** The batch's write: its facts, then each sink's rows (a re-run the file sink has logged writes nothing, §1.10). */
export function writeBatch(q: MbQuery, planned: Planned, run: BatchRun, emit: (fact: Fact) => void) {
  const writeMs = run.writeMs;
  for (const f of run.facts) emit(f);
  for (const [sink, rows] of run.sinks) {
    const logged = q.fileSinkBatches.get(sink);
    if (logged?.has(planned.batchId)) {
      // The file sink's metadata log already has this batch: the re-run writes nothing (§1.10).
      emit({ type: 'note.added', atMs: writeMs, node: sink, message: `batch ${planned.batchId} is already in the file sink's commit log: the re-run skips it` });
      continue;
    }
    logged?.add(planned.batchId);
    for (const record of rows) {
      const write = { record, atMs: writeMs, batchId: planned.batchId, visibleAtMs: writeMs };
      emit({ type: 'record.written', atMs: writeMs, node: sink, write: planned.replayed ? { ...write, replayed: true } : write });
    }
  }
}
