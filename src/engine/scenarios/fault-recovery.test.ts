// Scenario 7a, failure and recovery: the window task crashes at 12.03 s. Flink restores the whole job
// from its last completed checkpoint and replays the sources from the offsets it recorded; the file
// sink's open transaction is aborted (spec §2.9, §2.10, §2.12). Spark re-runs the batch that had
// logged its offsets but not its commit, with the same id, offsets and watermark (§1.1, §1.10). Either
// way the committed output equals a run without the failure.
import { describe, expect, it } from 'vitest';
import type { Mode, SinkWrite } from '../../model/index.ts';
import { runScenario, withoutFaults } from '../test-support/scenarios.ts';

const ID = 'fault-recovery';
const CRASH_MS = 12_030;

/** What a reader of the file sink sees in the end: committed rows, in a stable order. */
const committed = (writes: SinkWrite[]) =>
  writes
    .filter((w) => w.visibleAtMs !== null)
    .map((w) => `${w.record.key}[${w.record.windowStart}]=${w.record.rides}`)
    .sort();

describe(`scenario ${ID}`, () => {
  it.each<Mode>(['dataflow', 'microbatch'])('%s: the committed counts equal those of a run without the failure', (mode) => {
    const run = runScenario(ID, mode);
    const clean = runScenario(ID, mode, withoutFaults);
    expect(run.result.failures).toHaveLength(1);
    expect(committed(run.sinkWrites('out')).length).toBeGreaterThan(6);
    expect(committed(run.sinkWrites('out'))).toEqual(committed(clean.sinkWrites('out')));
  });

  it('dataflow: the job restarts from the last checkpoint completed before the crash and re-reads what came after', () => {
    const run = runScenario(ID, 'dataflow');
    const [failure] = run.result.failures;
    const before = run.result.checkpoints.filter((c) => c.status === 'completed' && c.completedAtMs! <= CRASH_MS);
    expect(failure).toMatchObject({ atMs: CRASH_MS, node: 'count', restoredFrom: before[before.length - 1].id, resumedAtMs: CRASH_MS + 1000 });
    expect(failure.restoredFrom).toBe(2);
    // Output written between that checkpoint and the crash was in the open transaction: aborted.
    const aborted = run.sinkWrites('out').filter((w) => w.visibleAtMs === null);
    expect(aborted.length).toBeGreaterThan(0);
    for (const w of aborted) {
      expect(w.atMs).toBeGreaterThan(before[before.length - 1].completedAtMs!);
      expect(w.atMs).toBeLessThanOrEqual(CRASH_MS);
    }
    // Results computed from re-read rides are marked as replays; visible rows become visible at checkpoints.
    expect(run.sinkWrites('out').some((w) => w.replayed)).toBe(true);
    const completions = new Set(run.result.checkpoints.map((c) => c.completedAtMs));
    const end = Math.max(...run.sinkWrites('out').map((w) => w.atMs));
    for (const w of run.sinkWrites('out')) if (w.visibleAtMs !== null) expect(completions.has(w.visibleAtMs) || w.visibleAtMs >= end).toBe(true);
  });

  it('micro-batch: the crashed batch had logged its offsets but not its commit; it re-runs with the same id, offsets and watermark', () => {
    const run = runScenario(ID, 'microbatch');
    const clean = runScenario(ID, 'microbatch', withoutFaults);
    const [failure] = run.result.failures;
    const crashed = clean.batches.find((b) => b.startMs <= CRASH_MS && b.endMs > CRASH_MS)!;
    expect(crashed.batchId).toBe(11);
    expect(failure).toMatchObject({ atMs: CRASH_MS, restoredFrom: crashed.batchId - 1, rerunBatchId: crashed.batchId, replayedBatches: 1 });
    const rerun = run.batches.filter((b) => b.batchId === crashed.batchId);
    expect(rerun).toHaveLength(1); // the first attempt never completed
    expect(rerun[0]).toMatchObject({ startMs: failure.resumedAtMs, replayed: true, inputRecords: crashed.inputRecords, watermarkMs: crashed.watermarkMs, offsets: crashed.offsets });
    // Offsets log at the start, commit log at the end of every completed batch; ids never skip.
    for (const b of run.batches) expect(b).toMatchObject({ offsetsLoggedAtMs: b.startMs, commitLoggedAtMs: b.endMs });
    expect(run.batches.map((b) => b.batchId)).toEqual(run.batches.map((_, i) => i));
  });
});
