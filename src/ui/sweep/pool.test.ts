import { describe, expect, it } from 'vitest';
import { job, keyBy, pipeline, rec, sink, source, tumbling, watermark } from '../../engine/test-support/jobs.ts';
import { planSweep, sweepTasks } from '../../model/index.ts';
import { runSweep } from '../../engine/index.ts';
import { createSweepWorkerApi } from '../../worker/sweepApi.ts';
import { createSweepPool, poolSize, type SweepRunner } from './pool.ts';

const doc = job(pipeline(source('src', [rec(1000, 100), rec(12_000, 300), rec(2000, 900)]), watermark('wm', 0), keyBy('kb'), tumbling('win', 10_000), sink('out')));

/** Runners over the real worker API, answering asynchronously; counts runs and terminations. */
function fakes() {
  const api = createSweepWorkerApi();
  const stats = { started: 0, terminated: 0, runs: 0 };
  const start = (): SweepRunner => {
    stats.started++;
    return {
      runPoint: (j, mode) => new Promise((resolve) => setTimeout(() => (stats.runs++, resolve(api.runPoint(j, mode))), 1)),
      terminate: () => void stats.terminated++,
    };
  };
  return { start, stats };
}

describe('the sweep worker pool', () => {
  it('uses the cores less one, at least one', () => {
    expect(poolSize(8)).toBe(7);
    expect(poolSize(1)).toBe(1);
    expect(poolSize(undefined)).toBe(1);
  });

  it('gives the points the command line gives, in order, and runs a repeated job once', async () => {
    // A dataflow setting does not change the micro-batch run: 3 values × 2 modes = 4 runs.
    const plan = planSweep(doc, 'settings.dataflow.autoWatermarkIntervalMs', [100, 200, 500], 'both');
    const { start, stats } = fakes();
    const pool = createSweepPool(3, start);
    const progress: number[] = [];
    const out = await pool.run(sweepTasks(plan), (_p, _i, done) => progress.push(done));
    expect(out.status).toBe('done');
    expect(out.points).toEqual(runSweep(plan).points);
    expect(stats.runs).toBe(4);
    expect(progress).toEqual([1, 2, 3, 4, 5, 6].slice(0, progress.length));
    expect(progress.at(-1)).toBe(6);
    expect(stats.terminated).toBe(stats.started);
  });

  it('stops on cancel: the workers are terminated and the points so far kept', async () => {
    const plan = planSweep(doc, 'nodes.wm.params.delayMs', [0, 1000, 2000, 3000, 4000, 5000], 'dataflow');
    const { start, stats } = fakes();
    const pool = createSweepPool(1, start);
    const running = pool.run(sweepTasks(plan), (_p, _i, done) => {
      if (done === 2) pool.cancel();
    });
    const out = await running;
    expect(out.status).toBe('cancelled');
    expect(out.points).toHaveLength(2);
    expect(stats.terminated).toBe(1);
  });

  it('reports a refused job as failed', async () => {
    const plan = planSweep(doc, 'nodes.wm.params.delayMs', [0], 'dataflow');
    const start = (): SweepRunner => ({ runPoint: async () => ({ ok: false, problems: [{ path: 'nodes', message: 'bad' }] }), terminate: () => {} });
    const out = await createSweepPool(2, start).run(sweepTasks(plan), () => {});
    expect(out).toEqual({ status: 'failed', points: [], message: 'nodes: bad' });
  });
});
