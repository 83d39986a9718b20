// job-format `bounded` (source): a bounded source that has emitted its last item is finished and
// sends the end-of-input watermark (+∞), which fires every window still open; an unbounded one
// (`bounded: false`, a Kafka source without setBounded) is idle instead: no +∞, its last windows stay
// open in dataflow exactly as in micro-batch, and the job runs on to untilMs.
import { describe, expect, it } from 'vitest';
import type { Job, Mode } from '../../model/index.ts';
import { MAX_WATERMARK, parseJob } from '../../model/index.ts';
import { harness } from '../test-support/harness.ts';
import { job, keyBy, pipeline, rec, sink, source, tumbling, watermark } from '../test-support/jobs.ts';

/** Events at 1 s, 4 s, 12 s and 15 s, watermark delay 1 s: the watermark ends at 14 s − 1 ms. */
function windowJob(bounded: boolean | undefined, mode: Mode, untilMs = 30_000): Job {
  const src = source('src', [rec(1000, 1000), rec(4000, 4000), rec(12_000, 12_000), rec(15_000, 15_000)]);
  if (bounded !== undefined) (src.params as Record<string, unknown>).bounded = bounded;
  return job(pipeline(src, watermark('wm', 1000), keyBy('kb'), tumbling('win', 10_000), sink('out')), { mode, untilMs });
}

const windows = (j: Job, mode: Mode) => harness(j).mode(mode).run().windowWrites('out').map((w) => `${w.windowStart}-${w.windowEnd}`);

describe('source `bounded` (job-format)', () => {
  it('dataflow, bounded (the default): the end-of-input watermark +∞ fires the last window', () => {
    for (const j of [windowJob(undefined, 'dataflow'), windowJob(true, 'dataflow')]) {
      const run = harness(j).mode('dataflow').run();
      expect(run.windowWrites('out').map((w) => `${w.windowStart}-${w.windowEnd}`)).toEqual(['0-10000', '10000-20000']);
      expect(run.watermarks('win').at(-1)![1]).toBe(MAX_WATERMARK);
      expect(run.allFacts.some((f) => f.type === 'job.finished')).toBe(true);
    }
  });

  it('dataflow, unbounded: no +∞, the last window stays open, and the job runs on to untilMs without finishing', () => {
    const run = harness(windowJob(false, 'dataflow')).mode('dataflow').run();
    expect(run.windowWrites('out').map((w) => `${w.windowStart}-${w.windowEnd}`)).toEqual(['0-10000']);
    expect(run.watermarks('win').at(-1)![1]).toBe(13_999);
    expect(run.allFacts.some((f) => f.type === 'job.finished')).toBe(false);
    expect(run.allFacts.at(-1)!.atMs).toBeGreaterThan(25_000); // periodic samples go on while the source idles
  });

  it('micro-batch has no end-of-input watermark either way: the same windows, bounded or not; unbounded, the query waits instead of finishing', () => {
    expect(windows(windowJob(false, 'microbatch'), 'microbatch')).toEqual(windows(windowJob(true, 'microbatch'), 'microbatch'));
    expect(windows(windowJob(false, 'microbatch'), 'microbatch')).toEqual(['0-10000']);
    const bounded = harness(windowJob(true, 'microbatch')).mode('microbatch').run();
    const unbounded = harness(windowJob(false, 'microbatch')).mode('microbatch').run();
    expect(unbounded.batches).toEqual(bounded.batches);
    expect(bounded.allFacts.some((f) => f.type === 'job.finished')).toBe(true);
    expect(unbounded.allFacts.some((f) => f.type === 'job.finished')).toBe(false);
  });

  it('an unbounded source in dataflow emits what micro-batch emits: end of input is then no difference between the engines', () => {
    expect(windows(windowJob(false, 'dataflow'), 'dataflow')).toEqual(windows(windowJob(false, 'microbatch'), 'microbatch'));
    expect(windows(windowJob(true, 'dataflow'), 'dataflow')).not.toEqual(windows(windowJob(true, 'microbatch'), 'microbatch'));
  });

  it('an unbounded scripted source without untilMs stops at the default horizon, not never', () => {
    const j = windowJob(false, 'dataflow');
    delete (j.settings as { untilMs?: number }).untilMs;
    const run = harness(j).mode('dataflow').run();
    expect(run.allFacts.at(-1)!.atMs).toBeLessThanOrEqual(60_000);
  });

  it('validation: a window with no watermark over an unbounded scripted source never fires (an error, as for an endless generator)', () => {
    const bare = (bounded: boolean) => {
      const src = source('src', [rec(1000, 1000)]);
      (src.params as Record<string, unknown>).bounded = bounded;
      return job(pipeline(src, keyBy('kb'), tumbling('win', 10_000), sink('out')), { mode: 'dataflow', untilMs: 5000 });
    };
    const r = parseJob(bare(false), { mode: 'dataflow' });
    expect(r.ok).toBe(false);
    expect(r.ok ? [] : r.problems.map((p) => p.message)).toContainEqual(expect.stringMatching(/^never fires: no watermark reaches it/));
    // Bounded, the end-of-input watermark fires it once at the end: a warning only.
    const again = parseJob(bare(true), { mode: 'dataflow' });
    expect(again.ok && again.warnings.map((p) => p.message)).toContainEqual(expect.stringMatching(/^fires only when the input ends/));
  });
});
