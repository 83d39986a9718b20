// The checkpoint machinery as facts (issue 13): barrier hops, alignment, snapshots and
// acknowledgements, in-flight data of unaligned checkpoints, sink pre-commits, and the sampled
// positions of barriers, input channels and source partitions. Worked from spec §2.2, §2.9, §2.11.
import { describe, expect, it } from 'vitest';
import type { Fact, FactOf, FactType } from '../../model/index.ts';
import { MIN_WATERMARK } from '../../model/index.ts';
import { harness } from '../test-support/harness.ts';
import { graph, job, keyBy, pipeline, rec, sink, source, tumbling, union, watermark } from '../test-support/jobs.ts';
import { runScenario } from '../test-support/scenarios.ts';

const ID = 'checkpoints-under-backpressure';
const of = <T extends FactType>(facts: readonly Fact[], type: T) => facts.filter((f): f is FactOf<T> => f.type === type);

describe('barrier facts under backpressure (scenario checkpoints-under-backpressure)', () => {
  const aligned = runScenario(ID, 'dataflow').allFacts;
  const unaligned = runScenario(ID, 'dataflow', (doc) => void (doc.settings.dataflow.checkpointing.mode = 'unaligned')).allFacts;

  it('aligned: a barrier leaves the source behind the buffered clicks and reaches the window only after them', () => {
    const sent = of(aligned, 'barrier.sent').filter((f) => f.id === 2);
    expect(sent.every((f) => !f.unaligned && f.overtook === 0)).toBe(true);
    const intoWindow = sent.filter((f) => f.to === 'count');
    expect(intoWindow.length).toBe(2); // one per partition lane
    expect(Math.max(...intoWindow.map((f) => f.ahead))).toBeGreaterThan(0);
    const received = of(aligned, 'barrier.received').filter((f) => f.id === 2 && f.node === 'count');
    expect(received.length).toBe(2);
    // The first of the two barriers blocks its input; the last one does not (the window snapshots).
    expect(received.map((f) => f.blocked)).toEqual([true, false]);
    // It queued behind records: it arrives long after it was sent.
    expect(received[0].atMs - Math.min(...intoWindow.map((f) => f.atMs))).toBeGreaterThan(100);
  });

  it('aligned: the window snapshots after the last barrier, with the alignment time, and acknowledges at once', () => {
    const cp = of(aligned, 'checkpoint.completed').find((f) => f.checkpoint.id === 2)!;
    const snap = of(aligned, 'snapshot.taken').find((f) => f.id === 2 && f.node === 'count')!;
    const received = of(aligned, 'barrier.received').filter((f) => f.id === 2 && f.node === 'count');
    expect(snap.atMs).toBe(received[1].atMs);
    expect(snap.alignmentMs).toBe(received[1].atMs - received[0].atMs);
    const ack = of(aligned, 'checkpoint.acknowledged').find((f) => f.id === 2 && f.node === 'count')!;
    expect(ack.atMs).toBe(snap.atMs);
    expect(ack.inflightRecords).toBe(0);
    const ops = cp.checkpoint.operators as Record<string, { alignmentMs: number; endToEndMs: number; asyncMs: number }>;
    expect(ops.count.alignmentMs).toBe(snap.alignmentMs);
    // Per-operator end-to-end: trigger → the operator's last acknowledgement → the upload.
    expect(ops.count.endToEndMs).toBe(ack.atMs - cp.checkpoint.triggeredAtMs + ops.count.asyncMs);
    expect(Math.max(...Object.values(ops).map((o) => o.endToEndMs))).toBe(cp.atMs - cp.checkpoint.triggeredAtMs);
    // Pipeline order: clicks, wm, byPage, count, out.
    expect(Object.keys(ops)).toEqual(['clicks', 'wm', 'byPage', 'count', 'out']);
  });

  it('unaligned: barriers overtake the buffered clicks, which are counted per hop and persisted by the acknowledging tasks', () => {
    const sent = of(unaligned, 'barrier.sent');
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((f) => f.unaligned && f.ahead === 0)).toBe(true);
    expect(Math.max(...sent.map((f) => f.overtook))).toBeGreaterThan(0);
    expect(of(unaligned, 'barrier.received').every((f) => !f.blocked)).toBe(true);
    for (const cp of of(unaligned, 'checkpoint.completed')) {
      const acks = of(unaligned, 'checkpoint.acknowledged').filter((f) => f.id === cp.checkpoint.id && f.atMs <= cp.atMs);
      expect(acks.reduce((n, a) => n + a.inflightRecords, 0)).toBe(cp.checkpoint.inflightRecords);
    }
    // The window snapshots on its first barrier, before it has all of them.
    const snap = of(unaligned, 'snapshot.taken').find((f) => f.id === 2 && f.node === 'count')!;
    const received = of(unaligned, 'barrier.received').filter((f) => f.id === 2 && f.node === 'count');
    expect(snap.unaligned).toBe(true);
    expect(snap.atMs).toBe(received[0].atMs);
  });

  it('the exactly-once sink pre-commits at each barrier and commits that transaction when the checkpoint completes', () => {
    const pre = of(aligned, 'transaction.precommitted');
    const completed = of(aligned, 'checkpoint.completed');
    expect(pre.length).toBeGreaterThanOrEqual(completed.length);
    for (const c of completed) {
      const p = pre.find((f) => f.checkpointId === c.checkpoint.id)!;
      expect(p.node).toBe('out');
      expect(p.atMs).toBe(of(aligned, 'snapshot.taken').find((f) => f.id === c.checkpoint.id && f.node === 'out')!.atMs);
      const commit = of(aligned, 'transaction.committed').find((f) => f.txn === p.txn)!;
      expect(commit.atMs).toBe(c.atMs);
    }
  });

  it('metrics samples place barriers on their edges with the records still in front of them (aligned only)', () => {
    const withBarrier = of(aligned, 'metrics.sampled').filter((f) => Object.keys(f.barriers ?? {}).length > 0);
    expect(withBarrier.length).toBeGreaterThan(0);
    expect(withBarrier.some((f) => Object.values(f.barriers!).some((b) => b.ahead > 0))).toBe(true);
    // A sampled barrier on an edge was sent on it and had not arrived yet.
    for (const f of withBarrier) {
      for (const [edge, b] of Object.entries(f.barriers!)) {
        const [from, to] = edge.split('->');
        const sentAt = of(aligned, 'barrier.sent').find((s) => s.id === b.id && s.from === from && s.to === to)!.atMs;
        expect(sentAt).toBeLessThanOrEqual(f.atMs);
      }
    }
  });

  it('source partitions: offset, lag and watermark each, the offsets adding up to what was read', () => {
    const samples = of(aligned, 'metrics.sampled');
    const mid = samples.find((f) => f.atMs === 10_000)!;
    const parts = mid.partitions!.clicks;
    expect(parts.length).toBe(2);
    expect(parts.every((p) => p.offset > 0 && p.watermarkMs > MIN_WATERMARK)).toBe(true);
    // Back-pressured: the lag per partition sums to the source's lag.
    expect(parts.reduce((n, p) => n + p.lag, 0)).toBe(mid.sourceLag.clicks);
    expect(mid.sourceLag.clicks).toBeGreaterThan(0);
  });
});

describe('input channels of an operator with several inputs (spec §2.2)', () => {
  // Two sources, each its own watermark, into one window: its two input channels. (Two partitions
  // of one source are not two watermarks: the source combines them before anything leaves it.)
  // `busy` gets a record every 100 ms; `quiet` one record at 0 and then nothing until 8000.
  const busy = [...Array.from({ length: 50 }, (_, i) => rec(i * 100, i * 100)), rec(1_000_000, 20_000, 'zz')];
  const quiet = [rec(0, 0), rec(8000, 8000), rec(1_000_000, 20_000, 'zz')];
  const run = (idleTimeoutMs?: number) =>
    harness(job(graph([
      pipeline(source('busy', busy), watermark('wmBusy', 0), union('u')),
      pipeline(source('quiet', quiet), watermark('wmQuiet', 0, idleTimeoutMs ? { idleTimeoutMs } : {})),
      pipeline(keyBy('kb'), tumbling('win', 10_000), sink('out')),
    ], [{ from: 'wmQuiet', to: 'u' }, { from: 'u', to: 'kb' }]))).mode('dataflow').run();
  const sampleAt = (facts: readonly Fact[], atMs: number) => of(facts, 'metrics.sampled').find((f) => f.atMs === atMs)!;

  it('without idleness the quiet partition holds the minimum', () => {
    const ch = sampleAt(run().allFacts, 3000).channels!.win;
    expect(ch.inputs.map((c) => c.from)).toEqual(['kb', 'kb']); // one channel per upstream lane
    expect(ch.inputs.map((c) => c.idle)).toEqual([false, false]);
    expect(ch.minIndex).toBe(1);
    expect(ch.inputs[1].watermarkMs).toBeLessThan(ch.inputs[0].watermarkMs);
  });

  it('after idleTimeoutMs the quiet channel is idle and left out of the minimum', () => {
    const ch = sampleAt(run(1000).allFacts, 3000).channels!.win;
    expect(ch.inputs.map((c) => c.idle)).toEqual([false, true]);
    expect(ch.minIndex).toBe(0);
  });
});
