// What a batch of a micro-batch window aggregation writes, by output mode (spec §1.5–1.6):
// complete writes the whole state; update the groups the batch changed (and then evicts); append
// the groups the watermark evicts, once. Output order is the one of a stable sort of all groups by
// (start, end) in key insertion order: ties between keys go by the order keys entered the state.
import type { Row } from '../../../model/index.ts';
import { writeAggregates } from '../../windows/aggregate.ts';
import type { WindowShape } from './shape.ts';
import { byStartEndKey, type Group, type WindowGroups } from './state.ts';

/**
 * The input rows behind each window row this operator wrote (the `inputCount` of its
 * `window.fired` fact); a side table, so the row itself, which sinks receive, stays as Spark writes it.
 */
const inputCounts = new WeakMap<Row, number>();
export const windowRowInputCount = (row: Row): number | undefined => inputCounts.get(row);

/** A group as the row Spark writes: key, window bounds, aggregates, and the time of its end. */
export function groupRow(shape: WindowShape, g: Group): Row {
  const row: Row = {};
  if (shape.keyed) row.key = g.key;
  if (!shape.global) {
    row.windowStart = g.startMs;
    row.windowEnd = g.endMs;
  }
  writeAggregates(shape.specs, g.acc, row);
  row.ts = shape.global ? Number.MAX_SAFE_INTEGER : g.endMs - 1;
  inputCounts.set(row, g.n);
  return row;
}

export type Emission = {
  readonly mode: 'append' | 'update' | 'complete';
  readonly batchId: number;
  /** The state evicts by the watermark (it applies, and the mode is not complete). */
  readonly evicting: boolean;
  readonly wmEvictionMs: number;
  /** Update mode: the groups this batch merged into (some may be gone, merged into a larger session). */
  readonly updated: readonly Group[];
};

/** The groups to write after a batch merged its partials, in order; evicts what the watermark passed. */
export function emitAndEvict(state: WindowGroups, e: Emission): Group[] {
  if (e.mode === 'complete') return state.all();
  if (state.oddGroups > 0) {
    // A NaN start or end makes the (start, end) order inconsistent: take the general way,
    // exactly as a sort of the whole state does it.
    const wm = e.wmEvictionMs;
    const chosen = state.all().filter((g) => (e.mode === 'update' ? g.updatedIn === e.batchId : e.evicting && g.endMs <= wm));
    if (e.evicting) state.evictScanning(wm);
    return chosen;
  }
  if (e.mode === 'update') {
    const chosen = e.updated.filter((g) => !g.gone).sort(byStartEndKey);
    if (e.evicting) state.evict(e.wmEvictionMs);
    return chosen;
  }
  return e.evicting ? state.evict(e.wmEvictionMs).sort(byStartEndKey) : [];
}
