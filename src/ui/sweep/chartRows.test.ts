import { describe, expect, it } from 'vitest';
import type { SweepPoint } from '../../model/index.ts';
import { chartRows, modesIn } from './chartRows.ts';

const point = (value: number, mode: 'microbatch' | 'dataflow', completeness: number, p50: number | null): SweepPoint => ({
  value,
  mode,
  completeness,
  latencyP50Ms: p50,
  latencyP95Ms: p50,
  resultsEmitted: 1,
  revisions: 0,
  lateRecords: 2,
  droppedLate: 1,
  stateRowsPeak: 3,
  visibilityLatencyP50Ms: null,
});

describe('sweep chart rows', () => {
  it('puts both engines of a value on one row, sorted by value, latency in seconds', () => {
    const rows = chartRows([point(2000, 'dataflow', 1, 2500), undefined, point(0, 'microbatch', 0.5, null), point(0, 'dataflow', 0.8, 500)]);
    expect(rows.map((r) => r.value)).toEqual([0, 2000]);
    expect(rows[0]).toMatchObject({ 'completeness:microbatch': 0.5, 'completeness:dataflow': 0.8, 'latencyP50Ms:dataflow': 0.5, 'latencyP50Ms:microbatch': null });
    expect(rows[1]['latencyP95Ms:dataflow']).toBe(2.5);
    expect(modesIn([point(0, 'dataflow', 1, 1)])).toEqual(['dataflow']);
  });
});
