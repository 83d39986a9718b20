// Planning a batch (spec §1.1–1.2): when triggers fire (the processing-time grid, an overrun
// starting the next batch at once), what the sources have arrived by then, and the offsets each
// batch takes under the rate limit — logged before the batch runs.
import type { Row } from '../../../model/index.ts';
import { laggedWatermark } from '../joinWatermark.ts';
import { backlogSize, planCounts, pullArrivals, takePlanned } from '../sources.ts';
import type { MbQuery } from './setup.ts';

export type Planned = {
  batchId: number;
  startMs: number;
  wmEvictionMs: number;
  wmLateMs: number;
  rows: Map<string, Row[]>;
  inputRecords: number;
  offsets: Record<string, number[]>;
  /** A re-run of a batch that had started before a failure (or re-read after async progress tracking). */
  replayed: boolean;
};

/** A batch's input: the rows taken from each source, and the offsets they end at. */
export type BatchInput = { rows: Map<string, Row[]>; offsets: Record<string, number[]>; inputRecords: number };

/** The next trigger after a batch that started at `startMs` ended at `endMs` (ProcessingTimeExecutor, spec §1.2). */
export function triggerAfterBatchAt(intervalMs: number, startMs: number, endMs: number): number {
  if (intervalMs > 0) {
    const grid = Math.floor(startMs / intervalMs) * intervalMs + intervalMs;
    return Math.max(grid, endMs); // an overrun starts the next batch at once
  }
  return endMs;
}

/** With nothing to run at `t`, the trigger that will see the next arrival at `atMs` (on the grid). */
export function triggerForArrivalAt(intervalMs: number, t: number, atMs: number): number {
  if (intervalMs > 0) {
    const grid = Math.floor(t / intervalMs) * intervalMs + intervalMs;
    return Math.max(grid, Math.ceil(atMs / intervalMs) * intervalMs);
  }
  return Math.max(atMs, t);
}

/** When the next record arrives at any source (within availableNow's cutoff); undefined: none will. */
export function nextArrival(q: MbQuery): number | undefined {
  let min: number | undefined;
  for (const s of q.sources) {
    const at = s.cursor.peekAtMs();
    if (at !== undefined && at <= q.availableNowCutoffMs && (min === undefined || at < min)) min = at;
  }
  return min;
}

export const backlogTotal = (q: MbQuery): number => q.sources.reduce((n, s) => n + backlogSize(s), 0);

/** Takes the records that have arrived by `t` into each source's backlog; the ids of sources that sent a watermark item for the first time. */
export function pullSources(q: MbQuery, t: number, noted: Set<string>): string[] {
  const firstNoted: string[] = [];
  for (const s of q.sources) {
    pullArrivals(s, Math.min(t, q.availableNowCutoffMs));
    if (s.sawWatermarkItem && !noted.has(s.id)) {
      noted.add(s.id);
      firstNoted.push(s.id);
    }
  }
  return firstNoted;
}

/** The next batch's input: from each source, what the rate limit lets it take of its backlog. */
export function takeBatchInput(q: MbQuery): BatchInput {
  const rows = new Map<string, Row[]>();
  const offsets: Record<string, number[]> = Object.create(null);
  let inputRecords = 0;
  for (const s of q.sources) {
    const taken = takePlanned(s, planCounts(s, q.limit));
    rows.set(s.id, taken);
    offsets[s.id] = [...s.offsets];
    inputRecords += taken.length;
  }
  return { rows, offsets, inputRecords };
}

/** Spark's shouldRunAnotherBatch: would a batch with the current watermark make an operator emit or evict? */
export function needsNoDataBatch(q: MbQuery, lastBatchWm: number | null): boolean {
  if (q.trigger.kind === 'once') return false;
  const used = lastBatchWm ?? 0;
  const wm = q.watermarks.globalMs();
  for (const [id, op] of q.operators) {
    const lag = q.wmLag.get(id) ?? 0;
    if (op.needsBatchFor?.(laggedWatermark(wm, lag), laggedWatermark(used, lag), q.settings.outputMode)) return true;
  }
  return false;
}
