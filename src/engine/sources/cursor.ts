// A source as one lazy stream of items in arrival order. Nothing is materialised up front: memory
// depends on what is in flight, never on how many records a source will produce.
import type { Row } from '../../model/index.ts';

export type SourceItem =
  | { kind: 'record'; atMs: number; partition: number; row: Row }
  | { kind: 'watermark'; atMs: number; partition: number; watermarkMs: number };

export type SourceCursor = {
  readonly partitions: number;
  /** Arrival time of the next item, or undefined when the source is exhausted. */
  peekAtMs(): number | undefined;
  next(): SourceItem;
  /**
   * Takes every item that arrives at or before `t`, as repeated `next()` calls would: each
   * record's row is appended to `into[partition]`; watermark items are skipped and counted.
   * Returns how many watermark items were skipped. (The micro-batch reader's fast path: no item
   * object per record.)
   */
  drainUntil(t: number, into: Row[][]): number;
  /**
   * Random-access sources (the generator with one partition): the row of item `index` (0-based,
   * counted as `taken` counts), the same every time: a new object, or written into `into`, a row
   * this function returned before and that nobody kept.
   */
  readonly rowAt?: (index: number, into?: Row) => Row;
  /** With `rowAt`: the next item taken is item `index`. */
  seek?(index: number): void;
  /** With `rowAt`: takes every item that arrives at or before `t` without making it; returns how many. */
  skipUntil?(t: number): number;
  /** How many items not yet taken arrive at or before `t` (a source's lag while nobody reads). */
  countUntil(t: number): number;
  /** Whether `partition` has no items left after those already taken. */
  isPartitionDone(partition: number): boolean;
  /** How many items have been taken so far (an offset, for rewinding by re-creation). */
  readonly taken: number;
};
