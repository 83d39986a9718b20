// Flink's job-level behaviour around the running attempt (spec §2.9–2.12): the checkpoint
// coordinator (barriers every interval, min pause, max concurrent, timeout), savepoints, crashes and
// restarts from the last completed checkpoint (or from scratch without one), and sink transactions.
import type { RuntimeContext, Runtime } from '../kernel/context.ts';
import { Priority, type ScheduledEvent } from '../kernel/queue.ts';
import type { CheckpointEntry, SubtaskEntry } from '../../model/index.ts';
import { createAttempt, type Ack, type Attempt, type RestorePoint } from './attempt.ts';
import { wire } from './lanes.ts';
import { createSinkRegistry } from './sinks.ts';

type Pending = {
  id: number;
  kind: 'checkpoint' | 'savepoint';
  triggeredAtMs: number;
  offsets: Record<string, number[]>;
  acks: Map<string, Ack>;
  /** When each task acknowledged (for the per-operator end-to-end duration). */
  ackedAtMs: Map<string, number>;
  timeout: ScheduledEvent | null;
  completion: ScheduledEvent | null;
};

type Completed = { id: number; kind: 'checkpoint' | 'savepoint'; completedAtMs: number; restore: RestorePoint };

export function createDataflowRuntime(ctx: RuntimeContext): Runtime {
  const { plan, queue } = ctx;
  const settings = plan.job.settings.dataflow;
  const cp = settings.checkpointing;
  const wiring = wire(plan);
  const sinks = createSinkRegistry(ctx);
  let attempt: Attempt | null = null;
  let down = false;
  let finished = false;
  let failures = 0;
  let nextCheckpointId = 1;
  const pending = new Map<number, Pending>();
  let lastCompleted: Completed | null = null;
  let lastCompletedAtMs = -Infinity;
  let triggerWaiting = false;
  let epoch = 0; // bumps on every crash: the scheduler's events of an earlier run are ignored
  const readBefore: Record<string, number[]> = Object.create(null);

  const hooks = {
    ctx,
    wiring,
    subtaskBase: null as Record<string, SubtaskEntry[]> | null,
    onAck: (id: number, ack: Ack) => onAck(id, ack),
    onSinkRecord: (nodeId: string, row: Record<string, unknown>, replayed: boolean) => sinks.write(nodeId, row, replayed),
    onSinkBarrier: (nodeId: string, id: number) => sinks.preCommit(nodeId, id),
    onFinished: () => {
      finished = true;
      for (const p of [...pending.values()]) fail(p, 'the job finished before the checkpoint completed');
      sinks.finished();
      ctx.emit({ type: 'job.finished', atMs: ctx.nowMs() });
    },
  };

  // ---- checkpoint coordinator (spec §2.9) ---------------------------------------------------------
  function schedulePeriodic(t: number) {
    if (!cp) return;
    const e = epoch;
    queue.schedule(t, Priority.checkpoint, () => {
      if (e !== epoch || finished || down) return;
      if (canTrigger()) trigger('checkpoint');
      else triggerWaiting = true;
      schedulePeriodic(t + cp.intervalMs);
    });
  }

  const canTrigger = () =>
    cp !== undefined &&
    [...pending.values()].filter((p) => p.kind === 'checkpoint').length < (cp.minPauseMs > 0 ? 1 : cp.maxConcurrent) &&
    ctx.nowMs() >= lastCompletedAtMs + cp.minPauseMs;

  function trigger(kind: 'checkpoint' | 'savepoint') {
    if (!attempt || down || finished) return;
    const id = nextCheckpointId++;
    const unaligned = kind === 'checkpoint' && cp?.mode === 'unaligned';
    const p: Pending = { id, kind, triggeredAtMs: ctx.nowMs(), offsets: {}, acks: new Map(), ackedAtMs: new Map(), timeout: null, completion: null };
    pending.set(id, p);
    ctx.emit({ type: 'checkpoint.triggered', atMs: ctx.nowMs(), id, kind });
    const timeoutMs = cp?.timeoutMs ?? 600_000;
    p.timeout = queue.schedule(ctx.nowMs() + timeoutMs, Priority.checkpoint, () => {
      if (pending.get(id) === p) fail(p, `expired after ${timeoutMs} ms`);
    });
    p.offsets = attempt.injectBarrier(id, unaligned);
  }

  function onAck(id: number, ack: Ack) {
    const p = pending.get(id);
    if (!p || !attempt) return;
    p.acks.set(ack.taskKey, ack);
    p.ackedAtMs.set(ack.taskKey, ctx.nowMs());
    if (p.acks.size < attempt.taskCount) return;
    // Every task acknowledged; the asynchronous part uploads state (modelled as 1 ms per 1,000 rows).
    const stateRows = [...p.acks.values()].reduce((n, a) => n + a.stateRows, 0);
    const asyncMs = 1 + Math.floor(stateRows / 1000);
    p.completion = queue.schedule(ctx.nowMs() + asyncMs, Priority.checkpoint, () => {
      if (pending.get(id) === p) complete(p, asyncMs);
    });
  }

  type OperatorDetail = {
    startDelayMs: number; alignmentMs: number; syncMs: number; stateRows: number; inflightRecords: number;
    /** Flink's per-operator figures: trigger to the last subtask's acknowledgement plus the upload (completed checkpoints). */
    endToEndMs: number | null; asyncMs: number | null;
  };
  function entryOf(p: Pending, status: CheckpointEntry['status'], completedAtMs: number | null, extra: Record<string, unknown>): CheckpointEntry {
    // In pipeline order (the plan's topological order), as Flink's checkpoint details list them.
    const operators: Record<string, OperatorDetail> = Object.create(null);
    const ackedAfterMs = new Map<string, number>();
    for (const n of plan.nodes) {
      for (const [key, a] of p.acks) {
        if (a.nodeId !== n.id) continue;
        const o = (operators[a.nodeId] ??= { startDelayMs: 0, alignmentMs: 0, syncMs: 0, stateRows: 0, inflightRecords: 0, endToEndMs: null, asyncMs: null });
        o.startDelayMs = Math.max(o.startDelayMs, a.firstBarrierAtMs - p.triggeredAtMs);
        o.alignmentMs = Math.max(o.alignmentMs, a.alignmentMs);
        o.stateRows += a.stateRows;
        o.inflightRecords += a.inflightIn.length + a.inflightOut.length;
        ackedAfterMs.set(a.nodeId, Math.max(ackedAfterMs.get(a.nodeId) ?? 0, (p.ackedAtMs.get(key) ?? p.triggeredAtMs) - p.triggeredAtMs));
      }
    }
    // The asynchronous part is one upload for the whole checkpoint here (see onAck): each operator's ends with it.
    const asyncMs = typeof extra.asyncMs === 'number' ? extra.asyncMs : null;
    if (asyncMs !== null) {
      for (const [id, o] of Object.entries(operators)) {
        o.asyncMs = asyncMs;
        o.endToEndMs = (ackedAfterMs.get(id) ?? 0) + asyncMs;
      }
    }
    const unaligned = p.kind === 'checkpoint' && cp?.mode === 'unaligned';
    return { id: p.id, kind: p.kind, triggeredAtMs: p.triggeredAtMs, completedAtMs, status, unaligned, operators, ...extra };
  }

  function complete(p: Pending, asyncMs: number) {
    pending.delete(p.id);
    p.timeout?.cancel();
    const restore: RestorePoint = { checkpointId: p.id, sourceOffsets: p.offsets, operators: {}, inflight: {} };
    for (const a of p.acks.values()) {
      if (a.state !== undefined) restore.operators[a.taskKey] = a.state;
      if (a.inflightIn.length > 0 || a.inflightOut.length > 0) restore.inflight[a.taskKey] = { in: a.inflightIn, out: a.inflightOut };
    }
    const entry = entryOf(p, 'completed', ctx.nowMs(), {
      asyncMs,
      stateRows: [...p.acks.values()].reduce((n, a) => n + a.stateRows, 0),
      inflightRecords: [...p.acks.values()].reduce((n, a) => n + a.inflightIn.length + a.inflightOut.length, 0),
      retainedOnCancel: p.kind === 'savepoint' || cp?.externalized === 'retain',
    });
    if (p.kind === 'checkpoint') {
      lastCompleted = { id: p.id, kind: p.kind, completedAtMs: ctx.nowMs(), restore };
      lastCompletedAtMs = ctx.nowMs();
    }
    ctx.emit({ type: 'checkpoint.completed', atMs: ctx.nowMs(), checkpoint: entry });
    // A savepoint commits no side effects and is not used for failover (Flink 1.15+): its
    // pre-committed transactions wait for the next completed checkpoint.
    if (p.kind === 'checkpoint') {
      sinks.checkpointCompleted(p.id);
      attempt?.checkpointCompleted(p.id);
    }
    if (triggerWaiting && cp) {
      triggerWaiting = false;
      const at = Math.max(ctx.nowMs(), lastCompletedAtMs + cp.minPauseMs);
      const e = epoch;
      queue.schedule(at, Priority.checkpoint, () => {
        if (e === epoch && !down && !finished && canTrigger()) trigger('checkpoint');
      });
    }
  }

  function fail(p: Pending, reason: string) {
    pending.delete(p.id);
    p.timeout?.cancel();
    p.completion?.cancel();
    attempt?.abortBarrier(p.id);
    ctx.emit({ type: 'checkpoint.failed', atMs: ctx.nowMs(), checkpoint: entryOf(p, 'failed', null, { reason }) });
  }

  // ---- failures and restarts (spec §2.10) ---------------------------------------------------------
  function crash(atMs: number, node: string | null) {
    if (down || finished || !attempt) return;
    ctx.emit({ type: 'job.failed', atMs, node });
    const counts = attempt.readCounts();
    // What the restored state will emit again: repeats, to be marked replayed in the trace.
    if (lastCompleted) lastCompleted = { ...lastCompleted, restore: { ...lastCompleted.restore, repeats: attempt.emittedAfter(lastCompleted.id) } };
    for (const [id, list] of Object.entries(counts)) readBefore[id] = list.map((n, i) => Math.max(n, readBefore[id]?.[i] ?? 0));
    hooks.subtaskBase = attempt.subtasks(atMs); // the next attempt's subtasks go on from these totals
    attempt.kill();
    attempt = null;
    down = true;
    epoch++;
    for (const p of [...pending.values()]) fail(p, 'the job failed');
    failures++;
    const restart = settings.restart;
    if (restart.kind === 'none' || failures > restart.attempts) {
      finished = true;
      ctx.emit({ type: 'note.added', atMs, node, message: `the job failed and is not restarted (restart strategy ${restart.kind === 'none' ? 'none' : `exhausted after ${restart.attempts} attempts`})` });
      return;
    }
    const resumeMs = atMs + restart.delayMs;
    queue.schedule(resumeMs, Priority.fault, () => resume(atMs, node, resumeMs));
  }

  function resume(crashedAtMs: number, node: string | null, resumeMs: number) {
    down = false;
    const from = lastCompleted;
    sinks.restored(from?.id ?? null);
    ctx.emit({
      type: 'job.restored',
      atMs: resumeMs,
      failure: {
        atMs: crashedAtMs, node, restoredFrom: from?.id ?? null, resumedAtMs: resumeMs, stateLost: from === null,
        // Where the sources resume reading: the checkpoint's offsets, or the beginning.
        sourceOffsets: from ? from.restore.sourceOffsets : Object.fromEntries(Object.entries(readBefore).map(([id, list]) => [id, list.map(() => 0)])),
      },
    });
    if (!from) {
      ctx.emit({ type: 'note.added', atMs: resumeMs, node: null, message: 'no completed checkpoint: the job restarted from the beginning of its input with empty state' });
    }
    attempt = createAttempt(hooks, from?.restore ?? null, readBefore);
    if (cp) schedulePeriodic(resumeMs + cp.intervalMs);
  }

  return {
    start() {
      for (const f of plan.job.faults) {
        if (f.kind === 'crash') queue.schedule(f.atMs, Priority.fault, () => crash(f.atMs, f.node ?? null));
        else queue.schedule(f.atMs, Priority.checkpoint, () => trigger('savepoint'));
      }
      attempt = createAttempt(hooks, null, readBefore);
      if (cp) schedulePeriodic(cp.intervalMs);
    },
    isFinished: () => finished,
    beforeEvent: (t) => attempt?.beforeEvent(t),
    afterEvent: () => attempt?.afterEvent(),
    stateRows: () => attempt?.stateRows() ?? 0,
    finish: () => attempt?.finish(),
  };
}
