// The rules of issue 11 that the dataflow engine used to break, one test each, named for the rule
// (../shared/spec/semantics.md §2.2, §2.4, §2.7). Expected values are worked out by hand.
import { describe, expect, it } from 'vitest';
import { harness } from '../test-support/harness.ts';
import { dropLate, graph, job, keyBy, onPartition, pipeline, rec, sink, source, union, watermark, type JobOptions } from '../test-support/jobs.ts';

const df = (opts: JobOptions = {}): JobOptions => ({ mode: 'dataflow', ...opts });

describe('rule 1: dropLate compares with its own watermark', () => {
  it('rule 1 (§2.7): dropLate after a union uses the min over every input, not the watermark of the lane a record came from', () => {
    // Tick 100: wm1 emits 9999, wm2 emits 999, so dropLate's watermark is 999. x (ts 5000, from s1)
    // is on time; y (ts 500, from s1) is late against 999, not against s1's 9999.
    const j = job(
      graph(
        [
          pipeline(source('s1', [rec(10_000, 13), rec(5000, 133, 'x'), rec(500, 150, 'y'), rec(20_000, 100_000)]), watermark('wm1', 0)),
          pipeline(source('s2', [rec(1000, 23, 'b'), rec(20_000, 100_000)]), watermark('wm2', 0)),
          pipeline(union('u'), dropLate('drop', 'late'), sink('out')),
        ],
        [
          { from: 'wm1', to: 'u' },
          { from: 'wm2', to: 'u' },
        ],
      ),
      df({ untilMs: 1000, dataflow: { autoWatermarkIntervalMs: 100 } }),
    );
    const run = harness(j).run();
    expect(run.sinkRecords('out').map((r) => r.key)).toEqual(['a', 'b', 'x']);
    expect(run.late('drop').map((l) => [l.record.key, l.watermarkMs])).toEqual([['y', 999]]);
    run.expectWatermark('drop', 999);
  });

  it('rule 1 (§2.7): dropLate after a partitioned source uses the min over the partitions', () => {
    const items = [onPartition(0, rec(10_000, 13)), onPartition(1, rec(1000, 23, 'b')), onPartition(0, rec(5000, 133, 'x')), onPartition(0, rec(20_000, 100_000)), onPartition(1, rec(20_000, 100_000))];
    const j = job(pipeline(source('src', items, { partitions: 2 }), watermark('wm', 0), dropLate('drop', 'late'), sink('out')), df({ untilMs: 1000, dataflow: { autoWatermarkIntervalMs: 100 } }));
    const run = harness(j).run();
    expect(run.sinkRecords('out').map((r) => r.key)).toEqual(['a', 'b', 'x']);
    expect(run.late('drop')).toEqual([]);
  });
});

// Used by later rules.
export const _unused = keyBy;
