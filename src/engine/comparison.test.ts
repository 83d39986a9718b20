// The claims of the comparison Streamlab teaches (issue 2, "Tests that must exist"; semantics.md §3):
// the same job, run in both modes, behaves as Spark and Flink do — each claim is its own test.
import { describe, expect, it } from 'vitest';
import { harness } from './test-support/harness.ts';
import { dropLate, every, graph, job, keyBy, lateEdge, map, pipeline, punct, rec, sink, source, tumbling, watermark, type ScriptedRecord } from './test-support/jobs.ts';

const settings = { microbatch: every(1000) };

describe('§3 Spark vs Flink', () => {
  describe('a Spark watermark changes nothing without a stateful operator, while Flink’s dropLate filters', () => {
    // ts 1000 arrives at 2000, long after the watermark passed 20000.
    const j = job(pipeline(source('src', [rec(20_000, 0), rec(1000, 2000), rec(21_000, 3000)]), watermark('wm', 0), dropLate('dl'), sink('out')), settings);

    it('§1.5 micro-batch: source → watermark → dropLate → sink passes the late row', () => {
      const run = harness(j).mode('microbatch').run();
      expect(run.sinkRecords('out').map((r) => r.ts)).toEqual([20_000, 1000, 21_000]);
      expect(run.result.lateRecords).toEqual([]);
      expect(run.dropped('dl')).toBe(0);
    });

    it('§2.7 dataflow: the same job’s dropLate filters the late row', () => {
      const run = harness(j).mode('dataflow').run();
      expect(run.sinkRecords('out').map((r) => r.ts)).toEqual([20_000, 21_000]);
      expect(run.late('dl').map((l) => l.record.ts)).toEqual([1000]);
      expect(run.dropped('dl')).toBe(1);
    });
  });

  describe('Spark drops late rows silently with a count, Flink routes them to a side output', () => {
    const j = job(
      graph(
        [pipeline(source('src', [rec(1000, 0), rec(20_000, 0), rec(2000, 3000), rec(30_000, 4000)]), watermark('wm', 0), keyBy('kb'), tumbling('win', 10_000, { lateOutput: 'late' }), sink('out')), pipeline(sink('lateSink'))],
        [lateEdge('win', 'lateSink')],
      ),
      settings,
    );

    it('§1.7 micro-batch: the late row is counted in droppedLate, with no side output', () => {
      const run = harness(j).mode('microbatch').run();
      expect(run.dropped('win')).toBe(1);
      expect(run.result.sideOutputs).toEqual({});
      expect(run.sinkRecords('lateSink')).toEqual([]);
    });

    it('§2.5 dataflow: the late row goes to the window’s side output, and is not counted as dropped', () => {
      const run = harness(j).mode('dataflow').run();
      expect(run.sideOutput('win', 'late').map((e) => e.record.ts)).toEqual([2000]);
      expect(run.sinkRecords('lateSink').map((r) => r.ts)).toEqual([2000]);
      expect(run.dropped('win')).toBe(0);
    });
  });

  describe('Spark triggers apply per micro-batch to the whole query, Flink triggers per window operator', () => {
    // Two windows over the same input, with different Flink triggers: one counts (fires every 2
    // elements), the other waits for the watermark. In micro-batch mode both emit only at the end of
    // batches on the trigger's grid (update mode, so that both emit as soon as they change).
    const records: ScriptedRecord[] = [rec(1000, 100), rec(1100, 300), rec(1200, 1700), rec(1300, 2500), rec(15_000, 4250), rec(1_000_000, 100_000, 'zz')];
    const j = job(
      graph(
        [
          pipeline(source('src', records), watermark('wm', 0), keyBy('kb')),
          pipeline(tumbling('byCount', 10_000, { trigger: { kind: 'count', count: 2 } }), sink('countOut')),
          pipeline(tumbling('byTime', 10_000), sink('timeOut')),
        ],
        [
          { from: 'kb', to: 'byCount' },
          { from: 'kb', to: 'byTime' },
        ],
      ),
      { microbatch: every(1000, { outputMode: 'update' }) },
    );

    it('§1.2/§1.6 micro-batch: every window result of both windows is written by a batch, batches start on the 1000 ms grid', () => {
      const run = harness(j).mode('microbatch').run();
      const byId = new Map(run.batches.map((b) => [b.batchId, b]));
      for (const b of run.batches) expect(b.startMs % 1000).toBe(0);
      const writes = [...run.sinkWrites('countOut'), ...run.sinkWrites('timeOut')];
      expect(writes.length).toBeGreaterThan(0);
      for (const w of writes) {
        // A write belongs to a batch and happens while it runs (the sink's addBatch, §1.1 step 3).
        const b = byId.get(w.batchId!)!;
        expect(w.atMs).toBeGreaterThanOrEqual(b.startMs);
        expect(w.atMs).toBeLessThanOrEqual(b.endMs);
      }
      // The two windows emit in the same batches: the query's trigger, not a per-window one.
      const batchesOf = (id: string) => run.sinkWrites(id).map((w) => w.batchId);
      expect(batchesOf('countOut')).toEqual(batchesOf('timeOut'));
    });

    it('§2.4 dataflow: each window fires by its own trigger, at different times', () => {
      const run = harness(j).mode('dataflow').run();
      const writes = (id: string) => run.sinkWrites(id).filter((w) => w.record.key !== 'zz');
      const countAt = writes('countOut').map((w) => [w.record.count, w.atMs]);
      const timeAt = writes('timeOut').map((w) => [w.record.count, w.atMs]);
      expect(countAt).toEqual([
        [2, 300],
        [4, 2500],
      ]);
      // The event-time window [0,10000) fires when the watermark reaches 9999: after 15000 arrives
      // at 4250, at the next periodic emission (4400).
      expect(timeAt[0]).toEqual([4, 4400]);
    });
  });

  describe('a micro-batch cannot start before the previous one finished', () => {
    it('§1.1/§1.2 batches never overlap, also when slow batches overrun the trigger interval', () => {
      // Bursts of 20 records through an operator costing 70 ms per record: 1400 ms batches on a
      // 1000 ms grid.
      const records = Array.from({ length: 100 }, (_, i) => rec(i * 10, Math.floor(i / 20) * 700));
      const j = job(pipeline(source('src', records), map('slow', { key: 'key', value: 'value' }, { costMs: 70 }), sink('out')), { mode: 'microbatch', microbatch: every(1000) });
      const run = harness(j).run();
      expect(run.batches.some((b) => b.endMs - b.startMs > 1000)).toBe(true);
      for (let i = 0; i + 1 < run.batches.length; i++) expect(run.batches[i + 1].startMs).toBeGreaterThanOrEqual(run.batches[i].endMs);
      expect(run.batches.reduce((n, b) => n + b.inputRecords, 0)).toBe(100);
    });

    it('§1.2 facts: batch.started for batch N+1 never comes before batch.completed for batch N', () => {
      const records = Array.from({ length: 60 }, (_, i) => rec(i, i * 50));
      const j = job(pipeline(source('src', records), map('slow', { value: 'value' }, { costMs: 200 }), sink('out')), { mode: 'microbatch', microbatch: every(500) });
      const run = harness(j).run();
      let open: number | null = null;
      for (const f of run.allFacts) {
        if (f.type === 'batch.started') {
          expect(open).toBeNull();
          open = f.batchId;
        } else if (f.type === 'batch.completed') {
          expect(f.batch.batchId).toBe(open);
          open = null;
        }
      }
    });
  });

  it('§3 watermark formula: Spark maxEventTime − delay (after the batch), Flink maxTs − delay − 1 (periodic)', () => {
    const j = job(pipeline(source('src', [rec(10_000, 0), punct(0, 100_000)]), watermark('wm', 2000), keyBy('kb'), tumbling('win', 10_000), sink('out')), settings);
    expect(harness(j).mode('microbatch').run().watermarks('wm')[0]).toEqual([50, 8000]);
    expect(harness(j).mode('dataflow').run().watermarks('wm')[0]).toEqual([200, 7999]);
  });
});
