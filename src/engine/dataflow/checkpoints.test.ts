// Checkpoints, failures and sink guarantees in dataflow mode (spec §2.9–2.12).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jobSchema, type Job } from '../../model/index.ts';
import type { Result } from '../../model/index.ts';
import { runJob } from '../simulation.ts';

type Opts = {
  faults?: unknown[];
  delivery?: 'exactly-once' | 'at-least-once';
  checkpointing?: Record<string, unknown> | null;
  mapCostMs?: number;
  bufferCapacity?: number;
};

/** Two partitions → watermark → map → keyBy → 1 s tumbling count → Kafka sink. */
function job(o: Opts = {}): Job {
  const checkpointing = o.checkpointing === null ? {} : { checkpointing: o.checkpointing ?? { intervalMs: 1000 } };
  return jobSchema.parse({
    format: 'streamlab.job/v1',
    mode: 'dataflow',
    settings: {
      seed: 11,
      untilMs: 30_000,
      dataflow: { bufferCapacity: o.bufferCapacity ?? 4, ...checkpointing, restart: { kind: 'fixedDelay', delayMs: 500, attempts: 5 } },
    },
    nodes: [
      { id: 'src', kind: 'source', params: { partitions: 2, generator: { ratePerSec: 100, keys: 4, endMs: 6000, maxOutOfOrdernessMs: 200 } } },
      { id: 'wm', kind: 'watermark', params: { delayMs: 300 } },
      { id: 'm', kind: 'map', costMs: o.mapCostMs ?? 0, params: { fields: { key: 'key', value: 'value' } } },
      { id: 'kb', kind: 'keyBy', params: { key: 'key' } },
      { id: 'w', kind: 'window', params: { assigner: { kind: 'tumbling', sizeMs: 1000 }, aggregate: { fn: 'count', as: 'count' } } },
      { id: 'out', kind: 'sink', params: { connector: 'kafka', delivery: o.delivery ?? 'exactly-once' } },
    ],
    edges: [
      { from: 'src', to: 'wm' },
      { from: 'wm', to: 'm' },
      { from: 'm', to: 'kb' },
      { from: 'kb', to: 'w' },
      { from: 'w', to: 'out' },
    ],
    faults: o.faults ?? [],
  });
}

const rowKey = (r: Record<string, unknown>) => `${r.key}|${r.windowStart}|${r.count}`;
/** What a read_committed consumer sees at the end. */
const committed = (r: Result) =>
  r.sinks.out.filter((w) => w.visibleAtMs !== null).map((w) => rowKey(w.record)).sort();
const everything = (r: Result) => r.sinks.out.map((w) => rowKey(w.record));

describe('§2.11–2.12 delivery guarantees under random crashes (dataflow)', () => {
  for (const mode of ['aligned', 'unaligned'] as const) {
    for (const mapCostMs of [0, 15]) {
      const label = `${mode}${mapCostMs ? ', backpressured' : ''}`;
      const base = runJob(job({ checkpointing: { intervalMs: 1000, mode }, mapCostMs }));
      const baseCommitted = committed(base);
      const baseAll = new Set(everything(base));

      it(`exactly-once (${label}): read-committed output equals the failure-free run`, () => {
        fc.assert(
          fc.property(fc.integer({ min: 1, max: 12_000 }), (atMs) => {
            const r = runJob(job({ checkpointing: { intervalMs: 1000, mode }, mapCostMs, faults: [{ kind: 'crash', atMs }] }));
            expect(r.failures).toHaveLength(atMs < lastActivity(base) ? 1 : r.failures.length);
            expect(committed(r)).toEqual(baseCommitted);
          }),
          { numRuns: 50, seed: 7 },
        );
      });

      it(`at-least-once (${label}): nothing is lost, duplicates only after a crash between a write and the next checkpoint`, () => {
        const alo = (faults: unknown[]) => runJob(job({ checkpointing: { intervalMs: 1000, mode }, mapCostMs, delivery: 'at-least-once', faults }));
        const clean = everything(alo([]));
        expect(new Set(clean)).toEqual(baseAll);
        fc.assert(
          fc.property(fc.integer({ min: 1, max: 12_000 }), (atMs) => {
            const r = alo([{ kind: 'crash', atMs }]);
            const all = everything(r);
            for (const k of baseAll) expect(all).toContain(k);
            const dupes = all.length - new Set(all).size;
            const f = r.failures[0];
            if (dupes > 0) {
              // Only a crash after a write that the restored checkpoint does not cover duplicates it.
              const from = r.checkpoints.find((c) => c.id === f.restoredFrom)?.triggeredAtMs ?? 0;
              expect(r.sinks.out.some((w) => w.atMs >= from && w.atMs <= f.atMs)).toBe(true);
              expect(r.sinks.out.some((w) => w.replayed)).toBe(true);
            }
            for (const w of r.sinks.out) if (w.replayed) expect(w.atMs).toBeGreaterThanOrEqual(f.resumedAtMs!);
          }),
          { numRuns: 50, seed: 9 },
        );
      });
    }
  }

  it('without checkpointing a crash restarts from scratch with state lost, and the result says so', () => {
    const r = runJob(job({ checkpointing: null, delivery: 'at-least-once', faults: [{ kind: 'crash', atMs: 4500 }] }));
    expect(r.failures).toEqual([expect.objectContaining({ atMs: 4500, restoredFrom: null, resumedAtMs: 5000, stateLost: true })]);
    expect(r.notes.map((n) => n.message).join('\n')).toMatch(/restarted from the beginning/);
    const all = everything(r);
    expect(all.length).toBeGreaterThan(new Set(all).size); // windows before the crash are written again
  });

  it('an exactly-once sink makes records visible only when a checkpoint completes', () => {
    const r = runJob(job());
    const completions = r.checkpoints.filter((c) => c.status === 'completed').map((c) => c.completedAtMs!);
    for (const w of r.sinks.out) {
      expect(w.visibleAtMs).not.toBeNull();
      expect(w.visibleAtMs!).toBeGreaterThanOrEqual(w.atMs);
      // visible at the first completion after the write, or at the end of input
      const next = completions.find((t) => t >= w.atMs);
      if (next !== undefined) expect(w.visibleAtMs).toBeLessThanOrEqual(next);
    }
  });
});

describe('§2.9 checkpoint mechanics (dataflow)', () => {
  it('aligned barriers under backpressure: alignment takes time and no in-flight data is stored', () => {
    const r = runJob(job({ mapCostMs: 15, checkpointing: { intervalMs: 1000, mode: 'aligned' } }));
    const done = r.checkpoints.filter((c) => c.status === 'completed');
    expect(done.length).toBeGreaterThan(3);
    expect(done.every((c) => c.inflightRecords === 0)).toBe(true);
    const startDelays = done.map((c) => (c.operators as Record<string, { startDelayMs: number }>).w.startDelayMs);
    expect(Math.max(...startDelays)).toBeGreaterThan(0); // barriers wait behind queued records
  });

  it('unaligned barriers overtake in-flight records, which are stored with the checkpoint and restored', () => {
    const r = runJob(job({ mapCostMs: 15, checkpointing: { intervalMs: 1000, mode: 'unaligned' } }));
    const done = r.checkpoints.filter((c) => c.status === 'completed');
    expect(done.some((c) => (c.inflightRecords as number) > 0)).toBe(true);
    for (const c of done) for (const o of Object.values(c.operators as Record<string, { alignmentMs: number }>)) expect(o.alignmentMs).toBe(0);
  });

  it('a checkpoint that takes longer than timeoutMs expires and fails', () => {
    const r = runJob(job({ mapCostMs: 15, checkpointing: { intervalMs: 1000, timeoutMs: 5 } }));
    const failed = r.checkpoints.filter((c) => c.status === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0].reason).toMatch(/expired after 5 ms/);
  });

  it('min pause: the next checkpoint starts no sooner than minPauseMs after the last one completed', () => {
    const r = runJob(job({ mapCostMs: 15, checkpointing: { intervalMs: 200, minPauseMs: 700 } }));
    const done = r.checkpoints.filter((c) => c.status === 'completed').sort((a, b) => a.id - b.id);
    expect(done.length).toBeGreaterThan(2);
    for (let i = 1; i < done.length; i++) expect(done[i].triggeredAtMs).toBeGreaterThanOrEqual(done[i - 1].completedAtMs! + 700);
  });

  it('a savepoint is taken on demand, also with checkpointing off', () => {
    const r = runJob(job({ checkpointing: null, faults: [{ kind: 'savepoint', atMs: 2500 }] }));
    expect(r.checkpoints).toEqual([expect.objectContaining({ kind: 'savepoint', triggeredAtMs: 2500, status: 'completed' })]);
  });

  it('a window that fires again from restored state is marked replayed, so every repeat a sink sees is flagged', () => {
    // Windows fire at x.4 s, checkpoints complete at x.0 s: each crash comes after a firing that the
    // restored state has not seen, so that firing happens again.
    for (const atMs of [2600, 3700, 4700]) {
      const r = runJob(job({ delivery: 'at-least-once', faults: [{ kind: 'crash', atMs }] }));
      const seen = new Set<string>();
      let repeats = 0;
      for (const w of r.sinks.out) {
        const k = rowKey(w.record);
        if (seen.has(k)) {
          repeats++;
          expect(w.replayed, `${k} written again after the crash at ${atMs}`).toBe(true);
        }
        seen.add(k);
      }
      expect(repeats).toBeGreaterThan(0);
      // Results first written after the restore, from state and replayed input, are not all repeats.
      expect(r.sinks.out.filter((w) => !w.replayed && w.atMs > atMs).length).toBeGreaterThan(0);
    }
  });

  it('recovery rolls state back to the checkpoint and replays the sources from its offsets', () => {
    const r = runJob(job({ delivery: 'at-least-once', faults: [{ kind: 'crash', atMs: 3700 }] }));
    expect(r.failures).toEqual([expect.objectContaining({ atMs: 3700, restoredFrom: 3, resumedAtMs: 4200 })]);
    expect(r.sinks.out.filter((w) => w.replayed).length).toBeGreaterThan(0);
  });
});

function lastActivity(r: Result): number {
  return Math.max(0, ...r.sinks.out.map((w) => w.atMs));
}

describe('§2.9 aligned barriers hold an input even when the task is idle', () => {
  // Partition 0 is backlogged at its map lane (10 ms a record), so its barrier reaches the window
  // long after partition 1's. Partition 1's records after the checkpoint reach an idle window task:
  // they must wait for the alignment, not enter the snapshot (or a restore would count them twice).
  const records = [
    ...Array.from({ length: 100 }, (_, i) => ({ at: 900 + i, ts: 900 + i, key: 'a', partition: 0 })),
    { at: 100, ts: 100, key: 'b', partition: 1 },
    { at: 1005, ts: 1005, key: 'b', partition: 1 },
    { at: 1010, ts: 1010, key: 'b', partition: 1 },
    // later input keeps the job running past the checkpoint's completion
    { at: 3000, ts: 3000, key: 'c', partition: 0 },
    { at: 3000, ts: 3000, key: 'c', partition: 1 },
  ];
  const jobWith = (faults: unknown[]) =>
    jobSchema.parse({
      format: 'streamlab.job/v1',
      mode: 'dataflow',
      settings: { seed: 1, dataflow: { bufferCapacity: 200, checkpointing: { intervalMs: 1000, mode: 'aligned' }, restart: { kind: 'fixedDelay', delayMs: 100, attempts: 1 } } },
      nodes: [
        { id: 'src', kind: 'source', params: { partitions: 2, records } },
        { id: 'wm', kind: 'watermark', params: { delayMs: 0 } },
        { id: 'm', kind: 'map', costMs: 10, params: { fields: { key: 'key' } } },
        { id: 'kb', kind: 'keyBy', params: { key: 'key' } },
        { id: 'w', kind: 'window', params: { assigner: { kind: 'tumbling', sizeMs: 10_000 }, aggregate: { fn: 'count', as: 'count' } } },
        { id: 'out', kind: 'sink', params: { connector: 'kafka', delivery: 'exactly-once' } },
      ],
      edges: [
        { from: 'src', to: 'wm' },
        { from: 'wm', to: 'm' },
        { from: 'm', to: 'kb' },
        { from: 'kb', to: 'w' },
        { from: 'w', to: 'out' },
      ],
      faults,
    });

  it('the snapshot leaves out what came after the barrier, so a restore counts it once', () => {
    const clean = runJob(jobWith([]));
    const first = clean.checkpoints.find((c) => c.status === 'completed')!;
    expect((first.operators as Record<string, { alignmentMs: number }>).w.alignmentMs).toBeGreaterThan(500);
    const crashed = runJob(jobWith([{ kind: 'crash', atMs: first.completedAtMs! + 10 }]));
    expect(crashed.failures[0]?.restoredFrom).toBe(first.id);
    expect(committed(crashed)).toEqual(committed(clean));
    expect(committed(clean)).toEqual(['a|0|100', 'b|0|3', 'c|0|2']);
  });
});
