import { describe, expect, it } from 'vitest';
import type { Fact } from '../model/index.ts';
import { createRunFeed, DETAILED_CHECKPOINTS } from './runFeed.ts';
import { applyPatch } from './patch.ts';
import { emptyRunData } from './reduceFacts.ts';

const checkpoint = (id: number): Fact => ({
  type: 'checkpoint.completed', atMs: id * 1000,
  checkpoint: { id, kind: 'checkpoint', triggeredAtMs: id * 1000 - 10, completedAtMs: id * 1000, status: 'completed', operators: { w: { startDelayMs: 1, alignmentMs: 0, syncMs: 1, stateRows: 3 } } },
});
const sample = (atMs: number): Fact => ({
  type: 'metrics.sampled', atMs, periodMs: 1000, edges: { 'a->b': { queued: 1, outbox: 0, capacity: 10 } }, sourceLag: { src: 2 },
  operators: Object.fromEntries(['src', 'mid', 'out'].map((id) => [id, { busyMsPerSecond: 1, backPressuredMsPerSecond: 0, idleMsPerSecond: 999, status: 'OK' as const, recordsIn: 5, recordsOut: 5, queued: 0 }])),
});

describe('engineRun feed', () => {
  it('sends the page what the fold holds, lighter only where the page does not look', () => {
    const feed = createRunFeed(new Set(['src', 'out']), new Set(['win']));
    let page = emptyRunData();
    const take = () => {
      const p = feed.take();
      if (p) page = applyPatch(page, structuredClone(p));
    };
    feed.add([checkpoint(1), sample(1000), ...(['win', 'wm'] as const).map((node): Fact => ({ type: 'watermark.advanced', atMs: 1000, node, watermarkMs: 10 }))]);
    take();
    feed.add(Array.from({ length: DETAILED_CHECKPOINTS + 20 }, (_, i) => checkpoint(i + 2)));
    feed.add([sample(2000)]);
    take();
    expect(feed.take()).toBeUndefined(); // nothing new
    const { checkpoints, sampleLog, watermarkHistory, ...rest } = page;
    const { checkpoints: all, sampleLog: log, watermarkHistory: histories, ...folded } = feed.state();
    expect(rest).toEqual(folded);
    expect(watermarkHistory).toEqual({ win: histories.win }); // only the drawn ones
    expect(rest.watermarks).toEqual({ win: 10, wm: 10 });
    expect(checkpoints.map((c) => c.id)).toEqual(all.map((c) => c.id));
    // The first came with its breakdown; of the burst, only the last DETAILED_CHECKPOINTS.
    expect(checkpoints.filter((c) => 'operators' in c).map((c) => c.id)).toEqual([1, ...all.slice(-DETAILED_CHECKPOINTS).map((c) => c.id)]);
    expect(sampleLog.map((s) => s.operators)).toEqual([1, 2].map(() => ({ src: { recordsIn: 5, recordsOut: 5 }, out: { recordsIn: 5, recordsOut: 5 } })));
    expect(sampleLog.map((s) => s.sourceLag)).toEqual(log.map((s) => s.sourceLag));
  });
});
