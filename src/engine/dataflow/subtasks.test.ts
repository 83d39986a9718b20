// Flink's parallel model (job-format "Parallelism"): a keyed operator with parallelism p runs p
// subtasks, each with its own state, valve and time; records reach them by key group.
import { describe, expect, it } from 'vitest';
import { byWindow, harness } from '../test-support/harness.ts';
import { generatorSource, job, keyBy, onPartition, pipeline, rec, sink, source, tumbling, watermark } from '../test-support/jobs.ts';
import { operatorIndexForKey, splitOwner } from './flink.ts';

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

  it('the result lists subtasks.<node>: a source’s partitions by getSplitOwner, a keyed window’s records by key group', () => {
    const keys = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    const items = keys.flatMap((k, i) => [onPartition(i % 3, rec(100 * i, 10 * i, k)), onPartition((i + 1) % 3, rec(100 * i + 1, 10 * i + 1, k))]);
    const j = job(
      pipeline(source('src', items, { partitions: 3, parallelism: 2 }), watermark('wm', 0), keyBy('kb'), tumbling('win', 1000, { parallelism: 4 }), sink('out')),
      { mode: 'dataflow' },
    );
    const run = harness(j).run();
    const subtasks = run.result.subtasks!;
    // Source: partition k goes to splitOwner('src', k, 2).
    const owners = [0, 1, 2].map((k) => splitOwner('src', k, 2));
    expect(subtasks.src.map((s) => s.partitions)).toEqual([0, 1].map((i) => [0, 1, 2].filter((k) => owners[k] === i)));
    const perPartition = [0, 1, 2].map((k) => items.filter((r) => r.partition === k).length);
    expect(subtasks.src.map((s) => s.records)).toEqual([0, 1].map((i) => [0, 1, 2].filter((k) => owners[k] === i).reduce((n, k) => n + perPartition[k], 0)));
    // Window: each subtask received the records of the keys it owns (2 per key).
    const expected = [0, 1, 2, 3].map((i) => keys.filter((k) => operatorIndexForKey(k, 128, 4) === i).length * 2);
    expect(subtasks.win.map((s) => [s.index, s.records])).toEqual(expected.map((n, i) => [i, n]));
    expect(expected.filter((n) => n > 0).length).toBeGreaterThan(1);
    // The end of input reached every subtask; the sink (parallelism 1) is one subtask with every result.
    for (const s of subtasks.win) expect(s.watermarkMs).toBe(Number.MAX_SAFE_INTEGER);
    expect(subtasks.out).toHaveLength(1);
    expect(subtasks.out[0].records).toBe(run.sinkWrites('out').length);
    for (const list of Object.values(subtasks)) for (const s of list) expect(s.busyMs + s.backpressuredMs + s.idleMs).toBeGreaterThanOrEqual(0);
  });

  it('with costMs, a subtask is busy for the records it takes: one hot subtask, the others idle', () => {
    const items = Array.from({ length: 20 }, (_, i) => rec(i, i, 'hot'));
    const j = job(pipeline(source('src', [...items, rec(30, 30, 'cold')]), keyBy('kb'), tumbling('win', 1000, { parallelism: 2, costMs: 10 }), sink('out')), { mode: 'dataflow' });
    const win = harness(j).run().result.subtasks!.win;
    const hot = operatorIndexForKey('hot', 128, 2);
    expect(win[hot].busyMs).toBe(200);
    expect(win[1 - hot].busyMs).toBe(operatorIndexForKey('cold', 128, 2) === hot ? 0 : 10);
  });

  it('keySkew makes one key hot: the subtask owning it is the busiest, and it backpressures the shared source', () => {
    const j = (keySkew?: number) =>
      job(
        pipeline(
          generatorSource('src', { ratePerSec: 400, keys: 16, endMs: 10_000, ...(keySkew !== undefined ? { keySkew } : {}) }),
          watermark('wm', 0),
          keyBy('kb'),
          tumbling('win', 1000, { parallelism: 4, costMs: 8 }),
          sink('out'),
        ),
        { mode: 'dataflow', untilMs: 10_000 },
      );
    const skewed = harness(j(1.5)).run().result.subtasks!;
    const hot = operatorIndexForKey('k0', 128, 4);
    const busy = skewed.win.map((s) => s.busyMs);
    const others = busy.filter((_, i) => i !== hot);
    expect(Math.max(...busy)).toBe(busy[hot]);
    expect(busy[hot]).toBeGreaterThan(2 * (others.reduce((a, b) => a + b, 0) / others.length));
    expect(skewed.src[0].backpressuredMs).toBeGreaterThan(1000);
    const uniform = harness(j()).run().result.subtasks!;
    expect(uniform.src[0].backpressuredMs).toBeLessThan(skewed.src[0].backpressuredMs);
  });
});
