// Keyed deduplication in Flink (job-format `dedup`, dataflow column): the first record of a key passes,
// later ones are dropped while the key's state lives; with `withinMs` the state expires once the
// watermark passes the first record's event time + withinMs (an event-time timer), else never.
// Like every non-window operator in Flink it drops nothing for lateness (spec §2.7).
import { dedupKeyOf } from '../rows/dedupKey.ts';
import type { PlanNode } from '../plan.ts';
import type { DfOperator, OperatorHost } from './operatorContract.ts';
import { createTimerService } from './timers.ts';

export function createDedupOperator(plan: PlanNode, host: OperatorHost): DfOperator {
  const node = plan.node;
  if (node.kind !== 'dedup') throw new Error('not a dedup');
  const fields = Array.isArray(node.params.key) ? node.params.key : [node.params.key];
  const withinMs = node.params.withinMs;
  const seen = new Map<string, number>();
  const timers = createTimerService<string>();
  return {
    onRecord(row) {
      const k = dedupKeyOf(fields, row);
      if (seen.has(k)) return;
      const expiry = withinMs === undefined ? Infinity : (row.ts as number) + withinMs;
      seen.set(k, expiry);
      if (expiry !== Infinity) timers.register(expiry, k);
      host.output(row);
    },
    onWatermark(wm) {
      timers.advance(wm, (ts, k) => {
        if (seen.get(k) === ts) seen.delete(k);
      });
    },
    stateRows: () => seen.size,
    snapshot: () => [...seen],
    restore(snapshot) {
      for (const [k, expiry] of snapshot as [string, number][]) {
        seen.set(k, expiry);
        if (expiry !== Infinity) timers.register(expiry, k);
      }
    },
  };
}
