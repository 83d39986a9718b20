// Failures and sink guarantees in micro-batch mode (spec §1.1, §1.9, §1.10).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Fact, Result } from '../../model/index.ts';
import { jobSchema, type Job } from '../../model/index.ts';
import { createSimulation, runJob } from '../simulation.ts';

type Opts = { faults?: unknown[]; connector?: 'kafka' | 'file'; stateless?: boolean; async?: boolean; costMs?: number; intervalMs?: number };

/** Generator → watermark → (1 s tumbling count per key | filter) → sink; 1 s trigger, 100 ms overhead. */
function job(o: Opts = {}): Job {
  const tail = o.stateless
    ? [{ id: 'f', kind: 'filter', params: { predicate: 'value >= 0' } }]
    : [
        { id: 'kb', kind: 'keyBy', params: { key: 'key' } },
        { id: 'w', kind: 'window', costMs: o.costMs ?? 0, params: { assigner: { kind: 'tumbling', sizeMs: 1000 }, aggregate: { fn: 'count', as: 'count' } } },
      ];
  const chain = ['src', 'wm', ...tail.map((n) => n.id), 'out'];
  return jobSchema.parse({
    format: 'streamlab.job/v1',
    mode: 'microbatch',
    settings: {
      seed: 5,
      untilMs: 15_000,
      microbatch: {
        trigger: { kind: 'processingTime', intervalMs: o.intervalMs ?? 1000 },
        outputMode: 'append',
        batchOverheadMs: 100,
        restartDelayMs: 500,
        asyncProgressTracking: o.async ?? false,
      },
    },
    nodes: [
      { id: 'src', kind: 'source', params: { partitions: 1, generator: { ratePerSec: 40, keys: 3, endMs: 8000, maxOutOfOrdernessMs: 300 } } },
      { id: 'wm', kind: 'watermark', params: { delayMs: 500 } },
      ...tail,
      { id: 'out', kind: 'sink', params: { connector: o.connector ?? 'kafka', delivery: o.connector === 'file' ? 'exactly-once' : 'at-least-once' } },
    ],
    edges: chain.slice(1).map((to, i) => ({ from: chain[i], to })),
    faults: o.faults ?? [],
  });
}

const rows = (r: Result) => r.sinks.out.map((w) => JSON.stringify(w.record)).sort();
/** Batches in which a crash falls between the sink write and the commit log entry. */
const writeToCommitWindows = (r: Result) =>
  r.batches.map((b) => [b.endMs - (b.durationMs as { commitOffsets: number }).commitOffsets, b.endMs] as const);

describe('§1.10 sink guarantees under random crashes (micro-batch)', () => {
  const baseFile = runJob(job({ connector: 'file' }));
  const baseKafka = runJob(job({ connector: 'kafka' }));

  it('file sink: exactly-once through its commit log — the output equals the failure-free run', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 11_000 }), (atMs) => {
        const r = runJob(job({ connector: 'file', faults: [{ kind: 'crash', atMs }] }));
        expect(rows(r)).toEqual(rows(baseFile));
      }),
      { numRuns: 100, seed: 3 },
    );
  });

  it('Kafka sink: at-least-once — nothing lost; duplicates only when a crash hits between a write and its commit', () => {
    const windows = writeToCommitWindows(baseKafka);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 11_000 }), (atMs) => {
        const r = runJob(job({ connector: 'kafka', faults: [{ kind: 'crash', atMs }] }));
        const got = rows(r);
        const want = rows(baseKafka);
        for (const w of new Set(want)) expect(got).toContain(w);
        const dupes = got.length - new Set(got).size;
        const betweenWriteAndCommit = r.failures.some((f) =>
          r.sinks.out.some((w) => w.atMs <= f.atMs && r.batches.every((b) => b.batchId !== w.batchId || b.endMs > f.atMs)),
        );
        if (dupes > 0) {
          expect(betweenWriteAndCommit).toBe(true);
          expect(r.sinks.out.some((w) => w.replayed)).toBe(true);
        } else if (windows.some(([from, to]) => atMs > from && atMs < to)) {
          // A crash inside a write-to-commit window of the clean run re-runs a batch that had written.
          expect(r.failures).toHaveLength(1);
        }
      }),
      { numRuns: 100, seed: 4 },
    );
  });
});

describe('§1.1 re-running the uncommitted batch', () => {
  it('re-runs it with the same batch id, offsets and watermark', () => {
    const facts: Fact[] = [];
    // A slow window makes batch 3 run from 3000 to ~3400; the crash lands inside it.
    const sim = createSimulation(job({ costMs: 8, faults: [{ kind: 'crash', atMs: 3200 }] }), { onFacts: (f) => facts.push(...f) });
    sim.runToEnd();
    const r = sim.result();
    const started = facts.filter((f): f is Extract<Fact, { type: 'batch.started' }> => f.type === 'batch.started');
    const crashed = r.failures[0];
    expect(crashed.rerunBatchId).not.toBeNull();
    const attempts = started.filter((s) => s.batchId === crashed.rerunBatchId);
    expect(attempts).toHaveLength(2);
    expect(attempts[1].watermarkMs).toBe(attempts[0].watermarkMs);
    expect(attempts[1].inputRecords).toBe(attempts[0].inputRecords);
    expect(attempts[1].atMs).toBe(crashed.resumedAtMs);
    const rerun = r.batches.find((b) => b.batchId === crashed.rerunBatchId)!;
    expect(rerun.replayed).toBe(true);
    // Batch ids stay consecutive: the re-run did not take a new id.
    expect(r.batches.map((b) => b.batchId)).toEqual(r.batches.map((_, i) => i));
  });

  it('a crash between batches re-runs nothing and continues with the next batch id', () => {
    const r = runJob(job({ faults: [{ kind: 'crash', atMs: 4500 }] }));
    expect(r.failures[0]).toMatchObject({ atMs: 4500, rerunBatchId: null, resumedAtMs: 5000 });
    expect(r.batches.map((b) => b.batchId)).toEqual(r.batches.map((_, i) => i));
  });
});

describe('§1.9 asynchronous progress tracking', () => {
  it('replays more than one batch after a failure (everything since the last async commit)', () => {
    // Batches every 250 ms, progress made durable every 1000 ms (Spark's default interval).
    const sync = runJob(job({ stateless: true, intervalMs: 250, faults: [{ kind: 'crash', atMs: 5950 }] }));
    const async = runJob(job({ stateless: true, intervalMs: 250, async: true, faults: [{ kind: 'crash', atMs: 5950 }] }));
    expect(async.failures[0].replayedBatches as number).toBeGreaterThan(1);
    expect(sync.failures[0].replayedBatches as number).toBeLessThanOrEqual(1);
    const dupes = (r: Result) => r.sinks.out.length - new Set(r.sinks.out.map((w) => JSON.stringify(w.record))).size;
    expect(dupes(async)).toBeGreaterThan(dupes(sync));
    // Batches do not wait for their commit log entry.
    expect(async.batches.every((b) => b.commitLoggedAtMs === null)).toBe(true);
  });

  it('is refused (with a note) for a stateful query', () => {
    const r = runJob(job({ async: true }));
    expect(r.notes.map((n) => n.message).join('\n')).toMatch(/asynchronous progress tracking needs a stateless query/);
  });
});
