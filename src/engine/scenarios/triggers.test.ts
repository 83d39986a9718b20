// Scenario 3, triggers: two windows over one stream, one with the default event-time trigger and one
// with early firings every 2 s of processing time. Flink fires each window operator by its own
// trigger (spec §2.4); Spark has one trigger for the whole query, so in update mode both windows
// write the same changed rows at the end of the same batches, on the trigger's grid (§1.2, §1.6, §3).
import { describe, expect, it } from 'vitest';
import { runScenario } from '../test-support/scenarios.ts';

const ID = 'triggers';
const SPARK_INTERVAL_MS = 5000;
const EARLY_INTERVAL_MS = 2000;

const row = (w: { atMs: number; record: Record<string, unknown> }) =>
  `${w.atMs} ${w.record.key} [${w.record.windowStart},${w.record.windowEnd}) ${w.record.total} ${w.record.pane ?? ''}`;

describe(`scenario ${ID}`, () => {
  it('micro-batch: both windows write exactly the same rows at the same times, at the end of batches on the 5 s grid', () => {
    const run = runScenario(ID, 'microbatch');
    for (const b of run.batches) expect(b.startMs % SPARK_INTERVAL_MS).toBe(0);
    const onTime = run.sinkWrites('onTimeOut');
    const early = run.sinkWrites('earlyOut');
    expect(onTime.length).toBeGreaterThan(6);
    expect(early.map(row)).toEqual(onTime.map(row));
    for (const w of early) {
      const batch = run.batches.find((b) => b.batchId === w.batchId)!;
      expect(w.atMs).toBeGreaterThan(batch.startMs);
      expect(w.atMs).toBeLessThanOrEqual(batch.endMs);
    }
    // Update mode: a window is written again in each batch that changed it.
    const writesPerWindow = new Map<string, number>();
    for (const w of onTime) writesPerWindow.set(`${w.record.key}${w.record.windowStart}`, (writesPerWindow.get(`${w.record.key}${w.record.windowStart}`) ?? 0) + 1);
    expect(Math.max(...writesPerWindow.values())).toBeGreaterThan(1);
  });

  it('dataflow: the default trigger fires each window once, on time', () => {
    const run = runScenario(ID, 'dataflow');
    const writes = run.sinkWrites('onTimeOut');
    expect(writes.length).toBeGreaterThanOrEqual(6); // 2 keys × at least 3 windows
    expect(new Set(writes.map((w) => w.record.pane))).toEqual(new Set(['onTime']));
    expect(new Set(writes.map((w) => `${w.record.key}${w.record.windowStart}`)).size).toBe(writes.length);
  });

  it('dataflow: the early window fires every 2 s of processing time before it fires on time, with the same final totals', () => {
    const run = runScenario(ID, 'dataflow');
    const writes = run.sinkWrites('earlyOut');
    const early = writes.filter((w) => w.record.pane === 'early');
    expect(early.length).toBeGreaterThan(10);
    for (const w of early) expect(w.atMs % EARLY_INTERVAL_MS).toBe(0);
    // For each window: early panes first, then exactly one on-time pane, equal to the other window's.
    const onTime = run.sinkWrites('onTimeOut');
    for (const o of onTime) {
      const panes = writes.filter((w) => w.record.key === o.record.key && w.record.windowStart === o.record.windowStart);
      expect(panes.map((w) => w.record.pane)).toEqual([...panes.slice(0, -1).map(() => 'early'), 'onTime']);
      expect(row(panes[panes.length - 1])).toBe(row(o));
      for (const p of panes.slice(0, -1)) expect(p.atMs).toBeLessThan(o.atMs);
    }
  });
});
