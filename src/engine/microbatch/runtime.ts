// Spark Structured Streaming's micro-batch execution (spec §1.1–1.4, 1.8, 1.10): triggers on a
// processing-time grid, offsets planned and logged before a batch runs, the batch run over all its
// rows, the watermark updated from the batch's data and used from the next batch on, the commit
// log written at the end. A crash re-runs the uncommitted batch with the same offsets and watermark.
//
// This file ties the steps together on the event queue and holds what changes as the query runs;
// the steps are plain functions: the query's make-up (runtime/setup.ts), batch planning and
// triggers (runtime/planning.ts), running and writing a batch (runtime/execution.ts), its progress
// entry (runtime/completion.ts), and failure and replay (runtime/failure.ts). The runtime is made
// once per run (a restart does not make a new one), and its code runs per batch, not per row.
import type { RuntimeContext, Runtime } from '../kernel/context.ts';
import { Priority, type ScheduledEvent } from '../kernel/queue.ts';
import { completedEntry } from './runtime/completion.ts';
import { runPlanned, writeBatch, type BatchRun } from './runtime/execution.ts';
import { emptyReplayLog, failedEntry, logForReplay, requeueForReplay, type ReplayLog } from './runtime/failure.ts';
import {
  backlogTotal,
  needsNoDataBatch,
  nextArrival,
  pullSources,
  takeBatchInput,
  triggerAfterBatchAt,
  triggerForArrivalAt,
  type Planned,
} from './runtime/planning.ts';
import { mbQueryOf, snapshotAll } from './runtime/setup.ts';

export function createMicrobatchRuntime(ctx: RuntimeContext): Runtime {
  const { queue } = ctx;
  const q = mbQueryOf(ctx.plan);
  const { settings, trigger, intervalMs, asyncTracking, sources, operators, watermarks } = q;

  let nextBatchId = 0;
  /** The watermark the last batch ran with (the late-row filter of the next batch). */
  let lastBatchWm: number | null = null;
  let lastCommittedBatchId: number | null = null;
  let committedState = q.hasFaults ? snapshotAll(q) : null;
  let inflight: { planned: Planned; events: ScheduledEvent[]; startedAtMs: number } | null = null;
  /** Async progress tracking: the last batch whose commit reached the log, and rows read since. */
  let durableBatchId: number | null = null;
  let replayLog: ReplayLog = new Map();
  /** Rows put back for re-reading after an async-tracking failure, not yet re-read. */
  let replayPending = 0;
  let lastBatchStartMs: number | null = null;
  let pendingTrigger: ScheduledEvent | null = null;
  let down = false;
  let finished = false;
  const notedWatermarkItems = new Set<string>();

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

  /** After a batch that started at `startMs` ended at `endMs`. */
  function scheduleAfterBatch(startMs: number, endMs: number) {
    if (trigger.kind === 'once') {
      finishJob();
      return;
    }
    scheduleTrigger(triggerAfterBatchAt(intervalMs, startMs, endMs));
  }

  /** Nothing to run at `t`: wait for data (on the grid) or finish. */
  function scheduleIdle(t: number) {
    const at = nextArrival(q);
    if (at === undefined && q.waitsForever && trigger.kind !== 'availableNow') return;
    if (at === undefined || trigger.kind === 'availableNow') {
      finishJob();
      return;
    }
    scheduleTrigger(triggerForArrivalAt(intervalMs, t, at));
  }

  function onTrigger(t: number) {
    pendingTrigger = null;
    if (down) return;
    for (const id of pullSources(q, t, notedWatermarkItems)) {
      ctx.emit({ type: 'note.added', atMs: t, node: id, message: 'punctuated watermark items are ignored in micro-batch mode: Spark computes the watermark from event times' });
    }
    const { rows, offsets, inputRecords } = takeBatchInput(q);
    if (asyncTracking) logForReplay(replayLog, rows);
    const replayed = replayPending > 0;
    replayPending = Math.max(0, replayPending - inputRecords);
    if (inputRecords === 0 && !needsNoDataBatch(q, lastBatchWm)) {
      if (trigger.kind === 'once') finishJob();
      else scheduleIdle(t);
      return;
    }
    const wm = watermarks.globalMs();
    const planned: Planned = { batchId: nextBatchId++, startMs: t, wmEvictionMs: wm, wmLateMs: lastBatchWm ?? wm, rows, inputRecords, offsets, replayed };
    runBatch(planned, t);
  }

  function runBatch(planned: Planned, t: number) {
    // Step 2: the offsets log entry, before the batch runs (spec §1.1).
    ctx.emit({ type: 'batch.started', atMs: t, batchId: planned.batchId, watermarkMs: planned.wmEvictionMs, inputRecords: planned.inputRecords, noData: planned.inputRecords === 0 });
    const run = runPlanned(q, planned, t);
    const written = queue.schedule(run.writeMs, Priority.batch - 2, () => writeBatch(q, planned, run, (f) => ctx.emit(f)));
    const completion = queue.schedule(run.endMs, Priority.batch - 1, () => complete(planned, run));
    inflight = { planned, events: [written, completion], startedAtMs: t };
  }

  function complete(planned: Planned, run: BatchRun) {
    inflight = null;
    const endMs = run.endMs;
    // Step 4: the watermark from this batch's data, used from the next batch on (spec §1.4).
    for (const f of watermarks.update(run.maxEventTime, endMs)) ctx.emit(f);
    lastBatchWm = planned.wmEvictionMs;
    // Step 5: the commit log entry. With async progress tracking it is written later, in the background.
    if (!asyncTracking) lastCommittedBatchId = planned.batchId;
    if (committedState) committedState = snapshotAll(q);
    const batch = completedEntry(q, planned, run, lastBatchStartMs);
    lastBatchStartMs = planned.startMs;
    ctx.emit({ type: 'batch.completed', atMs: endMs, batch });
    if (trigger.kind === 'availableNow' && nextArrival(q) === undefined && backlogTotal(q) === 0 && !needsNoDataBatch(q, lastBatchWm)) {
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
          replayLog = emptyReplayLog(sources);
          if (inflight) logForReplay(replayLog, inflight.planned.rows);
        }
      }
      scheduleDurableCommit(t + q.asyncIntervalMs);
    });
  }

  function crash(atMs: number, node: string | null) {
    if (down || finished) return;
    down = true;
    ctx.emit({ type: 'job.failed', atMs, node });
    const running = inflight?.planned ?? null;
    if (running && inflight) ctx.emit({ type: 'batch.failed', atMs, batch: failedEntry(running, inflight.startedAtMs, atMs) });
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
      replayPending += requeueForReplay(sources, replayLog);
      replayLog = emptyReplayLog(sources);
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
      replayLog = emptyReplayLog(sources);
      if (settings.asyncProgressTracking && !asyncTracking) {
        ctx.emit({ type: 'note.added', atMs: 0, node: null, message: 'asynchronous progress tracking needs a stateless query with Kafka sinks and a processing-time trigger: this query logs progress synchronously' });
      }
      if (asyncTracking) scheduleDurableCommit(q.asyncIntervalMs);
      for (const p of q.sinkNodes) {
        if (p.node.kind !== 'sink' || p.node.params.delivery !== 'exactly-once' || p.node.params.connector === 'file') continue;
        ctx.emit({
          type: 'note.added',
          atMs: 0,
          node: p.id,
          message: `Spark's ${p.node.params.connector} sink is at-least-once: a re-run batch writes its rows again (exactly-once needs the file sink, or foreachBatch writing idempotently by batchId)`,
        });
      }
      for (const f of ctx.plan.job.faults) {
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
