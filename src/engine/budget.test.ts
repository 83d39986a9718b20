// The run's budget (job/limits.ts RUN_BUDGET): a run that grows past it stops itself with a
// `run.limitReached` fact and a partial result that says so, in both modes; a run inside it is whole.
import { describe, expect, it } from 'vitest';
import type { Fact, Mode } from '../model/index.ts';
import { createSimulation, runJob } from './simulation.ts';
import { generatorSource, job, keyBy, pipeline, sink, tumbling, watermark, every } from './test-support/jobs.ts';

const manyKeys = (mode: Mode) =>
  job(
    pipeline(generatorSource('src', { ratePerSec: 1000, keys: 100_000, endMs: 10_000 }), watermark('wm', 0), keyBy('kb'), tumbling('win', 60_000), sink('out')),
    { mode, microbatch: every(1000, { outputMode: 'update' }) },
  );

describe('run budget', () => {
  for (const mode of ['dataflow', 'microbatch'] as const) {
    it(`${mode}: stops at the state-row budget with a fact and result.limitReached`, () => {
      const facts: Fact[] = [];
      const sim = createSimulation(manyKeys(mode), { budget: { stateRows: 2000 }, onFacts: (f) => facts.push(...f) });
      sim.runToEnd();
      const r = sim.result();
      const fact = facts.find((f) => f.type === 'run.limitReached');
      expect(fact).toMatchObject({ type: 'run.limitReached', limit: 'stateRows', budget: 2000 });
      expect(r.limitReached?.limit).toBe('stateRows');
      expect(r.limitReached?.message).toMatch(/^the run stopped at [\d,]+ ms of processing time holding [\d,]+ rows of operator state; at most 2,000 \(/);
      expect(sim.nowMs()).toBeLessThan(10_000);
      // Within its default budget the same job runs to the end.
      expect(runJob(manyKeys(mode)).limitReached).toBeUndefined();
    });

    it(`${mode}: stops at the records-handled, result-row and event budgets`, () => {
      const steps = runJob(manyKeys(mode), { budget: { recordSteps: 5000 } });
      expect(steps.limitReached).toMatchObject({ limit: 'recordSteps' });
      expect(steps.limitReached!.message).toMatch(/after its operators had handled [\d,]+ records; at most 5,000/);
      const rows = runJob(job(pipeline(generatorSource('src', { ratePerSec: 1000, keys: 3, endMs: 10_000 }), sink('out')), { mode }), { budget: { resultRows: 500 } });
      expect(rows.limitReached).toMatchObject({ limit: 'resultRows' });
      const written = Object.values(rows.sinks).reduce((n, w) => n + w.length, 0);
      expect(written).toBeLessThan(5000);
      const events = runJob(manyKeys(mode), { budget: { events: 3 } });
      expect(events.limitReached).toMatchObject({ limit: 'events' });
    });
  }
});
