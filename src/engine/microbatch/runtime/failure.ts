// Failure and restart (spec §1.1, 1.9): the batch a crash cut short, and, with asynchronous
// progress tracking, the log of rows read since the last durable commit, which a restart puts back
// into the sources to be read — and planned — again.
import type { BatchEntry, Row } from '../../../model/index.ts';
import type { MbSource } from '../sources.ts';
import type { Planned } from './planning.ts';

/** Per source, per partition: the rows read since the last durable commit (async progress tracking). */
export type ReplayLog = Map<string, Row[][]>;

export const emptyReplayLog = (sources: readonly MbSource[]): ReplayLog => new Map(sources.map((s) => [s.id, s.backlog.map(() => [])]));

/** Logs a batch's rows, per source, for replay. */
export function logForReplay(log: ReplayLog, rows: ReadonlyMap<string, Row[]>) {
  for (const [id, taken] of rows) if (taken.length > 0) appendAll(log.get(id)![0], taken);
}

/** Puts every logged row back in front of its source's backlog; the number of rows put back. */
export function requeueForReplay(sources: readonly MbSource[], log: ReplayLog): number {
  let n = 0;
  for (const s of sources) {
    const rows = (log.get(s.id) ?? []).flat();
    const backlog = s.backlog;
    backlog[0] = rows.concat(backlog[0]);
    s.offsets[0] -= rows.length;
    n += rows.length;
  }
  return n;
}

/** The attempt cut short is a batch entry of its own, marked failed (Spark's UI lists it too). */
export function failedEntry(running: Planned, startedAtMs: number, atMs: number): BatchEntry {
  return {
    batchId: running.batchId, startMs: startedAtMs, endMs: atMs, inputRecords: running.inputRecords, watermarkMs: running.wmEvictionMs,
    status: 'failed', offsets: running.offsets, replayed: running.replayed,
  };
}

/** Appends without spreading: a spread of a large batch (150k+ rows) overflows the call stack. */
function appendAll(into: Row[], rows: ArrayLike<Row>) {
  for (let i = 0; i < rows.length; i++) into.push(rows[i]);
}
