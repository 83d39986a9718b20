// Flink's dataflow execution (spec §2): sources emit as records arrive; every record flows operator
// to operator at once, paying each operator's cost; watermarks are generated per lane (periodic or
// punctuated), combined by valves, and drive window timers; a finished source sends the end-of-input
// watermark. Everything is driven by the event queue, so a run is deterministic.
import type { OperatorSample } from '../facts.ts';
import type { RuntimeContext, Runtime } from '../kernel/context.ts';
import { Priority } from '../kernel/queue.ts';
import { applyMap, type PlanNode } from '../plan.ts';
import { MAX_WATERMARK, MIN_WATERMARK, type Row } from '../result.ts';
import { createSourceCursor, type SourceCursor, type SourceItem } from '../sources/index.ts';
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
        const task = merge ? targetsOf[0] : targetsOf[offset + lane];
        const channel = merge ? offset + lane : 0;
        const target: Target = { from: src, task, channel, edge: edgeIndex, outbox: [] };
        src.targets[e.fromPort === 'late' ? 'late' : 'out'].push(target);
        task.inputs[channel] = target;
        task.queuedRows[channel] = 0;
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
      inputs: [],
      queue: [],
      head: 0,
      queuedRows: [],
      busy: false,
      blocked: 0,
      valve: null,
      operator: null,
      inputWm: MIN_WATERMARK,
      outputWm: MIN_WATERMARK,
      outputIdle: false,
      maxTs: MIN_WATERMARK,
      activity: 0,
      lastActivity: 0,
      quietSinceMs: null,
      busySinceMs: 0,
      blockedSinceMs: 0,
      busyMs: 0,
      backpressuredMs: 0,
      recordsIn: 0,
      recordsOut: 0,
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

  // ---- moving elements (credit-based, spec §2.8) ---------------------------------------------
  const capacity = settings.bufferCapacity;

  function route(task: Task, port: 'out' | 'late', row: Row) {
    const targets = task.targets[port];
    task.recordsOut++;
    for (let i = 0; i < targets.length; i++) {
      const t = targets[i];
      edgeCounts[t.edge]++;
      send(t, { k: 'row', row });
    }
  }

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
      if (task.plan.node.kind === 'source') readLane(task);
      else drain(task);
    }
  }

  function deliver(task: Task, channel: number, el: Element) {
    if (task.busy || task.blocked > 0 || task.head < task.queue.length) {
      task.queue.push({ channel, el });
      if (el.k === 'row') task.queuedRows[channel]++;
      return;
    }
    handle(task, channel, el);
  }

  function handle(task: Task, channel: number, el: Element) {
    if (el.k === 'row') task.recordsIn++;
    if (el.k === 'row' && task.costMs > 0) {
      task.busy = true;
      task.busySinceMs = ctx.nowMs();
      busyCount++;
      queue.schedule(ctx.nowMs() + task.costMs, Priority.work, () => {
        task.busy = false;
        task.busyMs += ctx.nowMs() - task.busySinceMs;
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
    while (!task.busy && task.blocked === 0 && task.head < task.queue.length) {
      const { channel, el } = task.queue[task.head++];
      if (task.head > 1024 && task.head * 2 > task.queue.length) {
        task.queue = task.queue.slice(task.head);
        task.head = 0;
      }
      if (el.k === 'row') {
        task.queuedRows[channel]--;
        refill(task, channel);
      }
      handle(task, channel, el);
    }
  }

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

  // ---- sources: partitions read by lane; what has arrived but is unread is the source's lag --------
  type Src = { id: string; cursor: SourceCursor; lanes: Task[]; unread: SourceItem[][]; heads: number[]; done: boolean[] };
  const sources: Src[] = [];
  const laneSource = new Map<Task, { src: Src; partition: number }>();
  for (const p of plan.nodes) {
    if (p.node.kind !== 'source') continue;
    const lanes = tasks.get(p.id)!;
    const src: Src = {
      id: p.id,
      cursor: createSourceCursor(p.node, plan.job.settings.seed),
      lanes,
      unread: lanes.map(() => []),
      heads: lanes.map(() => 0),
      done: [],
    };
    sources.push(src);
    lanes.forEach((lane, partition) => laneSource.set(lane, { src, partition }));
  }
  const unreadTotal = (s: Src) => s.unread.reduce((n, u, i) => n + u.length - s.heads[i], 0);
  const sourcesExhausted = () => sources.every((s) => s.cursor.peekAtMs() === undefined && unreadTotal(s) === 0);

  function scheduleSource(s: Src) {
    const at = s.cursor.peekAtMs();
    if (at === undefined || at > ctx.untilMs) return;
    queue.schedule(at, Priority.arrival, () => {
      // Every item due at this instant becomes available, in list order; lanes read what they can.
      const touched = new Set<number>();
      for (let next = s.cursor.peekAtMs(); next !== undefined && next <= ctx.nowMs(); next = s.cursor.peekAtMs()) {
        const item = s.cursor.next();
        s.unread[item.partition].push(item);
        touched.add(item.partition);
      }
      for (const p of touched) readLane(s.lanes[p]);
      scheduleSource(s);
      checkFinished();
    });
  }

  /** A source lane reads its partition until it is backpressured or has read everything available. */
  function readLane(lane: Task) {
    const ls = laneSource.get(lane);
    if (!ls) return;
    const { src, partition } = ls;
    const buf = src.unread[partition];
    while (lane.blocked === 0 && src.heads[partition] < buf.length) {
      const item = buf[src.heads[partition]++];
      if (item.kind === 'record') route(lane, 'out', item.row);
      else emitWatermark(lane, item.watermarkMs); // punctuated; regressions are swallowed
    }
    if (src.heads[partition] === buf.length && buf.length > 0) {
      buf.length = 0;
      src.heads[partition] = 0;
    }
    finishDoneLanes(src);
  }

  /** A partition with nothing left sends the end-of-input watermark on its lane (job-format). */
  function finishDoneLanes(s: Src) {
    s.lanes.forEach((lane, p) => {
      if (!s.done[p] && s.cursor.isPartitionDone(p) && s.heads[p] === s.unread[p].length) {
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

  // ---- Flink's busy / backPressured / idle time per second (spec §2.8) -------------------------
  const SAMPLE_MS = 1000;
  let lastSampleMs = 0;
  function sample(t: number) {
    const period = t - lastSampleMs;
    lastSampleMs = t;
    if (period <= 0) return;
    const operators: Record<string, OperatorSample> = {};
    const edgesOut: Record<string, { queued: number; outbox: number; capacity: number }> = {};
    for (const [id, list] of tasks) {
      let busy = 0;
      let bp = 0;
      let recordsIn = 0;
      let recordsOut = 0;
      let queued = 0;
      for (const task of list) {
        if (task.busy) {
          task.busyMs += t - task.busySinceMs;
          task.busySinceMs = t;
        }
        if (task.blocked > 0) {
          task.backpressuredMs += t - task.blockedSinceMs;
          task.blockedSinceMs = t;
        }
        busy = Math.max(busy, task.busyMs);
        bp = Math.max(bp, task.backpressuredMs);
        recordsIn += task.recordsIn;
        recordsOut += task.recordsOut;
        queued += task.queuedRows.reduce((a, b) => a + (b ?? 0), 0);
        task.busyMs = task.backpressuredMs = task.recordsIn = task.recordsOut = 0;
        for (const tg of [...task.targets.out, ...task.targets.late]) {
          const k = `${id}->${tg.task.plan.id}`;
          const e = (edgesOut[k] ??= { queued: 0, outbox: 0, capacity: 0 });
          e.queued += tg.task.queuedRows[tg.channel] ?? 0;
          e.outbox += tg.outbox.length;
          e.capacity += capacity;
        }
      }
      const perSecond = (ms: number) => Math.round((Math.min(ms, period) * 1000) / period);
      const bpPerSecond = perSecond(bp);
      const busyPerSecond = Math.min(perSecond(busy), 1000 - bpPerSecond);
      operators[id] = {
        busyMsPerSecond: busyPerSecond,
        backPressuredMsPerSecond: bpPerSecond,
        idleMsPerSecond: 1000 - busyPerSecond - bpPerSecond,
        status: bpPerSecond <= 100 ? 'OK' : bpPerSecond <= 500 ? 'LOW' : 'HIGH',
        recordsIn,
        recordsOut,
        queued,
      };
    }
    const sourceLag = Object.fromEntries(sources.map((s) => [s.id, unreadTotal(s)]));
    ctx.emit({ type: 'metrics.sampled', atMs: t, periodMs: period, operators, edges: edgesOut, sourceLag });
  }
  function scheduleSample(t: number) {
    queue.schedule(t, Priority.tick, () => {
      sample(t);
      if (!finished) scheduleSample(t + SAMPLE_MS);
    });
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
      scheduleSample(SAMPLE_MS);
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
      sample(ctx.nowMs());
    },
  };
}


