// The benchmark's workloads, scaled down to 10k records: the engine's window counts must match the
// tight loop's exactly (correctness only; speed is reported by `npm run bench`, never asserted).
import { describe, expect, it } from 'vitest';
import { checkRun, runEngine, runTightLoop, withRecords, workloads } from './workloads.ts';

describe('benchmark workloads at 10k records', () => {
  for (const full of workloads) {
    it(`${full.name}: emitted + unemitted + late + filtered = input, window by window`, () => {
      const w = withRecords(full, 10_000);
      const engine = runEngine(w);
      const check = checkRun(w, engine, runTightLoop(w));
      expect(check.problems).toEqual([]);
      expect(check.total).toBe(10_000);
      expect(check.emitted).toBeGreaterThan(0);
      // Micro-batch append mode never emits the windows the last watermark did not pass.
      if (w.mode === 'microbatch') expect(check.notEmitted).toBeGreaterThan(0);
      else expect(check.notEmitted).toBe(0);
    });
  }

  it('catches a wrong engine: a changed count fails the check', () => {
    const w = withRecords(workloads[0], 10_000);
    const engine = runEngine(w);
    const i = engine.counts.counts.findIndex((c) => c > 0);
    engine.counts.counts[i]++;
    expect(checkRun(w, engine, runTightLoop(w)).ok).toBe(false);
  });
});
