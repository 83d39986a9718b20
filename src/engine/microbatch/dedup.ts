// Spark streaming deduplication (spec §1.5): `dropDuplicatesWithinWatermark` when `withinMs` is
// set (state per key expires at event time + withinMs), else `dropDuplicates` on the key, where the
// watermark applies only when the key includes the event-time column `ts`.
import type { PlanNode } from '../plan.ts';
import type { Row } from '../../model/index.ts';
import { cloneState } from './clone.ts';
import { dedupKeyOf } from '../rows/dedupKey.ts';
import type { MbOperator } from './types.ts';

export function createMbDedup(plan: PlanNode): MbOperator {
  const node = plan.node;
  if (node.kind !== 'dedup') throw new Error('not a dedup');
  const fields = Array.isArray(node.params.key) ? node.params.key : [node.params.key];
  const withinMs = node.params.withinMs;
  const hasWatermark = plan.afterWatermarkNode && (withinMs !== undefined || fields.includes('ts'));
  /** key → the event time at which its state may be evicted. */
  let seen = new Map<string, number>();
  let duplicates = 0;
  return {
    process(ctx, input) {
      const out: Row[] = [];
      for (const row of input.in) {
        const ts = row.ts as number;
        if (hasWatermark && ts <= ctx.wmLateMs) {
          ctx.late(row, 1);
          continue;
        }
        const k = dedupKeyOf(fields, row);
        if (seen.has(k)) {
          duplicates++;
          continue;
        }
        seen.set(k, withinMs === undefined ? ts : ts + withinMs);
        out.push(row);
      }
      if (hasWatermark) for (const [k, expiry] of seen) if (expiry <= ctx.wmEvictionMs) seen.delete(k);
      return out;
    },
    needsBatchFor: (newWm, lastUsed) => hasWatermark && newWm > lastUsed,
    stateRows: () => seen.size,
    snapshot: () => ({ seen: cloneState(seen), duplicates }),
    restore: (s) => {
      const snap = s as { seen: Map<string, number>; duplicates: number };
      seen = cloneState(snap.seen);
      duplicates = snap.duplicates;
    },
  };
}
