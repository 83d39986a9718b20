// What a micro-batch operator sees: all of one batch's rows at once (Spark runs a batch as one
// DataFrame plan, operator after operator), and the two watermarks of that batch.
import type { Row } from '../../model/index.ts';

export type BatchContext = {
  readonly batchId: number;
  readonly startMs: number;
  /** The batch's watermark (offsets log): what stateful operators evict and emit with. */
  readonly wmEvictionMs: number;
  /**
   * The previous batch's watermark: what stateful operators filter late input with
   * (Spark 3.4+ eventTimeWatermarkForLateEvents, spec §1.5).
   */
  readonly wmLateMs: number;
  readonly outputMode: 'append' | 'update' | 'complete';
  /** Reports a late row that this operator dropped; `dropCount` is what it adds to the counter. */
  late(row: Row, dropCount: number): void;
  note(message: string): void;
};

export type PortRows = { in: Row[]; left: Row[]; right: Row[] };

/**
 * One batch's input, fed row by row: `push` each row of `in` in order, then `close` for the output.
 * `push` says whether the operator kept a reference to the row (a caller may reuse a row object
 * that was not kept).
 */
export type MbRowStream = { push(row: Row): boolean; close(): Row[] };

export type MbOperator = {
  process(ctx: BatchContext, input: PortRows): Row[];
  /**
   * For single-input operators that can take their input as a stream (so that rows made upstream
   * in the same pass need not be collected): the same as `process(ctx, { in: rows, … })`.
   */
  open?(ctx: BatchContext): MbRowStream;
  /** Spark's shouldRunAnotherBatch: would a batch with this newer watermark emit or evict? */
  needsBatchFor?(newWatermarkMs: number, lastUsedMs: number, outputMode: 'append' | 'update' | 'complete'): boolean;
  stateRows?(): number;
  snapshot?(): unknown;
  restore?(snapshot: unknown): void;
};
