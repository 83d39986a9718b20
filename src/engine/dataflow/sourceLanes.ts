// Source readers (spec §2.8, job-format `source`): each partition is read by its own lane. Items
// become available at their arrival time; a lane reads while it is not backpressured, so what has
// arrived but is unread is the source's lag. A restarted attempt re-reads from checkpointed offsets.
import type { RuntimeContext } from '../kernel/context.ts';
import { Priority, type ScheduledEvent } from '../kernel/queue.ts';
import { MAX_WATERMARK, type Row } from '../result.ts';
import { createSourceCursor, type SourceCursor, type SourceItem } from '../sources/index.ts';
import type { Task } from './tasks.ts';

type Src = {
  id: string;
  cursor: SourceCursor;
  lanes: Task[];
  /** Items taken from the cursor and not yet read, per partition (from `heads`). */
  unread: SourceItem[][];
  heads: number[];
  read: number[];
  done: boolean[];
  /** The pending arrival event, if any. */
  wake: ScheduledEvent | null;
};

export type SourceLanesDeps = {
  ctx: RuntimeContext;
  tasks: ReadonlyMap<string, Task[]>;
  /** Offsets per source partition to resume from (a restore), or none. */
  offsets: Record<string, number[]> | null;
  /** Items per partition read by earlier attempts: re-reading them is a replay. */
  readBefore: Record<string, number[]>;
  sched(t: number, priority: number, run: () => void): ScheduledEvent;
  route(lane: Task, row: Row, replayed: boolean): void;
  emitWatermark(lane: Task, ms: number): void;
  /** While true, lanes do not read (an attempt is still putting restored state in place). */
  paused(): boolean;
  afterArrival(): void;
};

export type SourceLanes = {
  start(): void;
  readLane(lane: Task): void;
  exhausted(): boolean;
  lag(): Record<string, number>;
  readCounts(): Record<string, number[]>;
  sourceLanes(): { id: string; lanes: Task[] }[];
};

export function createSourceLanes(d: SourceLanesDeps): SourceLanes {
  const { ctx } = d;
  const sources: Src[] = [];
  const laneSource = new Map<Task, { src: Src; partition: number }>();
  for (const p of ctx.plan.nodes) {
    if (p.node.kind !== 'source') continue;
    const lanes = d.tasks.get(p.id)!;
    const src: Src = {
      id: p.id,
      cursor: createSourceCursor(p.node, ctx.plan.job.settings.seed),
      lanes,
      unread: lanes.map(() => []),
      heads: lanes.map(() => 0),
      read: lanes.map(() => 0),
      done: [],
      wake: null,
    };
    sources.push(src);
    lanes.forEach((lane, partition) => laneSource.set(lane, { src, partition }));
    // What arrived before now is available again from the resumed offsets (or from the start).
    const offsets = d.offsets?.[p.id];
    const { cursor } = src;
    if (cursor.seek && lanes.length === 1) {
      // A random-access source moves to the offset; what arrived since is read lazily like any backlog.
      cursor.seek(offsets?.[0] ?? 0);
    } else {
      const seen = lanes.map(() => 0);
      for (let at = cursor.peekAtMs(); at !== undefined && at <= ctx.nowMs(); at = cursor.peekAtMs()) {
        const item = cursor.next();
        if (seen[item.partition]++ >= (offsets?.[item.partition] ?? 0)) src.unread[item.partition].push(item);
      }
    }
    src.read = lanes.map((_, i) => offsets?.[i] ?? 0);
  }
  const unreadTotal = (s: Src) => s.unread.reduce((n, u, i) => n + u.length - s.heads[i], 0);
  const anyLaneFree = (s: Src) => s.lanes.some((lane) => lane.blocked === 0);

  /**
   * Items are taken from the cursor only when a lane can read them. While every lane of a source is
   * backpressured its arrivals stay in the cursor (counted as lag, not made into objects) and no
   * arrival event is scheduled: the lane that unblocks reads on from the cursor.
   */
  function scheduleWake(s: Src) {
    if (s.wake !== null || !anyLaneFree(s)) return;
    const at = s.cursor.peekAtMs();
    if (at === undefined || at > ctx.untilMs) return;
    s.wake = d.sched(Math.max(at, ctx.nowMs()), Priority.arrival, () => {
      s.wake = null;
      if (!anyLaneFree(s)) return; // an unblocking lane reads on and schedules the next wake
      // Every item due at this instant becomes available, in list order; lanes read what they can.
      for (const p of takeDue(s)) readLane(s.lanes[p]);
      scheduleWake(s);
      d.afterArrival();
    });
  }

  /** Moves every item due by now from the cursor into its partition's buffer; returns the partitions in order of first arrival. */
  function takeDue(s: Src): number[] {
    const touched: number[] = [];
    const now = ctx.nowMs();
    for (let at = s.cursor.peekAtMs(); at !== undefined && at <= now; at = s.cursor.peekAtMs()) {
      const item = s.cursor.next();
      s.unread[item.partition].push(item);
      if (!touched.includes(item.partition)) touched.push(item.partition);
    }
    return touched;
  }

  /** A lane reads its partition until it is backpressured or has read all that is available. */
  function readLane(lane: Task) {
    const ls = laneSource.get(lane);
    if (!ls || d.paused()) return;
    const { src, partition } = ls;
    const buf = src.unread[partition];
    const before = d.readBefore[src.id]?.[partition] ?? 0;
    let others: number[] | null = null;
    while (lane.blocked === 0) {
      let item: SourceItem;
      if (src.heads[partition] < buf.length) item = buf[src.heads[partition]++];
      else {
        const at = src.cursor.peekAtMs();
        if (at === undefined || at > ctx.nowMs()) break;
        item = src.cursor.next();
        if (item.partition !== partition) {
          // Another partition's item: buffer it for its lane, which reads it at this instant.
          src.unread[item.partition].push(item);
          if (!(others ??= []).includes(item.partition)) others.push(item.partition);
          continue;
        }
      }
      const replayed = src.read[partition]++ < before;
      if (item.kind === 'record') d.route(lane, item.row, replayed);
      else d.emitWatermark(lane, item.watermarkMs); // punctuated; regressions are swallowed
    }
    if (src.heads[partition] === buf.length && buf.length > 0) {
      buf.length = 0;
      src.heads[partition] = 0;
    }
    if (others) for (const p of others) if (src.lanes[p].blocked === 0) readLane(src.lanes[p]);
    finishDoneLanes(src);
    scheduleWake(src);
  }

  /** A partition with nothing left sends the end-of-input watermark on its lane (job-format). */
  function finishDoneLanes(s: Src) {
    s.lanes.forEach((lane, p) => {
      if (!s.done[p] && s.cursor.isPartitionDone(p) && s.heads[p] === s.unread[p].length) {
        s.done[p] = true;
        d.emitWatermark(lane, MAX_WATERMARK);
      }
    });
  }

  return {
    start() {
      for (const s of sources) {
        for (const lane of s.lanes) readLane(lane);
        finishDoneLanes(s);
        scheduleWake(s);
      }
    },
    readLane,
    exhausted: () => sources.every((s) => s.cursor.peekAtMs() === undefined && unreadTotal(s) === 0),
    lag: () => Object.fromEntries(sources.map((s) => [s.id, unreadTotal(s) + s.cursor.countUntil(ctx.nowMs())])),
    readCounts: () => Object.fromEntries(sources.map((s) => [s.id, [...s.read]])),
    sourceLanes: () => sources.map((s) => ({ id: s.id, lanes: s.lanes })),
  };
}
