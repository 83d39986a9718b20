// Scenario 7b, checkpoints under backpressure: a slow window fills every buffer in front of it.
// Aligned barriers travel in line with the data, so they wait behind everything queued and each
// checkpoint takes seconds (start delay); unaligned barriers overtake the buffers, which are stored
// with the checkpoint as in-flight data, and checkpoints finish at once (spec §2.9). Smaller buffers
// shorten aligned checkpoints; a short timeout makes them expire.
import { describe, expect, it } from 'vitest';
import type { CheckpointEntry, Result } from '../../model/index.ts';
import { runScenario, type Patch } from '../test-support/scenarios.ts';

const ID = 'checkpoints-under-backpressure';
const checkpointing = (change: Record<string, unknown>): Patch => (doc) => {
  Object.assign(doc.settings.dataflow.checkpointing, change);
};

type Entry = CheckpointEntry & { inflightRecords?: number; operators?: Record<string, { startDelayMs: number; alignmentMs: number }> };
const completed = (r: Result) => r.checkpoints.filter((c) => c.status === 'completed') as Entry[];
const duration = (c: CheckpointEntry) => c.completedAtMs! - c.triggeredAtMs;

describe(`scenario ${ID}`, () => {
  const aligned = runScenario(ID, 'dataflow').result;
  const unaligned = runScenario(ID, 'dataflow', checkpointing({ mode: 'unaligned' })).result;

  it('the source is back-pressured (the window is the bottleneck)', () => {
    const samples = (aligned.metrics.operators as Record<string, { atMs: number; status: string }[]>).clicks;
    expect(samples.filter((s) => s.atMs >= 8000 && s.atMs <= 16_000).every((s) => s.status === 'HIGH')).toBe(true);
  });

  it('aligned: barriers wait behind the buffered clicks — checkpoints take seconds, nothing in flight is stored', () => {
    const list = completed(aligned);
    expect(list.length).toBeGreaterThanOrEqual(3);
    for (const c of list.slice(1)) {
      expect(duration(c)).toBeGreaterThan(5000);
      expect(c.operators!.count.startDelayMs).toBeGreaterThan(4000);
    }
    for (const c of list) expect(c.inflightRecords).toBe(0);
  });

  it('unaligned: barriers overtake the buffers — checkpoints take ~100 ms and store the in-flight clicks', () => {
    const list = completed(unaligned);
    for (const c of list) {
      expect(duration(c)).toBeLessThanOrEqual(101);
      expect(c.operators!.count.alignmentMs).toBe(0);
    }
    expect(Math.max(...list.map((c) => c.inflightRecords!))).toBeGreaterThan(20);
    expect(list.length).toBeGreaterThan(completed(aligned).length); // more checkpoints complete
    expect(Math.max(...completed(aligned).map(duration))).toBeGreaterThan(10 * Math.max(...list.map(duration)));
  });

  it('either way the exactly-once sink publishes the same counts, only at checkpoint completions (or the end)', () => {
    const visible = (r: Result) => r.sinks.out.map((w) => `${w.record.key}[${w.record.windowStart}]=${w.record.clicks}`).sort();
    expect(visible(aligned)).toEqual(visible(unaligned));
    for (const r of [aligned, unaligned]) {
      const commits = new Set(completed(r).map((c) => c.completedAtMs));
      const end = Math.max(...r.sinks.out.map((w) => w.atMs));
      for (const w of r.sinks.out) expect(commits.has(w.visibleAtMs) || w.visibleAtMs === end).toBe(true);
    }
  });

  it('“try” — smaller buffers shorten aligned checkpoints; a 4 s timeout makes them expire', () => {
    const small = completed(runScenario(ID, 'dataflow', (doc) => void (doc.settings.dataflow.bufferCapacity = 2)).result);
    expect(Math.max(...small.map(duration))).toBeLessThan(Math.max(...completed(aligned).map(duration)));
    const strict = runScenario(ID, 'dataflow', checkpointing({ timeoutMs: 4000 })).result;
    const expired = strict.checkpoints.filter((c) => c.status === 'failed' && /expired/.test(String(c.reason)));
    expect(expired.length).toBeGreaterThanOrEqual(3);
  });
});
