// Micro-batch mode (Spark Structured Streaming), written from ../shared/spec/semantics.md §1.
// Each test names the rule it checks; expected values are worked out by hand from the rule.
import { describe, expect, it } from 'vitest';
import { byWindow, harness, type Run } from '../test-support/harness.ts';
import {
  dedup,
  dropLate,
  every,
  filter,
  graph,
  job,
  join,
  keyBy,
  lateEdge,
  map,
  onPartition,
  pipeline,
  rec,
  session,
  sink,
  sliding,
  source,
  tumbling,
  union,
  watermark,
  type JobOptions,
  type ScriptedRecord,
} from '../test-support/jobs.ts';

const mb = (opts: JobOptions = {}): JobOptions => ({ mode: 'microbatch', ...opts });

/** source → watermark(delay) → keyBy(key) → tumbling(size) count → sink, in micro-batch mode. */
function windowJob(records: ScriptedRecord[], opts: { delayMs?: number; sizeMs?: number } & JobOptions = {}) {
  const { delayMs = 0, sizeMs = 10_000, ...jobOpts } = opts;
  return job(
    pipeline(source('src', records), watermark('wm', delayMs), keyBy('kb'), tumbling('win', sizeMs), sink('out')),
    mb({ microbatch: every(1000), ...jobOpts }),
  );
}

describe('§1.2 triggers', () => {
  it('§1.2 ProcessingTime(interval): batches start on multiples of the interval, and nothing runs at a grid point without data', () => {
    const j = job(pipeline(source('src', [rec(1, 0), rec(2, 1200), rec(3, 3700)]), map('m', { v: 'value' }), sink('out')), mb({ microbatch: every(1000) }));
    const run = harness(j).run();
    expect(run.batches.map((b) => b.startMs)).toEqual([0, 2000, 4000]);
    expect(run.batches.map((b) => b.inputRecords)).toEqual([1, 1, 1]);
  });

  it('§1.2 overrun (interval 1000): a batch starting at 2000 that takes 1500 → the next starts at 3500, the one after waits for 4000', () => {
    // batch duration = batchOverheadMs + Σ rows × costMs / parallelism = 0 + 15 × 100 = 1500
    const records = [rec(0, 0), ...Array.from({ length: 15 }, (_, i) => rec(i, 1500)), rec(100, 2500), rec(200, 3600)];
    const j = job(pipeline(source('src', records), map('slow', { value: 'value' }, { costMs: 100 }), sink('out')), mb({ microbatch: every(1000, { batchOverheadMs: 0 }) }));
    const run = harness(j).run();
    expect(run.batches.map((b) => [b.startMs, b.endMs])).toEqual([
      [0, 100],
      [2000, 3500],
      [3500, 3600],
      [4000, 4100],
    ]);
  });

  it('§1.2 batch duration is batchOverheadMs + Σ rows × costMs / parallelism', () => {
    const records = Array.from({ length: 10 }, (_, i) => rec(i, 0));
    const j = job(
      pipeline(source('src', records), map('m', { value: 'value' }, { costMs: 10, parallelism: 2 }), filter('f', 'value > 0', { costMs: 4 }), sink('out')),
      mb({ microbatch: every(1000, { batchOverheadMs: 50 }) }),
    );
    const [b] = harness(j).run().batches;
    expect(b.endMs - b.startMs).toBe(50 + (10 * 10) / 2 + 10 * 4);
  });

  it('§1.2 default ProcessingTime(0): the next batch starts as soon as the previous one finishes', () => {
    const j = job(pipeline(source('src', [rec(1, 0), rec(2, 10), rec(3, 30), rec(4, 500)]), sink('out')), mb({ microbatch: every(0, { batchOverheadMs: 50 }) }));
    const run = harness(j).run();
    expect(run.batches.map((b) => [b.startMs, b.inputRecords])).toEqual([
      [0, 1],
      [50, 2],
      [500, 1],
    ]);
  });

  it('§1.2 Once: exactly one batch over the data available at start, no no-data batch, no rate limit', () => {
    const records = [rec(1000, 0), rec(15_000, 0), rec(2000, 0), rec(30_000, 5000)];
    const run = harness(windowJob(records, { microbatch: { trigger: { kind: 'once' }, maxRecordsPerTrigger: 1 } })).run();
    expect(run.batches).toHaveLength(1);
    expect(run.batches[0].inputRecords).toBe(3);
    // The watermark this batch computed is only used by a next run: append mode emits nothing yet.
    expect(run.sinkRecords('out')).toEqual([]);
  });

  it('§1.2 AvailableNow: all data available at start, in several rate-limited batches, then the no-data batch; later data is not read', () => {
    const records = [rec(1000, 0), rec(2000, 0), rec(15_000, 0), rec(30_000, 5000)];
    const run = harness(windowJob(records, { microbatch: { trigger: { kind: 'availableNow' }, maxRecordsPerTrigger: 2 } })).run();
    expect(run.batches.map((b) => [b.inputRecords, b.watermarkMs])).toEqual([
      [2, 0],
      [1, 2000],
      [0, 15_000],
    ]);
    expect(run.windows('out')).toEqual([{ key: 'a', windowStart: 0, windowEnd: 10_000, count: 2 }]);
  });
});

describe('§1.3 no-data micro-batches', () => {
  it('§1.3 after a batch raises the watermark, a no-data batch runs on the trigger schedule and emits the append-mode window', () => {
    const run = harness(windowJob([rec(1000, 0), rec(15_000, 0)])).run();
    expect(run.batches.map((b) => [b.startMs, b.inputRecords, b.watermarkMs])).toEqual([
      [0, 2, 0],
      [1000, 0, 15_000],
    ]);
    const [w, ...more] = run.windowWrites('out');
    expect(more).toEqual([]);
    expect(w).toMatchObject({ key: 'a', windowStart: 0, windowEnd: 10_000, count: 1, batchId: 1 });
    // Written by batch 1 while it runs (the sink's addBatch, step 3 of §1.1).
    expect(w.atMs).toBeGreaterThan(1000);
    expect(w.atMs).toBeLessThanOrEqual(run.batches[1].endMs);
  });

  it('§1.3 no no-data batch without a stateful operator', () => {
    const j = job(pipeline(source('src', [rec(1000, 0), rec(15_000, 0)]), watermark('wm', 0), sink('out')), mb({ microbatch: every(1000) }));
    const run = harness(j).run();
    expect(run.batches).toHaveLength(1);
  });

  it('§1.3 a complete-mode aggregation never asks for a no-data batch', () => {
    const run = harness(windowJob([rec(1000, 0), rec(15_000, 0)], { microbatch: every(1000, { outputMode: 'complete' }) })).run();
    expect(run.batches).toHaveLength(1);
  });

  it('§1.3 no further batch once the watermark stops advancing', () => {
    const run = harness(windowJob([rec(1000, 0), rec(15_000, 0)], { untilMs: 20_000 })).run();
    expect(run.batches.map((b) => b.startMs)).toEqual([0, 1000]);
  });
});

describe('§1.4 watermark', () => {
  it('§1.4 a watermark node moves to batch max event time − delay (no −1)', () => {
    const run = harness(windowJob([rec(15_000, 0), rec(9000, 0)], { delayMs: 3000 })).run();
    expect(run.watermarks('wm')).toEqual([[50, 12_000]]);
    expect(run.batches[1].watermarkMs).toBe(12_000);
  });

  it('§1.4 one-batch lag: data in batch N raises the watermark used from batch N+1', () => {
    // spark-ewm-metrics-with-watermark: a batch with max 15 reports watermark 0; the next reports 5.
    const run = harness(windowJob([rec(15_000, 0), rec(11_000, 1000)], { delayMs: 10_000 })).run();
    expect(run.batches.map((b) => [b.startMs, b.inputRecords, b.watermarkMs])).toEqual([
      [0, 1, 0],
      [1000, 1, 5000],
    ]);
  });

  it('§1.4 the global watermark never decreases: older data in a later batch keeps it', () => {
    const run = harness(windowJob([rec(20_000, 0), rec(5000, 2000), rec(6000, 3000)])).run();
    expect(run.batches.map((b) => b.watermarkMs)).toEqual([0, 20_000, 20_000, 20_000]);
    expect(run.watermarks('wm')).toEqual([[50, 20_000]]);
  });

  function twoInputs(policy: 'min' | 'max') {
    return job(
      graph(
        [
          pipeline(source('s1', [rec(10_000, 0)]), watermark('wm1', 0)),
          pipeline(source('s2', [rec(5000, 3000, 'b')]), watermark('wm2', 0)),
          pipeline(union('u'), keyBy('kb'), tumbling('win', 10_000), sink('out')),
        ],
        [
          { from: 'wm1', to: 'u' },
          { from: 'wm2', to: 'u' },
        ],
      ),
      mb({ microbatch: every(1000, { multipleWatermarkPolicy: policy }) }),
    );
  }

  it('§1.4 min policy: an input without data counts as 0, so the global watermark stays 0 until every input has data', () => {
    const run = harness(twoInputs('min')).run();
    expect(run.batches.map((b) => [b.startMs, b.watermarkMs])).toEqual([
      [0, 0],
      [3000, 0],
      [4000, 5000],
    ]);
    expect(run.watermarks('wm1')).toEqual([[50, 10_000]]);
    expect(run.watermarks('wm2')).toEqual([[3050, 5000]]);
  });

  it('§1.4 max policy: the global watermark is the max over inputs', () => {
    const run = harness(twoInputs('max')).run();
    expect(run.batches.map((b) => [b.startMs, b.watermarkMs])).toEqual([
      [0, 0],
      [1000, 10_000],
      [3000, 10_000],
    ]);
  });
});

describe('§1.5 / §1.7 late rows', () => {
  it('§1.5 a row is late for a window only when window.end <= watermark (the previous batch’s watermark)', () => {
    const records = [
      rec(9999, 0), // → watermark 9999
      rec(500, 2000), // window [0,10000): end 10000 > 9999, kept
      rec(10_000, 3000), // → watermark 10000
      rec(9000, 5000), // window end 10000 <= 10000: late
    ];
    const run = harness(windowJob(records)).run();
    expect(run.windows('out')).toEqual([{ key: 'a', windowStart: 0, windowEnd: 10_000, count: 2 }]);
    expect(run.late('win').map((l) => [l.record.ts, l.watermarkMs, l.to])).toEqual([[9000, 10_000, 'dropped']]);
    expect(run.dropped('win')).toBe(1);
  });

  it('§1.5 stateful operators filter late input with the previous batch’s watermark, and evict with the current one', () => {
    // Batch 0 (wm 0) raises the watermark to 20000; batch 1 uses 20000 for eviction but still
    // filters late rows with batch 0's watermark 0, so its row at 1000 is aggregated and emitted.
    const run = harness(windowJob([rec(20_000, 0), rec(1000, 1000)])).run();
    expect(run.batches.map((b) => [b.startMs, b.inputRecords, b.watermarkMs])).toEqual([
      [0, 1, 0],
      [1000, 1, 20_000],
    ]);
    expect(run.windows('out')).toEqual([{ key: 'a', windowStart: 0, windowEnd: 10_000, count: 1 }]);
    expect(run.dropped('win')).toBe(0);
  });

  it('§1.5 stateless select/where/union drop nothing: a late row passes a watermarked stateless query', () => {
    const j = job(
      pipeline(source('src', [rec(20_000, 0), rec(1000, 2000), rec(2000, 3000)]), watermark('wm', 0), filter('f', 'value > 0'), map('m', { key: 'key' }), sink('out')),
      mb({ microbatch: every(1000) }),
    );
    const run = harness(j).run();
    expect(run.sinkRecords('out').map((r) => r.ts)).toEqual([20_000, 1000, 2000]);
    expect(run.result.lateRecords).toEqual([]);
  });

  it('§1.7 the late counter is taken after partial aggregation: one per late (key, window) group, not per row', () => {
    const late = [rec(1000, 3000, 'a'), rec(2000, 3000, 'a'), rec(3000, 3000, 'a'), rec(4000, 3000, 'b'), rec(11_000, 3000, 'a')];
    const run = harness(windowJob([rec(30_000, 0, 'z'), ...late])).run();
    const b = run.batchAt(3000)!;
    expect(b.watermarkMs).toBe(30_000);
    expect(run.late('win')).toHaveLength(5); // every raw row is listed …
    expect(run.dropped('win')).toBe(3); // … but the counter counts a-[0,10000), b-[0,10000), a-[10000,20000)
    expect(b.numRowsDroppedByWatermark).toBe(3);
  });

  it('§1.5/§1.11 sliding windows: a row is dropped for its closed window and aggregated into its open ones', () => {
    // size 3000, slide 1000; watermark 3000: [0,3000) is closed, [1000,4000) and [2000,5000) are not.
    const j = job(
      pipeline(source('src', [rec(3000, 0), rec(2400, 2000), rec(10_000, 3000)]), watermark('wm', 0), keyBy('kb'), sliding('win', 3000, 1000), sink('out')),
      mb({ microbatch: every(1000) }),
    );
    const run = harness(j).run();
    expect(run.dropped('win')).toBe(1);
    expect(run.late('win').map((l) => l.record.ts)).toEqual([2400]);
    expect(byWindow(run.windows('out')).map((w) => [w.windowStart, w.count])).toEqual([
      [1000, 2],
      [2000, 2],
      [3000, 1],
    ]);
  });

  it('§1.7 late rows are dropped silently: no side output even when the window names one', () => {
    const j = job(
      graph(
        [pipeline(source('src', [rec(30_000, 0), rec(1000, 3000)]), watermark('wm', 0), keyBy('kb'), tumbling('win', 10_000, { lateOutput: 'late' }), sink('out')), pipeline(sink('lateSink'))],
        [lateEdge('win', 'lateSink')],
      ),
      mb({ microbatch: every(1000) }),
    );
    const run = harness(j).run();
    expect(run.dropped('win')).toBe(1);
    expect(run.result.sideOutputs).toEqual({});
    expect(run.sinkRecords('lateSink')).toEqual([]);
    expect(run.late('win').map((l) => l.to)).toEqual(['dropped']);
  });
});

describe('§1.6 output modes', () => {
  const records = [
    rec(1000, 0, 'a'),
    rec(2000, 0, 'a'),
    rec(3000, 2000, 'a'),
    rec(12_000, 2000, 'b'),
    rec(13_000, 5000, 'b'),
    rec(500, 7000, 'a'), // late once the watermark is 13000
  ];
  const batchRows = (run: Run) => {
    const rows: Record<number, unknown[]> = {};
    for (const w of run.windowWrites('out')) (rows[w.batchId!] ??= []).push({ key: w.key, windowStart: w.windowStart, count: w.count });
    return rows;
  };

  it('§1.6 append: a window row is written once, in the batch whose watermark first reaches its end (a no-data batch)', () => {
    const run = harness(windowJob(records, { microbatch: every(1000, { outputMode: 'append' }) })).run();
    expect(run.batches.map((b) => [b.startMs, b.inputRecords, b.watermarkMs])).toEqual([
      [0, 2, 0],
      [1000, 0, 2000], // the watermark rose to 2000: a no-data batch
      [2000, 2, 2000],
      [3000, 0, 12_000],
      [5000, 1, 12_000],
      [6000, 0, 13_000],
      [7000, 1, 13_000],
    ]);
    expect(batchRows(run)).toEqual({ 3: [{ key: 'a', windowStart: 0, count: 3 }] });
    expect(run.dropped('win')).toBe(1);
  });

  it('§1.6 update: every batch writes the rows whose aggregate changed in it; evictions write nothing', () => {
    const run = harness(windowJob(records, { microbatch: every(1000, { outputMode: 'update' }) })).run();
    expect(batchRows(run)).toEqual({
      0: [{ key: 'a', windowStart: 0, count: 2 }],
      2: [
        { key: 'a', windowStart: 0, count: 3 },
        { key: 'b', windowStart: 10_000, count: 1 },
      ],
      4: [{ key: 'b', windowStart: 10_000, count: 2 }],
    });
    expect(run.dropped('win')).toBe(1);
  });

  it('§1.6 complete: every batch writes the whole result table; nothing is evicted and late rows are not dropped', () => {
    const run = harness(windowJob(records, { microbatch: every(1000, { outputMode: 'complete' }) })).run();
    // The table after each data batch (whether no-data batches run in complete mode is the §1.3 test).
    const rows = batchRows(run);
    const tables = run.batches.filter((b) => b.inputRecords > 0).map((b) => [b.startMs, rows[b.batchId]]);
    expect(tables).toEqual([
      [0, [{ key: 'a', windowStart: 0, count: 2 }]],
      [
        2000,
        [
          { key: 'a', windowStart: 0, count: 3 },
          { key: 'b', windowStart: 10_000, count: 1 },
        ],
      ],
      [
        5000,
        [
          { key: 'a', windowStart: 0, count: 3 },
          { key: 'b', windowStart: 10_000, count: 2 },
        ],
      ],
      [
        7000,
        [
          { key: 'a', windowStart: 0, count: 4 },
          { key: 'b', windowStart: 10_000, count: 2 },
        ],
      ],
    ]);
    expect(run.dropped('win')).toBe(0);
  });
});

describe('§1.11 windows', () => {
  it('§1.11 a window result’s own event time is windowEnd − 1 (window_time); no pane fields in micro-batch mode', () => {
    const run = harness(windowJob([rec(1000, 0), rec(15_000, 0)])).run();
    expect(run.sinkRecords('out')[0]).toEqual({ key: 'a', windowStart: 0, windowEnd: 10_000, count: 1, ts: 9999 });
  });

  it('§1.5/§1.6 session windows in append mode: a session is emitted once session.end <= watermark', () => {
    const j = job(
      pipeline(source('src', [rec(1000, 0), rec(2500, 0), rec(3499, 2000), rec(10_000, 3000)]), watermark('wm', 0), keyBy('kb'), session('win', 1000), sink('out')),
      mb({ microbatch: every(1000) }),
    );
    const run = harness(j).run();
    expect(run.windowWrites('out').map((w) => [w.windowStart, w.windowEnd, w.count, run.batches[w.batchId!].watermarkMs])).toEqual([
      [1000, 2000, 1, 2500],
      [2500, 4499, 2, 10_000],
    ]);
  });

  it('§1.11 session: an event at the session’s end extends it (35 then 40 with gap 5 → [35,45))', () => {
    const j = job(
      pipeline(source('src', [rec(35_000, 0), rec(40_000, 1000)]), watermark('wm', 0), keyBy('kb'), session('win', 5000), sink('out')),
      mb({ microbatch: every(1000, { outputMode: 'update' }) }),
    );
    const run = harness(j).run();
    expect(run.windowWrites('out').map((w) => [w.batchId, w.windowStart, w.windowEnd, w.count])).toEqual([
      [0, 35_000, 40_000, 1],
      [1, 35_000, 45_000, 2],
    ]);
  });
});

describe('§1.5 chains of stateful operators', () => {
  it('§1.5 rows one operator emits on eviction are not late for the next operator (late filter: previous batch’s watermark)', () => {
    const j = job(
      pipeline(source('src', [rec(1000, 0), rec(2000, 0), rec(20_000, 2000)]), watermark('wm', 0), keyBy('kb'), tumbling('win1', 10_000), keyBy('kb2'), tumbling('win2', 10_000), sink('out')),
      mb({ microbatch: every(1000) }),
    );
    const run = harness(j).run();
    expect(run.result.lateRecords).toEqual([]);
    // win1 emits [0,10000) (ts 9999) in the batch that uses watermark 20000; win2 takes it and emits
    // its own [0,10000) in that same batch.
    const w = run.windowWrites('out');
    expect(w.map((x) => [x.windowStart, x.count])).toEqual([[0, 1]]);
    expect(run.batches.find((b) => b.batchId === w[0].batchId)!.watermarkMs).toBe(20_000);
  });
});

describe('§1.5 deduplication', () => {
  const ids = (rows: { id?: unknown }[]) => rows.map((r) => r.id);

  it('§1.5 dropDuplicates on a key without the event-time column: the watermark does not apply, duplicates are dropped forever', () => {
    const records = [rec(1000, 0, 'a', 1, { id: 1 }), rec(1500, 0, 'a', 1, { id: 1 }), rec(20_000, 0, 'a', 1, { id: 2 }), rec(100, 3000, 'a', 1, { id: 3 }), rec(30_000, 3000, 'a', 1, { id: 1 })];
    const j = job(pipeline(source('src', records), watermark('wm', 0), dedup('dd', 'id'), sink('out')), mb({ microbatch: every(1000) }));
    const run = harness(j).run();
    expect(ids(run.sinkRecords('out'))).toEqual([1, 2, 3]);
    expect(run.dropped('dd')).toBe(0);
  });

  it('§1.5 dropDuplicates including ts: rows with eventTime <= watermark are dropped and counted', () => {
    const records = [rec(1000, 0, 'a', 1, { id: 1 }), rec(1000, 0, 'a', 1, { id: 1 }), rec(20_000, 0, 'a', 1, { id: 2 }), rec(1000, 3000, 'a', 1, { id: 1 }), rec(25_000, 3000, 'a', 1, { id: 3 })];
    const j = job(pipeline(source('src', records), watermark('wm', 0), dedup('dd', ['id', 'ts']), sink('out')), mb({ microbatch: every(1000) }));
    const run = harness(j).run();
    expect(ids(run.sinkRecords('out'))).toEqual([1, 2, 3]);
    expect(run.dropped('dd')).toBe(1);
    expect(run.late('dd').map((l) => l.record.ts)).toEqual([1000]);
  });

  it('§1.5 dropDuplicatesWithinWatermark: a key’s state expires once the watermark passes ts + withinMs', () => {
    const records = [rec(1000, 0, 'a', 1, { id: 1 }), rec(10_000, 2000, 'a', 1, { id: 9 }), rec(12_000, 5000, 'a', 1, { id: 1 })];
    const within = job(pipeline(source('src', records), watermark('wm', 0), dedup('dd', 'id', 5000), sink('out')), mb({ microbatch: every(1000) }));
    expect(ids(harness(within).run().sinkRecords('out'))).toEqual([1, 9, 1]);
    const forever = job(pipeline(source('src', records), watermark('wm', 0), dedup('dd', 'id'), sink('out')), mb({ microbatch: every(1000) }));
    expect(ids(harness(forever).run().sinkRecords('out'))).toEqual([1, 9]);
  });
});

describe('§1.5 / §1.6 stream-stream join', () => {
  function joinJob(left: ScriptedRecord[], right: ScriptedRecord[], type: 'inner' | 'leftOuter' = 'inner') {
    return job(
      graph(
        [
          pipeline(source('l', left), watermark('wmL', 0)),
          pipeline(source('r', right), watermark('wmR', 0)),
          pipeline(join('j', { leftKey: 'key', rightKey: 'key', lowerBoundMs: -1000, upperBoundMs: 1000, type }), sink('out')),
        ],
        [
          { from: 'wmL', to: 'j', toPort: 'left' },
          { from: 'wmR', to: 'j', toPort: 'right' },
        ],
      ),
      mb({ microbatch: every(1000) }),
    );
  }

  it('job-format join: right.ts within [left.ts + lower, left.ts + upper], both ends inclusive', () => {
    const run = harness(joinJob([rec(5000, 0, 'a', 1)], [rec(3999, 0, 'a', 2), rec(4000, 0, 'a', 3), rec(6000, 0, 'a', 4), rec(6001, 0, 'a', 5), rec(5000, 0, 'b', 6)])).run();
    const out = run.sinkRecords('out');
    expect(out.map((r) => r.right_value).sort()).toEqual([3, 4]);
    // The joined record: both sides' fields (clashing right names prefixed), the key, the larger ts.
    expect(out.find((r) => r.right_value === 4)).toMatchObject({ key: 'a', value: 1, ts: 6000, right_ts: 6000 });
  });

  it('§1.5 join: each side’s rows with eventTime <= watermark are dropped and counted', () => {
    const run = harness(joinJob([rec(20_000, 0, 'a'), rec(5000, 3000, 'b')], [rec(20_000, 0, 'a'), rec(5000, 3000, 'b'), rec(20_001, 3000, 'c')])).run();
    expect(run.late('j').map((l) => l.record.ts)).toEqual([5000, 5000]);
    expect(run.dropped('j')).toBe(2);
    expect(run.sinkRecords('out').map((r) => r.key)).toEqual(['a']);
  });

  it('§1.5 outer join: an unmatched row is emitted with nulls only when the watermark evicts it (a no-data batch)', () => {
    const run = harness(joinJob([rec(1000, 0, 'a'), rec(1000, 0, 'b'), rec(30_000, 2000, 'c')], [rec(1500, 0, 'a'), rec(30_000, 2000, 'c')], 'leftOuter')).run();
    const writes = run.sinkWrites('out').map((w) => ({ batchId: w.batchId, key: w.record.key, matched: 'right_ts' in w.record }));
    expect(writes).toEqual([
      { batchId: 0, key: 'a', matched: true },
      { batchId: 2, key: 'c', matched: true },
      { batchId: 3, key: 'b', matched: false },
    ]);
    const b3 = run.batches.find((b) => b.batchId === 3)!;
    expect([b3.inputRecords, b3.watermarkMs]).toEqual([0, 30_000]);
  });
});

describe('§1.8 rate limits', () => {
  it('§1.8 maxRecordsPerTrigger splits proportionally to the backlog: 101/11/1 with limit 10 → 8/1/1', () => {
    const records = [
      ...Array.from({ length: 101 }, (_, i) => onPartition(0, rec(i, 0))),
      ...Array.from({ length: 11 }, (_, i) => onPartition(1, rec(i, 0))),
      onPartition(2, rec(0, 0)),
    ];
    const j = job(pipeline(source('src', records, { partitions: 3 }), sink('out')), mb({ microbatch: every(1000, { maxRecordsPerTrigger: 10 }) }));
    const run = harness(j).run();
    expect(run.batches[0].inputRecords).toBe(10);
    expect(run.batches[0].offsets).toEqual({ src: [8, 1, 1] });
    // 93/10/0 pending: 93×10/103 → 9, 10×10/103 < 1 → 1.
    expect(run.batches[1].offsets).toEqual({ src: [17, 2, 1] });
    expect(run.batches.reduce((n, b) => n + b.inputRecords, 0)).toBe(113);
  });
});

describe('dropLate in micro-batch mode', () => {
  it('job-format: punctuated watermark items are ignored in micro-batch mode, with a note', () => {
    const j = job(pipeline(source('src', [rec(1000, 0), { watermark: 50_000, at: 0 }, rec(15_000, 0)]), watermark('wm', 0), keyBy('kb'), tumbling('win', 10_000), sink('out')), mb({ microbatch: every(1000) }));
    const run = harness(j).run();
    expect(run.watermarks('wm')).toEqual([[50, 15_000]]);
    expect(run.notes('src').length).toBeGreaterThan(0);
  });

  it('§1.5 dropLate has no effect without a stateful operator (late rows pass), and a note says why', () => {
    const j = job(pipeline(source('src', [rec(20_000, 0), rec(1000, 2000)]), watermark('wm', 0), dropLate('dl', 'late'), sink('out')), mb({ microbatch: every(1000) }));
    const run = harness(j).run();
    expect(run.sinkRecords('out').map((r) => r.ts)).toEqual([20_000, 1000]);
    expect(run.result.lateRecords).toEqual([]);
    expect(run.notes('dl').length).toBeGreaterThan(0);
    expect(run.notes('dl')[0]).toMatch(/no effect/);
  });
});

describe('sorting helper sanity', () => {
  it('byWindow sorts by window then key', () => {
    expect(byWindow([{ windowStart: 10, windowEnd: 20, key: 'b' }, { windowStart: 0, windowEnd: 10, key: 'z' }, { windowStart: 10, windowEnd: 20, key: 'a' }]).map((r) => r.key)).toEqual(['z', 'a', 'b']);
  });
});
