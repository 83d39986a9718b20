// One execution attempt of a dataflow job (spec §2): its tasks, channels, sources and timers. A crash
// kills the attempt (its pending events turn into no-ops) and a new one starts from a checkpoint.
// Sources emit as records arrive; every record flows operator to operator, paying each operator's
// cost; watermarks are generated per lane (periodic or punctuated), combined by valves and drive
// window timers; barriers flow in-band (aligned) or overtake in-flight data (unaligned).
//
// A class rather than closures, like SourceLanes and Barriers: every restart makes a new attempt,
// and V8 specialises optimised closures to the instance they were first optimised for, then
// deoptimises them on each call from the next instance (the records after a restore ran at half
// speed). Prototype methods are shared by every attempt in the process.
import type { RuntimeContext } from '../kernel/context.ts';
import { Priority, type ScheduledEvent } from '../kernel/queue.ts';
import { applyMap } from '../plan.ts';
import { MAX_WATERMARK, MIN_WATERMARK, type Row } from '../../model/index.ts';
import { Barriers, taskKeyOf } from './barriers.ts';
import { FlowCounters } from './flows.ts';
import { laneKindOf } from './lanes.ts';
import { sampleMetrics } from './metrics.ts';
import { createOperator } from './operatorHost.ts';
import { emitPeriodic } from './periodicWatermarks.ts';
import { SourceLanes } from './sourceLanes.ts';
import { subtaskEntries, subtaskMapOf, type SubtaskMap } from './subtaskStats.ts';
import { buildTaskGraph } from './taskGraph.ts';
import type { Element, Fanout, Target, Task } from './tasks.ts';
import { createValve } from './valve.ts';
import { watchChannels } from './channelWatch.ts';
import type { Ack, Attempt, AttemptHooks, RestorePoint } from './attemptTypes.ts';

export type { Ack, Attempt, AttemptHooks, RestorePoint } from './attemptTypes.ts';

const SAMPLE_MS = 1000;

/**
 * How many operators deep an element is handed on within one call before it waits in its
 * receiver's queue instead: handing on calls the next operator, so a chain of 2,000 filters
 * overflowed the stack. Queued elements are taken by the outermost call (runDeferred), in order,
 * and a queued receiver takes what arrives after them behind them, so per-channel order holds.
 */
const MAX_DEPTH = 64;

export function createAttempt(hooks: AttemptHooks, restore: RestorePoint | null, readBefore: Record<string, number[]>): Attempt {
  return new AttemptRun(hooks, restore, readBefore);
}

class AttemptRun implements Attempt {
  readonly ctx: RuntimeContext;
  private readonly capacity: number;
  private alive = true;
  private restoring = false;
  private readonly tasks: Map<string, Task[]>;
  private readonly allTasks: Task[];
  private readonly flows: FlowCounters;
  /** Records per edge since the last flush (the flows' counters, at hand for route()). */
  private readonly edgeCounts: number[];
  private busyCount = 0;
  private finished = false;
  private readonly nodeWm = new Map<string, number>();
  /**
   * Whether the record being processed exists because the job re-processes input it had read before
   * a failure: a source record below the pre-crash offsets, or anything computed from one (a window
   * result counts as replayed when any of its elements was). Carried on the elements, not looked up.
   */
  processingReplayed = false;
  private readonly sources: SourceLanes;
  private readonly barriers: Barriers;
  /** The lanes of each watermark node (one combined watermark per node, spec §2.2). */
  private readonly assigners: Task[][];
  private readonly interval: number;
  private lastSampleMs: number;
  private readonly subtaskMap: SubtaskMap;
  /** Operators on the stack now (see MAX_DEPTH). */
  private depth = 0;
  /** Tasks with elements queued because the stack was deep: the outermost call drains them. */
  private readonly deferred: Task[] = [];

  constructor(
    private readonly hooks: AttemptHooks,
    restore: RestorePoint | null,
    readBefore: Record<string, number[]>,
  ) {
    const { ctx, wiring } = hooks;
    this.ctx = ctx;
    const settings = ctx.plan.job.settings.dataflow;
    this.capacity = settings.bufferCapacity;
    const graph = buildTaskGraph(ctx.plan, wiring);
    this.tasks = graph.tasks;
    this.allTasks = graph.allTasks;
    this.flows = new FlowCounters(ctx, graph.edges);
    this.edgeCounts = this.flows.counts;
    for (const task of this.allTasks) {
      if (laneKindOf(task.plan.node) !== 'merge') continue;
      const channels = Math.max(1, wiring.lanesIn.get(task.plan.id)!);
      task.valve = watchChannels(createValve(channels, {
        watermark: (ms) => this.onTaskWatermark(task, ms),
        status: (idle) => this.sendStatus(task, idle),
      }), channels);
      task.operator = createOperator(this, task, wiring);
    }
    this.sources = new SourceLanes(this, this.tasks, restore?.sourceOffsets ?? null, readBefore);
    this.barriers = new Barriers(this);
    this.assigners = ctx.plan.nodes.filter((p) => p.node.kind === 'watermark').map((p) => this.tasks.get(p.id)!);
    this.interval = settings.autoWatermarkIntervalMs;
    this.lastSampleMs = ctx.nowMs();
    this.subtaskMap = subtaskMapOf(ctx.plan, wiring, this.tasks);

    // Start (from a restore point: state, in-flight data, then the sources).
    if (restore) this.restoreFrom(restore);
    const startMs = ctx.nowMs();
    this.sources.start();
    const interval = this.interval;
    const firstTick = Math.floor(startMs / Math.max(1, interval)) * interval + interval;
    if (interval > 0 && this.assigners.length > 0) this.sched(firstTick, Priority.tick, () => this.tick(firstTick));
    this.scheduleSample(startMs + SAMPLE_MS);
    this.checkFinished();
  }

  private restoreFrom(restore: RestorePoint) {
    this.restoring = true;
    for (const task of this.allTasks) {
      const state = restore.operators[taskKeyOf(task)];
      const key = taskKeyOf(task);
      if (state !== undefined && task.operator) task.operator.restore(state, { checkpointId: restore.checkpointId, repeats: restore.repeats?.[key] ?? new Set() });
    }
    // In-flight data of unaligned checkpoints: each task's input first, then what senders had
    // queued for it (older input was ahead of the sender's output buffers).
    for (const task of this.allTasks) for (const q of restore.inflight[taskKeyOf(task)]?.in ?? []) this.deliver(task, q.channel, q.el);
    for (const task of this.allTasks) {
      const ts = [...task.targets.out, ...task.targets.late];
      for (const q of restore.inflight[taskKeyOf(task)]?.out ?? []) this.send(ts[q.target], q.el);
    }
    this.restoring = false;
    for (const task of this.allTasks) this.drain(task);
  }

  // ---- the Attempt interface ----------------------------------------------------------------------
  get taskCount() {
    return this.allTasks.length;
  }
  kill() {
    this.alive = false;
  }
  injectBarrier(id: number, unaligned: boolean) {
    const counts = this.sources.readCounts();
    for (const s of this.sources.sourceLanes()) for (const lane of s.lanes) this.barriers.inject(lane, id, unaligned);
    return counts;
  }
  abortBarrier(id: number) {
    this.barriers.abort(id, this.allTasks);
  }
  readCounts() {
    return this.sources.readCounts();
  }
  stateRows() {
    let n = 0;
    for (const task of this.allTasks) if (task.operator) n += task.operator.stateRows();
    return n;
  }
  emittedAfter(id: number) {
    const out: Record<string, ReadonlySet<string>> = Object.create(null);
    for (const task of this.allTasks) {
      const panes = task.operator?.emittedAfter?.(id);
      if (panes && panes.size > 0) out[taskKeyOf(task)] = panes;
    }
    return out;
  }
  checkpointCompleted(id: number) {
    for (const task of this.allTasks) task.operator?.checkpointCompleted?.(id);
  }
  isFinished() {
    return this.finished;
  }
  beforeEvent(t: number) {
    this.flows.beforeEvent(t);
  }
  afterEvent() {
    if (this.depth === 0 && this.deferred.length > 0) this.runDeferred();
    this.checkFinished();
  }
  finish() {
    this.flows.flush(this.ctx.nowMs());
    this.sample(this.ctx.nowMs());
  }
  subtasks(nowMs: number) {
    return subtaskEntries(this.ctx.plan, this.subtaskMap, this.tasks, nowMs, this.hooks.subtaskBase);
  }

  // ---- what sources, barriers and operators call back -----------------------------------------------
  /** Schedules an event of this attempt: a no-op once the attempt is killed. */
  sched(t: number, priority: number, run: () => void): ScheduledEvent {
    return this.ctx.queue.schedule(t, priority, () => {
      if (this.alive) run();
    });
  }
  paused() {
    return this.restoring;
  }
  afterArrival() {
    this.checkFinished();
  }
  onAck(barrierId: number, ack: Ack) {
    this.hooks.onAck(barrierId, ack);
  }
  onSinkBarrier(nodeId: string, barrierId: number) {
    this.hooks.onSinkBarrier(nodeId, barrierId);
  }

  // ---- moving elements (credit-based flow control, spec §2.8) -----------------------------------
  route(task: Task, port: 'out' | 'late', row: Row, replayed: boolean) {
    const fanout = task.fanout[port];
    if (fanout !== null) return this.routeFanout(task, fanout, row, replayed);
    const targets = task.targets[port];
    task.recordsOut++;
    let el: Element | null = null; // made only for a channel that must keep it: one serves every target
    for (let i = 0; i < targets.length; i++) {
      const t = targets[i];
      this.edgeCounts[t.edge]++;
      const r = t.task;
      if (t.outbox.length === 0 && !this.restoring && this.depth < MAX_DEPTH && !r.busy && r.blocked === 0 && r.head === r.queue.length && r.barriers.size === 0 && r.heldChannels.size === 0) {
        // The common case, what send() and deliver() would come to: the receiver takes the record now.
        this.handleRow(r, t.channel, row, replayed);
      } else this.send(t, (el ??= { k: 'row', row, replayed }));
    }
  }

  /** Into nodes with several subtasks: each edge's fan-out picks the one channel the record takes. */
  private routeFanout(task: Task, fanout: readonly Fanout[], row: Row, replayed: boolean) {
    task.recordsOut++;
    let el: Element | null = null;
    for (let i = 0; i < fanout.length; i++) {
      const f = fanout[i];
      const t = f.targets[f.targets.length === 1 ? 0 : f.pick(row)];
      this.edgeCounts[t.edge]++;
      const r = t.task;
      if (t.outbox.length === 0 && !this.restoring && !r.busy && r.blocked === 0 && r.head === r.queue.length && r.barriers.size === 0 && r.heldChannels.size === 0) {
        this.handleRow(r, t.channel, row, replayed);
      } else this.send(t, (el ??= { k: 'row', row, replayed }));
    }
  }

  broadcast(task: Task, el: Element) {
    for (const t of task.targets.out) this.send(t, el);
    for (const t of task.targets.late) this.send(t, el);
  }

  /** Puts an element on a channel: into the receiver if it has credit, else into the outbox. */
  private send(t: Target, el: Element) {
    if (t.outbox.length > 0 || (el.k === 'row' && t.task.queuedRows[t.channel] >= this.capacity)) {
      if (t.outbox.length === 0) this.block(t.from);
      t.outbox.push(el);
      return;
    }
    this.deliver(t.task, t.channel, el);
  }

  private block(task: Task) {
    if (task.blocked++ === 0) task.blockedSinceMs = this.ctx.nowMs();
  }

  private unblock(task: Task) {
    if (--task.blocked === 0) {
      task.backpressuredMs += this.ctx.nowMs() - task.blockedSinceMs;
      if (task.plan.node.kind === 'source') this.sources.readLane(task);
      else this.drain(task);
    }
  }

  deliver(task: Task, channel: number, el: Element) {
    if (el.k === 'row') this.barriers.captureInflight(task, channel, el);
    if (this.restoring || task.busy || task.blocked > 0 || task.head < task.queue.length) {
      task.queue.push({ channel, el });
      if (el.k === 'row') task.queuedRows[channel]++;
      return;
    }
    if (this.depth >= MAX_DEPTH) {
      // Too deep to call the receiver now: it takes this from its queue when the stack unwinds.
      task.queue.push({ channel, el });
      if (el.k === 'row') task.queuedRows[channel]++;
      this.deferred.push(task);
      return;
    }
    if (el.k !== 'mail' && task.heldChannels.has(channel)) {
      // Aligning: what arrives behind this channel's barrier waits for the other barriers, also when
      // the task has nothing else to do (drain() does the same for what was queued).
      // Held rows keep their credit until released, as queued ones do (a held channel backpressures).
      task.held.push({ channel, el });
      if (el.k === 'row') task.queuedRows[channel]++;
      return;
    }
    this.handle(task, channel, el);
  }

  /** An unaligned barrier overtakes queued data: it is handled as soon as the task is not mid-record. */
  deliverFirst(task: Task, channel: number, el: Element) {
    if (!task.busy && !this.restoring) this.handle(task, channel, el);
    else task.queue.splice(task.head, 0, { channel, el });
  }

  private handle(task: Task, channel: number, el: Element) {
    this.depth++;
    try {
      switch (el.k) {
        case 'row':
          return this.handleRow(task, channel, el.row, el.replayed);
        case 'wm':
          return this.onWatermark(task, channel, el.ms);
        case 'status':
          return this.onStatus(task, channel, el.idle);
        case 'barrier':
          return this.barriers.onBarrier(task, channel, el);
        case 'mail':
          return el.run();
      }
    } finally {
      if (--this.depth === 0 && this.deferred.length > 0) this.runDeferred();
    }
  }

  /** Drains the tasks that queued elements while the stack was deep (iteratively, not recursively). */
  private runDeferred() {
    const deferred = this.deferred;
    this.depth++; // a drain below hands on at depth 1 and defers again past MAX_DEPTH: not re-entered
    try {
      for (let i = 0; i < deferred.length; i++) this.drain(deferred[i]);
    } finally {
      deferred.length = 0;
      this.depth--;
    }
  }

  private handleRow(task: Task, channel: number, row: Row, replayed: boolean) {
    task.recordsIn++;
    if (task.costMs > 0) {
      // The record takes costMs of processing time: the task is busy until then.
      task.busy = true;
      const now = this.ctx.nowMs();
      task.busySinceMs = now;
      task.workChannel = channel;
      task.workRow = row;
      task.workReplayed = replayed;
      this.busyCount++;
      this.ctx.queue.schedule(now + task.costMs, Priority.work, (task.finishWork ??= () => this.finishWork(task)));
      return;
    }
    this.onRecord(task, channel, row, replayed);
  }

  private finishWork(task: Task) {
    if (!this.alive) return;
    const row = task.workRow!;
    task.workRow = null;
    task.busy = false;
    task.busyMs += this.ctx.nowMs() - task.busySinceMs;
    this.busyCount--;
    this.onRecord(task, task.workChannel, row, task.workReplayed);
    this.drain(task);
  }

  drain(task: Task) {
    while (!task.busy && task.head < task.queue.length && (task.blocked === 0 || isPriority(task.queue[task.head].el))) {
      const { channel, el } = task.queue[task.head++];
      if (task.head > 1024 && task.head * 2 > task.queue.length) {
        task.queue = task.queue.slice(task.head);
        task.head = 0;
      }
      if (task.heldChannels.has(channel) && el.k !== 'mail') {
        task.held.push({ channel, el }); // aligning: this channel waits for the others' barriers
        continue;
      }
      if (el.k === 'row') {
        task.queuedRows[channel]--;
        this.refill(task, channel);
      }
      this.handle(task, channel, el);
    }
  }

  /** The receiver made room on `channel`: move what the sender has waiting (returning credit). */
  private refill(task: Task, channel: number) {
    const t = task.inputs[channel];
    if (!t || t.outbox.length === 0) return;
    while (t.outbox.length > 0) {
      const el = t.outbox[0];
      if (el.k === 'row' && task.queuedRows[channel] >= this.capacity) break;
      t.outbox.shift();
      task.queue.push({ channel, el });
      if (el.k === 'row') task.queuedRows[channel]++;
    }
    if (t.outbox.length === 0) this.unblock(t.from);
  }

  // ---- per-kind behaviour ------------------------------------------------------------------------
  private onRecord(task: Task, channel: number, row: Row, replayed: boolean) {
    const outer = this.processingReplayed;
    this.processingReplayed = replayed;
    this.depth++;
    try {
      this.processRecord(task, channel, row, replayed);
    } finally {
      this.processingReplayed = outer;
      if (--this.depth === 0 && this.deferred.length > 0) this.runDeferred();
    }
  }

  private processRecord(task: Task, channel: number, row: Row, replayed: boolean) {
    const p = task.plan;
    const node = p.node;
    switch (node.kind) {
      case 'filter':
        if (p.predicate!(row) === true) this.route(task, 'out', row, replayed);
        return;
      case 'map':
        this.route(task, 'out', applyMap(p, row), replayed);
        return;
      case 'watermark': {
        const ts = row.ts as number;
        if (ts > task.maxTs) task.maxTs = ts;
        task.activity++;
        this.route(task, 'out', row, replayed);
        return;
      }
      case 'dropLate': {
        // A ProcessFunction comparing ctx.timestamp() with currentWatermark (spec §2.7): the
        // operator's own watermark, over every lane of the node, not the lane's (rule 1).
        const wm = this.operatorWatermark(p.id);
        if (wm !== MIN_WATERMARK && (row.ts as number) <= wm) this.reportLate(task, row, node.params.lateOutput ?? 'dropped', wm);
        else this.route(task, 'out', row, replayed);
        return;
      }
      case 'sink':
        this.hooks.onSinkRecord(p.id, row, replayed);
        return;
      case 'window':
      case 'dedup':
      case 'join':
        task.operator!.onRecord(row, channel);
        return;
      default:
        this.route(task, 'out', row, replayed);
    }
  }

  reportLate(task: Task, row: Row, to: string, watermarkMs = task.inputWm) {
    this.ctx.emit({ type: 'record.late', atMs: this.ctx.nowMs(), node: task.plan.id, record: row, watermarkMs, to });
    if (to !== 'dropped') this.route(task, 'late', row, this.processingReplayed);
  }

  private onWatermark(task: Task, channel: number, ms: number) {
    if (task.valve) {
      task.valve.inputWatermark(ms, channel);
      return;
    }
    if (task.plan.node.kind === 'watermark') {
      // The assigner swallows upstream watermarks, except the end of input (spec §2.1). A finished
      // lane stops holding the node's watermark back at the next periodic emission; the end of
      // input goes out when every lane has finished (spec §2.2).
      task.inputWm = Math.max(task.inputWm, ms);
      if (ms >= MAX_WATERMARK) {
        task.inputDone = true;
        const lanes = this.tasks.get(task.plan.id)!;
        if (lanes.every((l) => l.inputDone)) for (const l of lanes) this.emitWatermark(l, MAX_WATERMARK);
      }
      return;
    }
    if (ms <= task.inputWm) return;
    task.inputWm = ms;
    this.emitWatermark(task, ms);
  }

  private onTaskWatermark(task: Task, ms: number) {
    task.inputWm = ms;
    task.operator?.onWatermark(ms);
    this.emitWatermark(task, ms);
  }

  emitWatermark(task: Task, ms: number) {
    if (ms <= task.outputWm) return;
    task.outputWm = ms;
    if (task.outputIdle) this.sendStatus(task, false);
    this.noteWatermark(task.plan.id);
    this.broadcast(task, { k: 'wm', ms });
  }

  private onStatus(task: Task, channel: number, idle: boolean) {
    if (task.valve) task.valve.inputStatus(idle, channel);
    else if (task.plan.node.kind !== 'watermark') this.sendStatus(task, idle);
  }

  sendStatus(task: Task, idle: boolean) {
    if (task.outputIdle === idle) return;
    task.outputIdle = idle;
    this.broadcast(task, { k: 'status', idle });
  }

  /**
   * The event-time clock of a forward node whose lanes are one operator in Flink (spec §2.7): the
   * min over its lanes' input watermarks, idle lanes excluded as a valve excludes idle channels (all
   * idle: the max, as the valve flushes).
   */
  private operatorWatermark(nodeId: string): number {
    const lanes = this.tasks.get(nodeId)!;
    if (lanes.length === 1) return lanes[0].inputWm;
    let min = Infinity;
    let max = MIN_WATERMARK;
    for (const t of lanes) {
      if (t.inputWm > max) max = t.inputWm;
      if (!t.outputIdle && t.inputWm < min) min = t.inputWm;
    }
    return min === Infinity ? max : min;
  }

  /** A node's watermark is the lowest over its lanes (Flink's "low watermark" of an operator). */
  private noteWatermark(nodeId: string) {
    let min = Infinity;
    for (const t of this.tasks.get(nodeId)!) if (t.outputWm < min) min = t.outputWm;
    if (min === MIN_WATERMARK || min <= (this.nodeWm.get(nodeId) ?? MIN_WATERMARK)) return;
    this.nodeWm.set(nodeId, min);
    this.ctx.emit({ type: 'watermark.advanced', atMs: this.ctx.nowMs(), node: nodeId, watermarkMs: min });
  }

  // ---- periodic watermarks and idleness (spec §2.1–2.2) -----------------------------------------
  private tick(t: number) {
    emitPeriodic(this.assigners, t, this);
    if (!this.finished) this.sched(t + this.interval, Priority.tick, () => this.tick(t + this.interval));
  }

  // ---- metrics, flows, end ------------------------------------------------------------------------
  private sample(t: number) {
    const period = t - this.lastSampleMs;
    this.lastSampleMs = t;
    if (period <= 0) return;
    this.ctx.emit({ type: 'subtasks.sampled', atMs: t, nodes: this.subtasks(t) });
    this.ctx.emit(sampleMetrics(this.tasks, t, period, this.capacity, this.sources.lag(), { offsets: this.sources.readCounts(), lag: this.sources.partitionLag() }));
  }

  private scheduleSample(t: number) {
    this.sched(t, Priority.tick, () => {
      this.sample(t);
      if (!this.finished) this.scheduleSample(t + SAMPLE_MS);
    });
  }

  private checkFinished() {
    if (!this.finished && this.alive && this.busyCount === 0 && this.deferred.length === 0 && this.sources.exhausted()) {
      this.finished = true;
      this.flows.flush(this.ctx.nowMs());
      this.hooks.onFinished();
    }
  }
}

const isPriority = (el: Element) => el.k === 'barrier' && el.unaligned;
