// Quiet numeric faults (issue 10 item 9): divisions by zero, overflow to Infinity, NaN and string
// timestamps are counted per node, told once as a `node.warned` fact when they start and once more
// with the total at the end, and listed in the result's `warnings`, in both modes.
import { describe, expect, it } from 'vitest';
import type { Fact } from '../model/index.ts';
import { createSimulation, runJob } from './simulation.ts';
import { filter, job, keyBy, map, pipeline, rec, sink, source, tumbling, watermark, every } from './test-support/jobs.ts';

const records = [rec(1000, 0, 'a', 0), rec(2000, 10, 'b', 1e308), rec(3000, 20, 'c', 2), rec(4000, 30, 'd', 0)];

describe('quiet numeric faults', () => {
  for (const mode of ['dataflow', 'microbatch'] as const) {
    it(`${mode}: counts divisions by zero, Infinity and bad timestamps per node`, () => {
      const j = job(
        pipeline(
          source('src', records),
          map('m', { key: 'key', ratio: '1 / value', big: 'value * 10', value: 'value' }),
          filter('f', '10 / value > 1'),
          map('t', { key: 'key', ts: "CASE WHEN value = 2 THEN 'soon' ELSE ts END" }),
          watermark('wm', 0),
          keyBy('kb'),
          tumbling('win', 10_000),
          sink('out'),
        ),
        { mode, microbatch: every(100, { outputMode: 'update' }) },
      );
      const facts: Fact[] = [];
      const sim = createSimulation(j, { onFacts: (f) => facts.push(...f) });
      sim.runToEnd();
      const r = sim.result();
      const summary = (r.warnings ?? []).map((w) => `${w.node} ${w.kind} ${w.count}`).sort();
      // m: 1/0 twice; 1e308 * 10 overflows once. f: 10/0 twice (those records are dropped).
      // t: the record with value 2 gets a string ts.
      expect(summary).toEqual(['f divisionByZero 2', 'm divisionByZero 2', 'm nonFiniteNumber 1', 't badTimestamp 1']);
      expect(r.warnings!.find((w) => w.node === 'm' && w.kind === 'divisionByZero')!.message).toBe(
        '2 divisions by zero gave null (a filter drops the record, a map writes null)',
      );
      const warned = facts.filter((f) => f.type === 'node.warned');
      // Each (node, kind) is told when it starts; a total that grew is told again at the end.
      for (const key of ['m:divisionByZero', 'f:divisionByZero', 'm:nonFiniteNumber', 't:badTimestamp']) {
        const told = warned.filter((f) => `${f.node}:${f.kind}` === key);
        expect(told.length, key).toBeGreaterThanOrEqual(1);
        expect(told.length, key).toBeLessThanOrEqual(2);
      }
    });
  }

  it('a job without faults has no warnings field', () => {
    const r = runJob(job(pipeline(source('src', [rec(1, 0)]), map('m', { v: 'value + 1' }), sink('out'))));
    expect(r.warnings).toBeUndefined();
  });
});
