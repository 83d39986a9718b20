import { describe, expect, it } from 'vitest';
import type { Fact } from '../index.ts';
import { createSimulation } from '../../engine/index.ts';
import { every, job, keyBy, pipeline, rec, sink, sliding, source, tumbling, watermark } from '../../engine/test-support/jobs.ts';
import { createSweepMetrics, percentile } from './metricsFold.ts';

const fired = (over: Partial<Extract<Fact, { type: 'window.fired' }>>): Fact => ({
  type: 'window.fired',
  atMs: 0,
  node: 'win',
  key: 'a',
  windowStartMs: 0,
  windowEndMs: 10_000,
  pane: 'onTime',
  paneIndex: 0,
  record: {},
  ...over,
});

const small = job(pipeline(source('src', [rec(1000, 0)]), watermark('wm', 0), keyBy('kb'), tumbling('win', 10_000), sink('out')));

describe('the sweep metrics fold', () => {
  it('counts the first non-early result of each window against the records that reached windows', () => {
    const m = createSweepMetrics(small);
    m.add({ type: 'record.emitted', atMs: 100, from: 'kb', to: 'win', fromPort: 'out', count: 10 });
    m.add({ type: 'record.emitted', atMs: 100, from: 'src', to: 'wm', fromPort: 'out', count: 99 });
    m.add(fired({ atMs: 11_000, pane: 'early', inputCount: 2 }));
    m.add(fired({ atMs: 12_000, pane: 'onTime', paneIndex: 1, inputCount: 4 }));
    m.add(fired({ atMs: 13_000, pane: 'late', paneIndex: 2, inputCount: 5 }));
    m.add(fired({ atMs: 25_000, key: 'b', windowStartMs: 10_000, windowEndMs: 20_000, pane: 'late', inputCount: 3 }));
    const r = m.metrics();
    expect(r.completeness).toBe(0.7); // 4 (a's on-time pane) + 3 (b's first, late, pane) of 10
    expect(r.latencyP50Ms).toBe(2000);
    expect(r.latencyP95Ms).toBe(5000);
    expect(r.resultsEmitted).toBe(4);
    expect(r.revisions).toBe(2);
  });

  it('counts late records, drops as the result counter does, peak state and transactional visibility', () => {
    const m = createSweepMetrics(small);
    m.add({ type: 'record.late', atMs: 1, node: 'win', record: {}, watermarkMs: 0, to: 'dropped', dropCount: 2 });
    m.add({ type: 'record.late', atMs: 1, node: 'win', record: {}, watermarkMs: 0, to: 'late' });
    m.add({ type: 'record.late', atMs: 1, node: 'win', record: {}, watermarkMs: 0, to: 'dropped' });
    m.add(fired({ stateRows: 7 }));
    m.add(fired({ stateRows: 3, key: 'b' }));
    m.add({ type: 'record.written', atMs: 100, node: 'out', write: { record: {}, atMs: 100, visibleAtMs: null, txn: 1 } });
    m.add({ type: 'record.written', atMs: 300, node: 'out', write: { record: {}, atMs: 300, visibleAtMs: null, txn: 1 } });
    m.add({ type: 'record.written', atMs: 400, node: 'out', write: { record: {}, atMs: 400, visibleAtMs: null, txn: 2 } });
    m.add({ type: 'transaction.committed', atMs: 1000, node: 'out', txn: 1 });
    m.add({ type: 'transaction.aborted', atMs: 1000, node: 'out', txn: 2 });
    const r = m.metrics();
    expect(r).toMatchObject({ lateRecords: 3, droppedLate: 3, stateRowsPeak: 7, visibilityLatencyP50Ms: 700 });
    expect(r.completeness).toBeNull();
  });

  it('says null for visibility without a transactional sink, and takes micro-batch state from batches', () => {
    const m = createSweepMetrics(small);
    m.add({ type: 'record.written', atMs: 100, node: 'out', write: { record: {}, atMs: 100, visibleAtMs: 100 } });
    const batch = (n: number) => ({ batchId: 0, startMs: 0, endMs: 1, inputRecords: 0, watermarkMs: 0, stateRows: { win: n, other: 50 } });
    m.add({ type: 'batch.completed', atMs: 1, batch: batch(4) });
    m.add({ type: 'batch.completed', atMs: 2, batch: batch(2) });
    expect(m.metrics()).toMatchObject({ visibilityLatencyP50Ms: null, stateRowsPeak: 4 });
  });

  it('weights sliding windows by the windows each record falls in', () => {
    const j = job(pipeline(source('src', [rec(1000, 0)]), watermark('wm', 0), sliding('win', 10_000, 5000), sink('out')));
    const m = createSweepMetrics(j);
    m.add({ type: 'record.emitted', atMs: 1, from: 'wm', to: 'win', fromPort: 'out', count: 3 });
    m.add(fired({ key: undefined, windowStartMs: -5000, windowEndMs: 5000, inputCount: 3 }));
    m.add(fired({ key: undefined, windowStartMs: 0, windowEndMs: 10_000, inputCount: 2 }));
    expect(m.metrics().completeness).toBeCloseTo(5 / 6, 5);
  });

  it('nearest-rank percentiles', () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2);
    expect(percentile([1, 2, 3, 4], 0.95)).toBe(4);
  });
});

/** The metrics of one run, and its facts. */
function metricsOf(j: ReturnType<typeof job>) {
  const fold = createSweepMetrics(j);
  const facts: Fact[] = [];
  const sim = createSimulation(j, { onFacts: (fs) => fs.forEach((f) => (facts.push(f), fold.add(f))) });
  sim.runToEnd();
  return { metrics: fold.metrics(), facts };
}

describe('the engine says what the metrics need', () => {
  const records = [rec(1000, 100), rec(2000, 200), rec(12_000, 300), rec(3000, 900), rec(25_000, 1000)];

  it('dataflow: each pane counts its input; a late record is not counted in the on-time pane', () => {
    const j = job(pipeline(source('src', records), watermark('wm', 0), keyBy('kb'), tumbling('win', 10_000, { allowedLatenessMs: 60_000 }), sink('out')));
    const { metrics, facts } = metricsOf(j);
    const panes = facts.filter((f) => f.type === 'window.fired').map((f) => [f.windowStartMs, f.pane, f.inputCount]);
    expect(panes).toEqual([
      [0, 'onTime', 2],
      [0, 'late', 3],
      [10_000, 'onTime', 1],
      [20_000, 'onTime', 1],
    ]);
    expect(metrics.completeness).toBe(0.8);
    expect(metrics.revisions).toBe(1);
    expect(metrics.stateRowsPeak).toBeGreaterThan(0);
  });

  it('micro-batch: the written row carries the rows behind it', () => {
    const j = job(pipeline(source('src', records), watermark('wm', 0), keyBy('kb'), tumbling('win', 10_000), sink('out')), {
      mode: 'microbatch',
      microbatch: every(1000, { outputMode: 'update' }),
    });
    const { metrics, facts } = metricsOf(j);
    const rows = facts.filter((f) => f.type === 'window.fired').map((f) => [f.windowStartMs, f.inputCount]);
    // One batch holds all five records: the first window's row counts three of them.
    expect(rows).toEqual([
      [0, 3],
      [10_000, 1],
      [20_000, 1],
    ]);
    expect(metrics.completeness).toBe(1);
    expect(metrics.stateRowsPeak).toBe(3);
  });
});
