import { describe, expect, it } from 'vitest';
import { jobSchema } from '../../model/index.ts';
import type { Job } from '../../model/index.ts';
import { domainOf, windowSpans } from './plotData.ts';

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

describe('window bands and scales of the event-time figure', () => {
  const tumbling = { kind: 'tumbling' as const, sizeMs: 10_000 };
  const pane = (startMs: number, atMs: number, p: 'early' | 'onTime' | 'late' | null = 'onTime') => ({ atMs, startMs, endMs: startMs + 10_000, key: 'a', pane: p });

  it('start each window at its first record\'s arrival and close it where it first fired', () => {
    const spans = windowSpans(tumbling, [[1_000, 3_000], [4_000, 2_000], [12_000, 13_000]], [pane(0, 12_000), pane(0, 15_000, 'late')], [], 0);
    expect(spans).toEqual([
      { startMs: 0, endMs: 10_000, firstAtMs: 2_000, firedAtMs: 12_000, horizonAtMs: null },
      { startMs: 10_000, endMs: 20_000, firstAtMs: 13_000, firedAtMs: null, horizonAtMs: null },
    ]);
  });

  it('put a record of sliding windows in every window that holds it', () => {
    const spans = windowSpans({ kind: 'sliding', sizeMs: 10_000, slideMs: 5_000 }, [[7_000, 8_000]], [], [], 0);
    expect(spans.map((s) => [s.startMs, s.endMs])).toEqual([[0, 10_000], [5_000, 15_000]]);
  });

  it('mark the allowed-lateness horizon where the watermark reached end − 1 + lateness', () => {
    const spans = windowSpans(tumbling, [[1_000, 2_000]], [pane(0, 11_000)], [[11_000, 10_000], [14_000, 14_998], [16_000, 14_999]], 5_000);
    expect(spans[0]!.horizonAtMs).toBe(16_000);
  });

  it('take windows the records cannot tell (sessions) from the panes', () => {
    const spans = windowSpans({ kind: 'session', gapMs: 3_000 }, [[1_000, 2_000]], [{ atMs: 9_000, startMs: 1_000, endMs: 4_000, key: 'a', pane: 'onTime' }], [], 0);
    expect(spans).toEqual([{ startMs: 1_000, endMs: 4_000, firstAtMs: 9_000, firedAtMs: 9_000, horizonAtMs: null }]);
  });

  it('widen the scales for what the run did beyond its records: one domain for both engines in Compare', () => {
    const j = { ...job({ ratePerSec: 1, endMs: 5_000 }, 20_000), mode: 'dataflow' as const };
    const empty = { watermarkHistory: {}, panes: {}, batches: [] };
    expect(domainOf(j, 'win', empty, [[3_000, 4_000]])).toEqual({ xMax: 20_000, yMax: 20_000 });
    const later = { ...empty, panes: { win: [pane(20_000, 31_000)] } };
    expect(domainOf(j, 'win', later, [[3_000, 4_000]])).toEqual({ xMax: 30_000, yMax: 31_000 });
  });
});
