// `sweep-20-values` for `npm run bench` (issue 14): 20 watermark delays × 2 engines over a
// 100,000-record generated job (tumbling-1M's job at 100k records, with 2 s of disorder so that the
// delay matters), beside one dataflow run plus one micro-batch run of the same job as `streamlab run`
// does them (a result document each). Each side runs in a fresh process (`sweep.ts baseline|sweep`),
// as run.ts does for every workload, so that neither pays for the other's type feedback in V8.
// Reported, never asserted; the target is the (the 40 runs within 15× the two).
import { performance } from 'node:perf_hooks';
import { planSweep } from '../model/index.ts';
import { runSweep, runJob } from '../engine/index.ts';
import { findWorkload, jobOf, withRecords } from './workloads.ts';

export const SWEEP_BENCH = 'sweep-20-values';
export const SWEEP_RECORDS = 100_000;
export const SWEEP_TARGET = 15;
/** 0, 100, … 1900 ms. */
export const SWEEP_VALUES = Array.from({ length: 20 }, (_, i) => i * 100);

/** The job as a plain document (what the CLI reads), with disorder in its generator. */
export function sweepBenchDocument(): Record<string, unknown> {
  const doc = JSON.parse(JSON.stringify(jobOf(withRecords(findWorkload('tumbling-1M-dataflow'), SWEEP_RECORDS)))) as Record<string, any>;
  doc.name = SWEEP_BENCH;
  doc.nodes[0].params.generator.maxOutOfOrdernessMs = 2000;
  return doc;
}

export type SweepBenchReport = {
  part: 'baseline' | 'sweep';
  seconds: number;
  runs: number;
  /** The sweep: its first value's two runs (cold, as the baseline's are). */
  firstTwoSeconds?: number;
  checksum: string;
};

function measure(part: 'baseline' | 'sweep'): SweepBenchReport {
  const doc = sweepBenchDocument();
  const t0 = performance.now();
  let checksum: string;
  let runs: number;
  let firstTwo: number | undefined;
  if (part === 'baseline') {
    const plan = planSweep(doc, 'nodes.wm.params.delayMs', [0], 'both');
    const job = plan.jobs[0];
    const a = runJob(job, { mode: 'dataflow' });
    const b = runJob(job, { mode: 'microbatch' });
    checksum = `${a.sinks.out.length}+${b.sinks.out.length} writes`;
    runs = 2;
  } else {
    const sweep = runSweep(planSweep(doc, 'nodes.wm.params.delayMs', SWEEP_VALUES, 'both'), (_p, done) => {
      if (done === 2) firstTwo = (performance.now() - t0) / 1000;
    });
    const first = sweep.points[1];
    const last = sweep.points[sweep.points.length - 1];
    checksum = `dataflow completeness ${first.completeness} → ${last.completeness}, p50 ${first.latencyP50Ms} → ${last.latencyP50Ms} ms`;
    runs = sweep.points.length;
  }
  return { part, seconds: (performance.now() - t0) / 1000, runs, ...(firstTwo === undefined ? {} : { firstTwoSeconds: firstTwo }), checksum };
}

if (process.argv[1]?.endsWith('sweep.ts') && (process.argv[2] === 'baseline' || process.argv[2] === 'sweep')) {
  console.log(JSON.stringify(measure(process.argv[2])));
}
