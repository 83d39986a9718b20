// Properties of the sweep over random generated jobs (issue 14): a source generator with random rate,
// keys, disorder and late records, a watermark, a keyed tumbling window with the default event-time
// trigger and no early firings, a sink. In dataflow mode a larger watermark delay never lowers
// completeness and never shortens latency; a delay beyond all disorder gives completeness 1; the
// same seed gives the same sweep byte for byte.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JobInput } from '../model/index.ts';
import { generatorSource, graph, keyBy, pipeline, sink, tumbling, watermark } from '../engine/test-support/jobs.ts';
import { planSweep, sweepCsv, sweepJson } from '../model/index.ts';
import { runSweep } from './runSweep.ts';

type Spec = {
  seed: number;
  ratePerSec: number;
  endMs: number;
  keys: number;
  maxOutOfOrdernessMs: number;
  late: { fraction: number; byMs: number } | null;
  partitions: number;
  sizeMs: number;
  allowedLatenessMs: number;
  autoWatermarkIntervalMs: number;
};

const specArb: fc.Arbitrary<Spec> = fc.record({
  seed: fc.integer({ min: 0, max: 1000 }),
  ratePerSec: fc.integer({ min: 5, max: 60 }),
  endMs: fc.integer({ min: 1000, max: 8000 }),
  keys: fc.integer({ min: 1, max: 3 }),
  maxOutOfOrdernessMs: fc.integer({ min: 0, max: 4000 }),
  late: fc.option(fc.record({ fraction: fc.double({ min: 0, max: 0.3, noNaN: true }), byMs: fc.integer({ min: 0, max: 8000 }) }), { nil: null }),
  partitions: fc.integer({ min: 1, max: 3 }),
  sizeMs: fc.integer({ min: 200, max: 5000 }),
  allowedLatenessMs: fc.constantFrom(0, 0, 1000, 3000),
  autoWatermarkIntervalMs: fc.constantFrom(50, 200, 500),
});

function jobOf(s: Spec): JobInput {
  const generator = {
    ratePerSec: s.ratePerSec,
    keys: s.keys,
    value: { kind: 'constant' as const, value: 1 },
    maxOutOfOrdernessMs: s.maxOutOfOrdernessMs,
    ...(s.late ? { late: s.late } : {}),
    startMs: 0,
    endMs: s.endMs,
  };
  const g = graph([
    pipeline(
      generatorSource('src', generator, { partitions: s.partitions }),
      watermark('wm', 0),
      keyBy('kb'),
      tumbling('win', s.sizeMs, { allowedLatenessMs: s.allowedLatenessMs }),
      sink('out'),
    ),
  ]);
  return {
    format: 'streamlab.job/v1',
    name: 'property',
    mode: 'dataflow',
    settings: { seed: s.seed, dataflow: { autoWatermarkIntervalMs: s.autoWatermarkIntervalMs } },
    nodes: g.nodes,
    edges: g.edges,
  };
}

const disorderOf = (s: Spec) => s.maxOutOfOrdernessMs + (s.late ? s.late.byMs : 0);

describe('sweep properties (dataflow, default event-time trigger, no early firings)', () => {
  it('a larger watermark delay never lowers completeness and never shortens latency', () => {
    fc.assert(
      fc.property(specArb, fc.uniqueArray(fc.integer({ min: 0, max: 15_000 }), { minLength: 2, maxLength: 4 }), (s, delays) => {
        const values = [...delays].sort((a, b) => a - b);
        const doc = runSweep(planSweep(jobOf(s), 'nodes.wm.params.delayMs', values, 'dataflow'));
        for (let i = 1; i < doc.points.length; i++) {
          const a = doc.points[i - 1];
          const b = doc.points[i];
          expect(b.completeness!).toBeGreaterThanOrEqual(a.completeness!);
          if (a.latencyP50Ms !== null && b.latencyP50Ms !== null) {
            expect(b.latencyP50Ms).toBeGreaterThanOrEqual(a.latencyP50Ms);
            expect(b.latencyP95Ms!).toBeGreaterThanOrEqual(a.latencyP95Ms!);
          }
        }
      }),
      { numRuns: 25 },
    );
  }, 120_000);

  it('a delay beyond all disorder gives completeness 1', () => {
    fc.assert(
      fc.property(specArb, fc.integer({ min: 0, max: 5000 }), (s, extra) => {
        const doc = runSweep(planSweep(jobOf(s), 'nodes.wm.params.delayMs', [disorderOf(s) + extra], 'dataflow'));
        expect(doc.points[0]).toMatchObject({ completeness: 1, lateRecords: 0, droppedLate: 0 });
      }),
      { numRuns: 25 },
    );
  }, 120_000);

  it('the same seed gives the same sweep, byte for byte (JSON and CSV)', () => {
    fc.assert(
      fc.property(specArb, (s) => {
        const run = () => runSweep(planSweep(jobOf(s), 'nodes.wm.params.delayMs', [0, 1000, 5000], 'both'));
        const a = run();
        const b = run();
        expect(sweepJson(b)).toBe(sweepJson(a));
        expect(sweepCsv(b)).toBe(sweepCsv(a));
      }),
      { numRuns: 10 },
    );
  }, 120_000);
});
