// Scenario 8, transactions: a stateless job writing payments to Kafka crashes at 12.45 s. Flink's
// exactly-once Kafka sink (two-phase commit) makes each payment visible once, when a checkpoint
// completes; the open transaction is aborted and its payments re-written after the restore
// (spec §2.11, §2.12). Spark's Kafka sink is at-least-once: the crashed batch had written before its
// commit log entry, so its re-run writes the same payments again (§1.1, §1.10).
import { describe, expect, it } from 'vitest';
import type { Result, SinkWrite } from '../../model/index.ts';
import { nodeOf, runScenario, withoutFaults, type Patch } from '../test-support/scenarios.ts';

const ID = 'exactly-once-kafka';
const CRASH_MS = 12_450;
/** A payment by its event time (the generator gives each one its own). */
const id = (w: SinkWrite) => `${w.record.ts}:${w.record.key}:${w.record.cents}`;
const duplicates = (writes: SinkWrite[]) => {
  const seen = new Set<string>();
  return writes.filter((w) => (seen.has(id(w)) ? true : (seen.add(id(w)), false)));
};
const completions = (r: Result) => new Set(r.checkpoints.filter((c) => c.status === 'completed').map((c) => c.completedAtMs));

describe(`scenario ${ID}`, () => {
  it('dataflow: the read-committed view equals a failure-free run — every payment once', () => {
    const run = runScenario(ID, 'dataflow');
    const clean = runScenario(ID, 'dataflow', withoutFaults);
    const visible = run.sinkWrites('ledger').filter((w) => w.visibleAtMs !== null);
    expect(visible.map(id).sort()).toEqual(clean.sinkWrites('ledger').map(id).sort());
    expect(duplicates(visible)).toEqual([]);
    expect(visible).toHaveLength(100);
  });

  it('dataflow: payments become visible when a checkpoint completes (or at the end), never when written', () => {
    const run = runScenario(ID, 'dataflow');
    const commits = completions(run.result);
    const end = Math.max(...run.sinkWrites('ledger').map((w) => w.atMs));
    for (const w of run.sinkWrites('ledger')) {
      if (w.visibleAtMs === null) continue;
      if (w.visibleAtMs === end) continue; // the input ended: Flink commits what is left
      expect(w.visibleAtMs).toBeGreaterThan(w.atMs);
      expect(commits.has(w.visibleAtMs)).toBe(true);
    }
  });

  it('dataflow: the transaction open at the crash is aborted; its payments are re-read and written again', () => {
    const run = runScenario(ID, 'dataflow');
    const writes = run.sinkWrites('ledger');
    const aborted = writes.filter((w) => w.visibleAtMs === null);
    expect(aborted.length).toBeGreaterThan(0);
    const [failure] = run.result.failures;
    const restored = run.result.checkpoints.find((c) => c.id === failure.restoredFrom)!;
    for (const w of aborted) {
      expect(w.atMs).toBeGreaterThan(restored.completedAtMs!);
      expect(w.atMs).toBeLessThanOrEqual(CRASH_MS);
      const again = writes.filter((x) => id(x) === id(w) && x.visibleAtMs !== null);
      expect(again).toHaveLength(1);
      expect(again[0].replayed).toBe(true);
    }
  });

  it('micro-batch: the Kafka sink writes the crashed batch twice — the duplicates are exactly that batch', () => {
    const run = runScenario(ID, 'microbatch');
    const [failure] = run.result.failures;
    expect(failure.rerunBatchId).toBe(11);
    const writes = run.sinkWrites('ledger');
    const dups = duplicates(writes);
    const batch = writes.filter((w) => w.batchId === failure.rerunBatchId);
    expect(dups.length).toBeGreaterThan(0);
    expect(dups.length * 2).toBe(batch.length); // every row of the batch, written twice
    expect(dups.every((w) => w.batchId === failure.rerunBatchId && w.replayed === true)).toBe(true);
    // The first write happened before the crash, after addBatch — before the commit log entry.
    const first = batch.filter((w) => !w.replayed);
    for (const w of first) expect(w.atMs).toBeLessThan(CRASH_MS);
    // Every write is visible at once: Kafka has no transaction here.
    for (const w of writes) expect(w.visibleAtMs).toBe(w.atMs);
    expect(duplicates(runScenario(ID, 'microbatch', withoutFaults).sinkWrites('ledger'))).toEqual([]);
  });

  it('“try” — an at-least-once sink in dataflow duplicates what was written since the checkpoint; a crash before the write has no duplicates in micro-batch', () => {
    const atLeastOnce: Patch = (doc) => void (nodeOf(doc, 'ledger').params.delivery = 'at-least-once');
    const df = runScenario(ID, 'dataflow', atLeastOnce);
    expect(duplicates(df.sinkWrites('ledger')).length).toBeGreaterThan(0);
    const early = runScenario(ID, 'microbatch', (doc) => void (doc.faults = [{ atMs: 12_100, kind: 'crash' }]));
    expect(early.result.failures[0].rerunBatchId).toBe(11);
    expect(duplicates(early.sinkWrites('ledger'))).toEqual([]);
  });
});
