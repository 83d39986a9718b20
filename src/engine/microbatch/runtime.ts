// Spark Structured Streaming's micro-batch execution (spec §1.1–1.4, 1.8, 1.10): triggers on a
// processing-time grid, offsets planned and logged before a batch runs, the batch run over all its
// rows, the watermark updated from the batch's data and used from the next batch on, the commit
// log written at the end. A crash re-runs the uncommitted batch with the same offsets and watermark.
import type { Fact } from '../facts.ts';
import type { RuntimeContext, Runtime } from '../kernel/context.ts';
import { Priority, type ScheduledEvent } from '../kernel/queue.ts';
import type { BatchEntry, Row } from '../result.ts';
import { createSourceCursor } from '../sources/index.ts';
import { createMbDedup } from './dedup.ts';
import { executeBatch } from './execute.ts';
import { createMbJoin } from './join.ts';
import { backlogSize, createMbSource, planCounts, pullArrivals, takePlanned, type MbSource } from './sources.ts';
import type { BatchContext, MbOperator } from './types.ts';
import { createMbWatermarks } from './watermarks.ts';
import { createMbWindowAggregate } from './windowAggregate.ts';

type Planned = { batchId: number; startMs: number; wmEvictionMs: number; wmLateMs: number; rows: Map<string, Row[]>; inputRecords: number; offsets: Record<string, number[]> };

export function createMicrobatchRuntime(ctx: RuntimeContext): Runtime {
  const { plan, queue } = ctx;
  const settings = plan.job.settings.microbatch;
  const trigger = settings.trigger;
  const intervalMs = trigger.kind === 'processingTime' ? trigger.intervalMs : 0;
  const overheadMs = trigger.kind === 'continuous' ? 1 : settings.batchOverheadMs;
  const limit = trigger.kind === 'once' ? null : settings.maxRecordsPerTrigger;
  const hasFaults = plan.job.faults.length > 0;

  const sources: MbSource[] = [];
  const operators = new Map<string, MbOperator>();
  for (const p of plan.nodes) {
    const n = p.node;
    if (n.kind === 'source') sources.push(createMbSource(p.id, createSourceCursor(n, plan.job.settings.seed)));
    else if (n.kind === 'window') operators.set(p.id, createMbWindowAggregate(p));
    else if (n.kind === 'dedup') operators.set(p.id, createMbDedup(p));
    else if (n.kind === 'join') operators.set(p.id, createMbJoin(p));
  }
  const watermarks = createMbWatermarks(plan, settings.multipleWatermarkPolicy);

  let nextBatchId = 0;
  /** The watermark the last batch ran with (the late-row filter of the next batch). */
  let lastBatchWm: number | null = null;
  let lastCommittedBatchId: number | null = null;
  let committedState = hasFaults ? snapshotAll() : null;
  let inflight: { planned: Planned; completion: ScheduledEvent; facts: Fact[] } | null = null;
  let pendingTrigger: ScheduledEvent | null = null;
  let down = false;
  let finished = false;
  let stopAfterBatch = false;
  /** availableNow: the offsets available when the query started; later data is not read. */
  const availableNowCutoffMs = trigger.kind === 'availableNow' || trigger.kind === 'once' ? 0 : Infinity;
  const notedWatermarkItems = new Set<string>();

  function snapshotAll(): Map<string, unknown> {
    return new Map([...operators].map(([id, op]) => [id, op.snapshot?.()]));
  }

  function needsNoDataBatch(): boolean {
    if (trigger.kind === 'once') return false;
    const used = lastBatchWm ?? 0;
    return [...operators.values()].some((op) => op.needsBatchFor?.(watermarks.globalMs(), used) ?? false);
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
      finished = true;
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
    if (at === undefined || trigger.kind === 'availableNow') {
      finished = true;
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
    const offsets: Record<string, number[]> = {};
    let inputRecords = 0;
    for (const s of sources) {
      const taken = takePlanned(s, planCounts(s, limit));
      rows.set(s.id, taken);
      offsets[s.id] = [...s.offsets];
      inputRecords += taken.length;
    }
    if (inputRecords === 0 && !needsNoDataBatch()) {
      if (trigger.kind === 'once') finished = true;
      else scheduleIdle(t);
      return;
    }
    const wm = watermarks.globalMs();
    const planned: Planned = { batchId: nextBatchId++, startMs: t, wmEvictionMs: wm, wmLateMs: lastBatchWm ?? wm, rows, inputRecords, offsets };
    runBatch(planned, t);
  }

  function runBatch(planned: Planned, t: number) {
    const facts: Fact[] = [];
    const noData = planned.inputRecords === 0;
    ctx.emit({ type: 'batch.started', atMs: t, batchId: planned.batchId, watermarkMs: planned.wmEvictionMs, inputRecords: planned.inputRecords, noData });
    let dropped = 0;
    const pendingLate: { node: string; row: Row; dropCount: number }[] = [];
    const ctxFor = (nodeId: string): BatchContext => ({
      batchId: planned.batchId,
      startMs: t,
      wmEvictionMs: planned.wmEvictionMs,
      wmLateMs: planned.wmLateMs,
      outputMode: settings.outputMode,
      late: (row, dropCount) => {
        dropped += dropCount;
        pendingLate.push({ node: nodeId, row, dropCount });
      },
      note: (message) => facts.push({ type: 'note.added', atMs: t, node: nodeId, message }),
    });
    const out = executeBatch(plan, operators, ctxFor, planned.rows);
    let workMs = 0;
    for (const p of plan.nodes) {
      const cost = p.node.costMs ?? 0;
      if (cost > 0) workMs += ((out.rowsIn.get(p.id) ?? 0) * cost) / (p.node.parallelism ?? 1);
    }
    const endMs = t + overheadMs + Math.ceil(workMs);
    for (const l of pendingLate) {
      facts.push({ type: 'record.late', atMs: endMs, node: l.node, record: l.row, watermarkMs: planned.wmLateMs, to: 'dropped', dropCount: l.dropCount });
    }
    for (const e of out.edgeRows) if (e.count > 0) facts.push({ type: 'record.emitted', atMs: endMs, from: e.from, to: e.to, fromPort: 'out', count: e.count });
    for (const [sink, rows] of out.sinks) {
      for (const record of rows) {
        facts.push({ type: 'record.written', atMs: endMs, node: sink, write: { record, atMs: endMs, batchId: planned.batchId, visibleAtMs: endMs } });
      }
    }
    const completion = queue.schedule(endMs, Priority.batch - 1, () => complete(planned, endMs, out.maxEventTime, dropped, facts));
    inflight = { planned, completion, facts };
  }

  function complete(planned: Planned, endMs: number, maxEventTime: Map<string, number>, dropped: number, facts: Fact[]) {
    inflight = null;
    for (const f of facts) ctx.emit(f);
    // Step 4: the watermark from this batch's data, used from the next batch on (spec §1.4).
    for (const f of watermarks.update(maxEventTime, endMs)) ctx.emit(f);
    lastBatchWm = planned.wmEvictionMs;
    lastCommittedBatchId = planned.batchId;
    if (committedState) committedState = snapshotAll();
    const batch: BatchEntry = {
      batchId: planned.batchId,
      startMs: planned.startMs,
      endMs,
      inputRecords: planned.inputRecords,
      watermarkMs: planned.wmEvictionMs,
      numInputRows: planned.inputRecords,
      numRowsDroppedByWatermark: dropped,
      durationMs: { triggerExecution: endMs - planned.startMs },
      offsets: planned.offsets,
      stateRows: Object.fromEntries([...operators].map(([id, op]) => [id, op.stateRows?.() ?? 0])),
      nextWatermarkMs: watermarks.globalMs(),
    };
    ctx.emit({ type: 'batch.completed', atMs: endMs, batch });
    if (trigger.kind === 'availableNow' && nextArrival() === undefined && backlogTotal() === 0 && !needsNoDataBatch()) {
      finished = true;
      return;
    }
    scheduleAfterBatch(planned.startMs, endMs);
  }

  function crash(atMs: number, node: string | null) {
    if (down || finished) return;
    down = true;
    ctx.emit({ type: 'job.failed', atMs, node });
    const rerun = inflight?.planned ?? null;
    inflight?.completion.cancel();
    inflight = null;
    pendingTrigger?.cancel();
    pendingTrigger = null;
    // State stores reload the last committed version; per-input watermarks are not checkpointed.
    if (committedState) for (const [id, snap] of committedState) operators.get(id)!.restore?.(snap);
    watermarks.resetInputs();
    const resumeMs = atMs + settings.restartDelayMs;
    queue.schedule(resumeMs, Priority.fault, () => {
      down = false;
      ctx.emit({ type: 'job.restored', atMs: resumeMs, failure: { atMs, node, restoredFrom: lastCommittedBatchId, resumedAtMs: resumeMs, rerunBatchId: rerun?.batchId ?? null } });
      if (rerun) runBatch({ ...rerun, startMs: resumeMs }, resumeMs);
      else onTrigger(resumeMs);
    });
  }

  return {
    start() {
      for (const f of plan.job.faults) {
        if (f.kind === 'crash') queue.schedule(f.atMs, Priority.fault, () => crash(f.atMs, f.node ?? null));
      }
      scheduleTrigger(0);
    },
    isFinished: () => finished && !down && inflight === null,
  };
}
