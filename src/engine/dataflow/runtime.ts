// Flink's dataflow execution (spec §2): sources emit as records arrive; every record flows operator
// to operator at once, paying each operator's cost; watermarks are generated per lane (periodic or
// punctuated), combined by valves, and drive window timers; a finished source sends the end-of-input
// watermark. Everything is driven by the event queue, so a run is deterministic.
import type { RuntimeContext, Runtime } from '../kernel/context.ts';
import { Priority } from '../kernel/queue.ts';
import { applyMap, type PlanNode } from '../plan.ts';
import { MAX_WATERMARK, MIN_WATERMARK, type Row } from '../result.ts';
import { createSourceCursor, type SourceCursor } from '../sources/index.ts';
import { createDedupOperator } from './dedup.ts';
import type { OperatorHost } from './host.ts';
import { createJoinOperator } from './join.ts';
import { edgeKey, laneKindOf, wire } from './lanes.ts';
import type { Element, Target, Task } from './tasks.ts';
import { createValve } from './valve.ts';
import { createWindowOperator } from './window/operator.ts';

const FLOW_BUCKET_MS = 100;

export function createDataflowRuntime(ctx: RuntimeContext): Runtime {
  const { plan, queue } = ctx;
  const settings = plan.job.settings.dataflow;
  const wiring = wire(plan);
  const tasks = new Map<string, Task[]>();
  const edges: { from: string; to: string; fromPort: 'out' | 'late' }[] = [];
  const edgeCounts: number[] = [];
  let nextFlushMs = FLOW_BUCKET_MS;
  let busyCount = 0;
  let finished = false;
  const nodeWm = new Map<string, number>();

  // ---- build tasks ---------------------------------------------------------------------------
  for (const p of plan.nodes) {
    const kind = laneKindOf(p.node);
    const n = kind === 'merge' ? 1 : wiring.lanesOut.get(p.id)!;
    const list: Task[] = [];
    for (let lane = 0; lane < n; lane++) list.push(createTask(p, lane));
    tasks.set(p.id, list);
  }
  for (const p of plan.nodes) {
    p.inputs.forEach((e, i) => {
      const edgeIndex = edges.length;
      edges.push({ from: e.from, to: e.to, fromPort: e.fromPort ?? 'out' });
      edgeCounts.push(0);
      const offset = wiring.edgeOffset.get(edgeKey(e, i))!;
      const targetsOf = tasks.get(p.id)!;
      const merge = laneKindOf(p.node) === 'merge';
      tasks.get(e.from)!.forEach((src, lane) => {
        const target: Target = merge
          ? { task: targetsOf[0], channel: offset + lane, edge: edgeIndex }
          : { task: targetsOf[offset + lane], channel: 0, edge: edgeIndex };
        src.targets[e.fromPort === 'late' ? 'late' : 'out'].push(target);
      });
    });
  }
  for (const [id, list] of tasks) {
    const p = plan.byId.get(id)!;
    if (laneKindOf(p.node) !== 'merge') continue;
    const task = list[0];
    task.valve = createValve(Math.max(1, wiring.lanesIn.get(id)!), {
      watermark: (ms) => onTaskWatermark(task, ms),
      status: (idle) => sendStatus(task, idle),
    });
    task.operator = createOperator(p, task);
  }

  function createTask(p: PlanNode, lane: number): Task {
    return {
      plan: p,
      lane,
      costMs: (p.node.costMs ?? 0) / (laneKindOf(p.node) === 'merge' ? (p.node.parallelism ?? 1) : 1),
      targets: { out: [], late: [] },
      queue: [],
      head: 0,
      busy: false,
      valve: null,
      operator: null,
      inputWm: MIN_WATERMARK,
      outputWm: MIN_WATERMARK,
      outputIdle: false,
      maxTs: MIN_WATERMARK,
      activity: 0,
      lastActivity: 0,
      quietSinceMs: null,
    };
  }

  function createOperator(p: PlanNode, task: Task) {
    const host: OperatorHost = {
      nodeId: p.id,
      nowMs: ctx.nowMs,
      watermarkMs: () => task.inputWm,
      output: (row, port = 'out') => route(task, port, row),
      late: (row, to) => reportLate(task, row, to),
      fired: (info) => ctx.emit({ type: 'window.fired', atMs: ctx.nowMs(), node: p.id, ...info }),
      processingTimer: (atMs, run) => queue.schedule(atMs, Priority.timer, () => deliver(task, 0, { k: 'mail', run })),
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
        return null; // sinks need no operator
    }
  }

  // ---- moving elements ---------------------------------------------------------------------------
  function route(task: Task, port: 'out' | 'late', row: Row) {
    const targets = task.targets[port];
    for (let i = 0; i < targets.length; i++) {
      const t = targets[i];
      edgeCounts[t.edge]++;
      deliver(t.task, t.channel, { k: 'row', row });
    }
  }

  function broadcast(task: Task, el: Element) {
    for (const t of task.targets.out) deliver(t.task, t.channel, el);
    for (const t of task.targets.late) deliver(t.task, t.channel, el);
  }

  function deliver(task: Task, channel: number, el: Element) {
    if (task.busy || task.head < task.queue.length) {
      task.queue.push({ channel, el });
      return;
    }
    handle(task, channel, el);
  }

  function handle(task: Task, channel: number, el: Element) {
    if (el.k === 'row' && task.costMs > 0) {
      task.busy = true;
      busyCount++;
      queue.schedule(ctx.nowMs() + task.costMs, Priority.work, () => {
        task.busy = false;
        busyCount--;
        onRecord(task, channel, el.row);
        drain(task);
      });
      return;
    }
    if (el.k === 'row') onRecord(task, channel, el.row);
    else if (el.k === 'wm') onWatermark(task, channel, el.ms);
    else if (el.k === 'status') onStatus(task, channel, el.idle);
    else el.run();
  }

  function drain(task: Task) {
    while (!task.busy && task.head < task.queue.length) {
      const { channel, el } = task.queue[task.head++];
      if (task.head > 1024 && task.head * 2 > task.queue.length) {
        task.queue = task.queue.slice(task.head);
        task.head = 0;
      }
      handle(task, channel, el);
    }
  }

  // ---- per-kind behaviour ---------------------------------------------------------------------------
  function onRecord(task: Task, channel: number, row: Row) {
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
        ctx.emit({ type: 'record.written', atMs: ctx.nowMs(), node: p.id, write: { record: row, atMs: ctx.nowMs(), visibleAtMs: ctx.nowMs() } });
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

  // ---- sources -------------------------------------------------------------------------------
  const sources: { id: string; cursor: SourceCursor; lanes: Task[]; done: boolean[] }[] = [];
  for (const p of plan.nodes) {
    if (p.node.kind !== 'source') continue;
    sources.push({ id: p.id, cursor: createSourceCursor(p.node, plan.job.settings.seed), lanes: tasks.get(p.id)!, done: [] });
  }
  const sourcesExhausted = () => sources.every((s) => s.cursor.peekAtMs() === undefined);

  function scheduleSource(s: (typeof sources)[number]) {
    const at = s.cursor.peekAtMs();
    if (at === undefined || at > ctx.untilMs) return;
    queue.schedule(at, Priority.arrival, () => {
      // Every item due at this instant, in list order.
      for (let next = s.cursor.peekAtMs(); next !== undefined && next <= ctx.nowMs(); next = s.cursor.peekAtMs()) {
        const item = s.cursor.next();
        const lane = s.lanes[item.partition];
        if (item.kind === 'record') route(lane, 'out', item.row);
        else emitWatermark(lane, item.watermarkMs); // punctuated; regressions are swallowed
        finishDoneLanes(s);
      }
      scheduleSource(s);
      checkFinished();
    });
  }

  /** A partition with no items left sends the end-of-input watermark on its lane (spec, job-format). */
  function finishDoneLanes(s: (typeof sources)[number]) {
    s.lanes.forEach((lane, p) => {
      if (!s.done[p] && s.cursor.isPartitionDone(p)) {
        s.done[p] = true;
        emitWatermark(lane, MAX_WATERMARK);
      }
    });
  }

  // ---- periodic watermarks and idleness (spec §2.1–2.2) ---------------------------------------
  const assigners = plan.nodes.filter((p) => p.node.kind === 'watermark').flatMap((p) => tasks.get(p.id)!);
  const interval = settings.autoWatermarkIntervalMs;

  function tick(t: number) {
    for (const task of assigners) {
      if (task.outputWm >= MAX_WATERMARK) continue;
      const node = task.plan.node;
      if (node.kind !== 'watermark') continue;
      const idleMs = node.params.idleTimeoutMs;
      if (idleMs !== undefined && checkIfIdle(task, t, idleMs)) {
        sendStatus(task, true);
        continue;
      }
      if (task.maxTs === MIN_WATERMARK) continue;
      emitWatermark(task, task.maxTs - node.params.delayMs - 1);
    }
    if (!finished) queue.schedule(t + interval, Priority.tick, () => tick(t + interval));
  }

  /** WatermarksWithIdleness' lazy timer: idle once quiet for longer than the timeout since the first quiet probe. */
  function checkIfIdle(task: Task, t: number, timeoutMs: number): boolean {
    if (task.activity !== task.lastActivity) {
      task.lastActivity = task.activity;
      task.quietSinceMs = null;
      return false;
    }
    if (task.quietSinceMs === null) {
      task.quietSinceMs = t;
      return false;
    }
    return t - task.quietSinceMs > timeoutMs;
  }

  function checkFinished() {
    if (!finished && busyCount === 0 && sourcesExhausted()) {
      finished = true;
      flushFlows(ctx.nowMs());
      ctx.emit({ type: 'job.finished', atMs: ctx.nowMs() });
    }
  }

  function flushFlows(atMs: number) {
    for (let i = 0; i < edges.length; i++) {
      if (edgeCounts[i] === 0) continue;
      ctx.emit({ type: 'record.emitted', atMs, ...edges[i], count: edgeCounts[i] });
      edgeCounts[i] = 0;
    }
  }

  return {
    start() {
      for (const s of sources) {
        finishDoneLanes(s);
        scheduleSource(s);
      }
      if (interval > 0 && assigners.length > 0) queue.schedule(interval, Priority.tick, () => tick(interval));
      checkFinished();
    },
    isFinished: () => finished,
    beforeEvent(t: number) {
      if (t >= nextFlushMs) {
        flushFlows(nextFlushMs);
        nextFlushMs = Math.floor(t / FLOW_BUCKET_MS) * FLOW_BUCKET_MS + FLOW_BUCKET_MS;
      }
    },
    afterEvent() {
      checkFinished();
    },
    finish() {
      flushFlows(ctx.nowMs());
    },
  };
}


