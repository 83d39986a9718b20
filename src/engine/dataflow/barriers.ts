// Checkpoint barriers in the tasks (spec §2.9). Aligned: a task holds each input whose barrier has
// arrived until all inputs have it, then snapshots, forwards the barrier and releases the held
// data — under backpressure that waiting is the alignment time. Unaligned: the first barrier to
// arrive overtakes queued data; the task snapshots at once, and the data the barrier overtook
// (queued input, output buffers, and input still arriving before the other barriers) is stored with
// the checkpoint, to be replayed first on restore.
import type { RuntimeContext } from '../kernel/context.ts';
import type { Ack } from './attempt.ts';
import type { BarrierProgress, Element, Target, Task } from './tasks.ts';

type Barrier = Extract<Element, { k: 'barrier' }>;

/** What barriers ask of their attempt. */
export type BarrierHost = {
  readonly ctx: RuntimeContext;
  onAck(barrierId: number, ack: Ack): void;
  onSinkBarrier(nodeId: string, barrierId: number): void;
  broadcast(task: Task, el: Element): void;
  deliverFirst(task: Task, channel: number, el: Element): void;
  drain(task: Task): void;
};

export const taskKeyOf = (t: Task) => `${t.plan.id}#${t.lane}`;
const targetsOf = (task: Task) => [...task.targets.out, ...task.targets.late];
const channelCount = (task: Task) => Math.max(1, task.inputs.length);

/** Records on a channel not yet taken by its receiver: queued there, and in the sender's outbox. */
function rowsWaiting(t: Target): number {
  let n = t.task.queuedRows[t.channel] ?? 0;
  for (const el of t.outbox) if (el.k === 'row') n++;
  return n;
}

/** A class like the attempt it serves (see attempt.ts: one set of methods for every attempt). */
export class Barriers {
  constructor(private readonly d: BarrierHost) {}

  private progress(task: Task, id: number, snapshotted = false): BarrierProgress {
    let pr = task.barriers.get(id);
    if (!pr) {
      pr = { id, firstAtMs: this.d.ctx.nowMs(), arrived: new Set(), snapshotted, inflightIn: [], inflightOut: [], state: undefined };
      task.barriers.set(id, pr);
    }
    return pr;
  }

  /** Unaligned: snapshot now, keep what the barrier overtakes, and send it ahead of queued data. */
  private overtake(task: Task, pr: BarrierProgress, b: Barrier) {
    pr.snapshotted = true;
    pr.state = task.operator?.snapshot(pr.id);
    for (let i = task.head; i < task.queue.length; i++) {
      const q = task.queue[i];
      if (q.el.k === 'row') pr.inflightIn.push(q);
    }
    targetsOf(task).forEach((t, target) => {
      for (const el of t.outbox) if (el.k === 'row') pr.inflightOut.push({ target, el });
    });
    this.snapshotTaken(task, pr, true, 0);
    if (task.plan.node.kind === 'sink') this.d.onSinkBarrier(task.plan.id, b.id);
    this.sent(task, b);
    for (const t of targetsOf(task)) this.d.deliverFirst(t.task, t.channel, b);
  }

  // ---- facts: one per barrier hop and per task, never per record (there are few barriers) -------

  /** Barrier `b` leaves `task` on each output channel: aligned, behind what is in front of it; unaligned, ahead of it. */
  private sent(task: Task, b: Barrier) {
    const atMs = this.d.ctx.nowMs();
    for (const t of targetsOf(task)) {
      const inFront = rowsWaiting(t);
      this.d.ctx.emit({
        type: 'barrier.sent', atMs, id: b.id, unaligned: b.unaligned, from: task.plan.id, lane: task.lane, to: t.task.plan.id,
        ahead: b.unaligned ? 0 : inFront, overtook: b.unaligned ? inFront : 0,
      });
    }
  }

  private snapshotTaken(task: Task, pr: BarrierProgress, unaligned: boolean, alignmentMs: number) {
    this.d.ctx.emit({
      type: 'snapshot.taken', atMs: this.d.ctx.nowMs(), id: pr.id, node: task.plan.id, lane: task.lane, unaligned, alignmentMs,
      stateRows: task.operator?.stateRows() ?? 0,
    });
  }

  private complete(task: Task, pr: BarrierProgress, alignmentMs: number) {
    task.barriers.delete(pr.id);
    this.d.ctx.emit({
      type: 'checkpoint.acknowledged', atMs: this.d.ctx.nowMs(), id: pr.id, node: task.plan.id, lane: task.lane,
      inflightRecords: pr.inflightIn.length + pr.inflightOut.length,
    });
    this.d.onAck(pr.id, {
      taskKey: taskKeyOf(task),
      nodeId: task.plan.id,
      firstBarrierAtMs: pr.firstAtMs,
      alignmentMs,
      state: pr.state,
      stateRows: task.operator?.stateRows() ?? 0,
      inflightIn: pr.inflightIn,
      inflightOut: pr.inflightOut,
    });
  }

  private releaseHeld(task: Task) {
    task.heldChannels.clear();
    if (task.held.length > 0) {
      task.queue.splice(task.head, 0, ...task.held);
      task.held = [];
    }
    this.d.drain(task);
  }

  onBarrier(task: Task, channel: number, b: Barrier): void {
    const pr = this.progress(task, b.id);
    pr.arrived.add(channel);
    const all = pr.arrived.size >= channelCount(task);
    this.d.ctx.emit({
      type: 'barrier.received', atMs: this.d.ctx.nowMs(), id: b.id, node: task.plan.id, lane: task.lane, channel,
      from: task.inputs[channel]?.from.plan.id ?? '', blocked: !b.unaligned && !all,
    });
    if (b.unaligned) {
      if (!pr.snapshotted) this.overtake(task, pr, b);
      if (all) this.complete(task, pr, 0);
      return;
    }
    if (!all) {
      task.heldChannels.add(channel);
      return;
    }
    pr.state = task.operator?.snapshot(pr.id);
    const alignmentMs = this.d.ctx.nowMs() - pr.firstAtMs;
    this.snapshotTaken(task, pr, false, alignmentMs);
    if (task.plan.node.kind === 'sink') this.d.onSinkBarrier(task.plan.id, b.id);
    this.complete(task, pr, alignmentMs);
    this.sent(task, b);
    this.d.broadcast(task, b);
    this.releaseHeld(task);
  }

  /** A source lane records its offsets and sends the barrier downstream. */
  inject(lane: Task, id: number, unaligned: boolean): void {
    const b: Barrier = { k: 'barrier', id, unaligned };
    const pr = this.progress(lane, id, true);
    this.snapshotTaken(lane, pr, unaligned, 0);
    this.sent(lane, b);
    if (unaligned) {
      targetsOf(lane).forEach((t, target) => {
        for (const el of t.outbox) if (el.k === 'row') pr.inflightOut.push({ target, el });
      });
      for (const t of targetsOf(lane)) this.d.deliverFirst(t.task, t.channel, b);
    } else this.d.broadcast(lane, b);
    this.complete(lane, pr, 0);
  }

  abort(id: number, tasks: readonly Task[]): void {
    for (const task of tasks) {
      if (task.barriers.delete(id) && task.barriers.size === 0 && task.heldChannels.size > 0) this.releaseHeld(task);
    }
  }

  captureInflight(task: Task, channel: number, el: Element): void {
    if (task.barriers.size === 0) return;
    for (const pr of task.barriers.values()) {
      if (pr.snapshotted && !pr.arrived.has(channel)) pr.inflightIn.push({ channel, el });
    }
  }
}
