// Flink's parallel model (job-format "Parallelism"): a keyed operator with parallelism p runs p
// subtasks, each with its own state, valve and time; records reach them by key group.
import { describe, expect, it } from 'vitest';
import { byWindow, harness } from '../test-support/harness.ts';
import { generatorSource, job, keyBy, pipeline, rec, sink, source, tumbling, watermark } from '../test-support/jobs.ts';
import { operatorIndexForKey } from './flink.ts';

const keyed = (parallelism: number, costMs = 0) =>
  job(
    pipeline(
      generatorSource('src', { ratePerSec: 200, keys: 12, endMs: 5000, maxOutOfOrdernessMs: 0 }, { partitions: 3 }),
      watermark('wm', 0),
      keyBy('kb'),
      tumbling('win', 1000, { parallelism, costMs }),
      sink('out'),
    ),
    { mode: 'dataflow' },
  );

describe('dataflow subtasks (Flink parallelism)', () => {
  it('a keyed window at parallelism 4 gives the same window results as at parallelism 1', () => {
    const one = harness(keyed(1)).run();
    const four = harness(keyed(4)).run();
    expect(byWindow(four.windows('out'))).toEqual(byWindow(one.windows('out')));
    expect(four.windows('out').length).toBeGreaterThan(0);
  });

  it('parallelism spreads records, not cost: a slow keyed window at p = 2 takes each record’s full cost in one subtask', () => {
    // Two keys in different subtasks (k0 → 1, k1 → 0 at p = 2): 3 records each, 100 ms each, in parallel.
    expect([operatorIndexForKey('k0', 128, 2), operatorIndexForKey('k1', 128, 2)]).toEqual([1, 0]);
    const items = [rec(1, 0, 'k0'), rec(2, 0, 'k1'), rec(3, 0, 'k0'), rec(4, 0, 'k1'), rec(5, 0, 'k0'), rec(6, 0, 'k1')];
    const j = (parallelism: number) => job(pipeline(source('src', items), keyBy('kb'), tumbling('win', 1000, { parallelism, costMs: 100 }), sink('out')), { mode: 'dataflow' });
    const at = (parallelism: number) => harness(j(parallelism)).run().sinkWrites('out').map((w) => w.atMs);
    expect(at(1)).toEqual([600, 600]); // one subtask: 6 × 100 ms, then end of input fires both
    expect(at(2)).toEqual([300, 300]); // two subtasks, 3 × 100 ms each
  });
});
