import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jobSchema, planSweep } from '../../model/index.ts';
import { generatorSource, job, keyBy, pipeline, rec, sink, source, tumbling, watermark } from '../../engine/test-support/jobs.ts';
import { initialRange, suggestedSweeps, sweepParameters } from './parameters.ts';

const scenario = (id: string) => jobSchema.parse(JSON.parse(readFileSync(join(__dirname, '../../../public/scenarios', `${id}.json`), 'utf8')));

describe('what the app can sweep', () => {
  it('lists each watermark delay, allowed lateness, early firing, generator disorder, trigger and checkpoint interval', () => {
    const j = job(
      pipeline(
        generatorSource('gen', { ratePerSec: 10, keys: 2, maxOutOfOrdernessMs: 3000, endMs: 1000 }),
        watermark('wm', 2000),
        keyBy('kb'),
        tumbling('win', 10_000, { trigger: { kind: 'eventTime', early: { kind: 'processingTimeInterval', intervalMs: 5000 } } }),
        sink('out'),
      ),
      { dataflow: { checkpointing: { intervalMs: 5000 } }, microbatch: { trigger: { kind: 'processingTime', intervalMs: 1000 } } },
    );
    const params = sweepParameters(j);
    expect(params.map((p) => [p.path, p.current])).toEqual([
      ['nodes.gen.params.generator.maxOutOfOrdernessMs', 3000],
      ['nodes.wm.params.delayMs', 2000],
      ['nodes.win.params.allowedLatenessMs', 0],
      ['nodes.win.params.trigger.early.intervalMs', 5000],
      ['settings.microbatch.trigger.intervalMs', 1000],
      ['settings.dataflow.checkpointing.intervalMs', 5000],
    ]);
    // Every default range is a sweep the command line accepts.
    for (const p of params) {
      expect(p.from).toBeGreaterThanOrEqual(p.min);
      const values: number[] = [];
      for (let v = p.from; v <= p.to; v += p.step) values.push(v);
      expect(values.length).toBeLessThanOrEqual(200);
      expect(() => planSweep(j, p.path, values, 'both')).not.toThrow();
    }
    expect(params[1]).toMatchObject({ from: 0, to: 10_000, step: 1000, node: 'wm' });
  });

  it('reads a scenario’s suggested sweeps, ignoring those that name nothing', () => {
    const j = { ...job(pipeline(source('src', [rec(1, 1)]), watermark('wm', 0), tumbling('win', 1000), sink('out'))), sweep: [{ parameter: 'nodes.x.params.delayMs', from: 0, to: 1, step: 1 }, { parameter: 'nodes.wm.params.delayMs', from: 0, to: 4000, step: 500 }] };
    expect(suggestedSweeps(j)).toEqual([{ path: 'nodes.wm.params.delayMs', from: 0, to: 4000, step: 500, modes: 'both' }]);
    expect(initialRange(j)).toEqual(suggestedSweeps(j)[0]);
  });

  it('the built-in scenarios that teach the trade-off suggest sweeps of their own fields', () => {
    expect(suggestedSweeps(scenario('late-data')).map((s) => s.path)).toEqual(['nodes.wm.params.delayMs', 'nodes.count.params.allowedLatenessMs']);
    expect(suggestedSweeps(scenario('team-score-heuristic')).map((s) => [s.path, s.from, s.to])).toEqual([['nodes.total.params.allowedLatenessMs', 0, 300_000]]);
    expect(suggestedSweeps(scenario('allowed-lateness'))).toHaveLength(2);
  });
});
