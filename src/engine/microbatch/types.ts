// What a micro-batch operator sees: all of one batch's rows at once (Spark runs a batch as one
// DataFrame plan, operator after operator), and the two watermarks of that batch.
import type { Row } from '../result.ts';

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

export type MbOperator = {
  process(ctx: BatchContext, input: PortRows): Row[];
  /** Spark's shouldRunAnotherBatch: would a batch with this newer watermark emit or evict? */
  needsBatchFor?(newWatermarkMs: number, lastUsedMs: number, outputMode: 'append' | 'update' | 'complete'): boolean;
  stateRows?(): number;
  snapshot?(): unknown;
  restore?(snapshot: unknown): void;
};
