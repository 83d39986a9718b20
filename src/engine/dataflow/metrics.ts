// Flink's busy / backPressured / idle time per second (spec §2.8), queue fill per edge and source lag,
// sampled from the tasks of a running attempt.
import type { ChannelSample, Fact, OperatorSample, PartitionSample } from '../../model/index.ts';
import { MIN_WATERMARK } from '../../model/index.ts';
import { channelStatesOf, minChannelOf } from './channelWatch.ts';
import type { Task } from './tasks.ts';

type Sampled = Extract<Fact, { type: 'metrics.sampled' }>;

export function sampleMetrics(
  tasks: ReadonlyMap<string, Task[]>,
  nowMs: number,
  periodMs: number,
  capacity: number,
  sourceLag: Record<string, number>,
  /** Per source and partition, items read and items available but unread (adds partitions, channels and barriers to the sample). */
  partitionsRead?: { offsets: Record<string, number[]>; lag: Record<string, number[]> },
): Sampled {
  // Keyed by node ids, which may be `__proto__` or `constructor`: no prototype.
  const operators: Record<string, OperatorSample> = Object.create(null);
  const edges: Record<string, { queued: number; outbox: number; capacity: number }> = Object.create(null);
  for (const [id, list] of tasks) {
    let busy = 0;
    let bp = 0;
    let recordsIn = 0;
    let recordsOut = 0;
    let queued = 0;
    for (const task of list) {
      if (task.busy) {
        task.busyMs += nowMs - task.busySinceMs;
        task.busySinceMs = nowMs;
      }
      if (task.blocked > 0) {
        task.backpressuredMs += nowMs - task.blockedSinceMs;
        task.blockedSinceMs = nowMs;
      }
      busy = Math.max(busy, task.busyMs);
      bp = Math.max(bp, task.backpressuredMs);
      recordsIn += task.recordsIn;
      recordsOut += task.recordsOut;
      for (const q of task.queuedRows) queued += q ?? 0;
      task.totalBusyMs += task.busyMs;
      task.totalBackpressuredMs += task.backpressuredMs;
      task.totalRecordsIn += task.recordsIn;
      task.totalRecordsOut += task.recordsOut;
      task.busyMs = task.backpressuredMs = task.recordsIn = task.recordsOut = 0;
      for (const tg of [...task.targets.out, ...task.targets.late]) {
        const e = (edges[`${id}->${tg.task.plan.id}`] ??= { queued: 0, outbox: 0, capacity: 0 });
        e.queued += tg.task.queuedRows[tg.channel] ?? 0;
        e.outbox += tg.outbox.length;
        e.capacity += capacity;
      }
    }
    const perSecond = (ms: number) => Math.round((Math.min(ms, periodMs) * 1000) / periodMs);
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
  const sample: Sampled = { type: 'metrics.sampled', atMs: nowMs, periodMs, operators, edges, sourceLag };
  return partitionsRead ? { ...sample, ...sampleMachinery(tasks, partitionsRead) } : sample;
}

/**
 * What the canvas draws of the machinery: each source partition (offset, lag, watermark), each
 * input channel of an operator with several, and where the checkpoint barriers on their way are.
 */
export function sampleMachinery(
  tasks: ReadonlyMap<string, Task[]>,
  read: { offsets: Record<string, number[]>; lag: Record<string, number[]> },
): Pick<Sampled, 'partitions' | 'channels' | 'barriers'> {
  const partitions: Record<string, PartitionSample[]> = {};
  const channels: Record<string, { inputs: ChannelSample[]; minIndex: number | null }> = {};
  const barriers: Record<string, { id: number; ahead: number }> = {};
  for (const [id, list] of tasks) {
    const kind = list[0]?.plan.node.kind;
    if (kind === 'source') {
      partitions[id] = list.map((lane, i) => ({ offset: read.offsets[id]?.[i] ?? 0, lag: read.lag[id]?.[i] ?? 0, watermarkMs: laneWatermark(lane) }));
    }
    for (const task of list) {
      const states = channelStatesOf(task.valve);
      if (states && states.length > 1) {
        channels[id] = {
          inputs: states.map((c, i) => ({ from: task.inputs[i]?.from.plan.id ?? '', lane: task.inputs[i]?.from.lane ?? i, watermarkMs: c.wm, idle: c.idle })),
          minIndex: minChannelOf(states),
        };
      }
      barriersOnInputs(task, barriers);
    }
  }
  return { partitions, channels, barriers };
}

/** A partition's watermark: its lane's, or that of the watermark assigner chained after it (one instance per lane). */
function laneWatermark(lane: Task): number {
  let t: Task | undefined = lane;
  for (let hops = 0; t && hops < 8; hops++) {
    if (t.plan.node.kind === 'watermark' || t.outputWm !== MIN_WATERMARK) return t.outputWm;
    const next: Task | undefined = t.targets.out.length === 1 ? t.targets.out[0].task : undefined;
    t = next && next.valve === null ? next : undefined;
  }
  return lane.outputWm;
}

/** Barriers still on their way to `task`: in its input queue or in a sender's outbox, with the records in front. */
function barriersOnInputs(task: Task, out: Record<string, { id: number; ahead: number }>) {
  if (task.inputs.length === 0) return;
  const ahead = new Array<number>(task.inputs.length).fill(0);
  const found = new Map<number, number>(); // channel -> barrier id (the first on it)
  for (let i = task.head; i < task.queue.length; i++) {
    const { channel, el } = task.queue[i];
    if (found.has(channel)) continue;
    if (el.k === 'row') ahead[channel]++;
    else if (el.k === 'barrier') found.set(channel, el.id);
  }
  task.inputs.forEach((t, channel) => {
    if (!t || found.has(channel)) return;
    let n = ahead[channel];
    for (const el of t.outbox) {
      if (el.k === 'row') n++;
      else if (el.k === 'barrier') {
        found.set(channel, el.id);
        ahead[channel] = n;
        break;
      }
    }
  });
  for (const [channel, id] of found) {
    const key = `${task.inputs[channel]!.from.plan.id}->${task.plan.id}`;
    const prev = out[key];
    if (!prev || id < prev.id || (id === prev.id && ahead[channel] > prev.ahead)) out[key] = { id, ahead: ahead[channel] };
  }
}
