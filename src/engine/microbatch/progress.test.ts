// Spark's StreamingQueryProgress fields beyond the counts: eventTime (ProgressReporter
// .extractExecutionStats), stateOperators with state store versions, and the end of the query.
import { describe, expect, it } from 'vitest';
import type { Fact } from '../../model/index.ts';
import { createSimulation, runJob } from '../simulation.ts';
import { every, job, keyBy, pipeline, rec, sink, source, tumbling, watermark } from '../test-support/jobs.ts';
import { isoOf } from './progress.ts';

describe('progress: eventTime, stateOperators, end of the query', () => {
  it('formats epoch milliseconds as Spark prints timestamps', () => {
    expect(isoOf(0)).toBe('1970-01-01T00:00:00.000Z');
    expect(isoOf(12_345)).toBe('1970-01-01T00:00:12.345Z');
    expect(isoOf(951_782_400_000)).toBe('2000-02-29T00:00:00.000Z'); // a leap day
    expect(isoOf(1_764_115_200_123)).toBe('2025-11-26T00:00:00.123Z');
    expect(isoOf(-1)).toBe('1969-12-31T23:59:59.999Z');
  });

  const run = () =>
    runJob(
      job(pipeline(source('src', [rec(1000, 100), rec(3000, 200), rec(8000, 300), rec(12_000, 1500)]), watermark('wm', 2000), keyBy('kb'), tumbling('win', 10_000), sink('out')), {
        mode: 'microbatch',
        microbatch: every(1000),
      }),
    );

  it('eventTime has the batch rows’ max, min and avg (truncated) and the watermark the batch used', () => {
    const r = run();
    const first = r.batches[0];
    // batch 0 holds the rows that arrived by 1000 ms: ts 1000, 3000, 8000
    expect(first.eventTime).toEqual({ avg: isoOf(4000), max: isoOf(8000), min: isoOf(1000), watermark: isoOf(0) });
    // the next batch uses watermark 8000 − 2000 = 6000
    const second = r.batches[1];
    expect((second.eventTime as Record<string, string>).watermark).toBe(isoOf(6000));
    expect((second.eventTime as Record<string, string>).max).toBe(isoOf(12_000));
  });

  it('stateOperators name Spark’s operator and the state store version each batch committed (batchId + 1)', () => {
    const r = run();
    for (const b of r.batches) {
      expect(b.stateOperators).toEqual([expect.objectContaining({ node: 'win', operatorName: 'stateStoreSave', stateStoreVersion: b.batchId + 1 })]);
    }
    expect((r.batches[0].stateOperators as { numRowsTotal: number }[])[0].numRowsTotal).toBe(1);
  });

  it('without a watermark there is no eventTime block', () => {
    const r = runJob(job(pipeline(source('src', [rec(1000, 100)]), sink('out')), { mode: 'microbatch', microbatch: every(1000) }));
    expect(r.batches[0]).not.toHaveProperty('eventTime');
  });

  it('a query whose input is drained ends with job.finished, as a dataflow job does', () => {
    const facts: Fact[] = [];
    const j = job(pipeline(source('src', [rec(1000, 100), rec(2000, 2500)]), sink('out')), { mode: 'microbatch', microbatch: every(1000) });
    createSimulation(j, { onFacts: (f) => facts.push(...f) }).runToEnd();
    const finished = facts.filter((f) => f.type === 'job.finished');
    expect(finished).toHaveLength(1);
    const lastBatch = facts.filter((f) => f.type === 'batch.completed').at(-1)!;
    expect(finished[0].atMs).toBeGreaterThanOrEqual(lastBatch.atMs);
  });
});
