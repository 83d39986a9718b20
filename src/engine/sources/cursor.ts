// A source as one lazy stream of items in arrival order. Nothing is materialised up front: memory
// depends on what is in flight, never on how many records a source will produce.
import type { Row } from '../result.ts';

export type SourceItem =
  | { kind: 'record'; atMs: number; partition: number; row: Row }
  | { kind: 'watermark'; atMs: number; partition: number; watermarkMs: number };

export type SourceCursor = {
  readonly partitions: number;
  /** Arrival time of the next item, or undefined when the source is exhausted. */
  peekAtMs(): number | undefined;
  next(): SourceItem;
  /** Whether `partition` has no items left after those already taken. */
  isPartitionDone(partition: number): boolean;
  /** How many items have been taken so far (an offset, for rewinding by re-creation). */
  readonly taken: number;
};
