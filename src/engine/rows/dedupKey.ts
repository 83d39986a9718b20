// The key a dedup operator remembers a record by, shared by both modes so that Spark's and Flink's
// deduplication agree on which records are duplicates.
import type { Row } from '../../model/index.ts';
import { getField } from '../../model/index.ts';

export function dedupKeyOf(fields: readonly string[], row: Row): string {
  return fields.length === 1 ? JSON.stringify(getField(row, fields[0]) ?? null) : JSON.stringify(fields.map((f) => getField(row, f) ?? null));
}
