// The parts of Spark's StreamingQueryProgress that need more than a copy: the `eventTime` block
// (ProgressReporter.extractExecutionStats: the first EventTimeWatermarkExec's max/min/avg of this
// batch's rows, and the batch's watermark, as ISO-8601 UTC timestamps) and `stateOperators`
// (one StateOperatorProgress per stateful operator, with the state store version the batch
// committed: version N+1 for batch N, as HDFSBackedStateStoreProvider names its delta files).
import type { JobNode } from '../../model/index.ts';
import type { EventTimeStats } from './execute.ts';

/** Epoch milliseconds as Spark prints a timestamp: `1970-01-01T00:00:10.000Z` (no Date: the engine keeps to its own clock). */
export function isoOf(ms: number): string {
  const t = Math.floor(ms);
  const days = Math.floor(t / 86_400_000);
  const inDay = t - days * 86_400_000;
  // days since 1970-01-01 to a civil date (Howard Hinnant's civil_from_days).
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const year = y < 0 ? `-${p(-y, 6)}` : y > 9999 ? `+${p(y, 6)}` : p(y, 4);
  const h = Math.floor(inDay / 3_600_000);
  const min = Math.floor((inDay % 3_600_000) / 60_000);
  const s = Math.floor((inDay % 60_000) / 1000);
  return `${year}-${p(m)}-${p(d)}T${p(h)}:${p(min)}:${p(s)}.${p(inDay % 1000, 3)}Z`;
}

/**
 * Spark's `eventTime`: none without a watermark in the query; else the batch's watermark, and the
 * first watermark node's statistics when it saw rows (avg truncated to a long, as Spark does).
 */
export function eventTimeOf(
  watermarkNodes: readonly string[],
  stats: ReadonlyMap<string, EventTimeStats>,
  batchWatermarkMs: number,
): Record<string, string> | undefined {
  if (watermarkNodes.length === 0) return undefined;
  const first = watermarkNodes.map((id) => stats.get(id)).find((s) => s !== undefined && s.count > 0);
  const out: Record<string, string> = Object.create(null);
  if (first) {
    out.avg = isoOf(Math.trunc(first.avg));
    out.max = isoOf(first.max);
    out.min = isoOf(first.min);
  }
  out.watermark = isoOf(Math.max(0, batchWatermarkMs));
  return out;
}

const operatorNames: Partial<Record<JobNode['kind'], string>> = {
  window: 'stateStoreSave',
  dedup: 'dedupe',
  join: 'symmetricHashJoin',
};

export type StateOperatorProgress = {
  node: string;
  operatorName: string;
  numRowsTotal: number;
  /** Rows this operator dropped as later than the watermark in this batch (Spark counts them after partial aggregation). */
  numRowsDroppedByWatermark: number;
  stateStoreVersion: number;
};

export function stateOperatorsOf(
  nodes: readonly JobNode[],
  rows: Readonly<Record<string, number>>,
  batchId: number,
  dropped: Readonly<Record<string, number>> = {},
): StateOperatorProgress[] {
  return nodes
    .filter((n) => operatorNames[n.kind] !== undefined && n.id in rows)
    .map((n) => ({ node: n.id, operatorName: operatorNames[n.kind]!, numRowsTotal: rows[n.id], numRowsDroppedByWatermark: dropped[n.id] ?? 0, stateStoreVersion: batchId + 1 }));
}
