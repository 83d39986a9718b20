// The rules of issue 11 that the dataflow engine used to break, one test each, named for the rule
// (../shared/spec/semantics.md §2.2, §2.4, §2.7). Expected values are worked out by hand.
import { describe, expect, it } from 'vitest';
import { harness } from '../test-support/harness.ts';
import { dropLate, graph, job, keyBy, onPartition, pipeline, punct, rec, session, sink, source, tumbling, union, watermark, window, type JobOptions } from '../test-support/jobs.ts';

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

describe('rule 2: a finished partition stops holding the watermark back at the next periodic emission', () => {
  const every100 = df({ untilMs: 1001, dataflow: { autoWatermarkIntervalMs: 100 } });

  it('rule 2 (§2.2): a partition that finishes at 153 releases the watermark at the emission at 200, not at 153', () => {
    // Tick 100: min(4999, 99) = 99. Partition 1's last item arrives at 153; x (ts 3000) arrives at 173,
    // before the next emission, so it is on time: [3000,4000) fires once, on time, with x in it.
    const items = [
      onPartition(0, rec(5000, 13)),
      onPartition(1, rec(100, 23)),
      onPartition(1, rec(200, 153)),
      onPartition(0, rec(3000, 173, 'x')),
      onPartition(0, rec(9000, 5003, 'tail')),
    ];
    const j = job(
      graph([pipeline(source('src', items, { partitions: 2 }), watermark('wm', 0), keyBy('kb'), tumbling('win', 1000, { lateOutput: 'late' }), sink('out'))]),
      every100,
    );
    const run = harness(j).run();
    expect(run.watermarks('wm').filter(([at]) => at < 1000)).toEqual([
      [100, 99],
      [200, 4999],
    ]);
    expect(run.sideOutput('win', 'late')).toEqual([]);
    expect(run.windows('out', { withPane: true })).toEqual([
      { key: 'a', windowStart: 0, windowEnd: 1000, count: 2, pane: 'onTime', paneIndex: 0 },
      { key: 'x', windowStart: 3000, windowEnd: 4000, count: 1, pane: 'onTime', paneIndex: 0 },
    ]);
  });

  it('rule 2 (§2.2): one watermark per periodic emission — the partitions are combined once, never a partial minimum', () => {
    // Tick 100: min(499, 599) = 499. By tick 200 both partitions moved (8999 and 799): one advance to 799.
    const items = [
      onPartition(0, rec(500, 10)),
      onPartition(1, rec(600, 20)),
      onPartition(0, rec(9000, 110)),
      onPartition(1, rec(800, 120)),
      onPartition(0, rec(20_000, 100_000)),
      onPartition(1, rec(20_000, 100_000)),
    ];
    const j = job(pipeline(source('src', items, { partitions: 2 }), watermark('wm', 0), keyBy('kb'), tumbling('win', 1000), sink('out')), every100);
    const run = harness(j).run();
    expect(run.watermarks('wm').filter(([at]) => at <= 300)).toEqual([
      [100, 499],
      [200, 799],
    ]);
    expect(run.watermarks('win').filter(([at]) => at <= 300)).toEqual([
      [100, 499],
      [200, 799],
    ]);
  });
});

describe('rule 3: eventTimeInterval early firings at one big watermark jump', () => {
  const continuous = (assigner: Parameters<typeof window>[1]) =>
    job(
      pipeline(
        source('src', [rec(100, 13, 'k')]),
        keyBy('kb'),
        window('win', assigner, { trigger: { kind: 'eventTime', early: { kind: 'eventTimeInterval', intervalMs: 500 } } }),
        sink('out'),
      ),
      df(),
    );

  it('rule 3 (§2.4): the end-of-input watermark passes 500, 1000, 1500 and 1999: each early fire time fires in order, then the on-time firing', () => {
    const run = harness(continuous({ kind: 'tumbling', sizeMs: 2000 })).run();
    expect(run.windows('out', { withPane: true }).map((w) => [w.count, w.pane, w.paneIndex])).toEqual([
      [1, 'early', 0],
      [1, 'early', 1],
      [1, 'early', 2],
      [1, 'onTime', 3],
    ]);
    expect(run.notes('win')).toEqual([]);
  });

  it('rule 3 (§2.4): a global window is the exception — its chain stops at the end of input, and a note says so', () => {
    const run = harness(continuous({ kind: 'global' })).run();
    expect(run.sinkRecords('out').map((r) => r.pane)).toEqual(['early', 'onTime']);
    expect(run.notes('win')).toEqual([expect.stringMatching(/global window .* stops its chain/)]);
  });
});

describe('rule 4: pane timing labels follow Beam’s PaneInfo', () => {
  it('rule 4 (§2.4): count-trigger panes are never on time — early before the watermark reaches maxTimestamp, late after', () => {
    // [0,1000) with lateness 5000: the first element fires early; watermark 1500 passes 999; the
    // second element fires the window again, late.
    const items = [rec(100, 13, 'k', 1), punct(1500, 23), rec(200, 33, 'k', 2), rec(9000, 5003, 'tail', 0)];
    const j = job(
      pipeline(source('src', items), keyBy('kb'), tumbling('win', 1000, { allowedLatenessMs: 5000, trigger: { kind: 'count', count: 1 } }), sink('out')),
      df({ untilMs: 1001 }),
    );
    const run = harness(j).run();
    expect(run.windows('out', { withPane: true })).toEqual([
      { key: 'k', windowStart: 0, windowEnd: 1000, count: 1, pane: 'early', paneIndex: 0 },
      { key: 'k', windowStart: 0, windowEnd: 1000, count: 2, pane: 'late', paneIndex: 1 },
    ]);
  });

  it('rule 4 (§2.4): a processing-time trigger on event-time windows is early or late by the watermark; on processing-time windows on time', () => {
    const items = [rec(100, 10, 'k'), punct(1500, 20), rec(9000, 5003, 'tail', 0)];
    const pt = (time?: 'processing') =>
      job(
        pipeline(
          source('src', items),
          keyBy('kb'),
          window('win', { kind: 'tumbling', sizeMs: 1000, ...(time ? { time } : {}) }, { allowedLatenessMs: 5000, trigger: { kind: 'processingTime' } }),
          sink('out'),
        ),
        df({ untilMs: 3000 }),
      );
    // Event time: the processing-time timer at 999 fires after watermark 1500 passed 999: late.
    expect(harness(pt()).run().sinkRecords('out').map((r) => r.pane)).toEqual(['late']);
    expect(harness(pt('processing')).run().sinkRecords('out').map((r) => r.pane)).toEqual(['onTime']);
  });
});

describe('rule 5: merging windows keep the earliest pending early firing', () => {
  it('rule 5 (§2.4): when sessions merge, a processing-time-delay firing due for one part fires for the merged window before its on-time pane', () => {
    // gap 1000, early 500 ms after a pane's first element: [0,1000) is due to fire early at 600,
    // [2000,3000) at 800; the element at 1000 (arriving at 400) merges them into [0,3000), which
    // fires early at 600, not 500 ms after the merge.
    const items = [rec(0, 100, 'k'), rec(2000, 300, 'k'), rec(1000, 400, 'k'), punct(2999, 1000), rec(90_000, 100_000, 'tail')];
    const j = job(
      pipeline(source('src', items), keyBy('kb'), session('win', 1000, { trigger: { kind: 'eventTime', early: { kind: 'processingTimeDelay', delayMs: 500 } } }), sink('out')),
      df(),
    );
    const run = harness(j).run();
    expect(run.windowWrites('out', { withPane: true }).filter((w) => w.key === 'k').map((w) => [w.windowStart, w.windowEnd, w.count, w.pane, w.atMs])).toEqual([
      [0, 3000, 3, 'early', 600],
      [0, 3000, 3, 'onTime', 1000],
    ]);
  });
});
