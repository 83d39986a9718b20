// Scenario 2, backpressure: a source feeds a fast and a slow branch. In dataflow, credit-based flow
// control throttles the shared source to the slow branch's capacity (status HIGH) and the fast
// branch starves with it (spec §2.8); in micro-batch there is no flow control, so each batch reads
// the whole backlog, takes longer than the last, and the next starts as soon as it ends (§1.2, §3).
import { describe, expect, it } from 'vitest';
import type { OperatorSample } from '../../model/index.ts';
import { nodeOf, runScenario } from '../test-support/scenarios.ts';

const ID = 'backpressure';
const SLOW_COST_MS = 50; // Enrich
const CAPACITY_PER_S = 1000 / SLOW_COST_MS; // 20 orders/s, below the 25/s that arrive
const GENERATOR_END_MS = 20_000;

type Sample = OperatorSample & { atMs: number };
const samples = (metrics: Record<string, unknown>, node: string) => (metrics.operators as Record<string, Sample[]>)[node];

describe(`scenario ${ID}`, () => {
  it('dataflow: the source settles at the slow branch’s capacity, back-pressured (HIGH), and the fast branch with it', () => {
    const run = runScenario(ID, 'dataflow');
    const m = run.result.metrics;
    const steady = (node: string) => samples(m, node).filter((s) => s.atMs >= 3000 && s.atMs <= GENERATOR_END_MS);
    expect(steady('orders').length).toBeGreaterThan(10);
    for (const s of steady('orders')) {
      expect(s.recordsOut).toBe(CAPACITY_PER_S);
      expect(s.status).toBe('HIGH');
    }
    for (const s of steady('audit')) {
      expect(s.recordsIn).toBe(CAPACITY_PER_S); // the fast branch gets no more than the slow one
      expect(s.status).toBe('OK');
    }
    for (const s of steady('enrich')) {
      expect(s.busyMsPerSecond).toBe(1000); // the bottleneck: busy, not back-pressured
      expect(s.status).toBe('OK');
    }
    // What the source cannot read waits in Kafka: its lag grows while orders arrive.
    const lag = (m.sourceLag as Record<string, [number, number][]>).orders;
    const at = (t: number) => lag.find(([ms]) => ms === t)![1];
    expect(at(10_000)).toBeGreaterThan(at(5000));
    expect(at(GENERATOR_END_MS)).toBeGreaterThan(at(10_000));
    // Nothing is lost: every order reaches both sinks, in the same order.
    expect(run.sinkRecords('enrichedOut')).toHaveLength(500);
    expect(run.sinkRecords('auditOut')).toEqual(run.sinkRecords('enrichedOut'));
  });

  it('without the slow operator nothing is back-pressured', () => {
    const run = runScenario(ID, 'dataflow', (doc) => {
      nodeOf(doc, 'enrich').costMs = 0;
    });
    for (const s of samples(run.result.metrics, 'orders')) expect(s.status).toBe('OK');
  });

  it('micro-batch: while orders arrive, each batch is longer than the one before and starts when it ends', () => {
    const run = runScenario(ID, 'microbatch');
    const growing = run.batches.filter((b) => b.batchId >= 1 && b.endMs <= GENERATOR_END_MS);
    expect(growing.length).toBeGreaterThanOrEqual(5);
    for (let i = 1; i < growing.length; i++) {
      const prev = growing[i - 1];
      const b = growing[i];
      expect(b.startMs).toBe(prev.endMs); // overran its interval: the next batch starts at once
      expect(b.endMs - b.startMs).toBeGreaterThan(prev.endMs - prev.startMs);
      expect(b.inputRecords).toBeGreaterThan(prev.inputRecords);
    }
  });

  it('micro-batch: the fast branch’s output waits for the slow branch, both written when the batch writes', () => {
    const run = runScenario(ID, 'microbatch');
    const fast = run.sinkWrites('auditOut');
    const slow = run.sinkWrites('enrichedOut');
    expect(fast.length).toBeGreaterThan(0);
    expect(fast.map((w) => [w.batchId, w.atMs])).toEqual(slow.map((w) => [w.batchId, w.atMs]));
  });

  it('micro-batch with maxRecordsPerTrigger: batches stay the same length and the backlog stays in the source', () => {
    const run = runScenario(ID, 'microbatch', (doc) => {
      doc.settings.microbatch.maxRecordsPerTrigger = 25;
    });
    const full = run.batches.filter((b) => b.inputRecords === 25);
    expect(full.length).toBeGreaterThan(5);
    for (const b of full) expect(b.endMs - b.startMs).toBe(50 + 25 * SLOW_COST_MS);
  });
});
