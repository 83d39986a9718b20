// Spec §2.8: credit-based flow control. A source that feeds a fast and a slow branch is throttled to
// the slow branch, and the fast branch starves with it; no channel ever holds more than its capacity
// and no record is lost.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jobSchema } from '../../model/index.ts';
import type { OperatorSample } from '../../model/index.ts';
import { runJob } from '../simulation.ts';

const job = (bufferCapacity: number, slowCostMs: number) =>
  jobSchema.parse({
    format: 'streamlab.job/v1',
    mode: 'dataflow',
    settings: { seed: 7, untilMs: 20_000, dataflow: { bufferCapacity } },
    nodes: [
      { id: 'src', kind: 'source', params: { generator: { ratePerSec: 1000, keys: 10, endMs: 20_000 } } },
      { id: 'fast', kind: 'map', params: { fields: { key: 'key', value: 'value' } } },
      { id: 'slow', kind: 'map', costMs: slowCostMs, params: { fields: { key: 'key', value: 'value' } } },
      { id: 'fastOut', kind: 'sink', params: {} },
      { id: 'slowOut', kind: 'sink', params: {} },
    ],
    edges: [
      { from: 'src', to: 'fast' },
      { from: 'src', to: 'slow' },
      { from: 'fast', to: 'fastOut' },
      { from: 'slow', to: 'slowOut' },
    ],
  });

type Metrics = {
  operators: Record<string, (OperatorSample & { atMs: number })[]>;
  maxQueuedPerEdge: Record<string, number>;
  sourceLag: Record<string, [number, number][]>;
};

describe('§2.8 backpressure (dataflow)', () => {
  it('a slow branch throttles a shared source: both branches settle at the slow branch capacity', () => {
    const r = runJob(job(8, 10)); // the slow map handles 100 records/s
    const m = r.metrics as unknown as Metrics;
    const steady = (node: string) => m.operators[node].filter((s) => s.atMs >= 5000 && s.atMs <= 15_000);
    for (const s of steady('src')) {
      expect(s.recordsOut).toBe(100);
      expect(s.status).toBe('HIGH');
    }
    for (const s of steady('fast')) expect(s.recordsIn).toBe(100); // the fast branch starves too
    for (const s of steady('slow')) {
      expect(s.busyMsPerSecond).toBe(1000);
      expect(s.status).toBe('OK'); // the bottleneck is busy, not back-pressured
    }
    const lag = m.sourceLag.src;
    expect(lag[lag.length - 1][1]).toBeGreaterThan(lag[2][1]); // records pile up in the source
  });

  it('no channel ever holds more than its capacity, and no record is lost', () => {
    for (const capacity of [1, 4, 32]) {
      const r = runJob(job(capacity, 3));
      const m = r.metrics as unknown as Metrics;
      for (const q of Object.values(m.maxQueuedPerEdge)) expect(q).toBeLessThanOrEqual(capacity);
      // Every generated record was either read (and reached the fast sink) or is still unread in the
      // source; the slow sink got the same records in the same order, minus the few still in flight
      // (its queue, the sender's outbox and the one being processed) when the run stopped.
      const fast = r.sinks.fastOut.map((w) => w.record);
      const slow = r.sinks.slowOut.map((w) => w.record);
      const lagAtEnd = m.sourceLag.src[m.sourceLag.src.length - 1][1];
      expect(fast.length + lagAtEnd).toBe(20_000);
      expect(slow).toEqual(fast.slice(0, slow.length));
      expect(fast.length - slow.length).toBeLessThanOrEqual(capacity + 2);
    }
  });

  it('without a slow operator nothing is back-pressured and every record arrives on time', () => {
    const r = runJob(job(8, 0));
    const m = r.metrics as unknown as Metrics;
    for (const s of m.operators.src) expect(s.status).toBe('OK');
    expect(r.sinks.fastOut.length).toBe(20_000);
    expect(r.sinks.slowOut.length).toBe(20_000);
    for (const w of r.sinks.slowOut) expect(w.atMs).toBeLessThan(20_000);
  });

  it('with any partitions, costs and capacities, a drained run delivers every record once to each branch, and queues stay bounded', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom(0, 0.5, 1, 3),
        fc.constantFrom(0, 0.25, 2),
        (partitions, capacity, slowCostMs, fastCostMs) => {
          const doc = JSON.parse(JSON.stringify(job(capacity, slowCostMs)));
          doc.settings.untilMs = undefined;
          doc.nodes[0].params = { partitions, generator: { ratePerSec: 500, keys: 5, endMs: 2000 } };
          doc.nodes[1].costMs = fastCostMs;
          const r = runJob(jobSchema.parse(doc));
          const m = r.metrics as unknown as Metrics;
          for (const q of Object.values(m.maxQueuedPerEdge)) expect(q).toBeLessThanOrEqual(capacity);
          const key = (w: { record: Record<string, unknown> }) => `${w.record.ts}|${w.record.key}|${w.record.value}`;
          const fast = r.sinks.fastOut.map(key).sort();
          const slow = r.sinks.slowOut.map(key).sort();
          expect(fast.length).toBe(1000);
          expect(slow).toEqual(fast);
          // Channels are FIFO: each partition's records reach a sink in order. Record i has ts 2i ms
          // (500/s, no disorder) and is on partition i mod partitions.
          for (const out of [r.sinks.fastOut, r.sinks.slowOut]) {
            const last = new Array<number>(partitions).fill(-1);
            for (const w of out) {
              const ts = w.record.ts as number;
              const p = (ts / 2) % partitions;
              expect(ts).toBeGreaterThan(last[p]);
              last[p] = ts;
            }
          }
          const lag = m.sourceLag.src;
          expect(lag[lag.length - 1][1]).toBe(0);
          for (const [, n] of lag) expect(n).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 40, seed: 3 },
    );
  }, 30_000); // 40 runs take about 4 s alone; more on a loaded machine
});
