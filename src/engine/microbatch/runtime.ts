// Spark Structured Streaming's micro-batch execution (spec §1.1–1.4, 1.8, 1.10): triggers on a
// processing-time grid, offsets planned and logged before a batch runs, the batch run over all its
// rows, the watermark updated from the batch's data and used from the next batch on, the commit
// log written at the end. A crash re-runs the uncommitted batch with the same offsets and watermark.
import type { Fact, BatchEntry, Row } from '../../model/index.ts';
import type { RuntimeContext, Runtime } from '../kernel/context.ts';
import { Priority, type ScheduledEvent } from '../kernel/queue.ts';
import type { PlanNode } from '../plan.ts';
import { createSourceCursor } from '../sources/index.ts';
import { createMbDedup } from './dedup.ts';
import { executeBatch, type EventTimeStats } from './execute.ts';
import { createMbJoin } from './join.ts';
import { laggedWatermark, watermarkLagByNode } from './joinWatermark.ts';
import { shuffleTasksOf, withTaskCounts, type ShuffleTask, type TaskCounter } from './shuffleTasks.ts';
import { eventTimeOf, stateOperatorsOf } from './progress.ts';
import { backlogSize, createMbSource, planCounts, pullArrivals, takePlanned, type MbSource } from './sources.ts';
import type { BatchContext, MbOperator } from './types.ts';
import { createMbWatermarks } from './watermarks.ts';
import { createMbWindowAggregate } from './windowAggregate/operator.ts';
import { windowRowInputCount } from './windowAggregate/output.ts';

type Planned = {
  batchId: number;
  startMs: number;
  wmEvictionMs: number;
  wmLateMs: number;
  rows: Map<string, Row[]>;
  inputRecords: number;
  offsets: Record<string, number[]>;
  /** A re-run of a batch that had started before a failure (or re-read after async progress tracking). */
  replayed: boolean;
};

/** Share of the batch overhead spent planning (offsets log) and committing (commit log). */
const PLANNING_SHARE = 0.2;
const COMMIT_SHARE = 0.2;

export function createMicrobatchRuntime(ctx: RuntimeContext): Runtime {
  const { plan, queue } = ctx;
  const settings = plan.job.settings.microbatch;
  const trigger = settings.trigger;
  const intervalMs = trigger.kind === 'processingTime' ? trigger.intervalMs : 0;
  const overheadMs = trigger.kind === 'continuous' ? 1 : settings.batchOverheadMs;
  const limit = trigger.kind === 'once' ? null : settings.maxRecordsPerTrigger;
  const hasFaults = plan.job.faults.length > 0;
  const stateless = !plan.nodes.some((p) => p.node.kind === 'window' || p.node.kind === 'dedup' || p.node.kind === 'join');
  const sinkNodes = plan.nodes.filter((p) => p.node.kind === 'sink');
  // Asynchronous progress tracking (spec §1.9): stateless queries with Kafka sinks only.
  const asyncTracking =
    settings.asyncProgressTracking &&
    stateless &&
    trigger.kind === 'processingTime' &&
    sinkNodes.every((p) => p.node.kind === 'sink' && p.node.params.connector === 'kafka');
  const asyncIntervalMs = typeof settings.asyncProgressTrackingIntervalMs === 'number' ? settings.asyncProgressTrackingIntervalMs : 1000;
  /** Sinks that commit through a metadata log (Spark's file sink): a re-run of a written batch is skipped. */
  const fileSinks = new Set(sinkNodes.filter((p) => p.node.kind === 'sink' && p.node.params.connector === 'file').map((p) => p.id));
  const fileSinkBatches = new Map<string, Set<number>>([...fileSinks].map((id) => [id, new Set<number>()]));

  const sources: MbSource[] = [];
  const operators = new Map<string, MbOperator>();
  /** Stateful stages, each run as shufflePartitions tasks (shuffleTasks.ts). */
  const shufflePartitions = settings.shufflePartitions;
  const stages: PlanNode[] = [];
  const taskCounters = new Map<string, TaskCounter>();
  for (const p of plan.nodes) {
    const n = p.node;
    if (n.kind === 'source') sources.push(createMbSource(p.id, createSourceCursor(n, plan.job.settings.seed)));
    else if (n.kind === 'window' || n.kind === 'dedup' || n.kind === 'join') {
      const op = n.kind === 'window' ? createMbWindowAggregate(p) : n.kind === 'dedup' ? createMbDedup(p) : createMbJoin(p);
      if (shufflePartitions > 1) {
        const counted = withTaskCounts(p, op, shufflePartitions);
        operators.set(p.id, counted.op);
        taskCounters.set(p.id, counted.counter);
      } else operators.set(p.id, op);
      stages.push(p);
    }
  }
  const watermarks = createMbWatermarks(plan, settings.multipleWatermarkPolicy);
  /** Per node: how far behind the global watermark it runs (after a time-interval join, spec §1.5). */
  const wmLag = watermarkLagByNode(plan);
  const watermarkNodes = plan.nodes.filter((p) => p.node.kind === 'watermark').map((p) => p.id);

  let nextBatchId = 0;
  /** The watermark the last batch ran with (the late-row filter of the next batch). */
  let lastBatchWm: number | null = null;
  let lastCommittedBatchId: number | null = null;
  let committedState = hasFaults ? snapshotAll() : null;
  let inflight: { planned: Planned; events: ScheduledEvent[]; startedAtMs: number } | null = null;
  /** Async progress tracking: the last batch whose commit reached the log, and rows read since. */
  let durableBatchId: number | null = null;
  let replayLog = new Map<string, Row[][]>();
  /** Rows put back for re-reading after an async-tracking failure, not yet re-read. */
  let replayPending = 0;
  let lastBatchStartMs: number | null = null;
  let pendingTrigger: ScheduledEvent | null = null;
  let down = false;
  let finished = false;
  const stopAfterBatch = false;
  /** availableNow: the offsets available when the query started; later data is not read. */
  const availableNowCutoffMs = trigger.kind === 'availableNow' || trigger.kind === 'once' ? 0 : Infinity;
  const notedWatermarkItems = new Set<string>();
  /** An unbounded source (job-format `bounded: false`) never ends: with its input drained the query waits, it does not finish. */
  const waitsForever = plan.job.nodes.some((n) => n.kind === 'source' && n.params.bounded === false);

  function snapshotAll(): Map<string, unknown> {
    return new Map([...operators].map(([id, op]) => [id, op.snapshot?.()]));
  }

  function needsNoDataBatch(): boolean {
    if (trigger.kind === 'once') return false;
    const used = lastBatchWm ?? 0;
    const wm = watermarks.globalMs();
    for (const [id, op] of operators) {
      const lag = wmLag.get(id) ?? 0;
      if (op.needsBatchFor?.(laggedWatermark(wm, lag), laggedWatermark(used, lag), settings.outputMode)) return true;
    }
    return false;
  }

  const nextArrival = (): number | undefined => {
    let min: number | undefined;
    for (const s of sources) {
      const at = s.cursor.peekAtMs();
      if (at !== undefined && at <= availableNowCutoffMs && (min === undefined || at < min)) min = at;
    }
    return min;
  };
  const backlogTotal = () => sources.reduce((n, s) => n + backlogSize(s), 0);

  /** The query has nothing left to do (its input is drained, or its trigger runs once): as dataflow's end of input. */
  function finishJob() {
    if (finished) return;
    finished = true;
    ctx.emit({ type: 'job.finished', atMs: ctx.nowMs() });
  }

  function scheduleTrigger(t: number) {
    if (t > ctx.untilMs) {
      finished = true;
      return;
    }
    pendingTrigger = queue.schedule(t, Priority.batch, () => onTrigger(t));
  }

  /** After a batch that started at `startMs` ended at `endMs` (ProcessingTimeExecutor, spec §1.2). */
  function scheduleAfterBatch(startMs: number, endMs: number) {
    if (stopAfterBatch || trigger.kind === 'once') {
      finishJob();
      return;
    }
    if (intervalMs > 0) {
      const grid = Math.floor(startMs / intervalMs) * intervalMs + intervalMs;
      scheduleTrigger(Math.max(grid, endMs)); // an overrun starts the next batch at once
    } else scheduleTrigger(endMs);
  }

  /** Nothing to run at `t`: wait for data (on the grid) or finish. */
  function scheduleIdle(t: number) {
    const at = nextArrival();
    if (at === undefined && waitsForever && trigger.kind !== 'availableNow') return;
    if (at === undefined || trigger.kind === 'availableNow') {
      finishJob();
      return;
    }
    if (intervalMs > 0) {
      const grid = Math.floor(t / intervalMs) * intervalMs + intervalMs;
      scheduleTrigger(Math.max(grid, Math.ceil(at / intervalMs) * intervalMs));
    } else scheduleTrigger(Math.max(at, t));
  }

  function onTrigger(t: number) {
    pendingTrigger = null;
    if (down) return;
    for (const s of sources) {
      pullArrivals(s, Math.min(t, availableNowCutoffMs));
      if (s.sawWatermarkItem && !notedWatermarkItems.has(s.id)) {
        notedWatermarkItems.add(s.id);
        ctx.emit({ type: 'note.added', atMs: t, node: s.id, message: 'punctuated watermark items are ignored in micro-batch mode: Spark computes the watermark from event times' });
      }
    }
    const rows = new Map<string, Row[]>();
    const offsets: Record<string, number[]> = Object.create(null);
    let inputRecords = 0;
    for (const s of sources) {
      const taken = takePlanned(s, planCounts(s, limit));
      rows.set(s.id, taken);
      offsets[s.id] = [...s.offsets];
      inputRecords += taken.length;
      if (asyncTracking && taken.length > 0) appendAll(replayLog.get(s.id)![0], taken);
    }
    const replayed = replayPending > 0;
    replayPending = Math.max(0, replayPending - inputRecords);
    if (inputRecords === 0 && !needsNoDataBatch()) {
      if (trigger.kind === 'once') finishJob();
      else scheduleIdle(t);
      return;
    }
    const wm = watermarks.globalMs();
    const planned: Planned = { batchId: nextBatchId++, startMs: t, wmEvictionMs: wm, wmLateMs: lastBatchWm ?? wm, rows, inputRecords, offsets, replayed };
    runBatch(planned, t);
  }

  function runBatch(planned: Planned, t: number) {
    const facts: Fact[] = [];
    const noData = planned.inputRecords === 0;
    // Step 2: the offsets log entry, before the batch runs (spec §1.1).
    ctx.emit({ type: 'batch.started', atMs: t, batchId: planned.batchId, watermarkMs: planned.wmEvictionMs, inputRecords: planned.inputRecords, noData });
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
      outputMode: settings.outputMode,
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
    const planningMs = asyncTracking ? 0 : Math.round(overheadMs * PLANNING_SHARE);
    const commitMs = asyncTracking ? 0 : Math.round(overheadMs * COMMIT_SHARE);
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
    const written = queue.schedule(writeMs, Priority.batch - 2, () => {
      for (const f of facts) ctx.emit(f);
      for (const [sink, rows] of out.sinks) {
        const logged = fileSinkBatches.get(sink);
        if (logged?.has(planned.batchId)) {
          // The file sink's metadata log already has this batch: the re-run writes nothing (§1.10).
          ctx.emit({ type: 'note.added', atMs: writeMs, node: sink, message: `batch ${planned.batchId} is already in the file sink's commit log: the re-run skips it` });
          continue;
        }
        logged?.add(planned.batchId);
        for (const record of rows) {
          const write = { record, atMs: writeMs, batchId: planned.batchId, visibleAtMs: writeMs };
          ctx.emit({ type: 'record.written', atMs: writeMs, node: sink, write: planned.replayed ? { ...write, replayed: true } : write });
        }
      }
    });
    const completion = queue.schedule(endMs, Priority.batch - 1, () =>
      complete(planned, { planningMs, addBatchMs, commitMs }, endMs, out.maxEventTime, out.eventTimeStats, dropped, tasks, droppedBy),
    );
    inflight = { planned, events: [written, completion], startedAtMs: t };
  }

  function complete(
    planned: Planned,
    phases: { planningMs: number; addBatchMs: number; commitMs: number },
    endMs: number,
    maxEventTime: Map<string, number>,
    eventTimeStats: Map<string, EventTimeStats>,
    dropped: number,
    tasks: ShuffleTask[],
    droppedBy: Record<string, number>,
  ) {
    inflight = null;
    // Step 4: the watermark from this batch's data, used from the next batch on (spec §1.4).
    for (const f of watermarks.update(maxEventTime, endMs)) ctx.emit(f);
    lastBatchWm = planned.wmEvictionMs;
    // Step 5: the commit log entry. With async progress tracking it is written later, in the background.
    if (!asyncTracking) lastCommittedBatchId = planned.batchId;
    if (committedState) committedState = snapshotAll();
    const duration = endMs - planned.startMs;
    const previousStartMs = lastBatchStartMs;
    const stateRows = Object.fromEntries([...operators].map(([id, op]) => [id, op.stateRows?.() ?? 0]));
    const eventTime = eventTimeOf(watermarkNodes, eventTimeStats, planned.wmEvictionMs);
    const batch: BatchEntry = {
      batchId: planned.batchId,
      startMs: planned.startMs,
      endMs,
      inputRecords: planned.inputRecords,
      watermarkMs: planned.wmEvictionMs,
      numInputRows: planned.inputRecords,
      // Spark: input rows over the time since the previous batch started.
      inputRowsPerSecond: previousStartMs !== null && planned.startMs > previousStartMs ? Math.round((planned.inputRecords * 1000) / (planned.startMs - previousStartMs)) : null,
      processedRowsPerSecond: duration > 0 ? Math.round((planned.inputRecords * 1000) / duration) : null,
      numRowsDroppedByWatermark: dropped,
      durationMs: phaseDurations(phases.planningMs, phases.addBatchMs, phases.commitMs, duration),
      offsets: planned.offsets,
      offsetsLoggedAtMs: planned.startMs,
      commitLoggedAtMs: asyncTracking ? null : endMs,
      replayed: planned.replayed,
      stateRows,
      ...(eventTime ? { eventTime } : {}),
      stateOperators: stateOperatorsOf(plan.job.nodes, stateRows, planned.batchId, droppedBy),
      nextWatermarkMs: watermarks.globalMs(),
      ...(tasks.length > 0 ? { tasks } : {}),
    };
    lastBatchStartMs = planned.startMs;
    ctx.emit({ type: 'batch.completed', atMs: endMs, batch });
    if (trigger.kind === 'availableNow' && nextArrival() === undefined && backlogTotal() === 0 && !needsNoDataBatch()) {
      finishJob();
      return;
    }
    scheduleAfterBatch(planned.startMs, endMs);
  }

  /** Async progress tracking: every interval the last finished batch becomes durable (spec §1.9). */
  function scheduleDurableCommit(t: number) {
    queue.schedule(t, Priority.checkpoint, () => {
      if (finished) return;
      if (!down && nextBatchId > 0) {
        const last = inflight ? inflight.planned.batchId - 1 : nextBatchId - 1;
        if (last >= 0 && last !== durableBatchId) {
          durableBatchId = last;
          lastCommittedBatchId = last;
          // Rows of batches up to `last` need no replay any more; those of the running batch still do.
          const keep = inflight ? inflight.planned.rows : new Map<string, Row[]>();
          replayLog = new Map(sources.map((s) => [s.id, s.backlog.map(() => [])]));
          for (const s of sources) {
            const rows = keep.get(s.id) ?? [];
            if (rows.length > 0) appendAll(replayLog.get(s.id)![0], rows);
          }
        }
      }
      scheduleDurableCommit(t + asyncIntervalMs);
    });
  }

  function crash(atMs: number, node: string | null) {
    if (down || finished) return;
    down = true;
    ctx.emit({ type: 'job.failed', atMs, node });
    const running = inflight?.planned ?? null;
    // The attempt cut short is a batch entry of its own, marked failed (Spark's UI lists it too).
    if (running && inflight) {
      const failed: BatchEntry = {
        batchId: running.batchId, startMs: inflight.startedAtMs, endMs: atMs, inputRecords: running.inputRecords, watermarkMs: running.wmEvictionMs,
        status: 'failed', offsets: running.offsets, replayed: running.replayed,
      };
      ctx.emit({ type: 'batch.failed', atMs, batch: failed });
    }
    for (const e of inflight?.events ?? []) e.cancel();
    inflight = null;
    pendingTrigger?.cancel();
    pendingTrigger = null;
    // State stores reload the last committed version; per-input watermarks are not checkpointed.
    if (committedState) for (const [id, snap] of committedState) operators.get(id)!.restore?.(snap);
    watermarks.resetInputs();
    let replayedBatches = running ? 1 : 0;
    let rerun: Planned | null = running;
    if (asyncTracking) {
      // Everything since the last durable commit is read again, and re-planned: the offset ranges
      // of the replayed batches may differ from the first time (spec §1.9).
      replayedBatches = nextBatchId - 1 - (durableBatchId ?? -1);
      for (const s of sources) {
        const log = replayLog.get(s.id) ?? [];
        const rows = log.flat();
        const backlog = s.backlog;
        backlog[0] = rows.concat(backlog[0]);
        s.offsets[0] -= rows.length;
        replayPending += rows.length;
      }
      replayLog = new Map(sources.map((s) => [s.id, s.backlog.map(() => [])]));
      nextBatchId = (durableBatchId ?? -1) + 1;
      rerun = null;
    }
    const resumeMs = atMs + settings.restartDelayMs;
    queue.schedule(resumeMs, Priority.fault, () => {
      down = false;
      ctx.emit({
        type: 'job.restored',
        atMs: resumeMs,
        failure: { atMs, node, restoredFrom: lastCommittedBatchId, resumedAtMs: resumeMs, rerunBatchId: rerun?.batchId ?? null, replayedBatches },
      });
      // The uncommitted batch runs again with the same batch id, offsets and watermark (spec §1.1).
      if (rerun) runBatch({ ...rerun, startMs: resumeMs, replayed: true }, resumeMs);
      else onTrigger(resumeMs);
    });
  }

  return {
    start() {
      replayLog = new Map(sources.map((s) => [s.id, s.backlog.map(() => [])]));
      if (settings.asyncProgressTracking && !asyncTracking) {
        ctx.emit({ type: 'note.added', atMs: 0, node: null, message: 'asynchronous progress tracking needs a stateless query with Kafka sinks and a processing-time trigger: this query logs progress synchronously' });
      }
      if (asyncTracking) scheduleDurableCommit(asyncIntervalMs);
      for (const p of sinkNodes) {
        if (p.node.kind !== 'sink' || p.node.params.delivery !== 'exactly-once' || p.node.params.connector === 'file') continue;
        ctx.emit({
          type: 'note.added',
          atMs: 0,
          node: p.id,
          message: `Spark's ${p.node.params.connector} sink is at-least-once: a re-run batch writes its rows again (exactly-once needs the file sink, or foreachBatch writing idempotently by batchId)`,
        });
      }
      for (const f of plan.job.faults) {
        if (f.kind === 'crash') queue.schedule(f.atMs, Priority.fault, () => crash(f.atMs, f.node ?? null));
      }
      scheduleTrigger(0);
    },
    isFinished: () => finished && !down && inflight === null,
    stateRows: () => {
      let n = 0;
      for (const op of operators.values()) n += op.stateRows?.() ?? 0;
      return n;
    },
  };
}

/**
 * Spark's `durationMs` phases. The planning share of the overhead splits as the steps before a
 * batch runs: latestOffset (asking the sources), walCommit (the offsets log), getBatch and
 * queryPlanning; addBatch runs the plan and the sink; commitOffsets writes the commit log;
 * triggerExecution is the whole trigger.
 */
export function phaseDurations(planningMs: number, addBatchMs: number, commitMs: number, triggerExecutionMs: number): Record<string, number> {
  const latestOffset = Math.floor(planningMs * 0.25);
  const walCommit = Math.floor(planningMs * 0.25);
  const getBatch = Math.floor(planningMs * 0.1);
  return {
    latestOffset,
    walCommit,
    getBatch,
    queryPlanning: planningMs - latestOffset - walCommit - getBatch,
    addBatch: addBatchMs,
    commitOffsets: commitMs,
    triggerExecution: triggerExecutionMs,
  };
}

/** Appends without spreading: a spread of a large batch (150k+ rows) overflows the call stack. */
function appendAll(into: Row[], rows: ArrayLike<Row>) {
  for (let i = 0; i < rows.length; i++) into.push(rows[i]);
}
