// The machinery fold over a real run: barriers appear on edges and leave when they arrive,
// aligned operators show their blocked inputs until they snapshot, a crash clears the barriers
// and records what must be replayed, failed batch attempts are kept.
import { describe, expect, it } from 'vitest';
import type { Fact, FactOf } from '../model/index.ts';
import { runScenario } from '../engine/test-support/scenarios.ts';
import { emptyRunData, reduceFacts, type RunData } from './reduceFacts.ts';
import { replaying } from './machinery.ts';

/** The run's facts folded up to (and including) processing time `atMs`, in hand-overs of 50. */
function foldUntil(facts: readonly Fact[], atMs: number): RunData {
  let s = emptyRunData();
  const upTo = facts.filter((f) => f.atMs <= atMs);
  for (let i = 0; i < upTo.length; i += 50) s = reduceFacts(s, upTo.slice(i, i + 50));
  return s;
}

describe('machinery fold', () => {
  const aligned = runScenario('checkpoints-under-backpressure', 'dataflow').allFacts;

  it('an aligned barrier sits on its edge with records in front, and the window blocks the input whose barrier came first', () => {
    const first = aligned.find((f) => f.type === 'barrier.received' && f.node === 'count' && f.blocked && f.id === 2)!;
    const before = foldUntil(aligned, first.atMs - 1);
    const onEdge = before.machinery.barriers['byPage->count'];
    expect(onEdge?.[0]).toMatchObject({ id: 2, unaligned: false });
    expect(onEdge![0].aheadAtSend).toBeGreaterThan(0);
    const at = foldUntil(aligned, first.atMs);
    expect(at.machinery.nodes.count).toMatchObject({ id: 2, snapshotAtMs: null });
    expect(at.machinery.nodes.count.blocked.length).toBe(1);
    const snap = aligned.find((f) => f.type === 'snapshot.taken' && f.node === 'count' && f.id === 2)!;
    const after = foldUntil(aligned, snap.atMs);
    expect(after.machinery.nodes.count.blocked).toEqual([]);
    expect(after.machinery.nodes.count.snapshotAtMs).toBe(snap.atMs);
    expect(after.machinery.barriers['byPage->count']?.some((b) => b.id === 2) ?? false).toBe(false);
  });

  it('the sink shows the transaction it pre-committed; sources their partitions; the window its two input channels', () => {
    const s = foldUntil(aligned, 12_000);
    expect(s.machinery.precommitted.out?.checkpointId).toBeGreaterThan(0);
    expect(s.machinery.partitions.clicks.length).toBe(2);
    expect(s.machinery.channels.count.inputs.length).toBe(2);
  });

  it('a crash clears the barriers and alignments; after the restore the sources replay until they catch up', () => {
    const facts = runScenario('checkpoints-under-backpressure', 'dataflow', (doc) => void (doc.faults = [{ kind: 'crash', atMs: 9000 }])).allFacts;
    const crashed = foldUntil(facts, 9000);
    expect(crashed.machinery.barriers).toEqual({});
    expect(crashed.machinery.nodes).toEqual({});
    expect(crashed.machinery.replayUntil.clicks.every((n) => n > 0)).toBe(true);
    const resumed = foldUntil(facts, 11_000);
    expect(replaying(resumed.machinery, 'clicks', 0) || replaying(resumed.machinery, 'clicks', 1)).toBe(true);
    const end = foldUntil(facts, Infinity);
    expect(replaying(end.machinery, 'clicks', 0)).toBe(false);
  });

  it('micro-batch: the attempt a crash cut short is kept as a failed batch', () => {
    const facts = runScenario('fault-recovery', 'microbatch').allFacts;
    const s = foldUntil(facts, Infinity);
    const failed = facts.filter((f) => f.type === 'batch.failed').length;
    expect(failed).toBe(1); // the crash at 12 030 falls inside a batch
    expect(s.machinery.failedBatches.length).toBe(failed);
  });
});

describe('machinery fold: the restore', () => {
  it('moves the offset markers back to the restored checkpoint’s offsets at the moment of the restore', () => {
    const facts = runScenario('fault-recovery', 'dataflow').allFacts;
    const restored = facts.find((f) => f.type === 'job.restored')!;
    const before = foldUntil(facts, restored.atMs - 1);
    const at = foldUntil(facts, restored.atMs);
    const offsets = (restored as FactOf<"job.restored">).failure.sourceOffsets as Record<string, number[]>;
    expect(at.machinery.partitions.rides.map((p) => p.offset)).toEqual(offsets.rides);
    expect(offsets.rides[0]).toBeLessThan(before.machinery.partitions.rides[0].offset);
    expect(replaying(at.machinery, 'rides', 0)).toBe(true);
  });
});
