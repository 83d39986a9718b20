// fast-check properties over random jobs and inputs (issue 2): determinism, watermarks that never go
// back, failure-free conservation of records, and agreement of the two modes on in-order input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Job, Mode, Result, Row } from '../model/index.ts';
import { runJob } from './simulation.ts';
import {
  allRecords,
  buildJob,
  generatorJobArb,
  inOrder,
  isTailWindow,
  jobSpecArb,
  withTail,
  type JobSpec,
} from './test-support/arbitraries.ts';
import { every, job, map, pipeline, rec, sink, source } from './test-support/jobs.ts';

/** Runs per property; STREAMLAB_PROPERTY_RUNS=2000 for a longer hunt. */
const RUNS = Number(process.env.STREAMLAB_PROPERTY_RUNS ?? 120);
/** Generous: the runs are fast, but a loaded machine must not turn a pass into a timeout. */
const TIMEOUT = 120_000;
const MODES: Mode[] = ['microbatch', 'dataflow'];
const run = (j: Job): Result => runJob(j);

/** The identity of a window result. */
const windowId = (r: Row) => `${String(r.key)}|${r.windowStart}|${r.windowEnd}`;

/**
 * Dataflow: the final result per (key, window) — the pane with the highest paneIndex for an
 * accumulating trigger, the sum of all panes for a discarding one.
 */
function finalDataflowCounts(result: Result, accumulation: 'accumulating' | 'discarding'): Map<string, number> {
  const last = new Map<string, { paneIndex: number; count: number }>();
  const sums = new Map<string, number>();
  for (const w of result.sinks.out) {
    const r = w.record;
    if (isTailWindow(r)) continue;
    const id = windowId(r);
    sums.set(id, (sums.get(id) ?? 0) + (r.count as number));
    const prev = last.get(id);
    if (!prev || (r.paneIndex as number) > prev.paneIndex) last.set(id, { paneIndex: r.paneIndex as number, count: r.count as number });
  }
  if (accumulation === 'discarding') return sums;
  return new Map([...last].map(([id, v]) => [id, v.count]));
}

/** Micro-batch append: every emitted window once (a second write of one window is an error). */
function appendCounts(result: Result): Map<string, number> {
  const out = new Map<string, number>();
  for (const w of result.sinks.out) {
    if (isTailWindow(w.record)) continue;
    const id = windowId(w.record);
    expect(out.has(id), `append mode wrote ${id} twice`).toBe(false);
    out.set(id, w.record.count as number);
  }
  return out;
}

const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

describe('properties over random jobs', () => {
  it('(a) the same job and seed give the same result, byte for byte (scripted sources, both modes)', () => {
    fc.assert(
      fc.property(jobSpecArb(), fc.constantFrom(...MODES), (spec, mode) => {
        const j = buildJob(withTail(spec), mode);
        expect(JSON.stringify(run(j))).toBe(JSON.stringify(run(j)));
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);

  it('(a) the same job and seed give the same result, byte for byte (generator sources, both modes)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...MODES).chain(generatorJobArb), (j) => {
        expect(JSON.stringify(run(j))).toBe(JSON.stringify(run(j)));
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  }, TIMEOUT);

  it('(b) watermarks never go back: every result.watermarks[node] and the batches’ watermarkMs are non-decreasing', () => {
    fc.assert(
      fc.property(jobSpecArb(), fc.constantFrom(...MODES), (spec, mode) => {
        const result = run(buildJob(withTail(spec), mode));
        for (const [node, list] of Object.entries(result.watermarks)) {
          for (let i = 1; i < list.length; i++) {
            expect(list[i][0], `${node} time`).toBeGreaterThanOrEqual(list[i - 1][0]);
            expect(list[i][1], `${node} watermark`).toBeGreaterThanOrEqual(list[i - 1][1]);
          }
        }
        for (let i = 1; i < result.batches.length; i++) expect(result.batches[i].watermarkMs).toBeGreaterThanOrEqual(result.batches[i - 1].watermarkMs);
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);

  it('(b) watermarks never go back, generator sources', () => {
    fc.assert(
      fc.property(fc.constantFrom(...MODES).chain(generatorJobArb), (j) => {
        const result = run(j);
        for (const list of Object.values(result.watermarks)) for (let i = 1; i < list.length; i++) expect(list[i][1]).toBeGreaterThanOrEqual(list[i - 1][1]);
        for (let i = 1; i < result.batches.length; i++) expect(result.batches[i].watermarkMs).toBeGreaterThanOrEqual(result.batches[i - 1].watermarkMs);
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  }, TIMEOUT);

  describe('(c) failure-free conservation with count aggregates over tumbling windows', () => {
    // Σ final counts + late records (side output or dropped) + records the filter removed = input.
    // Tail records (one per source, arriving last, far ahead in event time) let Spark's watermark pass
    // every other window; their own window is left out of both sides of the equation.
    const tumblingOnly = fc.constantFrom(1000, 2000, 5000, 10_000).map((sizeMs) => ({ kind: 'tumbling' as const, sizeMs }));

    const inputOf = (spec: JobSpec) => {
      const records = allRecords(spec);
      const filtered = spec.filterThreshold === null ? 0 : records.filter((r) => (r.value as number) < spec.filterThreshold!).length;
      return { n: records.length, filtered };
    };

    it('(c) dataflow: Σ last pane per (key, window) + side output + dropped + filtered = input records', () => {
      fc.assert(
        fc.property(jobSpecArb({ assigner: tumblingOnly }), (raw) => {
          const spec = withTail(raw);
          const result = run(buildJob(spec, 'dataflow'));
          const { n, filtered } = inputOf(raw);
          const late = result.lateRecords.filter((l) => l.node === 'win');
          expect(late.every((l) => l.record.key !== 'zz')).toBe(true);
          expect((result.droppedLate.win ?? 0) + (result.sideOutputs['win:late']?.length ?? 0)).toBe(late.length);
          expect(sum(finalDataflowCounts(result, spec.accumulation)) + late.length + filtered).toBe(n);
        }),
        { numRuns: RUNS },
      );
    }, TIMEOUT);

    it('(c) micro-batch append: Σ emitted windows (each once) + raw late rows + filtered = input records', () => {
      fc.assert(
        fc.property(jobSpecArb({ assigner: tumblingOnly, requireWatermark: true }), (raw) => {
          const spec = withTail(raw);
          const result = run(buildJob(spec, 'microbatch'));
          const { n, filtered } = inputOf(raw);
          // Spark's counter counts late partial groups; the raw rows are listed in lateRecords.
          const lateRows = result.lateRecords.filter((l) => l.node === 'win').length;
          expect(result.sideOutputs).toEqual({});
          expect(result.droppedLate.win ?? 0).toBeLessThanOrEqual(lateRows);
          expect(sum(appendCounts(result)) + lateRows + filtered).toBe(n);
        }),
        { numRuns: RUNS },
      );
    }, TIMEOUT);
  });

  it('(d) for in-order input, every window micro-batch append mode emits equals dataflow’s final result for it', () => {
    fc.assert(
      fc.property(jobSpecArb({ requireWatermark: true, plainTrigger: true }), (raw) => {
        const spec = withTail(inOrder({ ...raw, policy: 'min' }));
        const mbResult = run(buildJob(spec, 'microbatch'));
        const dfResult = run(buildJob(spec, 'dataflow'));
        // In-order input is never late, in either mode.
        expect(mbResult.lateRecords).toEqual([]);
        expect(dfResult.lateRecords).toEqual([]);
        const df = finalDataflowCounts(dfResult, 'accumulating');
        const mb = appendCounts(mbResult);
        for (const [id, count] of mb) expect([id, df.get(id)]).toEqual([id, count]);
        // The tail's watermark passes every other window, so micro-batch emits them all.
        expect([...mb.keys()].sort()).toEqual([...df.keys()].sort());
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);

  it('§1.2 micro-batches never overlap, for random arrivals, costs and intervals', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 0, max: 300 }),
        fc.constantFrom(0, 100, 500, 1000),
        fc.integer({ min: 0, max: 100 }),
        (ats, costMs, intervalMs, overheadMs) => {
          const records = [...ats].sort((a, b) => a - b).map((at, i) => rec(i, at));
          const j = job(pipeline(source('src', records), map('m', { value: 'value' }, { costMs }), sink('out')), {
            mode: 'microbatch',
            microbatch: every(intervalMs, { batchOverheadMs: overheadMs }),
          });
          const { batches } = run(j);
          for (let i = 0; i + 1 < batches.length; i++) expect(batches[i + 1].startMs).toBeGreaterThanOrEqual(batches[i].endMs);
          for (const b of batches) if (intervalMs > 0 && b.startMs % intervalMs !== 0) expect(batches.some((p) => p.endMs === b.startMs)).toBe(true);
          expect(batches.reduce((n, b) => n + b.inputRecords, 0)).toBe(records.length);
        },
      ),
      { numRuns: RUNS },
    );
  }, TIMEOUT);
});
