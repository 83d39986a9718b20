import { describe, expect, it } from 'vitest';
import { job, keyBy, pipeline, rec, sink, source, tumbling, watermark } from '../engine/test-support/jobs.ts';
import { planSweep } from '../model/index.ts';
import { runSweep } from '../engine/index.ts';
import { createSweepWorkerApi } from './sweepApi.ts';

const doc = job(pipeline(source('src', [rec(1000, 100), rec(12_000, 300), rec(2000, 900)]), watermark('wm', 0), keyBy('kb'), tumbling('win', 10_000), sink('out')));

describe('the sweep worker API', () => {
  it('gives the metrics the command line gives for the same job and mode', () => {
    const api = createSweepWorkerApi();
    const cli = runSweep(planSweep(doc, 'nodes.wm.params.delayMs', [0], 'both')).points;
    for (const point of cli) {
      const out = api.runPoint(JSON.parse(JSON.stringify(doc)), point.mode);
      const { value: _v, mode: _m, ...metrics } = point;
      expect(out).toEqual({ ok: true, metrics });
    }
    expect(cli[1]).toMatchObject({ mode: 'dataflow', lateRecords: 1 });
  });

  it('answers a refused job or mode with problems', () => {
    const api = createSweepWorkerApi();
    const out = api.runPoint({ ...doc, nodes: [] }, 'dataflow');
    expect(out.ok).toBe(false);
    expect(api.runPoint(doc, 'spark' as never)).toEqual({ ok: false, problems: [{ path: 'mode', message: 'expected microbatch or dataflow, got "spark"' }] });
  });
});
