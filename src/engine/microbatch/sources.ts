// Micro-batch reading (spec §1.1 step 1, §1.8): records become available in a source's partitions
// as processing time passes; a batch plans how many of each partition's backlog it takes.
import type { SourceCursor } from '../sources/index.ts';
import type { Row } from '../result.ts';

export type MbSource = {
  readonly id: string;
  readonly cursor: SourceCursor;
  /** Available, not yet planned rows per partition. */
  readonly backlog: Row[][];
  /** End offsets per partition: rows planned so far. */
  readonly offsets: number[];
  sawWatermarkItem: boolean;
};

export function createMbSource(id: string, cursor: SourceCursor): MbSource {
  return {
    id,
    cursor,
    backlog: Array.from({ length: cursor.partitions }, () => []),
    offsets: new Array(cursor.partitions).fill(0),
    sawWatermarkItem: false,
  };
}

/** Moves every item that has arrived by `t` into the backlog. */
export function pullArrivals(src: MbSource, t: number): void {
  for (let at = src.cursor.peekAtMs(); at !== undefined && at <= t; at = src.cursor.peekAtMs()) {
    const item = src.cursor.next();
    if (item.kind === 'record') src.backlog[item.partition].push(item.row);
    else src.sawWatermarkItem = true;
  }
}

/**
 * Rows per partition for the next batch: everything, or with a limit a share proportional to each
 * partition's backlog — rounded up when below one so that small partitions are not starved, down
 * otherwise (Spark KafkaMicroBatchStream.rateLimit; spec §1.8: 101/11/1 with limit 10 → 8/1/1).
 */
export function planCounts(src: MbSource, limit: number | null): number[] {
  const sizes = src.backlog.map((b) => b.length);
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
  const rows: Row[] = [];
  counts.forEach((n, p) => {
    if (n === 0) return;
    const taken = src.backlog[p].splice(0, n);
    for (const r of taken) rows.push(r);
    src.offsets[p] += n;
  });
  return rows;
}

export const backlogSize = (src: MbSource): number => src.backlog.reduce((n, b) => n + b.length, 0);
