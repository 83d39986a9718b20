// Scenario 5b, allowed lateness: a 10 s count window with 5 s of allowed lateness. Flink fires the
// window on time, keeps its state until the watermark passes end − 1 + lateness, fires it again for
// each late click in between (pane late, accumulating), and sends later clicks to the side output
// (spec §2.5, §2.6). Spark has no allowed lateness: each window is written once in append mode (§1.6).
import { describe, expect, it } from 'vitest';
import { nodeOf, runScenario } from '../test-support/scenarios.ts';

const ID = 'allowed-lateness';
const pane = (r: Record<string, unknown>) => `[${r.windowStart},${r.windowEnd})=${r.count} ${r.pane}#${r.paneIndex}`;

describe(`scenario ${ID}`, () => {
  it('dataflow: the first window fires on time with 5, then late with 6 and 7; the click from 2 s goes to the side output', () => {
    const run = runScenario(ID, 'dataflow');
    const first = run.sinkWrites('out').filter((w) => w.record.windowStart === 0);
    expect(first.map((w) => pane(w.record))).toEqual(['[0,10000)=5 onTime#0', '[0,10000)=6 late#1', '[0,10000)=7 late#2']);
    expect(first.map((w) => w.atMs)).toEqual([11_200, 12_500, 15_000]); // late firings at once, on arrival
    expect(run.sideOutput('count', 'tooLate').map((e) => [e.record.ts, e.atMs])).toEqual([[2000, 18_000]]);
    expect(run.sinkRecords('tooLateOut').map((r) => r.ts)).toEqual([2000]);
    // The click went to the side output only after the window's cleanup time (end − 1 + 5 s) had passed.
    const [late] = run.late('count');
    expect(late.watermarkMs).toBeGreaterThanOrEqual(9999 + 5000);
    expect(run.result.droppedLate).toEqual({});
  });

  it('dataflow: every late firing is within the allowed lateness, and no window fires after its cleanup', () => {
    const run = runScenario(ID, 'dataflow');
    const wm = (atMs: number) => run.watermarkAt('count', atMs) ?? -Infinity;
    for (const w of run.sinkWrites('out')) {
      const maxTs = (w.record.windowEnd as number) - 1;
      if (w.record.pane === 'late') {
        expect(wm(w.atMs)).toBeGreaterThanOrEqual(maxTs);
        expect(wm(w.atMs)).toBeLessThan(maxTs + 5000);
      }
    }
    expect(run.sinkWrites('out').filter((w) => w.record.pane === 'late').map((w) => pane(w.record))).toEqual([
      '[0,10000)=6 late#1',
      '[0,10000)=7 late#2',
      '[10000,20000)=6 late#1',
    ]);
  });

  it('“try” — with discarding accumulation a late pane holds only the new click; with lateness 0 the late clicks go to the side output', () => {
    const discarding = runScenario(ID, 'dataflow', (doc) => {
      nodeOf(doc, 'count').params.trigger = { kind: 'eventTime', accumulation: 'discarding' };
    });
    expect(discarding.sinkRecords('out').filter((r) => r.windowStart === 0).map((r) => r.count)).toEqual([5, 1, 1]);
    const strict = runScenario(ID, 'dataflow', (doc) => {
      nodeOf(doc, 'count').params.allowedLatenessMs = 0;
    });
    expect(strict.sinkRecords('out').filter((r) => r.pane === 'late')).toEqual([]);
    expect(strict.sideOutput('count', 'tooLate').map((e) => e.record.ts)).toEqual([7000, 4000, 2000, 16_000]);
  });

  it('micro-batch: no late firings — each window is written once, later clicks are dropped and counted', () => {
    const run = runScenario(ID, 'microbatch');
    const windows = run.sinkRecords('out').map((r) => `${r.windowStart}`);
    expect(new Set(windows).size).toBe(windows.length);
    expect(run.sinkRecords('out').some((r) => 'pane' in r)).toBe(false);
    expect(run.result.sideOutputs).toEqual({});
    expect(run.dropped('count')).toBe(2);
  });
});
