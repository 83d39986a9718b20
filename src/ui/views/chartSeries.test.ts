import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { jobSchema } from '../../model/index.ts';
import type { Job } from '../../model/index.ts';
import { createWorkerApi } from '../../worker/api.ts';
import { applyPatch } from '../../telemetry/patch.ts';
import { emptyRunData } from '../../telemetry/reduceFacts.ts';
import { chartSeries, rateNames } from './chartSeries.ts';

const job = jobSchema.parse(JSON.parse(readFileSync(new URL('../../../public/scenarios/late-data.json', import.meta.url), 'utf8'))) as Job;

function runOf(mode: 'microbatch' | 'dataflow') {
  const api = createWorkerApi({ schedule: () => 0, cancel: () => {} });
  let run = emptyRunData();
  api.setListener((patches) => patches.forEach((p) => (run = applyPatch(run, p.patch))));
  api.load({ ...job, mode }, mode);
  api.runToEnd();
  api.flush();
  return run;
}

describe('chart series', () => {
  it.each(['microbatch', 'dataflow'] as const)('has rates, watermark lag and the late count over time (%s)', (mode) => {
    const run = runOf(mode);
    const points = chartSeries(job, mode, run);
    expect(points.length).toBeGreaterThan(5);
    expect(points.some((p) => p.inputPerS > 0)).toBe(true);
    expect(points.some((p) => p.watermarkLagS !== null && p.watermarkLagS > 0)).toBe(true);
    expect(points[points.length - 1]!.late).toBe(run.lateRecords.length);
    expect(run.lateRecords.length).toBeGreaterThan(0);
    expect(points.every((p, i) => i === 0 || p.atS >= points[i - 1]!.atS)).toBe(true);
  });
});

describe('rate names', () => {
  it('calls Spark\'s rows ÷ batch duration processedRowsPerSecond, and says "written" only of Flink\'s sinks', () => {
    expect(rateNames('microbatch').output).toMatch(/^processedRowsPerSecond/);
    expect(rateNames('microbatch').output).not.toMatch(/written/);
    expect(rateNames('microbatch').input).toBe('inputRowsPerSecond');
    expect(rateNames('dataflow').output).toMatch(/^written/);
  });
});
