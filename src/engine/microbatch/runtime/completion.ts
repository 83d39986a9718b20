// A batch's completion as Spark's progress reports it (spec §1.4, StreamingQueryProgress): its
// phases, rates, watermark, state and event-time figures.
import type { BatchEntry } from '../../../model/index.ts';
import { eventTimeOf, stateOperatorsOf } from '../progress.ts';
import type { BatchRun } from './execution.ts';
import type { Planned } from './planning.ts';
import type { MbQuery } from './setup.ts';

/** The progress entry of a batch that completed at `run.endMs`; `previousStartMs`: when the batch before it started. */
export function completedEntry(q: MbQuery, planned: Planned, run: BatchRun, previousStartMs: number | null): BatchEntry {
  const { endMs, phases } = run;
  const duration = endMs - planned.startMs;
  const stateRows = Object.fromEntries([...q.operators].map(([id, op]) => [id, op.stateRows?.() ?? 0]));
  const eventTime = eventTimeOf(q.watermarkNodes, run.eventTimeStats, planned.wmEvictionMs);
  return {
    batchId: planned.batchId,
    startMs: planned.startMs,
    endMs,
    inputRecords: planned.inputRecords,
    watermarkMs: planned.wmEvictionMs,
    numInputRows: planned.inputRecords,
    // Spark: input rows over the time since the previous batch started.
    inputRowsPerSecond: previousStartMs !== null && planned.startMs > previousStartMs ? Math.round((planned.inputRecords * 1000) / (planned.startMs - previousStartMs)) : null,
    processedRowsPerSecond: duration > 0 ? Math.round((planned.inputRecords * 1000) / duration) : null,
    numRowsDroppedByWatermark: run.dropped,
    durationMs: phaseDurations(phases.planningMs, phases.addBatchMs, phases.commitMs, duration),
    offsets: planned.offsets,
    offsetsLoggedAtMs: planned.startMs,
    commitLoggedAtMs: q.asyncTracking ? null : endMs,
    replayed: planned.replayed,
    stateRows,
    ...(eventTime ? { eventTime } : {}),
    stateOperators: stateOperatorsOf(q.plan.job.nodes, stateRows, planned.batchId, run.droppedBy),
    nextWatermarkMs: q.watermarks.globalMs(),
    ...(run.tasks.length > 0 ? { tasks: run.tasks } : {}),
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
