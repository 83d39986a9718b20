// Source readers (spec §2.8, job-format `source`): each partition is read by its own lane. Items
// become available at their arrival time; a lane reads while it is not backpressured, so what has
// arrived but is unread is the source's lag. A restarted attempt re-reads from checkpointed offsets.
//
// A class, not closures: a crash starts a new attempt, and a new set of closures over the same
// code made V8 specialise its optimised code to one instance and deoptimise it on every call
// from the other (measured: the work after a restore ran 2× slower). Methods on a prototype are one
// function per process, whatever the number of attempts.
import type { RuntimeContext } from '../kernel/context.ts';
import { Priority, type ScheduledEvent } from '../kernel/queue.ts';
import { MAX_WATERMARK, type Row } from '../../model/index.ts';
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
  allDone: boolean;
  /** false: after its last item the source is idle, not finished (job-format `bounded`). */
  bounded: boolean;
  /** One lane over a random-access cursor: rows are made as the lane reads them. */
  direct: boolean;
  /** The pending arrival event, if any. */
  wake: ScheduledEvent | null;
};

/** What the source lanes ask of their attempt. */
export type SourceHost = {
  readonly ctx: RuntimeContext;
  sched(t: number, priority: number, run: () => void): ScheduledEvent;
  route(lane: Task, port: 'out', row: Row, replayed: boolean): void;
  emitWatermark(lane: Task, ms: number): void;
  /** While true, lanes do not read (an attempt is still putting restored state in place). */
  paused(): boolean;
  afterArrival(): void;
};

export class SourceLanes {
  private readonly sources: Src[] = [];
  private readonly laneSource = new Map<Task, { src: Src; partition: number }>();

  /**
   * `offsets`: per source partition, where to resume (a restore), or none; `readBefore`: items per
   * partition read by earlier attempts (re-reading them is a replay).
   */
  constructor(
    private readonly host: SourceHost,
    tasks: ReadonlyMap<string, Task[]>,
    offsets: Record<string, number[]> | null,
    private readonly readBefore: Record<string, number[]>,
  ) {
    const { ctx } = host;
    for (const p of ctx.plan.nodes) {
      if (p.node.kind !== 'source') continue;
      const lanes = tasks.get(p.id)!;
      const cursor = createSourceCursor(p.node, ctx.plan.job.settings.seed);
      const from = offsets?.[p.id];
      const src: Src = {
        id: p.id,
        cursor,
        lanes,
        unread: lanes.map(() => []),
        heads: lanes.map(() => 0),
        read: lanes.map((_, i) => from?.[i] ?? 0),
        done: lanes.map(() => false),
        allDone: false,
        bounded: p.node.params.bounded !== false,
        direct: lanes.length === 1 && cursor.rowAt !== undefined && cursor.seek !== undefined,
        wake: null,
      };
      this.sources.push(src);
      lanes.forEach((lane, partition) => this.laneSource.set(lane, { src, partition }));
      // What arrived before now is available again from the resumed offsets (or from the start).
      if (cursor.seek && lanes.length === 1) {
        // A random-access source moves to the offset; what arrived since is read lazily like any backlog.
        cursor.seek(from?.[0] ?? 0);
      } else {
        const seen = lanes.map(() => 0);
        for (let at = cursor.peekAtMs(); at !== undefined && at <= ctx.nowMs(); at = cursor.peekAtMs()) {
          const item = cursor.next();
          if (seen[item.partition]++ >= (from?.[item.partition] ?? 0)) src.unread[item.partition].push(item);
        }
      }
    }
  }

  start(): void {
    for (const s of this.sources) {
      for (const lane of s.lanes) this.readLane(lane);
      this.finishDoneLanes(s);
      this.scheduleWake(s);
    }
  }

  /** A lane reads its partition until it is backpressured or has read all that is available. */
  readLane(lane: Task): void {
    const ls = this.laneSource.get(lane);
    if (!ls || this.host.paused()) return;
    const { src, partition } = ls;
    const buf = src.unread[partition];
    const before = this.readBefore[src.id]?.[partition] ?? 0;
    const now = this.host.ctx.nowMs();
    let others: number[] | null = null;
    while (lane.blocked === 0) {
      let item: SourceItem;
      if (src.heads[partition] < buf.length) item = buf[src.heads[partition]++];
      else if (src.direct) {
        // A random-access source with one lane: its rows straight from the cursor, no item objects.
        const cursor = src.cursor;
        const at = cursor.peekAtMs();
        if (at === undefined || at > now) break;
        const index = cursor.taken;
        const row = cursor.rowAt!(index);
        cursor.seek!(index + 1);
        this.host.route(lane, 'out', row, src.read[partition]++ < before);
        continue;
      } else {
        const at = src.cursor.peekAtMs();
        if (at === undefined || at > now) break;
        item = src.cursor.next();
        if (item.partition !== partition) {
          // Another partition's item: buffer it for its lane, which reads it at this instant.
          src.unread[item.partition].push(item);
          if (!(others ??= []).includes(item.partition)) others.push(item.partition);
          continue;
        }
      }
      const replayed = src.read[partition]++ < before;
      if (item.kind === 'record') this.host.route(lane, 'out', item.row, replayed);
      else this.host.emitWatermark(lane, item.watermarkMs); // punctuated; regressions are swallowed
    }
    if (src.heads[partition] === buf.length && buf.length > 0) {
      buf.length = 0;
      src.heads[partition] = 0;
    }
    if (others !== null) for (const p of others) if (src.lanes[p].blocked === 0) this.readLane(src.lanes[p]);
    if (!src.allDone) this.finishDoneLanes(src);
    this.scheduleWake(src);
  }

  /** Every source has delivered all it will (an unbounded source never has: the job runs on). */
  exhausted(): boolean {
    return this.sources.every((s) => s.bounded && s.cursor.peekAtMs() === undefined && this.unreadTotal(s) === 0);
  }

  /** Items available but not read, per source: buffered, and still in the cursor. */
  lag(): Record<string, number> {
    const now = this.host.ctx.nowMs();
    return Object.fromEntries(this.sources.map((s) => [s.id, this.unreadTotal(s) + s.cursor.countUntil(now)]));
  }

  /**
   * `lag()` per partition: each partition's unread items, and the items still in the cursor spread
   * over the partitions as the source spreads them (round-robin).
   */
  partitionLag(): Record<string, number[]> {
    const now = this.host.ctx.nowMs();
    return Object.fromEntries(this.sources.map((s) => {
      const pending = s.cursor.countUntil(now);
      const n = s.unread.length;
      return [s.id, s.unread.map((u, i) => u.length - s.heads[i] + Math.floor(pending / n) + (i < pending % n ? 1 : 0))];
    }));
  }

  readCounts(): Record<string, number[]> {
    return Object.fromEntries(this.sources.map((s) => [s.id, [...s.read]]));
  }

  sourceLanes(): { id: string; lanes: Task[] }[] {
    return this.sources.map((s) => ({ id: s.id, lanes: s.lanes }));
  }

  private unreadTotal(s: Src): number {
    let n = 0;
    for (let i = 0; i < s.unread.length; i++) n += s.unread[i].length - s.heads[i];
    return n;
  }

  /**
   * Items are taken from the cursor only when a lane can read them. While every lane of a source is
   * backpressured its arrivals stay in the cursor (counted as lag, not made into objects) and no
   * arrival event is scheduled: the lane that unblocks reads on from the cursor.
   */
  private scheduleWake(s: Src): void {
    if (s.wake !== null || !anyLaneFree(s)) return;
    const at = s.cursor.peekAtMs();
    const { ctx } = this.host;
    if (at === undefined || at > ctx.untilMs) return;
    s.wake = this.host.sched(Math.max(at, ctx.nowMs()), Priority.arrival, () => this.onWake(s));
  }

  private onWake(s: Src): void {
    s.wake = null;
    if (!anyLaneFree(s)) return; // an unblocking lane reads on and schedules the next wake
    // Every item due at this instant becomes available, in list order; lanes read what they can.
    for (const p of this.takeDue(s)) this.readLane(s.lanes[p]);
    this.scheduleWake(s);
    this.host.afterArrival();
  }

  /** Moves every item due by now from the cursor into its partition's buffer; returns the partitions in order of first arrival. */
  private takeDue(s: Src): number[] {
    const touched: number[] = [];
    const now = this.host.ctx.nowMs();
    for (let at = s.cursor.peekAtMs(); at !== undefined && at <= now; at = s.cursor.peekAtMs()) {
      const item = s.cursor.next();
      s.unread[item.partition].push(item);
      if (!touched.includes(item.partition)) touched.push(item.partition);
    }
    return touched;
  }

  /**
   * A partition with nothing left sends the end-of-input watermark on its lane (job-format); a
   * partition of an unbounded source is idle instead and sends nothing (a Kafka source without
   * setBounded): its watermark stays where its records put it.
   */
  private finishDoneLanes(s: Src): void {
    let all = true;
    for (let p = 0; p < s.lanes.length; p++) {
      if (!s.done[p] && s.cursor.isPartitionDone(p) && s.heads[p] === s.unread[p].length) {
        s.done[p] = true;
        if (s.bounded) this.host.emitWatermark(s.lanes[p], MAX_WATERMARK);
      }
      all &&= s.done[p];
    }
    s.allDone = all;
  }
}

function anyLaneFree(s: Src): boolean {
  for (let i = 0; i < s.lanes.length; i++) if (s.lanes[i].blocked === 0) return true;
  return false;
}
