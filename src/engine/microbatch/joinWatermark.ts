// Spark's watermark propagation after a stream-stream time-interval join (spec §1.5; Spark 3.5+
// IncrementalExecution with WatermarkPropagator): a stateful operator does not use the global
// watermark as such, but the min over its inputs' OUTPUT watermarks, and a join's output watermark
// is its input watermark minus the longest time it may still emit a row for
// (StreamingSymmetricHashJoinExec.produceOutputWatermark). Every other operator passes its input
// watermark on. So an outer join's NULL rows, emitted when the unmatched row is evicted, are not
// late for the aggregation that follows.
import type { Plan } from '../plan.ts';

/**
 * How long a join with `right.ts ∈ [left.ts + lowerBoundMs, left.ts + upperBoundMs]` may still emit
 * a row behind its input watermark. In Spark's terms `left.ts BETWEEN right.ts − upper AND right.ts −
 * lower`: a left row waits `upper`, a right row `−lower`, and Spark's state watermark for a
 * non-strict bound is one below (`MultiStatefulOperatorsSuite` "output watermark for various
 * intervals": BETWEEN right − 30 s AND right + 40 s gives −40 001 ms). A [0, 0] range is an equality
 * of event times, which Spark plans as a join key: the state watermark is the watermark itself.
 */
export function joinStateWaitMs(lowerBoundMs: number, upperBoundMs: number): number {
  if (lowerBoundMs === 0 && upperBoundMs === 0) return 0;
  return Math.max(upperBoundMs, -lowerBoundMs, 0) + 1;
}

/** Per node: how far its watermark is behind the global one (the sum of join waits on the longest path to it). */
export function watermarkLagByNode(plan: Plan): Map<string, number> {
  const lag = new Map<string, number>();
  const out = new Map<string, number>(); // per node: the lag of what it emits
  for (const p of plan.nodes) {
    let inLag = 0;
    for (const e of p.inputs) inLag = Math.max(inLag, out.get(e.from) ?? 0);
    lag.set(p.id, inLag);
    const n = p.node;
    out.set(p.id, n.kind === 'join' ? inLag + joinStateWaitMs(n.params.lowerBoundMs, n.params.upperBoundMs) : inLag);
  }
  return lag;
}

/**
 * A watermark as an operator `lagMs` behind sees it. 0 is Spark's "no watermark yet" and stays 0
 * (the suite's first batches: the aggregation's watermark is 0, not −1 h).
 */
export const laggedWatermark = (wm: number, lagMs: number): number => (lagMs === 0 || wm <= 0 ? wm : wm - lagMs);
