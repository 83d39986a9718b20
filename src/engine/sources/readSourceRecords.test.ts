import { describe, expect, it } from 'vitest';
import { jobSchema } from '../../model/index.ts';
import type { Job } from '../../model/index.ts';
import { readSourceRecords } from './readSourceRecords.ts';

const job = (generator: Record<string, unknown>, untilMs?: number) => jobSchema.parse({
  format: 'streamlab.job/v1',
  settings: { seed: 3, ...(untilMs === undefined ? {} : { untilMs }) },
  nodes: [
    { id: 'src', kind: 'source', params: { generator: { keys: ['a', 'b'], ...generator } } },
    { id: 'wm', kind: 'watermark', params: { delayMs: 1000 } },
    { id: 'win', kind: 'window', params: { assigner: { kind: 'tumbling', sizeMs: 10_000 }, aggregate: { fn: 'count' } } },
  ],
  edges: [{ from: 'src', to: 'wm' }, { from: 'wm', to: 'win' }],
}) as Job;

describe('record dots of the event-time plot', () => {
  it('come from a generator source too, as the run reads them', () => {
    const { records, stride } = readSourceRecords(job({ ratePerSec: 4, endMs: 10_000, maxOutOfOrdernessMs: 500 }), 'win');
    expect(stride).toBe(1);
    expect(records).toHaveLength(40);
    expect(records[1]![1]).toBe(250); // arrival: one every 250 ms
    expect(records.every(([ts, at]) => ts <= at && ts >= at - 500)).toBe(true);
    expect(readSourceRecords(job({ ratePerSec: 4, endMs: 10_000, maxOutOfOrdernessMs: 500 }), 'win').records).toEqual(records);
  });

  it('stop at the end of the run, and thin out to stay under a cap while covering the run', () => {
    expect(readSourceRecords(job({ ratePerSec: 10 }, 5000), 'win').records).toHaveLength(51);
    const thinned = readSourceRecords(job({ ratePerSec: 10_000 }, 60_000), 'win', 100);
    expect(thinned.stride).toBe(6000);
    expect(thinned.records).toHaveLength(100);
    expect(thinned.records[99]![1]).toBeGreaterThan(59_000);
  });
});
