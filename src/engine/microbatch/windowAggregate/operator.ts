// Spark's streaming aggregation over event-time windows (StateStoreSaveExec, spec §1.5–1.6, 1.11),
// tying together the batch's partial aggregation (partials.ts), the state store and its eviction
// by watermark (state.ts, heap.ts) and the rows each output mode writes (output.ts). The late-row
// filter and its counter apply to the batch's partials, before they merge into the state.
import type { Row } from '../../../model/index.ts';
import type { PlanNode } from '../../plan.ts';
import { createAdder } from '../../windows/aggregate.ts';
import type { BatchContext, MbOperator, MbRowStream } from '../types.ts';
import { emitAndEvict, groupRow } from './output.ts';
import { createBatchPartials, type Partial } from './partials.ts';
import { windowShapeOf } from './shape.ts';
import { WindowGroups, type Group } from './state.ts';

export function createMbWindowAggregate(plan: PlanNode): MbOperator {
  const shape = windowShapeOf(plan);
  const hasWatermark = shape.hasWatermark;
  const state = new WindowGroups(shape.session);
  // Made once, not per batch, so that the code optimised for it stays valid.
  const partials = createBatchPartials(shape, createAdder(shape.specs));
  const toRow = (g: Group): Row => groupRow(shape, g);

  /** Merges a batch's partials into the state, reports late ones, and gives the rows to emit. */
  function finish(ctx: BatchContext, list: Partial[]): Row[] {
    const mode = ctx.outputMode;
    const evicting = hasWatermark && mode !== 'complete';
    const updated: Group[] = [];
    // A row late for several windows (sliding) is one late record; the counter counts late partials.
    let late: Map<Row, number> | null = null;
    for (const p of list) {
      if (evicting && p.endMs <= ctx.wmLateMs) {
        const rows = p.rows!;
        late ??= new Map();
        for (let i = 0; i < rows.length; i++) late.set(rows[i], (late.get(rows[i]) ?? 0) + (i === 0 ? 1 : 0));
        continue;
      }
      const g = state.merge(p, ctx.batchId);
      if (mode === 'update') updated.push(g);
    }
    if (late !== null) for (const [row, dropCount] of late) ctx.late(row, dropCount);
    return emitAndEvict(state, { mode, batchId: ctx.batchId, evicting, wmEvictionMs: ctx.wmEvictionMs, updated }).map(toRow);
  }

  let openCtx: BatchContext | null = null;
  const stream: MbRowStream = {
    push: partials.push,
    close() {
      const ctx = openCtx!;
      openCtx = null;
      return finish(ctx, partials.take());
    },
  };

  function open(ctx: BatchContext): MbRowStream {
    const evicting = hasWatermark && ctx.outputMode !== 'complete';
    if (evicting) state.ensureHeap();
    partials.begin(ctx.startMs, evicting, ctx.wmLateMs);
    openCtx = ctx;
    return stream;
  }

  return {
    open,
    process(ctx, input) {
      const stream = open(ctx);
      const rows = input.in;
      for (let i = 0; i < rows.length; i++) stream.push(rows[i]);
      return stream.close();
    },
    // A complete-mode aggregation never asks for a no-data batch: it neither emits nor evicts on the
    // watermark (shouldRunAnotherBatch requires append or update, spec §1.3).
    needsBatchFor: (newWm, lastUsed, outputMode) => hasWatermark && outputMode !== 'complete' && newWm > lastUsed,
    stateRows: () => state.size,
    snapshot: () => state.snapshot(),
    restore: (s) => state.restore(s),
  };
}
