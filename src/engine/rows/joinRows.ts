// The row a join emits for a matched pair (or an outer join's unmatched row with nulls), shared by
// both modes so that Spark's and Flink's joins build the same output row.
import type { Row } from '../../model/index.ts';
import { setField } from '../../model/index.ts';

export function joinRows(left: Row | null, right: Row | null, key: unknown): Row {
  const out: Row = {};
  if (left) for (const f in left) setField(out, f, left[f]);
  if (right) for (const f in right) setField(out, left && Object.hasOwn(left, f) ? `right_${f}` : f, right[f]);
  out.key = key;
  out.ts = Math.max(left ? (left.ts as number) : -Infinity, right ? (right.ts as number) : -Infinity);
  return out;
}
