// Scenario 1, execution model: the same stateless job in both modes. Flink handles each record as it
// arrives (latency = the operator's cost); Spark writes records a batch at a time, on the trigger's
// grid, and a batch starts only after the previous one has ended — at once after an overrun, then
// back on the grid (spec §1.2, §2).
import { describe, expect, it } from 'vitest';
import { runScenario } from '../test-support/scenarios.ts';

const ID = 'execution-model';
const INTERVAL_MS = 1000;
const COST_MS = 20; // Parse's costMs

/** Processing-time latency of each output record: when it was written minus when it arrived (ts = at). */
const latencies = (writes: { atMs: number; record: Record<string, unknown> }[]) => writes.map((w) => w.atMs - (w.record.ts as number));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

describe(`scenario ${ID}`, () => {
  const df = runScenario(ID, 'dataflow');
  const mb = runScenario(ID, 'microbatch');
  const steady = (w: { record: Record<string, unknown> }) => w.record.key === 'sensor';

  it('dataflow: each event is out one operator cost after it arrives, unless the burst queues it', () => {
    const writes = df.sinkWrites('out');
    expect(writes).toHaveLength(130);
    const burst = (ts: number) => ts >= 8200 && ts < 9500;
    for (const w of writes) {
      const latency = w.atMs - (w.record.ts as number);
      if (!burst(w.record.ts as number)) expect(latency).toBe(COST_MS);
      else expect(latency).toBeGreaterThanOrEqual(COST_MS);
    }
    expect(median(latencies(writes))).toBe(COST_MS);
  });

  it('micro-batch: events leave together, when their batch writes; latency is up to an interval and more', () => {
    const writes = mb.sinkWrites('out');
    expect(writes).toHaveLength(130);
    const byBatch = new Map<number, number[]>();
    for (const w of writes) byBatch.set(w.batchId!, [...(byBatch.get(w.batchId!) ?? []), w.atMs]);
    for (const [batchId, times] of byBatch) {
      const batch = mb.batches.find((b) => b.batchId === batchId)!;
      expect(new Set(times).size).toBe(1); // one write time per batch
      expect(times[0]).toBeGreaterThan(batch.startMs);
      expect(times[0]).toBeLessThanOrEqual(batch.endMs);
    }
    const steadyLatency = latencies(writes.filter(steady));
    expect(Math.min(...steadyLatency)).toBeGreaterThan(COST_MS);
    expect(median(steadyLatency)).toBeGreaterThanOrEqual(INTERVAL_MS / 2);
    expect(Math.max(...latencies(writes))).toBeGreaterThan(INTERVAL_MS);
  });

  it('micro-batch: batches never overlap; after the burst’s overrun the next starts at once, the one after on the grid', () => {
    const batches = mb.batches;
    for (let i = 1; i < batches.length; i++) expect(batches[i].startMs).toBeGreaterThanOrEqual(batches[i - 1].endMs);
    const overrun = batches.filter((b) => b.endMs - b.startMs > INTERVAL_MS);
    expect(overrun.map((b) => [b.startMs, b.inputRecords])).toEqual([[9000, 54]]);
    const i = batches.indexOf(overrun[0]);
    expect(batches[i + 1].startMs).toBe(overrun[0].endMs); // no waiting for the grid: 10 130
    expect(batches[i + 1].startMs % INTERVAL_MS).not.toBe(0);
    expect(batches[i + 2].startMs).toBe(11_000); // back on the grid, no catch-up burst
    for (const b of batches) if (b !== batches[i + 1]) expect(b.startMs % INTERVAL_MS).toBe(0);
  });

  it('the same events reach the output in both modes; Spark’s typical latency is far above Flink’s', () => {
    const ts = (r: typeof df) => r.sinkRecords('out').map((x) => x.ts);
    expect(ts(mb)).toEqual(ts(df));
    expect(median(latencies(mb.sinkWrites('out')))).toBeGreaterThan(20 * median(latencies(df.sinkWrites('out'))));
  });
});
