// One execution attempt of a dataflow job (spec §2): its tasks, channels, sources and timers. A crash
// kills the attempt (its pending events turn into no-ops) and a new one starts from a checkpoint.
// Sources emit as records arrive; every record flows operator to operator, paying each operator's
// cost; watermarks are generated per lane (periodic or punctuated), combined by valves and drive
// window timers; barriers flow in-band (aligned) or overtake in-flight data (unaligned).
import type { RuntimeContext } from '../kernel/context.ts';
import { Priority, type ScheduledEvent } from '../kernel/queue.ts';
import { applyMap, type PlanNode } from '../plan.ts';
import { MAX_WATERMARK, MIN_WATERMARK, type Row } from '../result.ts';
import { createDedupOperator } from './dedup.ts';
import type { DfOperator, OperatorHost } from './host.ts';
import { createJoinOperator } from './join.ts';
import { edgeKey, laneKindOf, type Wiring } from './lanes.ts';
import { sampleMetrics } from './metrics.ts';
import { createSourceLanes } from './sourceLanes.ts';
import { createTask, type Element, type Target, type Task } from './tasks.ts';
import { createBarriers, taskKeyOf } from './barriers.ts';
import { emitPeriodic } from './periodicWatermarks.ts';
import { createValve } from './valve.ts';
import { createWindowOperator } from './window/operator.ts';

const FLOW_BUCKET_MS = 100;
const SAMPLE_MS = 1000;

export type Ack = {
  taskKey: string;
  nodeId: string;
  firstBarrierAtMs: number;
  alignmentMs: number;
  state: unknown;
  stateRows: number;
  inflightIn: { channel: number; el: Element }[];
  inflightOut: { target: number; el: Element }[];
};

export type RestorePoint = {
  sourceOffsets: Record<string, number[]>;
  operators: Record<string, unknown>;
  inflight: Record<string, { in: { channel: number; el: Element }[]; out: { target: number; el: Element }[] }>;
};

export type AttemptHooks = {
  ctx: RuntimeContext;
  wiring: Wiring;
  onAck(barrierId: number, ack: Ack): void;
  /** A sink received a record (the outer runtime decides its visibility). */
  onSinkRecord(nodeId: string, row: Row, replayed: boolean): void;
  /** A sink's barrier is complete: pre-commit its transaction for this checkpoint. */
  onSinkBarrier(nodeId: string, barrierId: number): void;
  onFinished(): void;
};

export type Attempt = {
  kill(): void;
  /** Injects barrier `id` at every source lane; returns the offsets it recorded per source. */
  injectBarrier(id: number, unaligned: boolean): Record<string, number[]>;
  /** A checkpoint was aborted: tasks stop aligning on it. */
  abortBarrier(id: number): void;
  readonly taskCount: number;
  /** Items read per source partition so far. */
  readCounts(): Record<string, number[]>;
  isFinished(): boolean;
  beforeEvent(t: number): void;
  afterEvent(): void;
  finish(): void;
};


export function createAttempt(hooks: AttemptHooks, restore: RestorePoint | null, readBefore: Record<string, number[]>): Attempt {
  const { ctx, wiring } = hooks;
  const { plan, queue } = ctx;
  const settings = plan.job.settings.dataflow;
  const capacity = settings.bufferCapacity;
  let alive = true;
  let restoring = false;
  const sched = (t: number, priority: number, run: () => void): ScheduledEvent =>
    queue.schedule(t, priority, () => {
      if (alive) run();
    });

  const tasks = new Map<string, Task[]>();
  const edges: { from: string; to: string; fromPort: 'out' | 'late' }[] = [];
  const edgeCounts: number[] = [];
  let nextFlushMs = Math.floor(ctx.nowMs() / FLOW_BUCKET_MS) * FLOW_BUCKET_MS + FLOW_BUCKET_MS;
  let busyCount = 0;
  let finished = false;
  const nodeWm = new Map<string, number>();
  /**
   * Whether the record being processed exists because the job re-processes input it had read before
   * a failure: a source record below the pre-crash offsets, or anything computed from one (a window
   * result counts as replayed when any of its elements was). Carried on the elements, not looked up.
   */
  let processingReplayed = false;

  // ---- tasks and channels ------------------------------------------------------------------------
  for (const p of plan.nodes) {
    const n = laneKindOf(p.node) === 'merge' ? 1 : wiring.lanesOut.get(p.id)!;
    tasks.set(p.id, Array.from({ length: n }, (_, lane) => createTask(p, lane, laneKindOf(p.node) === 'merge')));
  }
  for (const p of plan.nodes) {
    p.inputs.forEach((e, i) => {
      const edgeIndex = edges.length;
      edges.push({ from: e.from, to: e.to, fromPort: e.fromPort ?? 'out' });
      edgeCounts.push(0);
      const offset = wiring.edgeOffset.get(edgeKey(e, i))!;
      const receivers = tasks.get(p.id)!;
      const merge = laneKindOf(p.node) === 'merge';
      tasks.get(e.from)!.forEach((sender, lane) => {
        const task = merge ? receivers[0] : receivers[offset + lane];
        const channel = merge ? offset + lane : 0;
        const target: Target = { from: sender, task, channel, edge: edgeIndex, outbox: [] };
        sender.targets[e.fromPort === 'late' ? 'late' : 'out'].push(target);
        task.inputs[channel] = target;
        task.queuedRows[channel] = 0;
      });
    });
  }
  const allTasks = [...tasks.values()].flat();
  for (const task of allTasks) {
    if (laneKindOf(task.plan.node) !== 'merge') continue;
    task.valve = createValve(Math.max(1, wiring.lanesIn.get(task.plan.id)!), {
      watermark: (ms) => onTaskWatermark(task, ms),
      status: (idle) => sendStatus(task, idle),
    });
    task.operator = createOperator(task.plan, task);
  }

  function createOperator(p: PlanNode, task: Task): DfOperator | null {
    const host: OperatorHost = {
      nodeId: p.id,
      nowMs: ctx.nowMs,
      watermarkMs: () => task.inputWm,
      output: (row, port = 'out', replayed = false) => route(task, port, row, replayed || processingReplayed),
      replaying: () => processingReplayed,
      late: (row, to) => reportLate(task, row, to),
      fired: (info) => ctx.emit({ type: 'window.fired', atMs: ctx.nowMs(), node: p.id, ...info }),
      processingTimer: (atMs, run) => sched(atMs, Priority.timer, () => deliver(task, 0, { k: 'mail', run })),
    };
    switch (p.node.kind) {
      case 'window':
        return createWindowOperator(p, host);
      case 'dedup':
        return createDedupOperator(p, host);
      case 'join': {
        const ports = wiring.channelPorts.get(p.id)!;
        return createJoinOperator(p, host, (ch) => ports[ch] ?? 'left');
      }
      default:
        return null; // a sink keeps no operator state of its own here
    }
  }

  const sources = createSourceLanes({
    ctx,
    tasks,
    offsets: restore?.sourceOffsets ?? null,
    readBefore,
    sched,
    route: (lane, row, replayed) => route(lane, 'out', row, replayed),
    emitWatermark: (lane, ms) => emitWatermark(lane, ms),
    paused: () => restoring,
    afterArrival: () => checkFinished(),
  });

  const barriers = createBarriers({
    nowMs: ctx.nowMs,
    onAck: hooks.onAck,
    onSinkBarrier: hooks.onSinkBarrier,
    broadcast: (task, el) => broadcast(task, el),
    deliverFirst: (task, channel, el) => deliverFirst(task, channel, el),
    drain: (task) => drain(task),
  });

  // ---- moving elements (credit-based flow control, spec §2.8) -----------------------------------
  function route(task: Task, port: 'out' | 'late', row: Row, replayed = processingReplayed) {
    const targets = task.targets[port];
    task.recordsOut++;
    if (targets.length === 0) return;
    const el: Element = { k: 'row', row, replayed }; // elements are never mutated: one serves every target
    for (let i = 0; i < targets.length; i++) {
      const t = targets[i];
      edgeCounts[t.edge]++;
      send(t, el);
    }
  }

  const targetsOf = (task: Task) => [...task.targets.out, ...task.targets.late];

  function broadcast(task: Task, el: Element) {
    for (const t of task.targets.out) send(t, el);
    for (const t of task.targets.late) send(t, el);
  }

  /** Puts an element on a channel: into the receiver if it has credit, else into the outbox. */
  function send(t: Target, el: Element) {
    if (t.outbox.length > 0 || (el.k === 'row' && t.task.queuedRows[t.channel] >= capacity)) {
      if (t.outbox.length === 0) block(t.from);
      t.outbox.push(el);
      return;
    }
    deliver(t.task, t.channel, el);
  }

  function block(task: Task) {
    if (task.blocked++ === 0) task.blockedSinceMs = ctx.nowMs();
  }

  function unblock(task: Task) {
    if (--task.blocked === 0) {
      task.backpressuredMs += ctx.nowMs() - task.blockedSinceMs;
      if (task.plan.node.kind === 'source') sources.readLane(task);
      else drain(task);
    }
  }

  function deliver(task: Task, channel: number, el: Element) {
    if (el.k === 'row') barriers.captureInflight(task, channel, el);
    if (restoring || task.busy || task.blocked > 0 || task.head < task.queue.length) {
      task.queue.push({ channel, el });
      if (el.k === 'row') task.queuedRows[channel]++;
      return;
    }
    handle(task, channel, el);
  }

  /** An unaligned barrier overtakes queued data: it is handled as soon as the task is not mid-record. */
  function deliverFirst(task: Task, channel: number, el: Element) {
    if (!task.busy && !restoring) handle(task, channel, el);
    else task.queue.splice(task.head, 0, { channel, el });
  }

  function handle(task: Task, channel: number, el: Element) {
    if (el.k === 'row') task.recordsIn++;
    if (el.k === 'row' && task.costMs > 0) {
      task.busy = true;
      task.busySinceMs = ctx.nowMs();
      task.workChannel = channel;
      task.workRow = el.row;
      task.workReplayed = el.replayed;
      busyCount++;
      queue.schedule(ctx.nowMs() + task.costMs, Priority.work, (task.finishWork ??= () => finishWork(task)));
      return;
    }
    switch (el.k) {
      case 'row':
        return onRecord(task, channel, el.row, el.replayed);
      case 'wm':
        return onWatermark(task, channel, el.ms);
      case 'status':
        return onStatus(task, channel, el.idle);
      case 'barrier':
        return barriers.onBarrier(task, channel, el);
      case 'mail':
        return el.run();
    }
  }

  function finishWork(task: Task) {
    if (!alive) return;
    const row = task.workRow!;
    task.workRow = null;
    task.busy = false;
    task.busyMs += ctx.nowMs() - task.busySinceMs;
    busyCount--;
    onRecord(task, task.workChannel, row, task.workReplayed);
    drain(task);
  }

  function drain(task: Task) {
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
        refill(task, channel);
      }
      handle(task, channel, el);
    }
  }

  const isPriority = (el: Element) => el.k === 'barrier' && el.unaligned;

  /** The receiver made room on `channel`: move what the sender has waiting (returning credit). */
  function refill(task: Task, channel: number) {
    const t = task.inputs[channel];
    if (!t || t.outbox.length === 0) return;
    while (t.outbox.length > 0) {
      const el = t.outbox[0];
      if (el.k === 'row' && task.queuedRows[channel] >= capacity) break;
      t.outbox.shift();
      task.queue.push({ channel, el });
      if (el.k === 'row') task.queuedRows[channel]++;
    }
    if (t.outbox.length === 0) unblock(t.from);
  }

  // ---- per-kind behaviour ------------------------------------------------------------------------
  function onRecord(task: Task, channel: number, row: Row, replayed: boolean) {
    const outer = processingReplayed;
    processingReplayed = replayed;
    try {
      processRecord(task, channel, row);
    } finally {
      processingReplayed = outer;
    }
  }

  function processRecord(task: Task, channel: number, row: Row) {
    const p = task.plan;
    const node = p.node;
    switch (node.kind) {
      case 'filter':
        if (p.predicate!(row) === true) route(task, 'out', row);
        return;
      case 'map':
        route(task, 'out', applyMap(p, row));
        return;
      case 'watermark': {
        const ts = row.ts as number;
        if (ts > task.maxTs) task.maxTs = ts;
        task.activity++;
        route(task, 'out', row);
        return;
      }
      case 'dropLate': {
        // A ProcessFunction comparing ctx.timestamp() with currentWatermark (spec §2.7).
        const wm = task.inputWm;
        if (wm !== MIN_WATERMARK && (row.ts as number) <= wm) reportLate(task, row, node.params.lateOutput ?? 'dropped');
        else route(task, 'out', row);
        return;
      }
      case 'sink':
        hooks.onSinkRecord(p.id, row, processingReplayed);
        return;
      case 'window':
      case 'dedup':
      case 'join':
        task.operator!.onRecord(row, channel);
        return;
      default:
        route(task, 'out', row);
    }
  }

  function reportLate(task: Task, row: Row, to: string) {
    ctx.emit({ type: 'record.late', atMs: ctx.nowMs(), node: task.plan.id, record: row, watermarkMs: task.inputWm, to });
    if (to !== 'dropped') route(task, 'late', row);
  }

  function onWatermark(task: Task, channel: number, ms: number) {
    if (task.valve) {
      task.valve.inputWatermark(ms, channel);
      return;
    }
    if (task.plan.node.kind === 'watermark') {
      // The assigner swallows upstream watermarks, except the end of input (spec §2.1).
      task.inputWm = Math.max(task.inputWm, ms);
      if (ms >= MAX_WATERMARK) emitWatermark(task, MAX_WATERMARK);
      return;
    }
    if (ms <= task.inputWm) return;
    task.inputWm = ms;
    emitWatermark(task, ms);
  }

  function onTaskWatermark(task: Task, ms: number) {
    task.inputWm = ms;
    task.operator?.onWatermark(ms);
    emitWatermark(task, ms);
  }

  function emitWatermark(task: Task, ms: number) {
    if (ms <= task.outputWm) return;
    task.outputWm = ms;
    if (task.outputIdle) sendStatus(task, false);
    noteWatermark(task.plan.id);
    broadcast(task, { k: 'wm', ms });
  }

  function onStatus(task: Task, channel: number, idle: boolean) {
    if (task.valve) task.valve.inputStatus(idle, channel);
    else if (task.plan.node.kind !== 'watermark') sendStatus(task, idle);
  }

  function sendStatus(task: Task, idle: boolean) {
    if (task.outputIdle === idle) return;
    task.outputIdle = idle;
    broadcast(task, { k: 'status', idle });
  }

  /** A node's watermark is the lowest over its lanes (Flink's "low watermark" of an operator). */
  function noteWatermark(nodeId: string) {
    let min = Infinity;
    for (const t of tasks.get(nodeId)!) if (t.outputWm < min) min = t.outputWm;
    if (min === MIN_WATERMARK || min <= (nodeWm.get(nodeId) ?? MIN_WATERMARK)) return;
    nodeWm.set(nodeId, min);
    ctx.emit({ type: 'watermark.advanced', atMs: ctx.nowMs(), node: nodeId, watermarkMs: min });
  }

  // ---- periodic watermarks and idleness (spec §2.1–2.2) -----------------------------------------
  const assigners = allTasks.filter((t) => t.plan.node.kind === 'watermark');
  const interval = settings.autoWatermarkIntervalMs;

  function tick(t: number) {
    emitPeriodic(assigners, t, { emitWatermark, sendStatus });
    if (!finished) sched(t + interval, Priority.tick, () => tick(t + interval));
  }

  // ---- metrics, flows, end ------------------------------------------------------------------------
  let lastSampleMs = ctx.nowMs();
  function sample(t: number) {
    const period = t - lastSampleMs;
    lastSampleMs = t;
    if (period <= 0) return;
    ctx.emit(sampleMetrics(tasks, t, period, capacity, sources.lag()));
  }
  function scheduleSample(t: number) {
    sched(t, Priority.tick, () => {
      sample(t);
      if (!finished) scheduleSample(t + SAMPLE_MS);
    });
  }

  function checkFinished() {
    if (!finished && alive && busyCount === 0 && sources.exhausted()) {
      finished = true;
      flushFlows(ctx.nowMs());
      hooks.onFinished();
    }
  }

  function flushFlows(atMs: number) {
    for (let i = 0; i < edges.length; i++) {
      if (edgeCounts[i] === 0) continue;
      ctx.emit({ type: 'record.emitted', atMs, ...edges[i], count: edgeCounts[i] });
      edgeCounts[i] = 0;
    }
  }

  // ---- start (from a restore point: state, in-flight data, then the sources) ----------------------
  if (restore) {
    restoring = true;
    for (const task of allTasks) {
      const state = restore.operators[taskKeyOf(task)];
      if (state !== undefined && task.operator) task.operator.restore(state);
    }
    // In-flight data of unaligned checkpoints: each task's input first, then what senders had
    // queued for it (older input was ahead of the sender's output buffers).
    for (const task of allTasks) for (const q of restore.inflight[taskKeyOf(task)]?.in ?? []) deliver(task, q.channel, q.el);
    for (const task of allTasks) {
      const ts = targetsOf(task);
      for (const q of restore.inflight[taskKeyOf(task)]?.out ?? []) send(ts[q.target], q.el);
    }
    restoring = false;
    for (const task of allTasks) drain(task);
  }
  const startMs = ctx.nowMs();
  sources.start();
  const firstTick = Math.floor(startMs / Math.max(1, interval)) * interval + interval;
  if (interval > 0 && assigners.length > 0) sched(firstTick, Priority.tick, () => tick(firstTick));
  scheduleSample(startMs + SAMPLE_MS);
  checkFinished();

  return {
    kill() {
      alive = false;
    },
    injectBarrier(id, unaligned) {
      const counts = sources.readCounts();
      for (const s of sources.sourceLanes()) for (const lane of s.lanes) barriers.inject(lane, id, unaligned);
      return counts;
    },
    abortBarrier: (id) => barriers.abort(id, allTasks),
    taskCount: allTasks.length,
    readCounts: () => sources.readCounts(),
    isFinished: () => finished,
    beforeEvent(t) {
      if (t >= nextFlushMs) {
        flushFlows(nextFlushMs);
        nextFlushMs = Math.floor(t / FLOW_BUCKET_MS) * FLOW_BUCKET_MS + FLOW_BUCKET_MS;
      }
    },
    afterEvent: () => checkFinished(),
    finish() {
      flushFlows(ctx.nowMs());
      sample(ctx.nowMs());
    },
  };
}
