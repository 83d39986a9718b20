// Scenario 9, the team-score example of Streaming Systems (Akidau, Chernyak, Lax): the nine TeamX
// scores of /work/shared/data/streaming-systems-scores.json, summed in 2-minute event-time windows,
// with the book's perfect and heuristic watermark schedules as punctuated watermarks (dataflow).
// Perfect: every window fires once, complete, late. Heuristic: earlier, but Frank's 9 misses the first
// window and goes to the late side output; allowed lateness brings it back as a late firing.
// In micro-batch mode Spark ignores punctuated watermarks (the validation warning is the point).
import { describe, expect, it } from 'vitest';
import type { Row } from '../../model/index.ts';
import { nodeOf, parseScenario, readScenario, runScenario } from '../test-support/scenarios.ts';

const MIN = 60_000;
const SCORES = [5, 7, 3, 4, 8, 3, 9, 8, 1];
/** The book's schedules (at → watermark), as in the data set. */
const SCHEDULE = {
  perfect: [[519_000, 2 * MIN], [540_000, 4 * MIN], [550_000, 6 * MIN], [560_000, 8 * MIN]],
  heuristic: [[360_000, 2 * MIN], [450_000, 4 * MIN], [460_000, 6 * MIN], [570_000, 510_000]],
} as const;

const totals = (rows: Row[]) => rows.map((r) => `[${(r.windowStart as number) / MIN}m,${(r.windowEnd as number) / MIN}m)=${r.score} ${r.pane}`);

describe('scenarios team-score-perfect and team-score-heuristic', () => {
  it('hold the nine scores of the data set, with their event and arrival times, and its watermark schedules', () => {
    for (const kind of ['perfect', 'heuristic'] as const) {
      const items = readScenario(`team-score-${kind}`).nodes[0].params.records as ({ ts: number; at: number; value: number } | { watermark: number; at: number })[];
      const records = items.filter((i): i is { ts: number; at: number; value: number } => 'ts' in i);
      expect(records.map((r) => r.value)).toEqual(SCORES);
      const marks = items.filter((i): i is { watermark: number; at: number } => 'watermark' in i).map((w) => [w.at, w.watermark]);
      const schedule = SCHEDULE[kind];
      expect(marks).toEqual([...schedule, [600_000, schedule[schedule.length - 1][1]]]); // input ends at 12:10
    }
  });

  it('perfect: each window fires once, on time and complete (14, 18, 4, 12), when the watermark passes it; nothing is late', () => {
    const run = runScenario('team-score-perfect', 'dataflow');
    expect(totals(run.sinkRecords('out'))).toEqual(['[0m,2m)=14 onTime', '[2m,4m)=18 onTime', '[4m,6m)=4 onTime', '[6m,8m)=12 onTime']);
    expect(run.sinkWrites('out').map((w) => w.atMs)).toEqual(SCHEDULE.perfect.map(([at]) => at));
    expect(run.result.lateRecords).toEqual([]);
    expect(run.sinkRecords('lateOut')).toEqual([]);
    expect(run.watermarks('total').slice(0, 4)).toEqual(SCHEDULE.perfect.map(([at, wm]) => [at, wm]));
    // Complete: every score is counted in its window.
    expect(run.sinkRecords('out').reduce((n, r) => n + (r.score as number), 0)).toBe(SCORES.reduce((a, b) => a + b, 0));
  });

  it('heuristic: the first window fires at 12:06 with 5 and Frank’s 9 goes to the late side output; the next two fire earlier than with the perfect watermark', () => {
    const run = runScenario('team-score-heuristic', 'dataflow');
    expect(totals(run.sinkRecords('out'))).toEqual(['[0m,2m)=5 onTime', '[2m,4m)=18 onTime', '[4m,6m)=4 onTime', '[6m,8m)=12 onTime']);
    expect(run.sinkWrites('out').map((w) => w.atMs)).toEqual(SCHEDULE.heuristic.map(([at]) => at));
    expect(run.sideOutput('total', 'late').map((e) => [e.record.name, e.record.value, e.atMs])).toEqual([['Frank', 9, 499_000]]);
    expect(run.sinkRecords('lateOut').map((r) => r.value)).toEqual([9]);
    const perfect = runScenario('team-score-perfect', 'dataflow').sinkWrites('out');
    const heuristic = run.sinkWrites('out');
    for (const i of [0, 1, 2]) expect(heuristic[i].atMs).toBeLessThan(perfect[i].atMs);
  });

  it('“try” — heuristic with 5 minutes of allowed lateness: the 9 fires the first window again with 14', () => {
    const run = runScenario('team-score-heuristic', 'dataflow', (doc) => void (nodeOf(doc, 'total').params.allowedLatenessMs = 300_000));
    const first = run.sinkWrites('out').filter((w) => w.record.windowStart === 0);
    expect(first.map((w) => [w.atMs, w.record.score, w.record.pane])).toEqual([
      [360_000, 5, 'onTime'],
      [499_000, 14, 'late'],
    ]);
    expect(run.result.lateRecords).toEqual([]);
  });

  it('micro-batch: the punctuated watermarks are ignored (warned and noted); a 2-minute trigger in update mode writes running totals', () => {
    for (const kind of ['perfect', 'heuristic']) {
      const id = `team-score-${kind}`;
      expect(parseScenario(id, 'microbatch').warnings.map((w) => w.message).join()).toMatch(/punctuated watermark/);
      const run = runScenario(id, 'microbatch');
      expect(run.notes('scores').join()).toMatch(/punctuated watermark items are ignored/);
      for (const b of run.batches) expect(b.startMs % (2 * MIN)).toBe(0);
      expect(run.result.lateRecords).toEqual([]);
      // The last write of each window holds its complete total.
      const last = new Map<number, number>();
      for (const r of run.sinkRecords('out')) last.set(r.windowStart as number, r.score as number);
      expect([...last.entries()].sort((a, b) => a[0] - b[0])).toEqual([
        [0, 14],
        [2 * MIN, 18],
        [4 * MIN, 4],
        [6 * MIN, 12],
      ]);
    }
  });
});
