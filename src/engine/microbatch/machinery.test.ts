// Spark's progress as its UI shows it (issue 13): the phases of `durationMs`, rows dropped by the
// watermark per stateful operator, and a failed batch attempt as an entry of its own beside its re-run.
import { describe, expect, it } from 'vitest';
import type { Fact, FactOf } from '../../model/index.ts';
import { harness } from '../test-support/harness.ts';
import { every, job, keyBy, pipeline, rec, sink, source, tumbling, watermark } from '../test-support/jobs.ts';
import { phaseDurations } from './runtime/completion.ts';

const windowJob = (faults: { kind: 'crash'; atMs: number }[] = []) =>
  job(
    pipeline(
      source('src', [rec(1000, 100), rec(3000, 200), rec(8000, 300), rec(12_000, 1500), rec(2000, 2500), rec(2500, 2600), rec(20_000, 3500), rec(1000, 4500)]),
      watermark('wm', 2000),
      keyBy('kb'),
      tumbling('win', 10_000),
      sink('out'),
    ),
    { mode: 'microbatch', microbatch: every(1000, { batchOverheadMs: 100 }), faults },
  );

describe('durationMs phases', () => {
  it('splits the planning share into latestOffset, walCommit, getBatch and queryPlanning, and they add up to the trigger', () => {
    const d = phaseDurations(20, 65, 20, 105);
    expect(d).toEqual({ latestOffset: 5, walCommit: 5, getBatch: 2, queryPlanning: 8, addBatch: 65, commitOffsets: 20, triggerExecution: 105 });
    const r = harness(windowJob()).run().result;
    for (const b of r.batches) {
      const p = b.durationMs as Record<string, number>;
      const parts = p.latestOffset + p.walCommit + p.getBatch + p.queryPlanning + p.addBatch + p.commitOffsets;
      expect(parts).toBe(p.triggerExecution);
      expect(p.triggerExecution).toBe(b.endMs - b.startMs);
    }
  });
});

describe('numRowsDroppedByWatermark per operator', () => {
  it('counts the late rows of each stateful operator in its stateOperators entry, adding up to the batch total', () => {
    const r = harness(windowJob()).run().result;
    // ts 12000 (read at 2000) takes the watermark to 10000; ts 1000 read at 5000 falls in window [0, 10 s), whose end is not after it: dropped.
    const dropped = r.batches.filter((b) => (b.numRowsDroppedByWatermark as number) > 0);
    expect(dropped.length).toBeGreaterThan(0);
    for (const b of r.batches) {
      const ops = b.stateOperators as { node: string; numRowsDroppedByWatermark: number; numRowsTotal: number }[];
      expect(ops.reduce((n, o) => n + o.numRowsDroppedByWatermark, 0)).toBe(b.numRowsDroppedByWatermark);
    }
    expect(r.droppedLate.win).toBe(dropped.reduce((n, b) => n + (b.numRowsDroppedByWatermark as number), 0));
  });
});

describe('a failed batch attempt', () => {
  it('is reported as failed, and the re-run has the same batchId, offsets and watermark', () => {
    const run = harness(windowJob([{ kind: 'crash', atMs: 1050 }])).run();
    const failed = run.allFacts.filter((f): f is FactOf<'batch.failed'> => f.type === 'batch.failed');
    expect(failed.length).toBe(1);
    const attempt = failed[0].batch;
    expect(attempt.status).toBe('failed');
    expect(attempt.endMs).toBe(1050);
    const rerun = run.result.batches.find((b) => b.batchId === attempt.batchId)!;
    expect(rerun.replayed).toBe(true);
    expect(rerun.startMs).toBeGreaterThan(attempt.endMs);
    expect(rerun.offsets).toEqual(attempt.offsets);
    expect(rerun.watermarkMs).toBe(attempt.watermarkMs);
    expect(rerun.inputRecords).toBe(attempt.inputRecords);
    // The attempt is not in the result's batches (one entry per committed batch, as before).
    expect(run.result.batches.filter((b) => b.batchId === attempt.batchId).length).toBe(1);
  });

  it('a crash between batches cuts no attempt short', () => {
    const facts: readonly Fact[] = harness(windowJob([{ kind: 'crash', atMs: 1900 }])).run().allFacts;
    expect(facts.some((f) => f.type === 'batch.failed')).toBe(false);
  });
});
