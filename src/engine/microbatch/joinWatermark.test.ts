// Rule 6 of issue 11 (spec §1.5): after a time-interval stream-stream join, the next stateful
// operator runs with the join's output watermark, not the global one.
import { describe, expect, it } from 'vitest';
import { harness } from '../test-support/harness.ts';
import { every, graph, job, join, pipeline, rec, sink, source, tumbling, watermark } from '../test-support/jobs.ts';
import { joinStateWaitMs, laggedWatermark } from './joinWatermark.ts';

describe('rule 6: Spark — after a time-interval join the next stateful operator uses the join’s output watermark', () => {
  it('rule 6 (§1.5): the join’s state wait matches Spark’s produceOutputWatermark (MultiStatefulOperatorsSuite, "output watermark for various intervals")', () => {
    // left BETWEEN right AND right + 40 s  ⇔  right ∈ [left − 40 s, left]: −40 001.
    expect(-joinStateWaitMs(-40_000, 0)).toBe(-40_001);
    // left BETWEEN right − 30 s AND right  ⇔  right ∈ [left, left + 30 s]: −30 001.
    expect(-joinStateWaitMs(0, 30_000)).toBe(-30_001);
    // left BETWEEN right − 30 s AND right + 40 s  ⇔  right ∈ [left − 40 s, left + 30 s]: −40 001.
    expect(-joinStateWaitMs(-40_000, 30_000)).toBe(-40_001);
    // BETWEEN right − 1 h AND right + 1 h: the aggregation's watermark is the global one − (1 h + 1 ms).
    expect(laggedWatermark(3_620_000, joinStateWaitMs(-3_600_000, 3_600_000))).toBe(19_999);
    // Equal event times (a [0, 0] range) are a join key in Spark: no lag. No watermark yet (0): none.
    expect(joinStateWaitMs(0, 0)).toBe(0);
    expect(laggedWatermark(0, 1001)).toBe(0);
  });

  it('rule 6 (§1.5): a left outer join’s NULL rows are not dropped as late by the aggregation that follows', () => {
    // right ∈ [left, left + 1000]: state wait 1001. k2 (ts 2500) stays unmatched and comes out with
    // NULLs once the watermark reaches 20000, in a batch whose late filter is the previous watermark
    // 3200. Against the global 3200 its window [2000,3000) has ended (end <= watermark: late); against
    // the join's output watermark 3200 − 1001 = 2199 it has not, and the window counts it.
    const left = [rec(1000, 0, 'k1'), rec(2500, 0, 'k2'), rec(3200, 5000, 'k3'), rec(20_000, 10_000, 'k4')];
    const right = [rec(1500, 0, 'k1'), rec(3200, 5000, 'k9'), rec(20_000, 10_000, 'k5')];
    const j = job(
      graph(
        [
          pipeline(source('l', left), watermark('wmL', 0)),
          pipeline(source('r', right), watermark('wmR', 0)),
          pipeline(join('j', { leftKey: 'key', rightKey: 'key', lowerBoundMs: 0, upperBoundMs: 1000, type: 'leftOuter' }), tumbling('win', 1000), sink('out')),
        ],
        [
          { from: 'wmL', to: 'j', toPort: 'left' },
          { from: 'wmR', to: 'j', toPort: 'right' },
        ],
      ),
      { mode: 'microbatch', untilMs: 30_000, microbatch: every(1000) },
    );
    const run = harness(j).run();
    expect(run.dropped('win')).toBe(0);
    expect(run.windows('out').filter((w) => w.windowStart < 10_000)).toEqual([
      { windowStart: 1000, windowEnd: 2000, count: 1 },
      { windowStart: 2000, windowEnd: 3000, count: 1 },
      { windowStart: 3000, windowEnd: 4000, count: 1 },
    ]);
    expect(run.late('win')).toEqual([]);
  });
});
