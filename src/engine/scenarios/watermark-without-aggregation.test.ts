// Scenario 4, a watermark without aggregation: source → watermark → dropLate → sink. Flink's dropLate
// (a ProcessFunction comparing each record with the current watermark) sends late views to its side
// output (spec §2.7); Spark's withWatermark filters nothing in a stateless query, so every view
// passes, and the editor warns that dropLate has no effect there (§1.4, §1.5, §3).
import { describe, expect, it } from 'vitest';
import { parseScenario, readScenario, runScenario } from '../test-support/scenarios.ts';

const ID = 'watermark-without-aggregation';
/** Event times of the four views that arrive after the watermark has passed them. */
const LATE = [1500, 6500, 4000, 9000];

describe(`scenario ${ID}`, () => {
  const all = (readScenario(ID).nodes[0].params.records as { ts: number }[]).map((r) => r.ts);

  it('micro-batch: every view reaches the sink, none is found late, and the editor says why', () => {
    const run = runScenario(ID, 'microbatch');
    expect(run.sinkRecords('out').map((r) => r.ts)).toEqual(all);
    expect(run.sinkRecords('lateOut')).toEqual([]);
    expect(run.result.lateRecords).toEqual([]);
    expect(run.result.droppedLate).toEqual({});
    expect(run.notes('dropLate').join('\n')).toMatch(/no effect in micro-batch mode/);
    expect(parseScenario(ID, 'microbatch').warnings.map((w) => w.path)).toEqual(['nodes[2]']);
  });

  it('dataflow: dropLate sends exactly the late views to its side output, each behind the watermark it saw', () => {
    const run = runScenario(ID, 'dataflow');
    expect(run.sideOutput('dropLate', 'late').map((e) => e.record.ts)).toEqual(LATE);
    expect(run.sinkRecords('lateOut').map((r) => r.ts)).toEqual(LATE);
    expect(run.sinkRecords('out').map((r) => r.ts)).toEqual(all.filter((ts) => !LATE.includes(ts)));
    for (const l of run.late('dropLate')) expect(l.record.ts as number).toBeLessThanOrEqual(l.watermarkMs);
    expect(run.dropped('dropLate')).toBe(0);
  });

  it('dataflow: a view out of order by less than the delay (13.2 s arriving at 14.3 s) is not late', () => {
    const run = runScenario(ID, 'dataflow');
    expect(run.sinkRecords('out').some((r) => r.ts === 13_200)).toBe(true);
  });

  it('“try” — with a window after dropLate, Spark drops late rows too, inside the aggregation', () => {
    const run = runScenario(ID, 'microbatch', (doc) => {
      doc.nodes.push(
        { id: 'byUser', kind: 'keyBy', params: { key: 'key' } },
        { id: 'count', kind: 'window', params: { assigner: { kind: 'tumbling', sizeMs: 5000 }, aggregate: { fn: 'count', as: 'views' } } },
      );
      doc.edges = doc.edges.filter((e) => !(e.from === 'dropLate' && e.to === 'out'));
      doc.edges.push({ from: 'dropLate', to: 'byUser' }, { from: 'byUser', to: 'count' }, { from: 'count', to: 'out' });
    });
    expect(run.dropped('count')).toBeGreaterThan(0);
  });
});
