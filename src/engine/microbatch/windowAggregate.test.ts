// Micro-batch window aggregation details that the fast path must keep (spec §1.5, §1.11).
import { describe, expect, it } from 'vitest';
import { jobSchema } from '../../model/index.ts';
import { runJob } from '../simulation.ts';

const slidingJob = (records: { ts: number; at: number; key: string }[]) =>
  jobSchema.parse({
    format: 'streamlab.job/v1',
    mode: 'microbatch',
    settings: { microbatch: { trigger: { kind: 'processingTime', intervalMs: 1000 } } },
    nodes: [
      { id: 'src', kind: 'source', params: { records } },
      { id: 'wm', kind: 'watermark', params: { delayMs: 0 } },
      { id: 'map', kind: 'map', params: { fields: { key: 'key', value: 'ts' } } },
      { id: 'kb', kind: 'keyBy', params: { key: 'key' } },
      { id: 'w', kind: 'window', params: { assigner: { kind: 'sliding', sizeMs: 2000, slideMs: 1000 }, aggregate: { fn: 'count' } } },
      { id: 'out', kind: 'sink', params: {} },
    ],
    edges: [
      { from: 'src', to: 'wm' },
      { from: 'wm', to: 'map' },
      { from: 'map', to: 'kb' },
      { from: 'kb', to: 'w' },
      { from: 'w', to: 'out' },
    ],
  });

describe('micro-batch window aggregation', () => {
  it('§1.5 a row late for several sliding windows is one late record; the counter counts the late partials', () => {
    // Batch 0 moves the watermark to 5000, batch 1 (no data) runs with it, so batch 2 filters with it:
    // ts 1500 falls in [0, 2000) and [1000, 3000), both late.
    const result = runJob(slidingJob([{ ts: 5000, at: 0, key: 'a' }, { ts: 1500, at: 2000, key: 'a' }, { ts: 1600, at: 2000, key: 'b' }]));
    expect(result.lateRecords.map((l) => l.record.value)).toEqual([1500, 1600]);
    expect(result.droppedLate.w).toBe(4);
  });

  it('rows kept for late reports are not overwritten by later rows of the same pass', () => {
    const records = [{ ts: 9000, at: 0, key: 'a' }, ...Array.from({ length: 20 }, (_, i) => ({ ts: 100 * i, at: 2000, key: i % 2 ? 'a' : 'b' }))];
    const result = runJob(slidingJob(records));
    // Reported per partial (key b first, then a), each row once, each with its own values.
    const values = result.lateRecords.map((l) => l.record.value as number);
    expect(values.slice(0, 10)).toEqual(records.slice(1).filter((r) => r.key === 'b').map((r) => r.ts));
    expect(values.slice(10)).toEqual(records.slice(1).filter((r) => r.key === 'a').map((r) => r.ts));
  });
});
