// Scenario 5, late data (the app's default scenario): three clicks arrive after the watermark has
// passed the end of their window. Flink's window operator routes them to its side output; Spark drops
// them silently and only counts them (numRowsDroppedByWatermark) — the same three clicks (spec §1.7,
// §2.5, §3).
import { describe, expect, it } from 'vitest';
import type { Row } from '../../model/index.ts';
import { byWindow } from '../test-support/harness.ts';
import { runScenario, type Patch } from '../test-support/scenarios.ts';

const ID = 'late-data';
const key = (r: Row) => `${r.key}@${r.ts}=${r.value}`;

describe(`scenario ${ID}`, () => {
  const df = runScenario(ID, 'dataflow');
  const mb = runScenario(ID, 'microbatch');

  it('the dataflow side output holds exactly the late records that micro-batch counted as dropped', () => {
    const side = df.sideOutput('count', 'late').map((e) => key(e.record));
    const dropped = mb.result.lateRecords.filter((l) => l.node === 'count' && l.to === 'dropped').map((l) => key(l.record));
    expect(side).toEqual(['a@4500=5', 'b@9100=2', 'a@16800=4']);
    expect([...dropped].sort()).toEqual([...side].sort());
    expect(mb.dropped('count')).toBe(3); // three (key, window) partials, one row each
  });

  it('dataflow routes them to a sink and drops nothing; micro-batch has no side output at all', () => {
    expect(df.sinkRecords('lateSink').map(key)).toEqual(df.sideOutput('count', 'late').map((e) => key(e.record)));
    expect(df.result.droppedLate).toEqual({});
    expect(df.late('count').every((l) => l.to === 'late')).toBe(true);
    expect(mb.result.sideOutputs).toEqual({});
    expect(mb.sinkRecords('lateSink')).toEqual([]);
  });

  it('both modes write the same counts for the same windows: the source is unbounded, so neither closes the last one', () => {
    const counts = (run: typeof df) => byWindow(run.windows('out')).map((w) => `${w.key}[${w.windowStart}]=${w.count}`);
    expect(counts(mb)).toEqual(['a[0]=4', 'b[0]=3', 'a[10000]=2', 'b[10000]=2', 'a[20000]=2', 'b[20000]=2']);
    expect(counts(df)).toEqual(counts(mb));
  });

  it('with the source bounded, Flink also closes the last window, on the end-of-input watermark; Spark cannot', () => {
    const bounded: Patch = (doc) => {
      doc.nodes[0].params.bounded = true;
    };
    const counts = (run: typeof df) => byWindow(run.windows('out')).map((w) => `${w.key}[${w.windowStart}]=${w.count}`);
    expect(counts(runScenario(ID, 'dataflow', bounded))).toEqual([...counts(mb), 'a[30000]=1']);
    expect(counts(runScenario(ID, 'microbatch', bounded))).toEqual(counts(mb));
  });

  it('“try” — a click only a little late (4.5 s arriving at 14.2 s) still counts in Spark, not in Flink', () => {
    const earlier: Patch = (doc) => {
      const records = doc.nodes[0].params.records as { ts: number; at: number }[];
      records.find((r) => r.ts === 4500)!.at = 14_200;
      records.sort((a, b) => a.at - b.at);
    };
    const dfTry = runScenario(ID, 'dataflow', earlier);
    const mbTry = runScenario(ID, 'microbatch', earlier);
    expect(dfTry.sideOutput('count', 'late').map((e) => e.record.ts)).toContain(4500);
    expect(mbTry.result.lateRecords.map((l) => l.record.ts)).not.toContain(4500);
    expect(mbTry.windows('out').find((w) => w.key === 'a' && w.windowStart === 0)!.count).toBe(5);
  });
});
