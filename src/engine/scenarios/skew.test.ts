// Scenario "Skew: one hot key": a Zipf-skewed key stream counted by a window with four subtasks.
// keyBy sends all of one key to one subtask, so in dataflow that subtask saturates while the
// others idle, and credit-based flow control back-pressures the shared inputs up to the source
// (spec §2.8); in micro-batch the stateful stage's shuffle task holding the hot key straggles and
// the batch lasts as long as it (job-format "Parallelism", micro-batch).
import { describe, expect, it } from 'vitest';
import type { OperatorSample, SubtaskEntry } from '../../model/index.ts';
import { nodeOf, runScenario } from '../test-support/scenarios.ts';

const ID = 'skew';
const LESSON_BY_MS = 30_000; // the lesson shows within the first 30 s at 1× speed

type Sample = OperatorSample & { atMs: number };
type Task = { stage: string; partition: number; rows: number; durationMs: number };

const busyShare = (s: SubtaskEntry) => s.busyMs / (s.busyMs + s.backpressuredMs + s.idleMs);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

describe(`scenario ${ID}`, () => {
  it('dataflow: one window subtask is busy all the time, the other three mostly idle', () => {
    const run = runScenario(ID, 'dataflow');
    const count = run.result.subtasks!.count!;
    expect(count).toHaveLength(4);
    const shares = count.map(busyShare).sort((a, b) => b - a);
    expect(shares[0]).toBeGreaterThan(0.95);
    for (const s of shares.slice(1)) expect(s).toBeLessThan(0.2);
    // Flink's data-skew score: (max − mean) / mean of the records the subtasks received.
    const records = count.map((s) => s.records);
    const mean = records.reduce((a, b) => a + b, 0) / records.length;
    expect((Math.max(...records) - mean) / mean).toBeGreaterThan(1.5);
  });

  it('dataflow: the hot subtask back-pressures the source (HIGH) and the source lag grows', () => {
    const run = runScenario(ID, 'dataflow');
    const m = run.result.metrics;
    const source = (m.operators as Record<string, Sample[]>).clicks!.filter((s) => s.atMs >= 5000 && s.atMs <= 25_000);
    expect(source.length).toBeGreaterThan(10);
    for (const s of source) expect(s.status).toBe('HIGH');
    const sub = run.result.subtasks!;
    expect(sub.clicks![0]!.backpressuredMs / LESSON_BY_MS).toBeGreaterThan(0.8);
    const lag = (m.sourceLag as Record<string, [number, number][]>).clicks!;
    const at = (t: number) => lag.find(([ms]) => ms === t)![1];
    expect(at(10_000)).toBeGreaterThan(at(5000));
    expect(at(20_000)).toBeGreaterThan(at(10_000));
  });

  it('dataflow without the skew: no subtask saturates and nothing is back-pressured', () => {
    const run = runScenario(ID, 'dataflow', (doc) => {
      delete nodeOf(doc, 'clicks').params.generator.keySkew;
    });
    for (const s of run.result.subtasks!.count!) expect(busyShare(s)).toBeLessThan(0.9);
    const source = (run.result.metrics.operators as Record<string, Sample[]>).clicks!;
    expect(source.filter((s) => s.status === 'HIGH').length).toBeLessThan(source.length / 2);
  });

  it('micro-batch: in most batches one straggler task of the count stage takes far longer than the median task', () => {
    const run = runScenario(ID, 'microbatch');
    const batches = run.batches.filter((b) => b.endMs <= LESSON_BY_MS && b.inputRecords >= 10);
    expect(batches.length).toBeGreaterThanOrEqual(8);
    let straggling = 0;
    for (const b of batches) {
      const tasks = (b.tasks as Task[]).filter((t) => t.stage === 'count');
      expect(tasks).toHaveLength(4); // shufflePartitions 4
      const durations = tasks.map((t) => t.durationMs);
      if (Math.max(...durations) >= 2.5 * median(durations)) straggling++;
    }
    expect(straggling / batches.length).toBeGreaterThan(0.8);
  });
});
