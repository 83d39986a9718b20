import { describe, expect, it } from 'vitest';
import type { Fact } from '../../engine/index.ts';
import { emptyRunData, flowKey, reduceFacts } from './reduceFacts.ts';
import { explain } from './explain.ts';

const facts: Fact[] = [
  { type: 'record.emitted', atMs: 100, from: 'src', to: 'win', fromPort: 'out', count: 3 },
  { type: 'record.emitted', atMs: 200, from: 'src', to: 'win', fromPort: 'out', count: 2 },
  { type: 'watermark.advanced', atMs: 200, node: 'win', watermarkMs: 1000 },
  { type: 'watermark.advanced', atMs: 400, node: 'win', watermarkMs: 9999 },
  { type: 'window.fired', atMs: 400, node: 'win', key: 'a', windowStartMs: 0, windowEndMs: 10000, pane: 'onTime', paneIndex: 0, record: { key: 'a', windowStart: 0, windowEnd: 10000, count: 5 } },
  { type: 'record.written', atMs: 400, node: 'out', write: { record: { count: 5 }, atMs: 400, visibleAtMs: 400 } },
  { type: 'record.late', atMs: 500, node: 'win', record: { ts: 900 }, watermarkMs: 9999, to: 'late' },
];

describe('reduceFacts', () => {
  it('sums flows, keeps the last watermark, appends writes and late records', () => {
    const s = reduceFacts(emptyRunData(), facts);
    expect(s.flows[flowKey('src', 'out', 'win')]).toBe(5);
    expect(s.counts.src!.out).toBe(5);
    expect(s.counts.win).toEqual({ in: 5, out: 0, late: 1, fired: 1 });
    expect(s.watermarks.win).toBe(9999);
    expect(s.sinks.out).toHaveLength(1);
    expect(s.lateRecords[0]!.to).toBe('late');
    expect(s.nowMs).toBe(500);
    expect(s.lastSignificant?.type).toBe('record.late');
  });

  it('gives the same state in one batch or in many (frames do not change the outcome)', () => {
    const once = reduceFacts(emptyRunData(), facts);
    const stepwise = facts.reduce((s, f) => reduceFacts(s, [f]), emptyRunData());
    expect(stepwise).toEqual(once);
  });

  it('leaves untouched collections as they were (narrow subscribers do not re-render)', () => {
    const a = reduceFacts(emptyRunData(), facts);
    const b = reduceFacts(a, [{ type: 'watermark.advanced', atMs: 600, node: 'win', watermarkMs: 12000 }]);
    expect(b.counts).toBe(a.counts);
    expect(b.sinks).toBe(a.sinks);
    expect(b.watermarks).not.toBe(a.watermarks);
  });
});

describe('explain', () => {
  it('narrates firings and the two paths of late records', () => {
    expect(explain(facts[4]!)).toBe('At 400 ms, win emitted window [0 ms, 10 s) for key "a": count = 5.');
    expect(explain(facts[6]!)).toContain('to the "late" side output');
    expect(explain({ ...(facts[6] as Extract<Fact, { type: 'record.late' }>), to: 'dropped' })).toContain('dropped a record with event time 900 ms');
  });
});
