// Scripted source items (job-format.md): records `{ts, at, partition?, ...fields}` and punctuated
// watermarks `{watermark, at, partition?}`, listed in arrival order.
import type { ScriptedItem, Row } from '../../model/index.ts';
import { setField } from '../../model/index.ts';
import type { SourceCursor, SourceItem } from './cursor.ts';

export function createScriptedCursor(items: readonly ScriptedItem[], partitions: number): SourceCursor {
  // Stable sort by arrival: items with equal `at` keep list order (the spec's rule), and a list
  // that is not sorted still plays in time order.
  const order = items.map((_, i) => i).sort((a, b) => items[a].at - items[b].at || a - b);
  const remaining = new Array<number>(partitions).fill(0);
  for (const it of items) remaining[it.partition ?? 0]++;
  let pos = 0;
  return {
    partitions,
    get taken() {
      return pos;
    },
    peekAtMs: () => (pos < order.length ? items[order[pos]].at : undefined),
    next(): SourceItem {
      const item = items[order[pos++]];
      const partition = item.partition ?? 0;
      remaining[partition]--;
      if ('watermark' in item) return { kind: 'watermark', atMs: item.at, partition, watermarkMs: item.watermark as number };
      return { kind: 'record', atMs: item.at, partition, row: toRow(item) };
    },
    drainUntil(t, into) {
      let watermarks = 0;
      while (pos < order.length && items[order[pos]].at <= t) {
        const item = items[order[pos++]];
        const partition = item.partition ?? 0;
        remaining[partition]--;
        if ('watermark' in item) watermarks++;
        else into[partition].push(toRow(item));
      }
      return watermarks;
    },
    countUntil(t) {
      // `order` is sorted by arrival: the first position after t, by bisection.
      let lo = pos;
      let hi = order.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (items[order[mid]].at <= t) lo = mid + 1;
        else hi = mid;
      }
      return lo - pos;
    },
    isPartitionDone: (p) => remaining[p] === 0,
  };
}

/** A scripted record as the row operators see: its fields and `ts`, without `at` and `partition`. */
function toRow(item: Record<string, unknown>): Row {
  const row: Row = {};
  for (const k in item) if (k !== 'at' && k !== 'partition') setField(row, k, item[k]);
  return row;
}
