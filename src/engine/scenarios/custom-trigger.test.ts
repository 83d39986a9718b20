// Scenario 6, a custom trigger: two windows with the same early (processing-time delay), on-time and
// late (every late element) trigger, one accumulating and one discarding (spec §2.4, §2.6;
// job-format "trigger"). The accumulating panes are running totals; the discarding panes hold what
// came in since the last firing and add up to the same totals. Spark has no per-window trigger: in
// micro-batch mode both windows write the same rows.
import { describe, expect, it } from 'vitest';
import type { SinkWrite } from '../../model/index.ts';
import { readScenario, runScenario } from '../test-support/scenarios.ts';

const ID = 'custom-trigger';
const EARLY_DELAY_MS = 2000;
const LATENESS_MS = 10_000;

const panes = (writes: SinkWrite[], windowStart: number) => writes.filter((w) => w.record.windowStart === windowStart);
const show = (w: SinkWrite) => `${w.record.pane}=${w.record.score}`;

describe(`scenario ${ID}`, () => {
  const df = runScenario(ID, 'dataflow');
  const acc = df.sinkWrites('accOut');
  const disc = df.sinkWrites('discOut');
  const windowStarts = [...new Set(acc.map((w) => w.record.windowStart as number))].sort((a, b) => a - b);

  it('dataflow: the first window’s panes, accumulating and discarding, are those the narrative names', () => {
    expect(panes(acc, 0).map(show)).toEqual(['early=5', 'early=10', 'onTime=12', 'late=17', 'late=20']);
    expect(panes(disc, 0).map(show)).toEqual(['early=5', 'early=5', 'onTime=2', 'late=5', 'late=3']);
  });

  it('dataflow: per window, panes go early → on time → late, fired at the same moments in both windows', () => {
    expect(windowStarts).toEqual([0, 10_000, 20_000]);
    for (const start of windowStarts) {
      const a = panes(acc, start);
      const kinds = a.map((w) => w.record.pane as string).join(' ');
      expect(kinds).toMatch(/^(early )*onTime( late)*$/);
      expect(a.map((w) => w.record.paneIndex)).toEqual(a.map((_, i) => i));
      expect(panes(disc, start).map((w) => [w.atMs, w.record.pane])).toEqual(a.map((w) => [w.atMs, w.record.pane]));
    }
  });

  it('dataflow: accumulating panes are running totals of the discarding ones', () => {
    for (const start of windowStarts) {
      let total = 0;
      const running = panes(disc, start).map((w) => (total += w.record.score as number));
      expect(panes(acc, start).map((w) => w.record.score)).toEqual(running);
    }
  });

  it('dataflow: an early firing comes 2 s after a pane’s first score arrived, and only before the window is on time', () => {
    const scores = readScenario(ID).nodes[0].params.records as { ts: number; at: number }[];
    for (const start of windowStarts) {
      const list = panes(acc, start);
      const onTime = list.find((w) => w.record.pane === 'onTime')!;
      const arrivals = new Set(scores.filter((r) => r.ts >= start && r.ts < start + 10_000).map((r) => r.at));
      for (const w of list.filter((x) => x.record.pane === 'early')) {
        expect(w.atMs).toBeLessThan(onTime.atMs);
        expect(arrivals.has(w.atMs - EARLY_DELAY_MS), `early pane at ${w.atMs}`).toBe(true);
      }
    }
    expect(panes(acc, 0)[0].atMs).toBe(1500 + EARLY_DELAY_MS); // the first score arrives at 1.5 s
  });

  it('dataflow: a score past the allowed lateness is dropped by both windows', () => {
    for (const node of ['accumulating', 'discarding']) {
      expect(df.late(node).map((l) => [l.record.ts, l.to])).toEqual([[5000, 'dropped']]);
      expect(df.late(node)[0].watermarkMs).toBeGreaterThanOrEqual(9999 + LATENESS_MS);
    }
  });

  it('micro-batch: no per-window triggers — both windows write the same rows at the same batches', () => {
    const mb = runScenario(ID, 'microbatch');
    const rows = (id: string) => mb.sinkWrites(id).map((w) => [w.batchId, w.atMs, w.record.windowStart, w.record.score]);
    expect(rows('accOut').length).toBeGreaterThan(0);
    expect(rows('discOut')).toEqual(rows('accOut'));
  });
});
