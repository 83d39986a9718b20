// Dataflow mode (Apache Flink), written from ../shared/spec/semantics.md §2.
// Each test names the rule it checks; expected values are worked out by hand from the rule.
// Scripted inputs end with a "tail" item far in processing time where a test must see the state
// before end of input (a finished source sends the +∞ watermark, which fires every window).
import { describe, expect, it } from 'vitest';
import { MAX_WATERMARK } from '../../model/index.ts';
import { byWindow, harness } from '../test-support/harness.ts';
import {
  dedup,
  dropLate,
  graph,
  job,
  join,
  keyBy,
  lateEdge,
  map,
  onPartition,
  pipeline,
  punct,
  rec,
  session,
  sink,
  sliding,
  source,
  tumbling,
  union,
  watermark,
  window,
  type JobOptions,
  type ScriptedRecord,
} from '../test-support/jobs.ts';

type Item = ScriptedRecord | ReturnType<typeof punct>;
type WindowOpts = Parameters<typeof tumbling>[2];

const df = (opts: JobOptions = {}): JobOptions => ({ mode: 'dataflow', ...opts });
/** A record far away (processing time 100 s, key 'zz') that keeps the input open until then. */
const tail = (partition?: number): ScriptedRecord => {
  const r = rec(1_000_000, 100_000, 'zz');
  return partition === undefined ? r : onPartition(partition, r);
};

/** source (punctuated watermarks) → keyBy → window → sink. */
function punctuatedWindowJob(items: Item[], win: ReturnType<typeof window>, opts: JobOptions = {}) {
  return job(
    graph([pipeline(source('src', items), keyBy('kb'), win, sink('out')), pipeline(sink('lateSink'))], [lateEdge('win', 'lateSink')]),
    df(opts),
  );
}
const tumblingJob = (items: Item[], opts: WindowOpts = {}) => punctuatedWindowJob(items, tumbling('win', 10_000, opts));
/** Window results of the run, without the tail's window. */
const results = (run: ReturnType<ReturnType<typeof harness>['run']>, withPane = true) =>
  run.windowWrites('out', { withPane }).filter((w) => w.key !== 'zz');

describe('§2.1 watermark generation (bounded out-of-orderness)', () => {
  const wmJob = (items: Item[], delayMs: number, opts: JobOptions = {}) =>
    job(pipeline(source('src', items), watermark('wm', delayMs), keyBy('kb'), tumbling('win', 10_000), sink('out')), df(opts));

  it('§2.1 emits maxTs − delay − 1 (B=10, event 1337 → 1326)', () => {
    const run = harness(wmJob([rec(1337, 0), tail()], 10)).run();
    expect(run.watermarks('wm')[0]).toEqual([200, 1326]);
  });

  it('§2.1 the max over out-of-order events: 12345, 12300, 12340, 12280 with B=10 → 12334, and nothing lower is ever emitted', () => {
    const run = harness(wmJob([rec(12_345, 0), rec(12_300, 300), rec(12_340, 500), rec(12_280, 700), tail()], 10)).run();
    expect(run.watermarks('wm').filter(([at]) => at < 100_000)).toEqual([[200, 12_334]]);
  });

  it('§2.1 periodic: emitted every autoWatermarkIntervalMs (default 200), only when it rises, none before the first event', () => {
    const run = harness(wmJob([rec(1000, 1050), rec(2000, 1250), rec(1500, 1500), rec(3000, 1650), tail()], 0)).run();
    expect(run.watermarks('wm').filter(([at]) => at < 100_000)).toEqual([
      [1200, 999],
      [1400, 1999],
      [1800, 2999],
    ]);
  });

  it('§2.1 periodic emission follows the configured interval (500 ms)', () => {
    const run = harness(wmJob([rec(1000, 100), rec(2000, 600), tail()], 0, { dataflow: { autoWatermarkIntervalMs: 500 } })).run();
    expect(run.watermarks('wm').filter(([at]) => at < 100_000)).toEqual([
      [500, 999],
      [1000, 1999],
    ]);
  });

  it('§2.1 autoWatermarkIntervalMs = 0 disables periodic emission (only end of input remains)', () => {
    const run = harness(wmJob([rec(1000, 100), rec(2000, 600), tail()], 0, { dataflow: { autoWatermarkIntervalMs: 0 } })).run();
    expect(run.watermarks('wm')).toEqual([[100_000, MAX_WATERMARK]]);
  });

  it('§2.1 the assigner does not forward watermarks from upstream (only its own, and end of input)', () => {
    const run = harness(wmJob([punct(50_000, 0), rec(1000, 0), tail()], 0)).run();
    expect(run.watermarks('win').filter(([at]) => at < 100_000)).toEqual([[200, 999]]);
    expect(run.lastWatermark('win')).toBe(MAX_WATERMARK);
  });

  it('§2.1 punctuated watermarks: a regression is swallowed downstream', () => {
    const run = harness(tumblingJob([rec(1000, 0), punct(5000, 100), punct(3000, 200), punct(6000, 300), tail()])).run();
    expect(run.watermarks('win').filter(([at]) => at < 100_000)).toEqual([
      [100, 5000],
      [300, 6000],
    ]);
  });
});

describe('§2.2 watermark propagation, min over inputs, idleness', () => {
  function partitionedJob(items: Item[], opts: { idleTimeoutMs?: number } = {}) {
    return job(
      pipeline(source('src', items, { partitions: 2 }), watermark('wm', 0, opts), keyBy('kb'), tumbling('win', 10_000), sink('out')),
      df(),
    );
  }

  it('§2.2 an operator’s watermark is the min over its input channels (one per partition)', () => {
    const items = [onPartition(0, rec(5000, 0)), onPartition(1, rec(1000, 0)), onPartition(1, rec(8000, 300)), tail(0), tail(1)];
    const run = harness(partitionedJob(items)).run();
    run.expectWatermark('win', 999, 200).expectWatermark('win', 4999, 400);
  });

  it('§2.2 the valve emits only after every channel has sent a watermark', () => {
    const items = [onPartition(0, rec(5000, 0)), onPartition(1, rec(6000, 1050)), tail(0), tail(1)];
    const run = harness(partitionedJob(items)).run();
    expect(run.watermarkAt('win', 1000)).toBeNull();
    run.expectWatermark('win', 4999, 1200);
  });

  it('§2.2 two-input operators (a union of two sources) take the min of both inputs', () => {
    const j = job(
      graph(
        [
          pipeline(source('s1', [rec(9000, 0), tail()]), watermark('wm1', 0)),
          pipeline(source('s2', [rec(4000, 0, 'b'), rec(7000, 500, 'b'), tail()]), watermark('wm2', 0)),
          pipeline(union('u'), keyBy('kb'), tumbling('win', 10_000), sink('out')),
        ],
        [
          { from: 'wm1', to: 'u' },
          { from: 'wm2', to: 'u' },
        ],
      ),
      df(),
    );
    const run = harness(j).run();
    run.expectWatermark('win', 3999, 200).expectWatermark('win', 6999, 600);
  });

  // p0 is busy (a record every 100 ms); p1 gets one record at 0 and then nothing until 8000.
  const busyAndQuiet = [...Array.from({ length: 50 }, (_, i) => onPartition(0, rec(i * 100, i * 100))), onPartition(1, rec(0, 0)), onPartition(1, rec(8000, 8000)), tail(0), tail(1)];

  it('§2.2 if every channel is idle, the valve emits the max over the channels', () => {
    // Two sources, so two channels at the window's valve (the partitions of one source are combined
    // inside it, and a source whose partitions are all idle is idle at its min, not its max).
    const j = job(
      graph(
        [
          pipeline(source('s1', [rec(5000, 0), tail()]), watermark('wm1', 0, { idleTimeoutMs: 1000 })),
          pipeline(source('s2', [rec(1000, 0), tail()]), watermark('wm2', 0, { idleTimeoutMs: 1000 })),
          pipeline(union('u'), keyBy('kb'), tumbling('win', 10_000), sink('out')),
        ],
        [
          { from: 'wm1', to: 'u' },
          { from: 'wm2', to: 'u' },
        ],
      ),
      df(),
    );
    const run = harness(j).run();
    expect(run.watermarkAt('win', 1000)).toBe(999);
    expect(run.watermarkAt('win', 5000)).toBe(4999);
  });

  it('§2.2 a source whose partitions are all idle goes idle at their combined (min) watermark', () => {
    const items = [onPartition(0, rec(5000, 0)), onPartition(1, rec(1000, 0)), tail(0), tail(1)];
    const run = harness(partitionedJob(items, { idleTimeoutMs: 1000 })).run();
    expect(run.watermarkAt('win', 1000)).toBe(999);
    expect(run.watermarkAt('win', 5000)).toBe(999);
  });

  it('§2.2 a channel that becomes active again does not pull the operator’s watermark back', () => {
    const items = [
      ...Array.from({ length: 30 }, (_, i) => onPartition(0, rec(i * 100, i * 100))),
      onPartition(1, rec(0, 0)),
      onPartition(1, rec(500, 4000)), // p1 wakes up far behind
      tail(0),
      tail(1),
    ];
    const run = harness(partitionedJob(items, { idleTimeoutMs: 1000 })).run();
    const values = run.watermarks('win').map(([, wm]) => wm);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(run.watermarkAt('win', 3000)).toBeGreaterThan(1000);
  });

  it('job-format: a partition with no items left no longer holds the source’s watermark back', () => {
    const items = [onPartition(1, rec(0, 0)), ...Array.from({ length: 30 }, (_, i) => onPartition(0, rec(i * 100, i * 100 + 50))), tail(0)];
    const run = harness(partitionedJob(items)).run();
    run.expectWatermark('win', 2899, 3000); // p0's last record by then: ts 2900 (arrived 2950)
  });

  it('§2.2 without idleness a quiet partition holds the operator’s watermark back', () => {
    const run = harness(partitionedJob(busyAndQuiet)).run();
    expect(run.watermarkAt('win', 7999)).toBe(-1);
  });

  it('§2.2 idleness excludes a quiet partition after idleTimeoutMs, detected lazily at a periodic probe', () => {
    const run = harness(partitionedJob(busyAndQuiet, { idleTimeoutMs: 1000 })).run();
    const freed = run.firstReached('win', 0)!;
    expect(freed).not.toBeNull();
    // Never before the timeout has passed; at most a few probe intervals (200 ms) after it.
    expect(freed).toBeGreaterThan(1000);
    expect(freed).toBeLessThanOrEqual(1000 + 3 * 200);
    // From then on it follows the busy partition: maxTs − 0 − 1.
    run.expectWatermark('win', 4899, 5000);
  });
});

describe('end of input', () => {
  it('job-format: a finished scripted source sends the +∞ watermark, which fires every remaining event-time window', () => {
    const j = job(pipeline(source('src', [rec(1000, 0), rec(25_000, 0, 'b')]), watermark('wm', 0), keyBy('kb'), tumbling('win', 10_000), sink('out')), df());
    const run = harness(j).run();
    expect(byWindow(run.windows('out'))).toEqual([
      { key: 'a', windowStart: 0, windowEnd: 10_000, count: 1 },
      { key: 'b', windowStart: 20_000, windowEnd: 30_000, count: 1 },
    ]);
    expect(run.lastWatermark('win')).toBe(MAX_WATERMARK);
  });
});

describe('§2.3 window assigners', () => {
  it('§2.3 tumbling: 0 → [0,5000), 4999 → [0,5000), 5000 → [5000,10000)', () => {
    const run = harness(punctuatedWindowJob([rec(0, 0), rec(4999, 0), rec(5000, 0)], tumbling('win', 5000))).run();
    expect(byWindow(run.windows('out'))).toEqual([
      { key: 'a', windowStart: 0, windowEnd: 5000, count: 2 },
      { key: 'a', windowStart: 5000, windowEnd: 10_000, count: 1 },
    ]);
  });

  it('§2.3 sliding (size 5000, slide 1000): ts 0 belongs to [−4000,1000) … [0,5000)', () => {
    const run = harness(punctuatedWindowJob([rec(0, 0)], sliding('win', 5000, 1000))).run();
    expect(byWindow(run.windows('out')).map((w) => [w.windowStart, w.windowEnd])).toEqual([
      [-4000, 1000],
      [-3000, 2000],
      [-2000, 3000],
      [-1000, 4000],
      [0, 5000],
    ]);
  });

  it('§2.3 session windows merge when they touch: [0,1000) and [1000,2000) → [0,2000)', () => {
    const run = harness(punctuatedWindowJob([rec(0, 0), rec(1000, 10)], session('win', 1000))).run();
    expect(run.windows('out')).toEqual([{ key: 'a', windowStart: 0, windowEnd: 2000, count: 2 }]);
  });

  it('§2.3 session windows with a gap between them stay apart', () => {
    const run = harness(punctuatedWindowJob([rec(0, 0), rec(1001, 10)], session('win', 1000))).run();
    expect(byWindow(run.windows('out'))).toEqual([
      { key: 'a', windowStart: 0, windowEnd: 1000, count: 1 },
      { key: 'a', windowStart: 1001, windowEnd: 2001, count: 1 },
    ]);
  });

  it('§2.3 an element between two sessions merges all three into one', () => {
    const run = harness(punctuatedWindowJob([rec(0, 0), rec(3000, 10), rec(1500, 20)], session('win', 1500))).run();
    expect(run.windows('out')).toEqual([{ key: 'a', windowStart: 0, windowEnd: 4500, count: 3 }]);
  });
});

describe('§2.4 / §2.5 / §2.6 triggers, lateness and side outputs', () => {
  it('§2.4 EventTimeTrigger fires when the watermark reaches end − 1 (9998: not yet; 9999: fires)', () => {
    const run = harness(tumblingJob([rec(1000, 0), punct(9998, 100), punct(9999, 200), tail()])).run();
    expect(results(run)).toEqual([{ key: 'a', windowStart: 0, windowEnd: 10_000, count: 1, pane: 'onTime', paneIndex: 0, atMs: 200 }]);
  });

  it('§2.4 a window result’s own event time is maxTimestamp = end − 1; dataflow results carry pane and paneIndex', () => {
    const run = harness(tumblingJob([rec(1000, 0), punct(9999, 200), tail()])).run();
    expect(run.sinkRecords('out')[0]).toEqual({ key: 'a', windowStart: 0, windowEnd: 10_000, count: 1, ts: 9999, pane: 'onTime', paneIndex: 0 });
    expect(run.sinkWrites('out')[0].batchId).toBeUndefined();
  });

  it('§2.6 allowed lateness, accumulating: a late element fires the window again at once with everything', () => {
    const items = [rec(1000, 0), punct(9999, 100), rec(2000, 200), rec(2500, 250), punct(14_999, 300), rec(3000, 400), tail()];
    const run = harness(tumblingJob(items, { allowedLatenessMs: 5000 })).run();
    expect(results(run)).toEqual([
      { key: 'a', windowStart: 0, windowEnd: 10_000, count: 1, pane: 'onTime', paneIndex: 0, atMs: 100 },
      { key: 'a', windowStart: 0, windowEnd: 10_000, count: 2, pane: 'late', paneIndex: 1, atMs: 200 },
      { key: 'a', windowStart: 0, windowEnd: 10_000, count: 3, pane: 'late', paneIndex: 2, atMs: 250 },
    ]);
    // Cleanup at maxTimestamp + lateness = 14999: the element at 400 is dropped and counted.
    expect(run.dropped('win')).toBe(1);
    expect(run.late('win').map((l) => [l.record.ts, l.watermarkMs, l.to])).toEqual([[3000, 14_999, 'dropped']]);
  });

  it('§2.6 allowed lateness, discarding (purging): each firing holds only what arrived since the last one', () => {
    const items = [rec(1000, 0), punct(9999, 100), rec(2000, 200), rec(2500, 250), tail()];
    const run = harness(tumblingJob(items, { allowedLatenessMs: 5000, trigger: { kind: 'eventTime', accumulation: 'discarding' } })).run();
    expect(results(run).map((w) => [w.count, w.pane])).toEqual([
      [1, 'onTime'],
      [1, 'late'],
      [1, 'late'],
    ]);
  });

  it('§2.6 late firings every N elements (late: {count: 2})', () => {
    const items = [rec(1000, 0), punct(9999, 100), rec(2000, 200), rec(2500, 250), rec(2600, 260), tail()];
    const run = harness(tumblingJob(items, { allowedLatenessMs: 5000, trigger: { kind: 'eventTime', late: { kind: 'count', count: 2 } } })).run();
    expect(results(run).map((w) => [w.count, w.pane, w.atMs])).toEqual([
      [1, 'onTime', 100],
      [3, 'late', 250],
    ]);
  });

  it('§2.5 a late element (all windows late, ts + lateness <= watermark) goes to the side output when one is set', () => {
    const run = harness(tumblingJob([rec(1000, 0), punct(9999, 100), rec(2000, 200), tail()], { lateOutput: 'late' })).run();
    expect(run.sideOutput('win', 'late').map((e) => [e.record.ts, e.watermarkMs, e.atMs])).toEqual([[2000, 9999, 200]]);
    expect(run.sinkRecords('lateSink').map((r) => r.ts)).toEqual([2000]);
    expect(run.dropped('win')).toBe(0);
    expect(run.late('win').map((l) => l.to)).toEqual(['late']);
  });

  it('§2.5 without a side output the late element is dropped and counted (numLateRecordsDropped → droppedLate)', () => {
    const run = harness(tumblingJob([rec(1000, 0), punct(9999, 100), rec(2000, 200), rec(500, 300), tail()])).run();
    expect(run.dropped('win')).toBe(2);
    expect(run.result.sideOutputs).toEqual({});
    expect(run.sinkRecords('lateSink')).toEqual([]);
  });

  it('§2.5 an element exactly at the watermark is late for a closed window (window late: end − 1 + lateness <= watermark)', () => {
    const run = harness(tumblingJob([rec(1000, 0), punct(9999, 100), rec(9999, 200), rec(10_000, 300), tail()])).run();
    expect(run.late('win').map((l) => l.record.ts)).toEqual([9999]);
    expect(results(run, false).map((w) => [w.windowStart, w.count])).toEqual([
      [0, 1],
      [10_000, 1],
    ]);
  });

  it('§2.5 sliding: an element is skipped for a closed window but added to its open ones, with no side output', () => {
    // size 3000, slide 1000, watermark 3000: [0,3000) is closed (2999 <= 3000); 2400 also falls in
    // [1000,4000) and [2000,5000), which are open — so it is neither side-output nor dropped.
    const items = [rec(1000, 0), punct(3000, 100), rec(2400, 200), punct(6000, 300), rec(3001, 400), tail()];
    const run = harness(punctuatedWindowJob(items, sliding('win', 3000, 1000, { lateOutput: 'late' }))).run();
    expect(run.late('win').map((l) => l.record.ts)).toEqual([3001]); // all three of 3001's windows are closed at 6000
    expect(byWindow(results(run, false)).map((w) => [w.windowStart, w.count])).toEqual([
      [-1000, 1],
      [0, 1],
      [1000, 2],
      [2000, 1],
    ]);
  });

  it('§2.4 CountTrigger(3): fires at every 3rd element; end of input does not fire it', () => {
    const items = Array.from({ length: 7 }, (_, i) => rec(1000 + i, i * 10));
    const acc = harness(tumblingJob(items, { trigger: { kind: 'count', count: 3 } })).run();
    expect(results(acc).map((w) => [w.count, w.atMs])).toEqual([
      [3, 20],
      [6, 50],
    ]);
    const disc = harness(tumblingJob(items, { trigger: { kind: 'count', count: 3, accumulation: 'discarding' } })).run();
    expect(results(disc).map((w) => w.count)).toEqual([3, 3]);
  });

  it('§2.3 GlobalWindows with a CountTrigger: one window per key, fired every N elements, never late', () => {
    const items = [rec(1000, 0), rec(2000, 10), punct(50_000, 20), rec(3000, 30), rec(4000, 40), tail()];
    const run = harness(punctuatedWindowJob(items, window('win', { kind: 'global' }, { trigger: { kind: 'count', count: 2 } }))).run();
    expect(run.sinkRecords('out').filter((r) => r.key !== 'zz').map((r) => [r.count, r.paneIndex])).toEqual([
      [2, 0],
      [4, 1],
    ]);
    expect(run.result.lateRecords).toEqual([]);
  });

  it('job-format end of input: pending processing-time firings are dropped as the job finishes', () => {
    const run = harness(punctuatedWindowJob([rec(1, 100)], window('win', { kind: 'tumbling', sizeMs: 1000, time: 'processing' }))).run();
    expect(run.sinkRecords('out')).toEqual([]);
  });

  it('§2.4 ProcessingTimeTrigger on processing-time windows: fires at the window’s maxTimestamp in processing time', () => {
    const items = [rec(1, 100), rec(2, 500), rec(3, 1200), tail()];
    const run = harness(punctuatedWindowJob(items, window('win', { kind: 'tumbling', sizeMs: 1000, time: 'processing' }))).run();
    expect(results(run, false).map((w) => [w.windowStart, w.windowEnd, w.count, w.atMs])).toEqual([
      [0, 1000, 2, 999],
      [1000, 2000, 1, 1999],
    ]);
  });

  it('§2.4 early firings, processingTimeDelay: fire that long after the first element of a pane, then on time', () => {
    const items = [rec(1000, 100), rec(2000, 300), rec(3000, 800), punct(9999, 2000), tail()];
    const run = harness(tumblingJob(items, { trigger: { kind: 'eventTime', early: { kind: 'processingTimeDelay', delayMs: 500 } } })).run();
    expect(results(run).map((w) => [w.count, w.pane, w.paneIndex, w.atMs])).toEqual([
      [2, 'early', 0, 600],
      [3, 'early', 1, 1300],
      [3, 'onTime', 2, 2000],
    ]);
  });

  it('§2.4 early firings, eventTimeInterval (ContinuousEventTimeTrigger): first at ts − ts % interval + interval, then every interval, and at the end', () => {
    const items = [rec(1000, 0), punct(2000, 100), rec(3000, 200), punct(4000, 300), punct(9999, 400), tail()];
    const run = harness(tumblingJob(items, { trigger: { kind: 'eventTime', early: { kind: 'eventTimeInterval', intervalMs: 2000 } } })).run();
    expect(results(run).map((w) => [w.count, w.pane, w.atMs])).toEqual([
      [1, 'early', 100],
      [2, 'early', 300],
      [2, 'early', 400],
      [2, 'early', 400],
      [2, 'onTime', 400],
    ]);
  });

  it('§2.4 early firings, processingTimeInterval (ContinuousProcessingTimeTrigger): every interval of processing time until the window is on time', () => {
    const items = [rec(1000, 100), rec(2000, 700), punct(9999, 1200), tail()];
    const run = harness(tumblingJob(items, { trigger: { kind: 'eventTime', early: { kind: 'processingTimeInterval', intervalMs: 500 } } })).run();
    expect(results(run).map((w) => [w.count, w.pane, w.atMs])).toEqual([
      [1, 'early', 500],
      [2, 'early', 1000],
      [2, 'onTime', 1200],
    ]);
  });

  it('§2.5/§2.6 an element for a window that is behind the watermark but within the allowed lateness fires that window at once', () => {
    // No state for [0,10000) yet; watermark 12000 < 9999 + 5000, so the window is not late.
    const run = harness(tumblingJob([punct(12_000, 0), rec(1000, 100), tail()], { allowedLatenessMs: 5000 })).run();
    expect(results(run)).toEqual([{ key: 'a', windowStart: 0, windowEnd: 10_000, count: 1, pane: 'late', paneIndex: 0, atMs: 100 }]);
    expect(run.result.lateRecords).toEqual([]);
  });

  it('§2.6 session windows: a late element can merge into a retained session, which fires at once', () => {
    // gap 1000, lateness 5000: [0,1000) fires at watermark 999; the element at 1000 touches it and
    // the merged [0,2000) (maxTimestamp 1999 <= watermark 3000) fires immediately as a late pane.
    const items = [rec(0, 0), punct(999, 100), punct(3000, 200), rec(1000, 300), tail()];
    const run = harness(punctuatedWindowJob(items, session('win', 1000, { allowedLatenessMs: 5000 }))).run();
    expect(results(run).map((w) => [w.windowStart, w.windowEnd, w.count, w.pane, w.atMs])).toEqual([
      [0, 1000, 1, 'onTime', 100],
      [0, 2000, 2, 'late', 300],
    ]);
  });
});

describe('§2.2 operators and time', () => {
  it('§2.2 an operator fully processes a watermark before forwarding it: a window’s results are not late for the next window', () => {
    // win1 fires [0,10000) at watermark 9999 and emits a row with ts 9999. Were 9999 forwarded first,
    // win2's [0,10000) would be late for that row; it must instead count it.
    const j = job(
      pipeline(source('src', [rec(1000, 0), rec(2000, 0), punct(9999, 100), tail()]), keyBy('kb'), tumbling('win1', 10_000), keyBy('kb2'), tumbling('win2', 10_000), sink('out')),
      df(),
    );
    const run = harness(j).run();
    expect(run.result.lateRecords).toEqual([]);
    expect(run.sinkWrites('out').filter((w) => w.atMs < 100_000).map((w) => [w.record.windowStart, w.record.count, w.atMs])).toEqual([[0, 1, 100]]);
  });

  it('node costMs: a slow operator takes costMs of processing time per record, one record at a time', () => {
    const j = job(pipeline(source('src', [rec(1, 0), rec(2, 0), rec(3, 0)]), map('slow', { key: 'key', value: 'value' }, { costMs: 100 }), sink('out')), df());
    expect(harness(j).run().sinkWrites('out').map((w) => w.atMs)).toEqual([100, 200, 300]);
  });
});

describe('§2.7 dropLate as a ProcessFunction', () => {
  const items = [punct(5000, 0), rec(5000, 100), rec(5001, 200), rec(100, 300), tail()];
  const dlJob = (lateOutput?: string) =>
    job(graph([pipeline(source('src', items), dropLate('dl', lateOutput), sink('out')), pipeline(sink('lateSink'))], [lateEdge('dl', 'lateSink')]), df());

  it('§2.7 a record with ts <= the current watermark is late: routed to the side output when one is set', () => {
    const run = harness(dlJob('late')).run();
    expect(run.sinkRecords('out').map((r) => r.ts)).toEqual([5001, 1_000_000]);
    expect(run.sideOutput('dl', 'late').map((e) => e.record.ts)).toEqual([5000, 100]);
    expect(run.sinkRecords('lateSink').map((r) => r.ts)).toEqual([5000, 100]);
    expect(run.dropped('dl')).toBe(0);
  });

  it('§2.7 without a side output late records are dropped and counted', () => {
    const run = harness(dlJob()).run();
    expect(run.sinkRecords('out').map((r) => r.ts)).toEqual([5001, 1_000_000]);
    expect(run.dropped('dl')).toBe(2);
    expect(run.result.sideOutputs).toEqual({});
  });

  it('§2.7 other non-window operators never drop late records', () => {
    const j = job(pipeline(source('src', items), keyBy('kb'), sink('out')), df());
    expect(harness(j).run().sinkRecords('out')).toHaveLength(4);
  });
});

describe('interval join and dedup', () => {
  it('job-format join (interval join): right.ts within [left.ts + lower, left.ts + upper], both ends inclusive', () => {
    const j = job(
      graph(
        [pipeline(source('l', [rec(5000, 0, 'a', 1)])), pipeline(source('r', [rec(3999, 10, 'a', 2), rec(4000, 20, 'a', 3), rec(6000, 30, 'a', 4), rec(6001, 40, 'a', 5), rec(5000, 50, 'b', 6)])), pipeline(join('j', { leftKey: 'key', rightKey: 'key', lowerBoundMs: -1000, upperBoundMs: 1000 }), sink('out'))],
        [
          { from: 'l', to: 'j', toPort: 'left' },
          { from: 'r', to: 'j', toPort: 'right' },
        ],
      ),
      df(),
    );
    const out = harness(j).run().sinkRecords('out');
    expect(out.map((r) => r.right_value)).toEqual([3, 4]);
    expect(out[1]).toMatchObject({ key: 'a', value: 1, ts: 6000 });
  });

  // §2.7 says non-window operators never drop late records; the interval join is the exception in
  // Flink itself: IntervalJoinOperator.processElement drops a record whose timestamp is behind the
  // current watermark (isLate: ts < currentWatermark, counted, or sent to sideOutputLeft/RightLateData).
  // Streamlab follows the source and counts it in droppedLate.
  it('the interval join drops a record behind the watermark, as IntervalJoinOperator does', () => {
    const j = job(
      graph(
        [
          pipeline(source('l', [rec(4500, 0, 'a', 1), punct(5000, 100), tail()])),
          pipeline(source('r', [rec(1000, 0, 'x', 0), punct(5000, 100), rec(4000, 200, 'a', 2), tail()])),
          pipeline(join('j', { leftKey: 'key', rightKey: 'key', lowerBoundMs: -1000, upperBoundMs: 1000 }), sink('out')),
        ],
        [
          { from: 'l', to: 'j', toPort: 'left' },
          { from: 'r', to: 'j', toPort: 'right' },
        ],
      ),
      df(),
    );
    const run = harness(j).run();
    expect(run.dropped('j')).toBe(1);
    expect(run.sinkRecords('out').map((r) => [r.key, r.right_value])).not.toContainEqual(['a', 2]);
  });

  it('dedup: the first record of a key passes; with withinMs its state expires once the watermark passes ts + withinMs', () => {
    const records = [rec(1000, 0, 'a', 1, { id: 1 }), rec(1200, 100, 'a', 1, { id: 1 }), rec(10_000, 300, 'a', 1, { id: 2 }), rec(11_000, 500, 'a', 1, { id: 1 }), rec(10, 600, 'a', 1, { id: 3 })];
    const run = (withinMs?: number) =>
      harness(job(pipeline(source('src', records), watermark('wm', 0), dedup('dd', 'id', withinMs), sink('out')), df()))
        .run()
        .sinkRecords('out')
        .map((r) => [r.id, r.ts]);
    expect(run(5000)).toEqual([
      [1, 1000],
      [2, 10_000],
      [1, 11_000],
      [3, 10], // Flink's dedup drops nothing for lateness
    ]);
    expect(run()).toEqual([
      [1, 1000],
      [2, 10_000],
      [3, 10],
    ]);
  });
});
