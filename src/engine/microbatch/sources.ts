// Micro-batch reading (spec §1.1 step 1, §1.8): records become available in a source's partitions
// as processing time passes; a batch plans how many of each partition's backlog it takes.
//
// Each partition's backlog is a queue read from a head index, so taking a batch never shifts a
// large array (Array.splice(0, n) on a backlog of a million rows is a million moves per batch);
// taking all of a partition hands its array over whole. A random-access source (the generator with
// one partition) keeps its backlog as a range of record indexes, and a batch takes a range whose
// rows are made when the batch runs (lazyRows.ts).
import type { SourceCursor } from '../sources/index.ts';
import type { Row } from '../../model/index.ts';
import { createLazyRows } from './lazyRows.ts';

export type MbSource = {
  readonly id: string;
  readonly cursor: SourceCursor;
  /**
   * Available, not yet planned rows per partition, oldest first. Reading it compacts the queues,
   * so that callers may change these arrays (put rows back with unshift, say).
   */
  readonly backlog: Row[][];
  /** End offsets per partition: rows planned so far. */
  readonly offsets: number[];
  sawWatermarkItem: boolean;
};

type Queues = MbSource & {
  queues: Row[][];
  heads: number[];
  /** Random-access sources: arrived records not yet made into rows, after those in queues[0]. */
  readonly rowAt: ((index: number, into?: Row) => Row) | null;
  virtualStart: number;
  virtualCount: number;
};

export function createMbSource(id: string, cursor: SourceCursor): MbSource {
  const src: Queues = {
    id,
    cursor,
    queues: Array.from({ length: cursor.partitions }, () => []),
    heads: new Array<number>(cursor.partitions).fill(0),
    rowAt: cursor.partitions === 1 && cursor.rowAt && cursor.skipUntil ? cursor.rowAt : null,
    virtualStart: 0,
    virtualCount: 0,
    get backlog() {
      materializeVirtual(this);
      for (let p = 0; p < this.queues.length; p++) compact(this, p);
      return this.queues;
    },
    offsets: new Array<number>(cursor.partitions).fill(0),
    sawWatermarkItem: false,
  };
  return src;
}

const internals = (src: MbSource): Queues => src as Queues;

function compact(src: Queues, p: number) {
  const head = src.heads[p];
  if (head === 0) return;
  src.queues[p] = src.queues[p].slice(head);
  src.heads[p] = 0;
}

/** Makes the rows of a random-access source's arrived records, at the end of its queue. */
function materializeVirtual(q: Queues) {
  if (q.virtualCount === 0) return;
  const queue = q.queues[0];
  let k = queue.length;
  queue.length = k + q.virtualCount;
  for (let j = 0; j < q.virtualCount; j++) queue[k++] = q.rowAt!(q.virtualStart + j);
  q.virtualStart += q.virtualCount;
  q.virtualCount = 0;
}

/** Moves every item that has arrived by `t` into the backlog. */
export function pullArrivals(src: MbSource, t: number): void {
  const q = internals(src);
  if (q.rowAt !== null) {
    const n = q.cursor.skipUntil!(t);
    q.virtualCount += n;
    q.virtualStart = q.cursor.taken - q.virtualCount;
    return;
  }
  if (q.cursor.drainUntil(t, q.queues) > 0) q.sawWatermarkItem = true;
}

const sizeOf = (q: Queues, p: number): number => q.queues[p].length - q.heads[p] + (p === 0 ? q.virtualCount : 0);

/**
 * Rows per partition for the next batch: everything, or with a limit a share proportional to each
 * partition's backlog — rounded up when below one so that small partitions are not starved, down
 * otherwise (Spark KafkaMicroBatchStream.rateLimit; spec §1.8: 101/11/1 with limit 10 → 8/1/1).
 */
export function planCounts(src: MbSource, limit: number | null): number[] {
  const q = internals(src);
  const sizes = q.queues.map((_, p) => sizeOf(q, p));
  const total = sizes.reduce((a, b) => a + b, 0);
  if (limit === null || total <= limit) return sizes;
  return sizes.map((size) => {
    if (size === 0) return 0;
    const share = (limit * size) / total;
    return Math.min(size, share < 1 ? Math.ceil(share) : Math.floor(share));
  });
}

/** Takes the planned rows out of the backlog, advancing the offsets. */
export function takePlanned(src: MbSource, counts: number[]): Row[] {
  const q = internals(src);
  if (q.virtualCount > 0) {
    const n = counts[0];
    if (q.queues[0].length === q.heads[0] && n > 0 && n <= q.virtualCount) {
      // All from the range: rows made when the batch runs.
      const rows = createLazyRows(q.rowAt!, q.virtualStart, n);
      q.virtualStart += n;
      q.virtualCount -= n;
      q.offsets[0] += n;
      return rows;
    }
    materializeVirtual(q);
  }
  let rows: Row[] | null = null;
  for (let p = 0; p < counts.length; p++) {
    const n = counts[p];
    if (n === 0) continue;
    q.offsets[p] += n;
    const queue = q.queues[p];
    const head = q.heads[p];
    if (rows === null && head === 0 && n === queue.length) {
      // The whole partition, first to be taken: its array becomes the batch's.
      q.queues[p] = [];
      rows = queue;
      continue;
    }
    if (rows === null) rows = [];
    for (let i = head; i < head + n; i++) rows.push(queue[i]);
    if (head + n === queue.length) {
      q.queues[p] = [];
      q.heads[p] = 0;
    } else {
      q.heads[p] = head + n;
      if (head + n > 1024 && (head + n) * 2 > queue.length) compact(q, p);
    }
  }
  return rows ?? [];
}

export const backlogSize = (src: MbSource): number => {
  const q = internals(src);
  let n = 0;
  for (let p = 0; p < q.queues.length; p++) n += sizeOf(q, p);
  return n;
};
