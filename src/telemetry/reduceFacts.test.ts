import { describe, expect, it } from 'vitest';
import type { Fact } from '../model/index.ts';
import { edgeKey } from '../model/index.ts';
import { emptyRunData, KEEP_ROWS, KEEP_SAMPLES, reduceFacts } from './reduceFacts.ts';
import { explain } from '../ui/run/explain.ts';

const facts: Fact[] = [
  { type: 'record.emitted', atMs: 100, from: 'src', to: 'win', fromPort: 'out', count: 3 },
  { type: 'record.emitted', atMs: 200, from: 'src', to: 'win', fromPort: 'out', count: 2 },
  { type: 'watermark.advanced', atMs: 200, node: 'win', watermarkMs: 1000 },
  { type: 'watermark.advanced', atMs: 400, node: 'win', watermarkMs: 9999 },
  { type: 'window.fired', atMs: 400, node: 'win', key: 'a', windowStartMs: 0, windowEndMs: 10000, pane: 'onTime', paneIndex: 0, record: { key: 'a', windowStart: 0, windowEnd: 10000, count: 5 } },
  { type: 'record.written', atMs: 400, node: 'out', write: { record: { count: 5 }, atMs: 400, visibleAtMs: 400 } },
  { type: 'record.late', atMs: 500, node: 'win', record: { ts: 900 }, watermarkMs: 9999, to: 'late' },
];

describe('reduceFacts', () => {
  it('sums flows, keeps the last watermark, appends writes and late records', () => {
    const s = reduceFacts(emptyRunData(), facts);
    expect(s.flows[edgeKey('src', 'out', 'win')]).toBe(5);
    expect(s.counts.src!.out).toBe(5);
    expect(s.counts.win).toEqual({ in: 5, out: 0, late: 1, fired: 1 });
    expect(s.watermarks.win).toBe(9999);
    expect(s.sinks.out).toHaveLength(1);
    expect(s.lateRecords[0]!.to).toBe('late');
    expect(s.nowMs).toBe(500);
    expect(s.lastSignificant).toEqual({ kind: 'fact', fact: facts[6] });
    expect(s.lateTotals).toEqual({ late: 1 });
    expect(s.firstEmitted).toEqual({ win: { '0:10000': 400 } });
  });

  it('gives the same state in one batch or in many (frames do not change the outcome)', () => {
    const once = reduceFacts(emptyRunData(), facts);
    const stepwise = facts.reduce((s, f) => reduceFacts(s, [f]), emptyRunData());
    expect(stepwise).toEqual(once);
  });

  it('leaves untouched collections as they were (narrow subscribers do not re-render)', () => {
    const a = reduceFacts(emptyRunData(), facts);
    const b = reduceFacts(a, [{ type: 'watermark.advanced', atMs: 600, node: 'win', watermarkMs: 12000 }]);
    expect(b.counts).toBe(a.counts);
    expect(b.sinks).toBe(a.sinks);
    expect(b.watermarks).not.toBe(a.watermarks);
  });

  it('keeps at most KEEP_ROWS points of history, however many come in one fold', () => {
    const wm = (i: number): Fact => ({ type: 'watermark.advanced', atMs: i, node: 'w', watermarkMs: i });
    const s = reduceFacts(emptyRunData(), Array.from({ length: KEEP_ROWS + 10 }, (_, i) => wm(i)));
    expect(s.watermarkHistory.w).toHaveLength(KEEP_ROWS);
    expect(s.watermarkHistory.w!.at(-1)).toEqual([KEEP_ROWS + 9, KEEP_ROWS + 9]);
  });

  it('logs metrics samples evenly over the run, at most KEEP_SAMPLES of them, and the latest', () => {
    const at = (s: ReturnType<typeof reduceFacts>) => s.sampleLog.map((f) => f.atMs / 1000);
    const samples = (from: number, n: number): Fact[] => Array.from({ length: n }, (_, i) => ({ type: 'metrics.sampled', atMs: (from + i) * 1000, periodMs: 1000, operators: {}, edges: {}, sourceLag: {} }));
    const early = reduceFacts(emptyRunData(), samples(0, 10));
    expect(at(early)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const late = reduceFacts(early, samples(10, 1493)); // samples 0 … 1502
    expect(late.sampleStride).toBe(4);
    expect(at(late).slice(0, 3)).toEqual([0, 4, 8]);
    expect(at(late).slice(-3)).toEqual([1496, 1500, 1502]);
    expect(late.sampleLog.length).toBeLessThanOrEqual(KEEP_SAMPLES + 1);
    // In one fold or sample by sample: the same log.
    expect(at(samples(0, 1503).reduce((s, f) => reduceFacts(s, [f]), emptyRunData()))).toEqual(at(late));
  });
});

describe('transactions', () => {
  it('keeps what became of each transaction and narrates a commit with its checkpoint', () => {
    const write = (txn: number, count: number): Fact => ({ type: 'record.written', atMs: 100 * txn, node: 'out', write: { record: { count }, atMs: 100 * txn, visibleAtMs: null, txn } });
    const s = reduceFacts(emptyRunData(), [
      write(1, 1), write(1, 2), write(2, 3),
      { type: 'checkpoint.completed', atMs: 5000, checkpoint: { id: 1, kind: 'checkpoint', triggeredAtMs: 4000, completedAtMs: 5000, status: 'completed' } },
      { type: 'transaction.committed', atMs: 5000, node: 'out', txn: 1 },
      { type: 'transaction.aborted', atMs: 6000, node: 'out', txn: 2 },
    ]);
    expect(s.txns.out).toEqual({ 1: { committed: true, atMs: 5000 }, 2: { committed: false, atMs: 6000 } });
    expect(explain(s.lastSignificant)).toBe('At 6 s, out aborted transaction 2: its 1 record will never be visible to read-committed readers.');
    const committed = reduceFacts(emptyRunData(), [write(1, 1), write(1, 2),
      { type: 'checkpoint.completed', atMs: 5000, checkpoint: { id: 1, kind: 'checkpoint', triggeredAtMs: 4000, completedAtMs: 5000, status: 'completed' } },
      { type: 'transaction.committed', atMs: 5000, node: 'out', txn: 1 }]);
    expect(explain(committed.lastSignificant)).toBe('At 5 s, checkpoint 1 completed, so out committed transaction 1: its 2 records are now visible to read-committed readers.');
  });
});

const sample = (status: 'OK' | 'LOW' | 'HIGH', backPressuredMsPerSecond: number) => ({
  busyMsPerSecond: 100, backPressuredMsPerSecond, idleMsPerSecond: 0, status, recordsIn: 10, recordsOut: 10, queued: 8,
});
const sampled = (atMs: number, ops: Record<string, ReturnType<typeof sample>>): Fact => ({ type: 'metrics.sampled', atMs, periodMs: 1000, operators: ops, edges: {}, sourceLag: {} });

describe('explain', () => {
  it('narrates firings with their pane, and the two paths of late records', () => {
    expect(explain({ kind: 'fact', fact: facts[4]! })).toBe('At 400 ms, win emitted the on-time pane of window [0 s, 10 s) for key "a": count = 5.');
    const late = facts[6] as Extract<Fact, { type: 'record.late' }>;
    expect(explain({ kind: 'fact', fact: late })).toContain('to the "late" side output');
    expect(explain({ kind: 'fact', fact: { ...late, to: 'dropped' } })).toContain('dropped a record with event time 900 ms');
    expect(explain({ kind: 'fact', fact: { ...(facts[4] as Extract<Fact, { type: 'window.fired' }>), pane: 'late', paneIndex: 2 } })).toContain('emitted a late pane (pane 3) of window');
  });

  it('explains the watermark a batch used from the max event time and the delay, and what it emitted', () => {
    const s = reduceFacts(emptyRunData(), [
      { type: 'watermark.advanced', atMs: 19_050, node: 'wm', watermarkMs: 12_000 },
      { type: 'batch.started', atMs: 20_000, batchId: 4, watermarkMs: 12_000, inputRecords: 3, noData: false },
      { type: 'window.fired', atMs: 20_030, node: 'win', key: 'a', windowStartMs: 0, windowEndMs: 10_000, pane: null, paneIndex: 4, record: { count: 2 } },
      { type: 'window.fired', atMs: 20_030, node: 'win', key: 'b', windowStartMs: 0, windowEndMs: 10_000, pane: null, paneIndex: 4, record: { count: 1 } },
      { type: 'watermark.advanced', atMs: 20_050, node: 'wm', watermarkMs: 15_000 },
      { type: 'batch.completed', atMs: 20_050, batch: { batchId: 4, startMs: 20_000, endMs: 20_050, inputRecords: 3, watermarkMs: 12_000 } },
    ]);
    expect(explain(s.lastSignificant, { delays: { wm: 10_000 } })).toBe(
      'Batch 4 read 3 records and used watermark 12 s = max event time 22 s − delay 10 s, so window [0 s, 10 s) was emitted; it ran 20 s → 20.05 s.',
    );
    const quiet = reduceFacts(s, [
      { type: 'batch.started', atMs: 21_000, batchId: 5, watermarkMs: 15_000, inputRecords: 1, noData: false },
      { type: 'batch.completed', atMs: 21_050, batch: { batchId: 5, startMs: 21_000, endMs: 21_050, inputRecords: 1, watermarkMs: 15_000 } },
    ]);
    expect(explain(quiet.lastSignificant, { delays: { wm: 10_000 } })).toContain('used watermark 15 s = max event time 25 s − delay 10 s, so no window closed');
  });

  it('narrates checkpoints, failures and both kinds of restore', () => {
    expect(explain({ kind: 'fact', fact: { type: 'checkpoint.completed', atMs: 5120, checkpoint: { id: 2, kind: 'checkpoint', triggeredAtMs: 5000, completedAtMs: 5120, status: 'completed' } } }))
      .toBe('At 5.12 s, checkpoint 2 completed in 120 ms: a restart would resume from here.');
    expect(explain({ kind: 'fact', fact: { type: 'job.failed', atMs: 12_030, node: 'count' } })).toBe('At 12.03 s, the task running count failed.');
    expect(explain({ kind: 'fact', fact: { type: 'job.restored', atMs: 13_030, failure: { atMs: 12_030, node: 'count', restoredFrom: 2, resumedAtMs: 13_030 } } }))
      .toContain('from checkpoint 2');
    expect(explain({ kind: 'fact', fact: { type: 'job.restored', atMs: 13_030, failure: { atMs: 12_030, node: null, restoredFrom: 10, resumedAtMs: 13_030, rerunBatchId: 11 } } }))
      .toContain('batch 11 had no commit log entry, so it runs again with the same offsets and watermark');
  });

  it('narrates back pressure status changes, the worst first', () => {
    const a = reduceFacts(emptyRunData(), [sampled(1000, { src: sample('OK', 0), slow: sample('OK', 0) })]);
    expect(a.lastSignificant).toBeNull();
    const b = reduceFacts(a, [sampled(2000, { src: sample('HIGH', 800), slow: sample('LOW', 200) })]);
    expect(explain(b.lastSignificant)).toBe('At 2 s, src is back-pressured HIGH (80 % of the time waiting for buffers downstream); it was OK.');
    const c = reduceFacts(b, [sampled(3000, { src: sample('OK', 0), slow: sample('LOW', 200) })]);
    expect(explain(c.lastSignificant)).toBe('At 3 s, src is no longer back-pressured; it was HIGH.');
  });
});
