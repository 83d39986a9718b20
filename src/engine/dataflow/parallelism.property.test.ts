// Property (issue 11): for input with no late records, any parallelism (1–4 per node) gives the same
// window results as parallelism 1 — only timing differs — and no subtask's watermark ever goes back.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Fact } from '../../model/index.ts';
import { createSimulation } from '../simulation.ts';
import { byWindow, windowRow } from '../test-support/harness.ts';
import { generatorSource, job, keyBy, pipeline, sink, sliding, tumbling, watermark } from '../test-support/jobs.ts';

type Shape = { partitions: number; par: number[]; sliding: boolean; ooo: number; keys: number; costMs: number; seed: number };

function build(s: Shape, parallel: boolean) {
  const p = (i: number) => (parallel ? { parallelism: s.par[i] } : {});
  const win = s.sliding ? sliding('win', 2000, 1000, { ...p(3), costMs: s.costMs }) : tumbling('win', 1000, { ...p(3), costMs: s.costMs });
  return job(
    pipeline(
      generatorSource('src', { ratePerSec: 300, keys: s.keys, endMs: 3000, maxOutOfOrdernessMs: s.ooo }, { partitions: s.partitions, ...p(0) }),
      watermark('wm', s.ooo, p(1)),
      keyBy('kb', 'key', p(2)),
      win,
      sink('out', p(4)),
    ),
    { mode: 'dataflow', seed: s.seed },
  );
}

function run(s: Shape, parallel: boolean) {
  const facts: Fact[] = [];
  const sim = createSimulation(build(s, parallel), { onFacts: (batch) => facts.push(...batch) });
  sim.runToEnd();
  const result = sim.result();
  sim.dispose();
  return { result, facts };
}

describe('parallelism (dataflow)', () => {
  it('any parallelism 1–4 per node gives the window results of parallelism 1, and no subtask’s watermark goes back', () => {
    fc.assert(
      fc.property(
        fc.record({
          partitions: fc.integer({ min: 1, max: 3 }),
          par: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 5, maxLength: 5 }),
          sliding: fc.boolean(),
          ooo: fc.constantFrom(0, 50, 300),
          keys: fc.integer({ min: 1, max: 12 }),
          costMs: fc.constantFrom(0, 1, 3),
          seed: fc.integer({ min: 1, max: 1000 }),
        }),
        (s) => {
          const one = run(s, false);
          const many = run(s, true);
          expect(one.result.lateRecords).toEqual([]);
          expect(many.result.lateRecords).toEqual([]);
          const rows = (r: typeof one) => byWindow(r.result.sinks.out.map((w) => windowRow(w.record, false)));
          expect(rows(many)).toEqual(rows(one));
          const last = new Map<string, number>();
          for (const f of many.facts) {
            if (f.type !== 'subtasks.sampled') continue;
            for (const [node, list] of Object.entries(f.nodes)) {
              for (const e of list) {
                const k = `${node}#${e.index}`;
                const w = e.watermarkMs ?? -Infinity;
                expect(w, k).toBeGreaterThanOrEqual(last.get(k) ?? -Infinity);
                last.set(k, w);
              }
            }
          }
          // The sampled subtasks are the nodes' parallelism (a window keyed by keyBy runs at its own).
          expect(many.result.subtasks!.win).toHaveLength(s.par[3]);
          expect(many.result.subtasks!.src).toHaveLength(s.par[0]);
        },
      ),
      { numRuns: 25, seed: 11 },
    );
  }, 120_000);
});
